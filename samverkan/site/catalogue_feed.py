"""An Atom feed of the catalogue's changes (issue 16, part D): a network started, a network
closed, a year plan adopted, newest first, for the intranet's news list or a feed reader.

It says what the published catalogue says (names, dates, purpose, no contact details), and is
readable by whoever may read the catalogue: anyone where the instance publishes it, else the
signed-in (as the catalogue page, a sign-in redirect for the others)."""

import datetime
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Cooperation
from samverkan.networks.access import can_read_catalogue
from samverkan.networks.models import Network, YearPlan

# Where a network can be read by the public catalogue (networks/access.py can_see_network).
PUBLIC_STATUSES = (Network.Status.ACTIVE, Network.Status.CLOSED)


@dataclass(frozen=True)
class Change:
    """One change of the catalogue: what happened to which network on which day."""

    kind: str  # "started", "closed" or "plan"
    network: Network
    day: datetime.date
    plan: YearPlan | None = None


def catalogue_changes(limit: int) -> list[Change]:
    """The newest `limit` changes, in three queries (one per kind, each bounded)."""
    networks = Network.objects.filter(in_catalogue=True, status__in=PUBLIC_STATUSES)
    started = networks.filter(started_on__isnull=False).order_by("-started_on", "-pk")[:limit]
    closed = networks.filter(status=Network.Status.CLOSED, closed_on__isnull=False).order_by(
        "-closed_on", "-pk"
    )[:limit]
    plans = (
        YearPlan.objects.filter(
            state=YearPlan.State.ADOPTED,
            adopted_on__isnull=False,
            network__in_catalogue=True,
            network__status__in=PUBLIC_STATUSES,
        )
        .select_related("network")
        .order_by("-adopted_on", "-pk")[:limit]
    )
    changes = chain(
        (Change("started", n, n.started_on) for n in started if n.started_on),
        (Change("closed", n, n.closed_on) for n in closed if n.closed_on),
        (Change("plan", p.network, p.adopted_on, p) for p in plans if p.adopted_on),
    )
    return sorted(changes, key=lambda c: (c.day, c.kind != "started"), reverse=True)[:limit]


class CatalogueChangesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_read_catalogue(request.user):
            return redirect_to_login(request.get_full_path())
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Cooperation | None:
        return Cooperation.objects.order_by("pk").first()

    def title(self, obj: Cooperation | None) -> str:
        name = obj.name if obj else "Samverkan"
        return _("%(name)s: ändringar i nätverkskatalogen") % {"name": name}

    def subtitle(self, obj: Cooperation | None) -> str:
        return _("Nätverk som startat, avslutats eller antagit en årsplan.")

    def link(self) -> str:
        return reverse("networks:catalogue")

    def items(self) -> list[Change]:
        return catalogue_changes(settings.CATALOGUE_FEED_ITEMS)

    def item_title(self, item: Change) -> str:
        name = item.network.name
        if item.kind == "started":
            return _("%(name)s har startat") % {"name": name}
        if item.kind == "closed":
            return _("%(name)s har avslutats") % {"name": name}
        assert item.plan is not None
        return _("%(name)s har antagit årsplanen %(year)s") % {"name": name, "year": item.plan.year}

    def item_description(self, item: Change) -> str:
        day = date_format(item.day, "DATE_FORMAT")
        if item.kind == "plan" and item.plan is not None:
            return _("Antagen %(day)s. Syfte: %(purpose)s") % {
                "day": day,
                "purpose": item.plan.purpose,
            }
        if item.kind == "closed":
            return _("Nätverket avslutades %(day)s.") % {"day": day}
        text = _("Nätverket startade %(day)s.") % {"day": day}
        return f"{text} {item.network.description}".strip()

    def item_link(self, item: Change) -> str:
        return item.network.get_absolute_url()

    def item_guid(self, item: Change) -> str:
        # One change, one id, however often the feed is read (the link is one per network), as
        # an absolute URI, which Atom asks of an entry's id.
        what = f"plan-{item.plan.year}" if item.plan is not None else item.kind
        path = item.network.get_absolute_url()
        return f"{settings.SITE_URL.rstrip('/')}{path}#{what}-{item.day.isoformat()}"

    def item_guid_is_permalink(self, item: Change) -> bool:
        return False

    def item_updateddate(self, item: Change) -> datetime.datetime:
        return datetime.datetime.combine(
            item.day, datetime.time(), tzinfo=timezone.get_current_timezone()
        )

    item_pubdate = item_updateddate
