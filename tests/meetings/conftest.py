import datetime

import pytest

from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    Chairmanship,
    ChairMunicipality,
)
from samverkan.meetings.models import STOCKHOLM

YEAR = 2027


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def agree(network, **params) -> AgreementVersion:
    """An agreement in force since 2020 with the given parameters (SPEC §2)."""
    agreement, _ = Agreement.objects.get_or_create(network=network)
    number = agreement.versions.count() + 1
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        text="Överenskommelse",
        adopted_on=datetime.date(2020, 1, number),
        **params,
    )


def chairs(network, year: int, *municipalities) -> Chairmanship:
    chairmanship = Chairmanship.objects.create(
        network=network, year=year, appointed_on=datetime.date(year - 1, 11, 1)
    )
    for m in municipalities:
        ChairMunicipality.objects.create(chairmanship=chairmanship, municipality=m)
    return chairmanship


@pytest.fixture
def scn(cast):
    """Socialchefsnätverket's agreement: ten meetings, no substitutes, review, business plan
    and two chair municipalities (SPEC §2), with Bjuv and Klippan chairing in YEAR."""
    agree(
        cast.network,
        meetings_per_year=10,
        substitutes_allowed=False,
        review_at_last_meeting=True,
        business_plan_required=True,
        chair_municipalities=2,
        chair_term_years=1,
    )
    chairs(cast.network, YEAR, cast.muni("Bjuv"), cast.muni("Klippan"))
    return cast


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The cast's accounts need no Argon2 here; client_for signs in without a password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def after_the_meetings(monkeypatch):
    """Minutes are approved only once the meeting has started (issue 16 §8): tests of a
    coming meeting's minutes approve them as if the meeting had been held."""
    from samverkan.meetings import services

    monkeypatch.setattr(
        services, "_now", lambda: datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
    )
