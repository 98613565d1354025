"""Demo data for Socialchefsnätverket's agreement (seed 003, SPEC §2 parameters): two versions
(so the page shows a difference), last year's review, business plans with focus areas, chairs,
matters with Region Skåne and a mandate, and a working group. Called from
cooperation/demo.py inside its transaction; writes models directly (there is no acting person)."""

import datetime

from samverkan.agreements.models import (
    Agreement,
    AgreementReview,
    AgreementVersion,
    BusinessPlan,
    Chairmanship,
    ChairMunicipality,
    FocusArea,
    Mandate,
    Matter,
    WorkingGroup,
)
from samverkan.cooperation.models import Municipality, Organisation
from samverkan.networks.models import Membership, Network

SLUG = "socialchefsnatverket"

SPEC_PARAMETERS = {
    "min_municipalities_per_matter": 2,
    "min_focus_areas": 3,
    "focus_area_min_share": 0.5,
    "cost_sharing": "population",
    "onboarding_representative": True,
    "meetings_per_year": 10,
    "chair_municipalities": 2,
    "chair_term_years": 1,
    "secretary_title": "planeringsledare",
    "substitutes_allowed": False,
    "review_at_last_meeting": True,
    "business_plan_required": True,
}

INTRO = "\n".join(
    [
        "Inledning",
        (
            "I den årliga verksamhetsplanen för Familjen Helsingborg beskrivs samarbetet inom "
            "regionen Skåne Nordväst. Samarbete mellan medlemskommunerna, även på områden som inte"
            " tas upp i verksamhetsplanen, uppmuntras."
        ),
        (
            "I Familjen Helsingborg har behovet av samverkan mellan de deltagande kommunernas "
            "socialchefer/förvaltningschefer uppmärksammats. Cheferna har därför bildat ett "
            "kollegialt nätverk för att samverka kring frågor om socialtjänst."
        ),
        "",
        "Syftet med samverkan",
        "– Bidra till framgång i arbetet inom Familjen Helsingborg.",
        (
            "– Genom ett framgångsrikt arbete bli en god förebild för andra samarbeten mellan "
            "kommunerna."
        ),
        "– Överföring och utveckling av kunskap mellan deltagarna i samverkan.",
        "– Bidra till en hållbar ekonomi och verksamhet inom området.",
        (
            "– Bli en drivande kraft i socialtjänstfrågor och stärka socialtjänsten i alla "
            "deltagande kommuner."
        ),
        "",
        "Parter",
        (
            "Bjuv, Båstad, Helsingborg, Höganäs, Klippan, Landskrona, Perstorp, Svalöv, Åstorp, "
            "Ängelholm och Örkelljunga."
        ),
        "",
        "Former för samverkan",
        (
            "Socialchefsnätverket är en resurs och en arena för att skapa en bredare belysning av "
            "frågor inom området. Frågor initieras av någon av kommunerna, eller av nätverket för "
            "fortsatt process i kommunerna. Så även i samverkansfrågor mellan kommunerna och "
            "Region Skåne."
        ),
        "Nätverket kan endast arbeta med frågor som berör minst två av kommunerna.",
        (
            "I frågor där nätverkets medlemmar ska delta i övergripande samarbeten eller arenor, "
            "kan nätverket uppdra åt någon eller några att företräda samtliga de som har intressen"
            " i frågan."
        ),
        (
            "Nätverket kan initiera arbetsgrupper inom olika frågeområden. Varje arbetsgrupp stöds"
            " av en utsedd kontaktperson inom nätverket."
        ),
        "",
        "Principer för samverkan",
        (
            "Socialchefsnätverkets ambition är att ständigt arbeta med och belysa minst tre "
            "frågeområden i verksamhetsplanen, som kan möjliggöra samverkan för minst hälften av "
            "kommunerna."
        ),
        "Kostnader som uppstår i utvecklingsfas delas efter kommunernas invånarantal.",
        (
            "Nätverket säkerställer att nya socialchefs-/förvaltningschefskolleger i de deltagande"
            " kommunerna introduceras och bjuds in till nätverket av en särskilt utsedd "
            "representant."
        ),
        "",
        "Ordförandeskap",
        "Nätverket sammanträder vid ca tio tillfällen per år.",
        (
            "Ordförandeskapet delas av två kommuner och innehas under ett år. Värdskapet är en del"
            " av ordförandeskapet. Nya ordförande utses inför varje år. Sekreterarskapet innehas "
            "av planeringsledaren."
        ),
        "",
    ]
)

COMMITMENT_OLD = "\n".join(
    [
        "Åtagande",
        "Att delta i Socialchefsnätverket är ett personligt åtagande.",
        (
            "Inför varje nytt år görs en verksamhetsplan för vilka områden som nätverket ska "
            "arbeta med under kommande år."
        ),
        "",
    ]
)

COMMITMENT = "\n".join(
    [
        "Åtagande",
        (
            "Att delta i Socialchefsnätverket är ett personligt åtagande, vilket innebär att inga "
            "ersättare deltar i nätverket vid tillfällen då en eller flera deltagare inte kan "
            "närvara."
        ),
        "Nätverket utvärderar och reviderar denna överenskommelse vid sista mötet för året.",
        (
            "Inför varje nytt år görs en verksamhetsplan för vilka områden som nätverket ska "
            "arbeta med under kommande år."
        ),
        "",
    ]
)

