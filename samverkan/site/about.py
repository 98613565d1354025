"""The public page "Om samverkan" (issue 16, point 11): the cooperation's purpose, the current
development plan's vision, business idea and areas, and the cooperation agreement, the texts
the networks write their year plans against (N1, N2). Readable by anyone, signed in or not:
it holds nothing about a person."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from samverkan.cooperation.models import Cooperation, DevelopmentPlan


def current_development_plan(year: int) -> DevelopmentPlan | None:
    """The development plan whose period holds `year` (the latest started, should two)."""
    return (
        DevelopmentPlan.objects.filter(start_year__lte=year, end_year__gte=year)
        .prefetch_related("areas")
        .order_by("-start_year", "-pk")
        .first()
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    context = {
        "coop": Cooperation.objects.order_by("pk").first(),
        "plan": current_development_plan(timezone.localdate().year),
    }
    return render(request, "site/about.html", context)
