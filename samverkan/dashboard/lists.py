"""The whole lists behind the dashboard's bounded panels (issue 17): the panel shows the first
few of each and links here, one page at a time."""

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samverkan.core.pages import query_without_page
from samverkan.networks.lifecycle import selectors as lifecycle
from samverkan.networks.models import Network
from samverkan.people.access import require_secretariat

LIST_PAGE_SIZE = 50

# The lists by their address: title and query.
LIFECYCLE_LISTS: dict[str, tuple[StrOrPromise, Callable[[datetime.date], QuerySet[Network]]]] = {
    "uppstart": (_("Förslag under uppstart"), lifecycle.proposals_queryset),
    "inaktiva": (_("Ingen aktivitet på 12 månader (C1)"), lifecycle.inactive_queryset),
    "startade": (_("Startade i år"), lifecycle.started_queryset),
    "avslutade": (_("Avslutade i år"), lifecycle.closed_queryset),
}


def _rows(kind: str, networks: list[Network], today: datetime.date) -> list[dict[str, Any]]:
    """Each network of the page with what the panel shows beside it."""
    if kind == "uppstart":
        return lifecycle.proposal_rows(networks, today)
    if kind == "inaktiva":
        return [
            {"network": n, "last": last}
            for n, last in lifecycle.with_last_activity(networks, today)
        ]
    return [{"network": n} for n in networks]


@login_required
def lifecycle_list(request: HttpRequest, kind: str) -> HttpResponse:
    require_secretariat(request.user)
    if kind not in LIFECYCLE_LISTS:
        raise Http404
    today = timezone.localdate()
    title, query = LIFECYCLE_LISTS[kind]
    page = Paginator(query(today), LIST_PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {
        "title": title,
        "kind": kind,
        "page": page,
        "rows": _rows(kind, list(page.object_list), today),
        "query": query_without_page(request),
    }
    return render(request, "dashboard/lifecycle_list.html", context)
