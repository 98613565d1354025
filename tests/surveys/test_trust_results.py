"""Issue 13, item 1 (P4/ST2, SPEC §6): results only after the round closes, and never in a
form whose difference reveals a group below the threshold (complementary suppression), on the
page, in the files (CSV, XLSX, the e-mailed XLSX), in the API and in the yearly report."""

import base64
import csv
import datetime
import io
from collections import Counter
from fractions import Fraction

from openpyxl import load_workbook

from samverkan.networks.models import Network
from samverkan.notifications.models import Notification
from samverkan.surveys import services
from samverkan.surveys.presentation import results_table
from samverkan.surveys.selectors import round_results, shown_networks
from tests.surveys.helpers import CLOSES, OPENS, add_members, close, opened_round, token_of

ALL, OTHER = "Hela samverkan", "Övriga nätverk"


def _network(cast, name):
    return Network.objects.create(
        name=name,
        slug=name.lower().replace("ä", "a"),
        area=cast.area,
        status=Network.Status.ACTIVE,
        started_on=datetime.date(2020, 1, 1),
    )


def _answer(survey, network, people, value, text):
    for person in people:
        services.submit_response(
            token_of(survey, person, network),
            {"value": value, "improve": f"{text} {person.pk}"},
            today=survey.opens_on,
        )


def _scenario(cast, sizes, *, title="Enkät 2026", opens=OPENS, closes=CLOSES, people=None):
    """A round where network i gets sizes[i] answers of value i+1 and texts "Nät<i> …"."""
    nets = people or {}
    if not nets:
        for i, n in enumerate(sizes):
            net = _network(cast, f"Nät{i}")
            nets[net] = add_members(cast, net, n, prefix=f"N{i}")
    survey = opened_round(cast, title=title, opens=opens, closes=closes)
    for i, (net, members) in enumerate(nets.items()):
        _answer(survey, net, members[: sizes[i]], i + 1, f"Nät{i}")
    return survey, nets


def _published_from_rows(rows):
    """What a reader of the results file learns: per group, the value counts and the texts."""
    groups: dict[str, dict] = {}
    for group, _inv, _ans, question, label, n, *_rest in rows:
        g = groups.setdefault(group, {"values": Counter(), "texts": []})
        if question.startswith("Hur stort värde"):
            g["values"][label] += n
        elif question.startswith("Vad kan göra"):
            g["texts"].append(label)
    return groups


def _residual(groups):
    """The attack: the whole cooperation minus every network shown beside it. Returns the
    number of answers and the texts in the remainder; fewer answers than the threshold (but
    some) would reveal a small group."""
    if ALL not in groups:
        return 0, []
    values = Counter(groups[ALL]["values"])
    texts = Counter(groups[ALL]["texts"])
    for name, g in groups.items():
        if name not in (ALL, OTHER):
            values.subtract(g["values"])
            texts.subtract(g["texts"])
    return sum(values.values()), sorted(t for t, n in texts.items() if n > 0)


def _reveals_small_group(groups, k=5):
    count, _texts = _residual(groups)
    return 0 < count < k


def test_results_only_after_the_round_closes_P4(cast, client_for):
    """While open: the response rate only, on the page, in the files and in the API; so one
    new answer cannot be read off a change (on the old code the page showed the results live)."""
    net = _network(cast, "Nät0")
    members = add_members(cast, net, 7, prefix="N0")
    survey = opened_round(cast)
    _answer(survey, net, members[:6], 3, "Svar")
    client = client_for("secretariat")

    def seen():
        page = client.get(f"/enkater/{survey.pk}/resultat/").content.decode()
        csv_text = client.get(f"/enkater/{survey.pk}/resultat.csv").content.decode("utf-8-sig")
        api = client.get(f"/api/v1/surveys/{survey.pk}/results").json()
        return page.split("<main", 1)[1], csv_text, api

    page, csv_text, api = seen()
    assert ALL not in page and "Resultaten visas när enkäten har stängt" in page
    assert "Svar " not in page
    assert len(list(csv.reader(io.StringIO(csv_text)))) == 1  # the header only
    coverage = {c["network"]: c["answered"] for c in api["coverage"]}
    assert api["groups"] == [] and coverage[net.slug] == 6  # the live rate
    # One more answer (value 5) changes the rate, and nothing else.
    _answer(survey, net, members[6:], 5, "Sist")
    page_after, csv_after, api_after = seen()

    def without_rate(html):
        head, rest = html.split("<table>", 1)
        return head + rest.split("</table>", 1)[1]

    assert without_rate(page_after) == without_rate(page)
    assert "86 %" in page and "100 %" in page_after
    assert csv_after == csv_text and api_after["groups"] == []
    close(cast, survey)
    page, _csv, _api = seen()
    assert ALL in page and "Sist " in page


