"""Issue 16, point 13: the network page's fourteen buttons become a navigation a person can
scan (grouped, the current section marked); "Uppstart" appears only while a network starts;
a closed network's page says it is closed everywhere (no "nuvarande medlemmar", no plan
editing)."""

import re

from samverkan.networks.lifecycle.services import close_network
from samverkan.networks.models import Network

PAGE = "/natverk/socialchefsnatverket/"


def nav_of(html: str) -> str:
    start = html.index('<nav class="network-nav"')
    return html[start : html.index("</nav>", start)]


def test_network_page_groups_its_links_and_marks_the_current_page(cast, client_for):
    nav = nav_of(client_for("coordinator").get(PAGE).content.decode())
    names = re.findall(r'<span class="group-name"[^>]*>([^<]+)</span>', nav)
    assert names == [
        "Nätverket",
        "Planer och överenskommelse",
        "Möten och kostnader",
        "Stöd från sekretariatet",
        "Arkiv och avslut",
    ]
    assert f'<a href="{PAGE}" aria-current="page">Översikt</a>' in nav
    assert nav.count("aria-current") == 1
    for label in [
        "Årsplan 2026",
        "Medlemmar och roller",
        "Möten, dagordningar och protokoll",
        "Kostnader och fördelning",
        "Material",
        "Avsluta nätverket",
    ]:
        assert f">{label}</a>" in nav, label
    # One navigation, no row of buttons beside it.
    page = client_for("coordinator").get(PAGE).content.decode()
    assert 'class="actions"' not in page[: page.index('<div class="columns">')]


def test_a_page_of_the_network_marks_its_own_link(cast, client_for):
    html = client_for("member").get(PAGE + "material/").content.decode()
    nav = nav_of(html)
    assert f'<a href="{PAGE}material/" aria-current="page">Material</a>' in nav
    assert nav.count("aria-current") == 1


def test_a_member_sees_only_what_they_may_use(cast, client_for):
    nav = nav_of(client_for("member").get(PAGE).content.decode())
    assert ">Material</a>" in nav and ">Möten, dagordningar och protokoll</a>" in nav
    assert "Årsplan" not in nav and "Avsluta nätverket" not in nav


def test_start_up_appears_only_while_the_network_starts(cast, client_for):
    assert ">Uppstart</a>" not in nav_of(client_for("coordinator").get(PAGE).content.decode())
    starting = Network.objects.create(
        name="Nätverket för skolskjuts",
        slug="skolskjuts",
        area=cast.area,
        status=Network.Status.STARTING,
    )
    html = client_for("secretariat").get(starting.get_absolute_url()).content.decode()
    assert ">Uppstart</a>" in nav_of(html)


def test_closed_network_page_says_closed_and_offers_no_editing(cast, client_for):
    close_network(cast.user("coordinator"), cast.network, reason="Uppdraget är slutfört.")
    html = client_for("coordinator").get(PAGE).content.decode()
    assert "Nätverket är avslutat sedan" in html and "inget kan ändras längre" in html
    assert "Uppdraget är slutfört." in html
    assert "nuvarande medlemmar" not in html
    assert "Medlemmar när nätverket avslutades" in html
    assert "/arsplan/" not in html  # no plan editing anywhere on the page
    nav = nav_of(html)
    assert "Avsluta nätverket" not in nav and "Medlemmar och roller" not in nav


def test_closed_networks_members_page_says_closed_and_offers_no_adding(cast, client_for):
    close_network(cast.user("coordinator"), cast.network, reason="Uppdraget är slutfört.")
    html = client_for("coordinator").get(PAGE + "medlemmar/").content.decode()
    assert "Nätverket är avslutat." in html
    assert "Lägg till en person" not in html and "Avsluta medlem" not in html
