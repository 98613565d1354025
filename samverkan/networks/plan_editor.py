"""What the year-plan editor shows beside the plan's own fields (issue 16, points 2 and 11):
the cooperation's texts the plan is written against (N1, N2), the years a plan can be written
for, the questions to the secretariat about the plan (ST1) and the secretariat's comments."""

import datetime
from typing import Any

from django.utils import timezone

from samverkan.cooperation.models import Cooperation, DevelopmentPlan
from samverkan.networks.access import can_edit_network
from samverkan.networks.forms import PlanCommentForm
from samverkan.networks.models import Network, Question, YearPlan, YearPlanComment
from samverkan.people.access import viewer_for


def plan_years(today: datetime.date) -> list[int]:
    """The current and the next year: on 1 December a new network's founding plan (S3) is
    better written for the coming year than for the month that is left (issue 16, point 2)."""
    return [today.year, today.year + 1]


def development_plan_for(year: int) -> DevelopmentPlan | None:
    """The development plan in force in the year (N2), with its areas."""
    return (
        DevelopmentPlan.objects.filter(start_year__lte=year, end_year__gte=year)
        .prefetch_related("areas")
        .order_by("-start_year")
        .first()
    )


def plan_questions(user: Any, network: Network, year: int) -> list[Question]:
    """The questions about this year's plan the user may read: their own; the secretariat,
    every one (ST1: the thread is between the asker and the secretariat)."""
    viewer = viewer_for(user)
    rows = Question.objects.filter(network=network, plan_year=year).order_by("-created_at")
    if not viewer.is_secretariat:
        if viewer.person is None:
            return []
        rows = rows.filter(asker=viewer.person)
    return list(rows)


def plan_comments(plan: YearPlan | None) -> list[YearPlanComment]:
    if plan is None:
        return []
    return list(plan.comments.select_related("author"))


def context(
    user: Any, network: Network, plan: YearPlan | None, year: int, *, today: Any = None
) -> dict[str, Any]:
    day = today or timezone.localdate()
    return {
        "cooperation": Cooperation.current(),
        "development_plan": development_plan_for(year),
        "plan_years": plan_years(day),
        "plan_questions": plan_questions(user, network, year),
        "comments": plan_comments(plan),
        "comment_form": PlanCommentForm(prefix="comment"),
        "can_comment": plan is not None
        and not plan.is_adopted
        and network.status != Network.Status.CLOSED
        and can_edit_network(user, network),
    }
