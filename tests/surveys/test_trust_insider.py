"""Issue 13, item 1 (P4/ST2; SPEC §6 "survey answers unlinkable even by the secretariat with
database access"): the insider.

Five people in two networks answer a round. The insider has the whole admin (a superuser on the
notifications, surveys and history pages) and reads every row of every table (raw SQL) before
and after each answer and after the round closes, but not SAMVERKAN_SECRET_KEY. They try to
link each of the five answers to its person:

1. by links: a personal link in a stored notice or an admin page, to be tried;
2. by status codes: every value the database holds tried as a link, to tell used from unused;
3. by what changes when one person answers (who: an invitation, a notice, a history entry, a
   timing column; what: the answer itself), even knowing who answered at that moment;
4. by ordering: the stored answers' primary keys and physical order against the order of
   answering and of the invitations;
5. by results diffs: the results page and API before and after an answer, and the whole
   cooperation minus the networks shown separately.

On the code before issue 13 every way but ordering linked all five; now none links one."""

import datetime
import json
import random
import re
from collections import Counter

from django.contrib import admin
from django.db import connection
from django.test import Client

from samverkan.networks.models import Network
from samverkan.surveys import services, tokens
from samverkan.surveys.models import Invitation, Response
from samverkan.surveys.presentation import results_table
from samverkan.surveys.selectors import round_results
from tests.surveys.helpers import add_members, close, opened_round

HEX = re.compile(r"[0-9a-f]{32,128}")
K = 5  # SURVEY_MIN_RESPONSES


