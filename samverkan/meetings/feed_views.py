"""Calendar feeds at secret addresses, and "Min sida": a person's networks, next meetings,
open tasks, inbox and calendar feed (issue 5, items 4 and 5)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.meetings import feeds, selectors
from samverkan.meetings.calendar import feed_ics
from samverkan.meetings.models import CalendarFeed
from samverkan.people import policy


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed behind a secret address. Unknown and revoked tokens look the same: 404 with
    nothing about the network or person (issue 5, item 8)."""
    found = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("network", "person")
        .first()
    )
    if found is None:
        raise Http404
    now = timezone.now()
    if found.network is not None:
        meetings = selectors.network_feed_meetings(found.network, now=now)
        name = found.network.name
    elif found.person is not None:
        meetings = selectors.person_feed_meetings(found.person, now=now)
        name = _("Mina möten")
    else:
        raise Http404
    response = HttpResponse(
        feed_ics(meetings, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def network_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Show (create), renew or revoke the network's feed address."""
    network = policy.get_network_for(request.user, slug)
    change = feeds.change_feed(request.user, request.POST.get("action", "create"), network=network)
    if change.done == "renewed":
        messages.success(
            request, _("Kalenderflödet har fått en ny adress; den gamla slutar gälla.")
        )
    elif change.done == "revoked":
        messages.success(request, _("Kalenderflödets adress är spärrad."))
    return redirect("meetings:list", slug=slug)


@login_required
@require_POST
def my_feed(request: HttpRequest) -> HttpResponse:
    person = policy.viewer_for(request.user).person
    if person is None:
        raise Http404
    change = feeds.change_feed(request.user, request.POST.get("action", "create"), person=person)
    if change.done == "renewed":
        messages.success(
            request, _("Ditt kalenderflöde har fått en ny adress; den gamla slutar gälla.")
        )
    elif change.done == "revoked":
        messages.success(request, _("Ditt kalenderflödes adress är spärrad."))
    return redirect("people:my_page")
