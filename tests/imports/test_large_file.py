"""Large enough (issue 14, part 1): a register file is imported with work that grows in step
with its rows, never faster, and the dry run reads the database with as many queries for a small
file as for a large one. How long 40 networks, 1,000 people and 2,000 memberships take is a
figure, printed by bench/import_register.py (SPEC: speed is measured by benchmarks, not by timed
tests); this file checks what makes it so, whatever the machine."""

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

from samverkan.cooperation.models import Area
from samverkan.imports.reading import Source
from samverkan.imports.services import import_register
from samverkan.networks.models import Membership, Network
from samverkan.people.access import viewer_for
from samverkan.people.models import Person
from tests.helpers import assert_same_queries, capture_queries
from tests.imports.helpers import large_register, xlsx


def register(cast, **sizes):
    areas = list(Area.objects.values_list("name", flat=True))
    munis = list(cast.municipalities)
    return Source("register.xlsx", xlsx(large_register(areas=areas, municipalities=munis, **sizes)))


@contextlib.contextmanager
def counted() -> Iterator[list[int]]:
    """The number of statements sent in the block, in `[0]`: every one, where Django's query
    log keeps only the last 9,000."""
    count = [0]

    def count_one(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_one):
        yield count


def test_the_import_grows_in_step_with_the_file_not_faster(cast):
    """A file four times as large costs at most four times the queries of the small one (a
    query per row is the import's design: each row goes through its service, with its history
    and notices; a query per row per stored row, or a quadratic loop, fails here). The large
    file is then imported for real, and once more, which changes nothing."""
    Area.objects.create(name="Bibliotek", slug="bibliotek")
    actor = cast.user("secretariat")
    viewer_for(actor)  # resolved once, as on a page
    small = register(cast, networks=5, people=50, memberships=100)
    large = register(cast, networks=20, people=200, memberships=400)
    sid = transaction.savepoint_create()
    with counted() as few:
        assert import_register(actor, [small], dry_run=False).applied
    transaction.savepoint_rollback(sid)
    people, memberships = Person.objects.count(), Membership.objects.count()
    with counted() as many:
        report = import_register(actor, [large], dry_run=False)
    assert report.applied, report.lines()[:20]
    assert Network.objects.count() == 2 + 20
    assert Person.objects.count() == people + 200
    assert Membership.objects.count() == memberships + 400
    print(f"queries: {few[0]} for the small file, {many[0]} for the large one")
    assert many[0] <= 4 * few[0], (
        f"{few[0]} queries for the small file, {many[0]} for one four times as large"
    )
    again = import_register(actor, [large], dry_run=True)
    assert again.ok and not again.has_changes
    assert [s.unchanged for s in again.sheets] == [20, 200, 400, 22]


def test_the_dry_run_queries_do_not_grow_with_the_file(cast):
    actor = cast.user("secretariat")
    small, large = register(cast, networks=4, people=20, memberships=40), register(cast)
    viewer_for(actor)  # resolved once, as on a page
    with capture_queries("20 people") as few:
        import_register(actor, [small], dry_run=True)
    with capture_queries("1,000 people") as many:
        import_register(actor, [large], dry_run=True)
    assert_same_queries(few, many)


def test_the_dry_run_queries_do_not_grow_with_stored_memberships(cast):
    """A file naming stored people and memberships (each changed) is read with as many queries
    for 5 rows as for 300."""
    import datetime

    from tests.imports.helpers import MEMBERSHIPS, PEOPLE, csv_bytes

    bjuv, klippan = cast.muni("Bjuv"), cast.muni("Klippan")
    people = Person.objects.bulk_create(
        Person(name=f"P {i}", email=f"p{i}@bjuv.example.se", municipality=bjuv) for i in range(300)
    )
    Membership.objects.bulk_create(
        Membership(
            network=cast.network, person=p, municipality=bjuv, start_on=datetime.date(2021, 1, 1)
        )
        for p in people
    )

    def files(n: int) -> list[Source]:
        person_rows = [PEOPLE] + [[p.email, p.name, "Ny titel", "", "", ""] for p in people[:n]]
        member_rows = [MEMBERSHIPS] + [
            ["Socialchefsnätverket", p.email, "Medlem", "Klippan", "", ""] for p in people[:n]
        ]
        return [
            Source("personer.csv", csv_bytes(person_rows)),
            Source("medlemskap.csv", csv_bytes(member_rows)),
        ]

    actor = cast.user("secretariat")
    viewer_for(actor)  # resolved once, as on a page
    with capture_queries("5 rows") as few:
        small = import_register(actor, files(5), dry_run=True)
    with capture_queries("300 rows") as many:
        large = import_register(actor, files(300), dry_run=True)
    assert [s.changed for s in small.sheets] == [5, 5]
    assert [s.changed for s in large.sheets] == [300, 300]
    assert large.sheets[1].changes[0].fields[0].before == "Bjuv"
    assert klippan.name == large.sheets[1].changes[0].fields[0].after
    assert_same_queries(few, many)
