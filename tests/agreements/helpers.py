"""Agreements of the cast's network for the tests."""

import datetime

from samverkan.agreements import services

SPEC_PARAMETERS = {
    # SPEC §2, Socialchefsnätverket (seed 003)
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

ADOPTED = datetime.date(2024, 1, 1)


def adopt(
    cast,
    *,
    text="Överenskommelse\nNätverket kan endast arbeta med frågor som berör minst två "
    "av kommunerna.",
    adopted_on=ADOPTED,
    **overrides,
):
    params = {**SPEC_PARAMETERS, **overrides}
    return services.adopt_agreement_version(
        cast.user("coordinator"), cast.network, text=text, parameters=params, adopted_on=adopted_on
    )


def munis(cast, *names):
    return [cast.muni(n) for n in names]