FOCUS_AREAS = {
    -1: [
        ("Kompetensförsörjning av socialsekreterare", 8),
        ("Digitalt ekonomiskt bistånd", 7),
        ("Våld i nära relationer", 11),
    ],
    0: [
        ("Placeringsplanering för barn och unga", 9),
        ("Barns och ungas psykiska hälsa", 11),
        ("Kompetensförsörjning och gemensam rekrytering", 6),
    ],
    1: [
        ("Ny socialtjänstlag: förebyggande arbete", 11),
        ("Placeringsplanering, uppföljning", 9),
        ("Hemlöshet och bostad först", 4),
    ],
}
CHAIRS = {-2: ("Bjuv", "Höganäs"), -1: ("Landskrona", "Perstorp"), 0: ("Helsingborg", "Klippan")}


def load(today: datetime.date) -> int:
    """Returns 1 when loaded, 0 when the network is missing or already has an agreement."""
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Agreement.objects.filter(network=network).exists():
        return 0
    year = today.year
    munis = list(Municipality.objects.order_by("name"))
    by_name = {m.name: m for m in munis}
    coordinator = (
        Membership.objects.filter(network=network, role=Membership.Role.COORDINATOR)
        .select_related("person")
        .first()
    )
    agreement = Agreement.objects.create(network=network, title="Överenskommelse")
    old_params = {
        **SPEC_PARAMETERS,
        "substitutes_allowed": True,
        "review_at_last_meeting": False,
        "meetings_per_year": 8,
    }
    AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        text=INTRO.replace("ca tio", "ca åtta") + "\n" + COMMITMENT_OLD,
        adopted_on=datetime.date(year - 3, 1, 1),
        note="Första överenskommelsen",
        **old_params,
    )
    current = AgreementVersion.objects.create(
        agreement=agreement,
        number=2,
        text=INTRO + "\n" + COMMITMENT,
        adopted_on=datetime.date(year - 1, 12, 9),
        note="Inga ersättare, årlig översyn, tio möten",
        **SPEC_PARAMETERS,
    )
    AgreementReview.objects.create(
        network=network,
        year=year - 1,
        outcome=AgreementReview.Outcome.REVISED,
        held_on=datetime.date(year - 1, 12, 9),
        version=current,
        note="Reviderad vid årets sista möte.",
    )
    areas: dict[str, FocusArea] = {}
    for offset, rows in FOCUS_AREAS.items():
        adopted = offset <= 0
        plan = BusinessPlan.objects.create(
            network=network,
            year=year + offset,
            summary="Frågeområden för året enligt överenskommelsens princip om minst tre.",
            state=BusinessPlan.State.ADOPTED if adopted else BusinessPlan.State.DRAFT,
            adopted_on=datetime.date(year + offset - 1, 12, 9) if adopted else None,
        )
        for i, (name, count) in enumerate(rows):
            area = FocusArea.objects.create(business_plan=plan, name=name)
            area.municipalities.set([munis[(i * 3 + k) % len(munis)] for k in range(count)])
            if offset == 0:
                areas[name] = area
    for offset, names in CHAIRS.items():
        term = Chairmanship.objects.create(
            network=network,
            year=year + offset,
            appointed_on=datetime.date(year + offset - 1, 11, 20),
        )
        for name in names:
            person = (
                Membership.objects.filter(
                    network=network, role=Membership.Role.MEMBER, municipality=by_name[name]
                )
                .values_list("person", flat=True)
                .first()
            )
            ChairMunicipality.objects.create(
                chairmanship=term, municipality=by_name[name], person_id=person
            )
    placements = areas["Placeringsplanering för barn och unga"]
    group = None
    if coordinator is not None:
        group = WorkingGroup.objects.create(
            network=network,
            name="Arbetsgrupp placeringar",
            focus_area=placements,
            contact=coordinator.person,
            start_on=datetime.date(year, 2, 1),
        )
    region = Organisation.objects.filter(is_region=True).first()
    matters: list[
        tuple[str, str | None, list[str], str, bool, FocusArea | None, WorkingGroup | None]
    ] = [
        (
            "Gemensam upphandling av HVB-platser",
            "Helsingborg",
            ["Helsingborg", "Landskrona", "Ängelholm", "Bjuv"],
            Matter.Status.IN_PREPARATION,
            False,
            placements,
            group,
        ),
        (
            "En väg in för barns psykiska hälsa",
            None,
            [m.name for m in munis],
            Matter.Status.REFERRED,
            True,
            areas["Barns och ungas psykiska hälsa"],
            None,
        ),
        (
            "Rekryteringsmässa för socionomer",
            "Klippan",
            ["Klippan", "Perstorp", "Åstorp"],
            Matter.Status.RAISED,
            False,
            areas["Kompetensförsörjning och gemensam rekrytering"],
            None,
        ),
        (
            "Samordnad jour för ekonomiskt bistånd",
            "Höganäs",
            ["Höganäs", "Båstad"],
            Matter.Status.CLOSED,
            False,
            None,
            None,
        ),
    ]
    for i, (title, raised_by, concerned, status, with_region, focus, wg) in enumerate(matters):
        matter = Matter.objects.create(
            network=network,
            title=title,
            raised_by=by_name.get(raised_by) if raised_by else None,
            status=status,
            with_region=with_region,
            focus_area=focus,
            working_group=wg,
            raised_on=datetime.date(year, 1 + 2 * i, 15),
        )
        matter.concerned.set([by_name[n] for n in concerned])
        if with_region and region is not None:
            matter.organisations.set([region])
            mandate = Mandate.objects.create(
                network=network,
                matter=matter,
                arena="Delregionalt samverkansforum barn och unga",
                organisation=region,
                start_on=datetime.date(year, 3, 1),
                end_on=datetime.date(year, 12, 31),
            )
            if coordinator is not None:
                mandate.people.set([coordinator.person])
            mandate.represents.set([by_name[n] for n in concerned])
    return 1
