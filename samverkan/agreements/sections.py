"""The agreements' panels on other rooms' pages."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.agreements.models import OnboardingTask
from samverkan.core.plugins import section
from samverkan.people.models import Person


@section("my_page", "agreements.tasks", "agreements/_my_tasks.html", order=20)
def my_onboarding_tasks(
    request: HttpRequest, person: Person, today: datetime.date
) -> dict[str, Any]:
    """PR3: the introductions I am to give."""
    tasks = (
        OnboardingTask.objects.filter(representative=person, done_on__isnull=True)
        .select_related("network", "membership__person")
        .order_by("due_on")
    )
    return {"tasks": list(tasks)}
