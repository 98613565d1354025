"""Calendar feeds at secret addresses, and "Min sida": a person's networks, next meetings,
open tasks, inbox and calendar feed (issue 5, items 4 and 5)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samverkan.meetings import feeds, selectors
from samverkan.meetings.calendar import feed_ics
from samverkan.meetings.models import CalendarFeed
from samverkan.networks.access import get_network_for
from samverkan.people.access import person_for


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


# What the page says after a change of the address; showing it needs no message.
NETWORK_FEED_SAYS = {
    "renewed": gettext_lazy("Kalenderflödet har fått en ny adress; den gamla slutar gälla."),
    "revoked": gettext_lazy("Kalenderflödets adress är spärrad."),
}
MY_FEED_SAYS = {
    "renewed": gettext_lazy("Ditt kalenderflöde har fått en ny adress; den gamla slutar gälla."),
    "revoked": gettext_lazy("Ditt kalenderflödes adress är spärrad."),
}


def _change_feed(request: HttpRequest, says: dict[str, Any], **owner: Any) -> None:
    """Show (create), renew or revoke a feed's address, as the form's `action` asks."""
    change = feeds.change_feed(request.user, request.POST.get("action", "create"), **owner)
    if change.done in says:
        messages.success(request, says[change.done])


@login_required
@require_POST
def network_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Show (create), renew or revoke the network's feed address."""
    network = get_network_for(request.user, slug)
    _change_feed(request, NETWORK_FEED_SAYS, network=network)
    return redirect("meetings:list", slug=slug)


@login_required
@require_POST
def my_feed(request: HttpRequest) -> HttpResponse:
    person = person_for(request.user)
    if person is None:
        raise Http404
    _change_feed(request, MY_FEED_SAYS, person=person)
    return redirect("people:my_page")
