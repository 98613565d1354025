import datetime

from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    Chairmanship,
    ChairMunicipality,
)
from samverkan.agreements.selectors import (
    AgreementParameters,
    agreement_parameters,
    chair_municipalities,
    parameters_for,
)
from tests.helpers import assert_max_queries


def make_version(network, number, adopted_on, **params):
    agreement, _ = Agreement.objects.get_or_create(network=network)
    return AgreementVersion.objects.create(
        agreement=agreement, number=number, text=f"v{number}", adopted_on=adopted_on, **params
    )


def test_network_without_agreement_gets_checklist_defaults(cast):
    params = agreement_parameters(cast.network, on=datetime.date(2026, 5, 1))
    assert params == AgreementParameters()
    assert params.substitutes_allowed is True
    assert params.min_municipalities_per_matter is None


def test_parameters_follow_the_version_in_force(cast):
    make_version(cast.network, 1, datetime.date(2024, 1, 1), min_municipalities_per_matter=2)
    make_version(
        cast.network,
        2,
        datetime.date(2026, 1, 1),
        min_municipalities_per_matter=3,
        focus_area_min_share="0.5",
    )
    assert agreement_parameters(cast.network, on=datetime.date(2023, 6, 1)) == AgreementParameters()
    assert (
        agreement_parameters(
            cast.network, on=datetime.date(2025, 6, 1)
        ).min_municipalities_per_matter
        == 2
    )
    now = agreement_parameters(cast.network, on=datetime.date(2026, 6, 1))
    assert now.min_municipalities_per_matter == 3
    assert now.focus_area_min_share == 0.5


def test_parameters_for_many_networks_in_one_query(cast):
    make_version(cast.network, 1, datetime.date(2024, 1, 1), business_plan_required=True)
    with assert_max_queries(1):
        out = parameters_for([cast.network.pk, cast.other_network.pk], datetime.date(2026, 1, 1))
    assert out[cast.network.pk].business_plan_required is True
    assert out[cast.other_network.pk] == AgreementParameters()


def test_chair_municipalities_of_a_year(cast):
    term = Chairmanship.objects.create(
        network=cast.network, year=2026, appointed_on=datetime.date(2025, 11, 20)
    )
    for name in ("Klippan", "Bjuv"):
        ChairMunicipality.objects.create(chairmanship=term, municipality=cast.muni(name))
    assert [m.name for m in chair_municipalities(cast.network, 2026)] == ["Bjuv", "Klippan"]
    assert chair_municipalities(cast.network, 2027) == []
    assert chair_municipalities(cast.network, 2025) == []
