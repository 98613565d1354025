import datetime

import pytest

from samverkan.agreements import selectors, services
from samverkan.agreements.models import AgreementReview
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.core.errors import ServiceError
from tests.agreements.helpers import adopt


def verdict(cast, day):
    return evaluate([cast.network], day, rule_ids=["CO2"])[0].verdicts["CO2"]


def review(cast, year, outcome="confirmed_unchanged", **kw):
    return services.record_review(
        cast.user("coordinator"),
        cast.network,
        year=year,
        outcome=outcome,
        held_on=datetime.date(year, 12, 10),
        **kw,
    )


def test_no_agreement_not_applicable_CO2(cast):
    assert verdict(cast, datetime.date(2026, 3, 1)).status == Status.NOT_APPLICABLE


def test_agreement_adopted_this_year_not_applicable_CO2(cast):
    adopt(cast, adopted_on=datetime.date(2026, 2, 1))
    assert verdict(cast, datetime.date(2026, 3, 1)).status == Status.NOT_APPLICABLE


def test_missing_review_of_last_year_CO2(cast):
    adopt(cast)
    v = verdict(cast, datetime.date(2026, 3, 1))
    assert v.status == Status.MISSING and "2025" in v.explanation


def test_recorded_review_ok_CO2(cast):
    adopt(cast)
    review(cast, 2025)
    v = verdict(cast, datetime.date(2026, 3, 1))
    assert v.status == Status.OK and "bekräftad oförändrad" in v.explanation


def test_revision_names_the_new_version_CO2(cast):
    first = adopt(cast)
    with pytest.raises(ServiceError, match="ange den nya versionen"):
        review(cast, 2025, outcome="revised")
    second = adopt(cast, text=first.text + "\nRevidering.", adopted_on=datetime.date(2025, 12, 10))
    row = review(cast, 2025, outcome="revised", version=second)
    assert row.version == second
    assert AgreementReview.objects.count() == 1


def test_review_date_must_be_in_its_year_CO2(cast):
    with pytest.raises(ServiceError, match="Översynen för 2025 ska hållas under 2025"):
        services.record_review(
            cast.user("coordinator"),
            cast.network,
            year=2025,
            outcome="evaluated",
            held_on=datetime.date(2026, 1, 5),
        )
    assert not AgreementReview.objects.exists()


def test_second_record_for_a_year_replaces_CO2(cast):
    review(cast, 2025, outcome="evaluated")
    review(cast, 2025, outcome="confirmed_unchanged")
    assert AgreementReview.objects.get().outcome == "confirmed_unchanged"


def test_parameters_not_set_not_applicable_CO2(cast):
    adopt(cast, review_at_last_meeting=False)
    assert verdict(cast, datetime.date(2026, 3, 1)).status == Status.NOT_APPLICABLE
    assert selectors.agreement_parameters(cast.network).review_at_last_meeting is False


def test_review_at_a_meeting_of_the_network_CO2(cast):
    from tests.agreements.test_agreements import _meeting

    meeting = _meeting(cast.network, datetime.date(2025, 12, 9))
    row = review(cast, 2025, meeting_id=meeting.pk)
    assert row.meeting_id == meeting.pk
    other = _meeting(cast.other_network, datetime.date(2025, 12, 10))
    with pytest.raises(ServiceError, match="Mötet hör inte till nätverket"):
        review(cast, 2025, outcome="evaluated", meeting_id=other.pk)
    assert AgreementReview.objects.get().outcome == "confirmed_unchanged"


def test_review_form_records_CO2(cast, client_for):
    response = client_for("coordinator").post(
        "/natverk/socialchefsnatverket/overenskommelse/oversyn/",
        {"year": 2025, "outcome": "evaluated", "held_on": "2025-12-09"},
    )
    assert response.status_code == 302
    assert AgreementReview.objects.get().outcome == "evaluated"
