"""The yearly report as the municipal directors read it (issue 18 §5): key figures first, the
participation table in words (it read "None" in all 484 cells), every column on the PDF's
page, no table row split across two pages, and free-text answers given more than once shown
once with their count."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from samverkan.costs import services as cost_services
from samverkan.files.pdf import pdf_options, render_document
from samverkan.networks.models import Network, Participation
from samverkan.reports.yearly import pdf_context, yearly_report
from samverkan.surveys import services as survey_services
from tests.files.pdf_check import cut_off, split_rows
from tests.surveys.helpers import add_members, opened_round, token_of

EXTRA_NETWORKS = 14


@pytest.fixture
def wide(cast, sharing):
    """The cast with 14 more active networks (16 columns), a cost shared by population and a
    closed survey round where six of seven answered "Fler studiebesök." in their own words."""
    today = timezone.localdate()
    munis = list(cast.municipalities.values())
    for i in range(EXTRA_NETWORKS):
        network = Network.objects.create(
            name=f"Nätverket för verksamhetsområde {i:02d}",
            slug=f"natverk-{i:02d}",
            area=cast.area,
            status=Network.Status.ACTIVE,
            started_on=datetime.date(2020, 1, 1),
        )
        for j, m in enumerate(munis):
            if (i + j) % 3 == 0:
                Participation.objects.create(
                    network=network, municipality=m, invited_on=today, answer="no"
                )
            elif (i + j) % 3 == 1:
                Participation.objects.create(
                    network=network, municipality=m, joined_on=datetime.date(2020, 1, 1)
                )
    sharing(cast.network, "population")
    cost_services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(today.year, 1, 2),
        description="Konferens",
        amount_ore=10_000_050,
    )
    people = add_members(cast, cast.other_network, 7)
    survey = opened_round(cast, title="Kvalitetsenkät", opens=today, closes=today)
    texts = ["Fler studiebesök."] * 4 + [
        "  Fler studiebesök. ",
        "Fler studiebesök.",
        "Kortare möten",
    ]
    for person, text in zip(people, texts, strict=True):
        survey_services.submit_response(
            token_of(survey, person, cast.other_network),
            {"value": 4, "meetings": 2, "improve": text},
            today=today,
        )
    survey_services.close_round(cast.user("secretariat"), survey, today=today)
    return cast


def _main(html: str) -> str:
    return html.split("<main", 1)[1]


def test_participation_table_reads_the_states_in_words(wide, client_for):
    client = client_for("secretariat")
    year = timezone.localdate().year
    page = _main(client.get(f"/rapporter/arsrapport/{year}/").content.decode())
    assert "None" not in page
    table = page.split('class="participation"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="p-(\w+)">([^<]*)</td>', table)
    assert len(cells) == (EXTRA_NETWORKS + 2) * len(wide.municipalities)
    words = {"participates": "Deltar", "declined": "Tackade nej", "none": "Deltar inte"}
    assert {state for state, _label in cells} == set(words)
    assert all(label == words[state] for state, label in cells)
    # The same cells as the participation page.
    matrix = _main(client.get("/rapporter/deltagande/").content.decode())
    other = matrix.split('class="participation"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td class="p-(\w+)">([^<]*)</td>', other) == cells


def test_key_figures_come_before_the_lists(wide, client_for):
    year = timezone.localdate().year
    page = _main(client_for("secretariat").get(f"/rapporter/arsrapport/{year}/").content.decode())
    figures = page.index("Nyckeltal")
    assert figures < page.index("Nätverken") < page.index("Kommunernas deltagande")
    box = page[figures : page.index("Nätverken")]
    assert "16 aktiva under året, 0 startade, 0 avslutade" in box
    assert "av 16 aktiva nätverk uppfyller alla regler" in box
    # Seven answered: of the eight invited in IT-chefsnätverket and the three in
    # Socialchefsnätverket, whose members the cast already has.
    assert "64 % svarade (7 av 11), Kvalitetsenkät" in box
    assert "100\xa0000,50\xa0kr fördelat på 11 kommuner från 1 nätverk" in box


def test_duplicate_free_text_grouped_with_a_count(wide, client_for):
    year = timezone.localdate().year
    page = _main(client_for("secretariat").get(f"/rapporter/arsrapport/{year}/").content.decode())
    assert page.count("Fler studiebesök.") == 1 and "Fler studiebesök. <span" in page
    assert "(6 svar)" in page and "Kortare möten</li>" in page


def test_pdf_shows_every_column_keeps_rows_whole_and_groups_free_text(wide):
    """16 networks × 11 municipalities: the matrix is cut into tables of six networks, so no
    text runs off the page's right edge, and no row is split across two pages."""
    today = timezone.localdate()
    context = pdf_context(yearly_report(today.year, today))
    document = render_document("reports/yearly_pdf.html", context)
    assert cut_off(document) == []
    assert split_rows(document) == []
    reader = PdfReader(io.BytesIO(document.write_pdf(**pdf_options())))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "None" not in text
    assert "nätverk 13–16 av 16" in text and "Tackade nej" in text
    assert text.count("Fler studiebesök.") == 1 and "Fler studiebesök. (6 svar)" in text


def test_key_figures_and_counts_in_english(wide, client_for):
    from django.utils import translation

    user = wide.user("secretariat")
    user.language = "en"
    user.save(update_fields=["language"])
    year = timezone.localdate().year
    try:
        page = _main(
            client_for("secretariat").get(f"/rapporter/arsrapport/{year}/").content.decode()
        )
    finally:
        translation.activate("sv")
    assert "Key figures" in page and "16 active during the year, 0 started, 0 closed" in page
    assert "of 16 active networks meet every rule" in page
    assert "64 % answered (7 of 11)" in page and "(6 answers)" in page
    assert "shared among 11 municipalities from 1 network<" in page
