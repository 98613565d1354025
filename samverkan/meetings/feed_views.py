"""Calendar feeds at secret addresses, and "Min sida": a person's networks, next meetings,
open tasks, inbox and calendar feed (issue 5, items 4 and 5)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samverkan.core.errors import ServiceError
from samverkan.meetings import feeds, selectors
from samverkan.meetings.access import get_feed_by_secret
from samverkan.meetings.calendar import feed_ics, feed_refresh
from samverkan.meetings.forms import FeedForm
from samverkan.networks.access import get_network_for
from samverkan.people.access import person_for


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed behind a secret address. Unknown, revoked and expired secrets look the same,
    and so does a network's feed whose person has left the network: 404 with nothing about
    the network or person (issue 5, item 8; issue 13)."""
    now = timezone.now()
    found = get_feed_by_secret(token, today=timezone.localdate())
    if found.network is not None:
        meetings = selectors.network_feed_meetings(found.network, now=now)
        name = found.network.name
    else:
        assert found.person is not None  # get_feed_by_secret answers 404 otherwise
        meetings = selectors.person_feed_meetings(found.person, now=now)
        name = _("Mina möten")
    response = HttpResponse(
        feed_ics(meetings, name=name, refresh=feed_refresh()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


# What the page says after a change of the address; a new address is shown on a page of its own.
NETWORK_FEED_SAYS = {
    "revoked": gettext_lazy("Din adress till nätverkets kalenderflöde är spärrad."),
}
MY_FEED_SAYS = {
    "revoked": gettext_lazy("Ditt kalenderflödes adress är spärrad."),
}


def _change_feed(
    request: HttpRequest, says: dict[str, Any], back: str, **owner: Any
) -> HttpResponse:
    """Make, renew or revoke a feed's address, as the form's `action` asks. A new address is
    shown once, on the page that answers the form: only its hash is kept."""
    form = FeedForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    action = form.cleaned_data["action"] or "create"
    try:
        change = feeds.change_feed(
            request.user, action, expires_on=form.cleaned_data["expires_on"], **owner
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    if change.url:
        response = render(
            request,
            "meetings/feed_made.html",
            {"change": change, "back": back, "network": owner.get("network")},
        )
        response["Cache-Control"] = "no-store"  # the secret address is on this page only
        return response
    if change.done in says:
        messages.success(request, says[change.done])
    return redirect(back)


@login_required
@require_POST
def network_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Make, renew or revoke the user's own address of the network's feed."""
    network = get_network_for(request.user, slug)
    back = reverse("meetings:list", kwargs={"slug": network.slug})
    return _change_feed(request, NETWORK_FEED_SAYS, back, network=network)


@login_required
@require_POST
def my_feed(request: HttpRequest) -> HttpResponse:
    person = person_for(request.user)
    if person is None:
        raise Http404
    return _change_feed(request, MY_FEED_SAYS, reverse("people:my_page"), person=person)