def test_whole_minus_shown_networks_never_reveals_a_small_group_P4(cast):
    """Five answers in one network, two in another (threshold 5): on the old code the page and
    files showed the cooperation (7) and the first network (5), so their difference gave the
    two answers of the second network, free text and all. Now the first is folded too."""
    survey, _nets = _scenario(cast, [5, 2])
    close(cast, survey)
    results = round_results(survey)
    keys = [g.label for g in results.groups]
    assert "Nät0" not in keys
    _header, rows = results_table(results)
    assert not _reveals_small_group(_published_from_rows(rows))


def test_more_networks_folded_until_the_remainder_reaches_the_threshold_P4(cast):
    survey, _nets = _scenario(cast, [5, 6, 2])
    close(cast, survey)
    results = round_results(survey)
    labels = {g.label: g.answered for g in results.groups}
    # Nät0 (5, the smallest shown) is folded with Nät2 (2): the remainder holds 7.
    assert labels == {ALL: 13, "Nät1": 6, OTHER: 7}
    _header, rows = results_table(results)
    groups = _published_from_rows(rows)
    assert _residual(groups)[0] == 7  # the remainder is published itself, with seven answers
    # Free text of the folded networks carries no network and follows no network's order.
    texts = groups[OTHER]["texts"]
    assert texts == sorted(texts, key=str.lower)
    assert {t.split()[0] for t in texts} == {"Nät0", "Nät2"}


def test_suppression_holds_for_any_sizes_P4():
    """The rule itself: every shown network reaches the threshold, and the remainder holds
    none or at least the threshold."""
    import itertools

    for sizes in itertools.product([0, 1, 2, 4, 5, 6, 9], repeat=4):
        counts = dict(enumerate(sizes))
        shown = shown_networks(counts, 5)
        rest = sum(n for i, n in counts.items() if i not in shown)
        assert all(counts[i] >= 5 for i in shown)
        assert rest == 0 or rest >= 5 or not shown


def test_emailed_spreadsheet_csv_api_and_report_are_suppressed_alike_P4(cast, client_for):
    survey, _nets = _scenario(cast, [5, 2])
    close(cast, survey)
    services.send_results(cast.user("secretariat"), survey, today=CLOSES)
    notice = Notification.objects.filter(kind="survey_results").first()
    (file,) = notice.attachments
    book = load_workbook(io.BytesIO(base64.b64decode(file["content"])))
    rows = list(book.active.iter_rows(values_only=True))[1:]
    assert not _reveals_small_group(_published_from_rows(rows))
    assert not any(r[0] == "Nät0" for r in rows)
    client = client_for("secretariat")
    csv_text = client.get(f"/enkater/{survey.pk}/resultat.csv").content.decode("utf-8-sig")
    csv_rows = [
        [*r[:5], int(r[5]), *r[6:]]
        for r in list(csv.reader(io.StringIO(csv_text, newline=""), delimiter=";"))[1:]
    ]
    assert not _reveals_small_group(_published_from_rows(csv_rows))
    api = client.get(f"/api/v1/surveys/{survey.pk}/results").json()
    assert [g["label"] for g in api["groups"]] == [ALL, OTHER]
    page = client.get(f"/enkater/{survey.pk}/resultat/").content.decode()
    assert 'id="g-network-' not in page
    report = client.get(f"/rapporter/arsrapport/{CLOSES.year}/").content.decode()
    survey_part = report.split('id="y-survey"', 1)[1].split("</section>", 1)[0]
    assert "Hela samverkan" in survey_part and '<th scope="row">Nät0</th>' not in survey_part


def test_previous_round_means_only_from_groups_it_published_P4(cast):
    """On the old code the current round's "Övriga nätverk" was compared with the previous
    round's remainder even where that held two answers: its mean was published."""
    first, nets = _scenario(
        cast,
        [5, 2],
        title="Enkät 2024",
        opens=datetime.date(2024, 3, 1),
        closes=datetime.date(2024, 3, 30),
    )
    close(cast, first, today=datetime.date(2024, 3, 30))
    # Next round: three answers in each (both folded, the remainder holds six).
    second = opened_round(cast, title="Enkät 2026")
    for net, members in nets.items():
        _answer(second, net, members[:3], 3, "Nytt")
    close(cast, second)
    other = next(g for g in round_results(second).groups if g.key == "other")
    value = next(q for q in other.questions if q.question.key == "value")
    # The second network's two answers of 2 would give 2; published then was all seven.
    assert value.previous_mean == Fraction(5 * 1 + 2 * 2, 7)
