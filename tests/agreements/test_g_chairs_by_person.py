"""Issue 16 §9: chairs by person as well as municipality (CH2: "ordförandeskapet … innehas"),
and a term that has begun is corrected with its history, never deleted."""

import datetime

import pytest

from samverkan.agreements import services
from samverkan.agreements.models import Chairmanship, ChairMunicipality
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.models import HistoryEntry
from tests.agreements.helpers import adopt, munis

NOV = datetime.date(2025, 11, 15)


def appoint(cast, year, *names, **kw):
    return services.appoint_chairs(
        cast.user("coordinator"),
        cast.network,
        year=year,
        municipalities=munis(cast, *names),
        appointed_on=NOV,
        **kw,
    )


def test_a_chair_is_named_by_person_and_placed_on_their_municipality_CH2(cast):
    adopt(cast)
    # Maja Medlem is a member for Klippan, Kim Samordnare for Landskrona.
    term = appoint(
        cast,
        2026,
        "Klippan",
        "Landskrona",
        persons=[cast.people["member"], cast.people["coordinator"]],
    )
    held = {c.municipality.name: c.person for c in term.chairs.all()}
    assert held == {"Klippan": cast.people["member"], "Landskrona": cast.people["coordinator"]}


def test_a_chair_person_whose_municipality_is_not_chosen_is_refused_CH2(cast):
    adopt(cast)
    with pytest.raises(RuleViolation) as exc:
        appoint(cast, 2026, "Bjuv", "Klippan", persons=[cast.people["coordinator"]])
    assert exc.value.rule_id == "CH2" and "Kim Samordnare" in exc.value.message
    assert not Chairmanship.objects.exists()


def test_a_chair_person_outside_the_network_is_refused_CH2(cast):
    adopt(cast)
    with pytest.raises(ServiceError, match="Otto Utomstående är inte medlem"):
        appoint(cast, 2026, "Bjuv", "Klippan", persons=[cast.people["outsider"]])
    assert not Chairmanship.objects.exists()


def test_a_past_years_chairs_cannot_be_deleted_CH2(cast):
    adopt(cast)
    term = appoint(cast, 2026, "Bjuv", "Klippan")
    with pytest.raises(ServiceError, match="har redan börjat och kan inte tas bort"):
        services.withdraw_chairs(cast.user("coordinator"), term, today=datetime.date(2027, 3, 1))
    assert Chairmanship.objects.filter(pk=term.pk).exists()


def test_a_coming_years_chairs_can_still_be_withdrawn_CH2(cast):
    adopt(cast)
    term = appoint(cast, 2026, "Bjuv", "Klippan")
    services.withdraw_chairs(cast.user("coordinator"), term, today=NOV)
    assert not Chairmanship.objects.exists()


def test_a_past_years_chairs_are_corrected_and_the_history_keeps_the_change_CH2(cast):
    adopt(cast)
    term = appoint(cast, 2026, "Bjuv", "Klippan")
    services.correct_chairs(
        cast.user("coordinator"),
        term,
        municipalities=munis(cast, "Klippan", "Landskrona"),
        persons=[cast.people["member"]],
        today=datetime.date(2027, 3, 1),
    )
    held = {
        c.municipality.name: c.person for c in ChairMunicipality.objects.filter(chairmanship=term)
    }
    assert held == {"Klippan": cast.people["member"], "Landskrona": None}
    verbs = set(HistoryEntry.objects.values_list("verb", flat=True))
    assert "correct_chairs" in verbs


def test_a_correction_keeps_the_CH2_count_CH2(cast):
    adopt(cast)
    term = appoint(cast, 2026, "Bjuv", "Klippan")
    with pytest.raises(RuleViolation) as exc:
        services.correct_chairs(
            cast.user("coordinator"),
            term,
            municipalities=munis(cast, "Klippan"),
            today=datetime.date(2027, 3, 1),
        )
    assert exc.value.rule_id == "CH2"
    assert term.chairs.count() == 2


def test_the_chairs_page_offers_correct_not_delete_for_a_begun_term_CH2(cast, client_for):
    adopt(cast)
    this_year = datetime.date.today().year
    begun = Chairmanship.objects.create(
        network=cast.network, year=this_year, appointed_on=datetime.date(this_year - 1, 11, 1)
    )
    ChairMunicipality.objects.create(chairmanship=begun, municipality=cast.muni("Bjuv"))
    client = client_for("coordinator")
    html = client.get("/natverk/socialchefsnatverket/ordforande/").content.decode()
    assert f"/ordforande/{begun.pk}/ratta/" in html
    assert f"/ordforande/{begun.pk}/ta-bort/" not in html
    refused = client.post(
        f"/natverk/socialchefsnatverket/ordforande/{begun.pk}/ta-bort/", follow=True
    )
    assert "kan inte tas bort" in refused.content.decode()
    assert Chairmanship.objects.filter(pk=begun.pk).exists()


def test_the_correction_page_saves_the_person_holding_the_chair_CH2(cast, client_for):
    adopt(cast)
    term = appoint(cast, 2026, "Bjuv", "Klippan")
    client = client_for("coordinator")
    url = f"/natverk/socialchefsnatverket/ordforande/{term.pk}/ratta/"
    page = client.get(url)
    assert page.status_code == 200 and "Rätta ordförandeskapet 2026" in page.content.decode()
    response = client.post(
        url,
        {
            "municipalities": [cast.muni("Bjuv").pk, cast.muni("Klippan").pk],
            "persons": [cast.people["member"].pk],
        },
    )
    assert response.status_code == 302
    assert term.chairs.get(municipality=cast.muni("Klippan")).person == cast.people["member"]