def _dump() -> dict[str, Counter]:
    """Every row of every table, as the insider reads them with SQL."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            out[table] = Counter(repr(row) for row in cursor.fetchall())
    return out


def _diff(before: dict[str, Counter], after: dict[str, Counter]) -> dict[str, list[str]]:
    changed = {}
    for table in after:
        rows = list((after[table] - before.get(table, Counter())).elements())
        rows += list((before.get(table, Counter()) - after[table]).elements())
        if rows:
            changed[table] = rows
    return changed


def _admin_pages(client: Client) -> str:
    """Every admin list and change page of the notifications, surveys and history apps, with a
    search for every value that looks like a token."""
    html = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("notifications", "surveys", "history", "auditlog"):
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        html.append(client.get(base).content.decode())
        for pk in model._default_manager.values_list("pk", flat=True)[:50]:
            page = client.get(f"{base}{pk}/change/")
            assert page.status_code == 200
            html.append(page.content.decode())
        if model_admin.search_fields:
            html.append(client.get(base, {"q": "enkater/svar"}).content.decode())
    return "\n".join(html)


def _results(client: Client, survey) -> tuple[str, dict]:
    page = client.get(f"/enkater/{survey.pk}/resultat/").content.decode().split("<main", 1)[1]
    head, rest = page.split("<table>", 1)  # the response-rate table may change: a rate
    return head + rest.split("</table>", 1)[1], client.get(
        f"/api/v1/surveys/{survey.pk}/results"
    ).json()["groups"]


def test_insider_links_none_of_five_answers_to_a_person_P4_ST2(cast, admin_client, monkeypatch):
    today = datetime.date.today()
    # A shuffle with a fixed seed, so that the test is reproducible; it is random in use.
    monkeypatch.setattr(services, "shuffle", random.Random(13).shuffle)
    network = Network.objects.create(
        name="Kvalitetsnätverket",
        slug="kvalitet",
        area=cast.area,
        status=Network.Status.ACTIVE,
        started_on=cast.network.started_on,
    )
    people = add_members(cast, network, 6)
    survey = opened_round(cast, opens=today, closes=today)
    # Who answers what: four in one network, one in the other (the insider wants this).
    truth = {p.pk: f"Svar {n} från {p.name}" for n, p in enumerate(people[:4])}
    truth[cast.people["member"].pk] = "Svar 4 från Maja Medlem"
    secrets = {inv.person_id: tokens.token_for(inv.nonce) for inv in Invitation.objects.all()}
    anonymous = Client()
    secretariat = Client()
    secretariat.force_login(cast.user("secretariat"))

    linked: dict[str, set[int]] = {}  # answer text -> people the insider ties it to
    order_of_answering = []
    for person_id, text in truth.items():
        before, results_before = _dump(), _results(secretariat, survey)
        page = anonymous.post(
            f"/enkater/svar/{secrets[person_id]}/",
            {"value": str(1 + len(order_of_answering)), "improve": text},
        )
        assert "Tack för dina svar" in page.content.decode()
        order_of_answering.append(text)
        changed = _diff(before, _dump())
        # 3. Who: no row that changed names a person, an invitation or a notice; no history
        # entry, no timestamp: only a marker and a sealed answer are added.
        assert set(changed) == {"surveys_usedlink", "surveys_sealedresponse"}, changed
        assert all(len(rows) == 1 for rows in changed.values())
        # What: the answer is not readable in what changed, even knowing who answered now.
        dump = " ".join(r for rows in changed.values() for r in rows)
        if any(t in dump for t in (text, json.dumps(text), text.split(" från ")[0])):
            linked.setdefault(text, set()).add(person_id)
        # 5. Results while open: nothing but the rate changes.
        assert _results(secretariat, survey) == results_before

    # The admin lists no invitation, answer or marker at all.
    for name in ("invitation", "response", "sealedresponse", "usedlink"):
        assert admin_client.get(f"/admin/surveys/{name}/").status_code == 404

    # 1. Links: no stored row and no admin page holds a link, so none can be tried.
    stored = " ".join(" ".join(rows) for rows in _dump().values())
    pages = _admin_pages(admin_client)
    for token in secrets.values():
        assert token not in stored and token not in pages
    assert "/enkater/svar/" not in stored and "/enkater/svar/" not in pages

    # 2. Status codes: every value the database holds, tried as a link, answers alike.
    candidates = set(HEX.findall(stored)) | set(HEX.findall(pages))
    assert len(candidates) > 20  # nonces, token hashes, markers, sealed bytes…
    seen = Counter()
    for value in sorted(candidates)[:200]:
        response = anonymous.get(f"/enkater/svar/{value}/")
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        seen[response.status_code, main] += 1
    assert len(seen) == 1, "the insider could tell links apart by their answers"

    before_close = _dump()
    close(cast, survey, today=today)
    after_close = _dump()

    # 4. Ordering: the stored answers have new ids (none of the sealed rows'), and neither
    # their primary keys nor their physical order follows the order of answering.
    with connection.cursor() as cursor:
        physical = "ctid" if connection.vendor == "postgresql" else "rowid"
        orders = {}
        for column in (physical, "id"):
            cursor.execute(f"SELECT answers FROM surveys_response ORDER BY {column}")
            orders[column] = [json.loads(row[0])["improve"] for row in cursor.fetchall()]
    assert sorted(orders[physical]) == sorted(order_of_answering)
    for column, order in orders.items():
        assert order != order_of_answering, column
    sealed_ids = " ".join(before_close["surveys_sealedresponse"].elements())
    for pk in Response.objects.values_list("id", flat=True):
        assert pk.hex not in sealed_ids and str(pk) not in sealed_ids
    # Closing touched no invitation and no notice either.
    assert (
        not {t for t in _diff(before_close, after_close) if t.startswith("notifications_")}
        and after_close["surveys_invitation"] == before_close["surveys_invitation"]
    )
    # No timing column on anything linkable.
    for table in ("surveys_response", "surveys_invitation", "surveys_usedlink"):
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(cursor, table)
        assert not [c.name for c in columns if re.search(r"(_at|_on|time|date)$", c.name)]

    # 5. Results diffs after closing: the cooperation minus the networks shown separately is
    # either nothing or a group of at least K answers.
    _header, rows = results_table(round_results(survey))
    groups = Counter()
    for group, _inv, _answered, question, _label, n, *_ in rows:
        if question.startswith("Hur stort värde"):
            groups[group] += n
    rest = groups["Hela samverkan"] - sum(
        n for g, n in groups.items() if g not in ("Hela samverkan", "Övriga nätverk")
    )
    assert rest == 0 or rest >= K
    assert "Kvalitetsnätverket" not in groups  # four answers: folded
    assert groups["Hela samverkan"] == 5

    # The insider linked none of the five answers to a person.
    assert linked == {}
