"""One small function per notice of the network lifecycle (STYLE habit 10). Each names the
key that makes it idempotent (the same event never notifies the same person twice) and is
written in each recipient's own language."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.networks.lifecycle.tokens import make_answer_token
from samverkan.networks.models import Membership, Network, Participation, ParticipationRequest
from samverkan.networks.naming import network_phrase
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.models import Person
from samverkan.people.selectors import secretariat


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def network_proposed(network: Network) -> None:
    def render() -> tuple[str, str]:
        return (
            _("Nytt nätverk föreslaget: %(name)s") % {"name": network.name},
            _("%(name)s (%(area)s) har föreslagits. Varför: %(reason)s")
            % {"name": network.name, "area": network.area.name, "reason": network.proposal_reason},
        )

    notify_in_their_language(
        secretariat(),
        render=render,
        kind="network_proposed",
        key=f"network-proposed:{network.pk}",
        network=network,
        about=network,
    )


def invitation(network: Network, participation: Participation, contacts: Iterable[Person]) -> None:
    """S1: each management contact gets a personal link to answer for the municipality."""
    for person in contacts:
        link = _url(
            reverse(
                "networks:answer_link",
                kwargs={"token": make_answer_token(participation.pk, person.pk)},
            )
        )

        def render(link: str = link) -> tuple[str, str]:
            return (
                _("Inbjudan: vill %(muni)s delta i %(name)s?")
                % {"muni": participation.municipality.name, "name": network.name},
                _(
                    "Ett nytt nätverk, %(name)s, har föreslagits inom %(area)s.\n\n"
                    "Varför: %(reason)s\n\n"
                    "Som förvaltningsledning i %(muni)s svarar du ja eller nej för kommunen. "
                    "Ett ja betyder att förvaltningsledningen är tillfrågad (S2).\n\n"
                    "Svara här: %(link)s"
                )
                % {
                    "name": network.name,
                    "area": network.area.name,
                    "reason": network.proposal_reason,
                    "muni": participation.municipality.name,
                    "link": link,
                },
            )

        notify_in_their_language(
            [person],
            render=render,
            kind="invitation",
            key=f"invitation:{participation.pk}",
            network=network,
            about=participation,
        )


def majority_reached(network: Network, yes: int, members: int) -> None:
    """S2: the secretariat is informed once a majority said yes and each was consulted."""

    def render() -> tuple[str, str]:
        return (
            _("Majoritet för %(name)s") % {"name": network.name},
            _(
                "%(yes)d av %(members)d medlemskommuner har sagt ja till %(name)s, och "
                "förvaltningsledningen i var och en är tillfrågad (S1, S2). Nätverket kan nu ta "
                "fram sin första årsplan och utse en samordnare."
            )
            % {"yes": yes, "members": members, "name": network.name},
        )

    proposer = _proposer(network)
    notify_in_their_language(
        [p for p in secretariat() if p != proposer],
        render=render,
        kind="majority_reached",
        key=f"majority-reached:{network.pk}",
        network=network,
        about=network,
    )
    if proposer is None:
        return
    url = _url(network.get_absolute_url())

    def render_for_proposer() -> tuple[str, str]:
        return (
            _("Ditt förslag %(name)s har fått majoritet") % {"name": network.name},
            _(
                "%(yes)d av %(members)d medlemskommuner har sagt ja till nätverket du föreslog, "
                "%(name)s (S1, S2). Nu tar nätverket fram sin första årsplan och utser en "
                "samordnare; sekretariatet är informerat.\n\nFölj uppstarten: %(url)s"
            )
            % {"yes": yes, "members": members, "name": network.name, "url": url},
        )

    notify_in_their_language(
        [proposer],
        render=render_for_proposer,
        kind="proposal_majority",
        key=f"majority-reached:{network.pk}:proposer",
        network=network,
        about=network,
    )


def _proposer(network: Network) -> Person | None:
    """The person who proposed the network, while they can still be told (not anonymised)."""
    person = network.proposed_by
    if person is None or person.anonymised_on is not None:
        return None
    return person


def network_activated(network: Network, recipients: Iterable[Person]) -> None:
    """S4: the management of the municipalities that said yes and the secretariat; and the
    person who proposed the network, in words of their own."""
    proposer = _proposer(network)

    def render() -> tuple[str, str]:
        return (
            _("%(name)s har startat") % {"name": network.name},
            _("%(network)s är nu aktivt från %(day)s.")
            % {"network": network_phrase(network.name), "day": network.started_on},
        )

    notify_in_their_language(
        [p for p in recipients if p != proposer],
        render=render,
        kind="network_activated",
        key=f"network-activated:{network.pk}",
        network=network,
        about=network,
    )
    if proposer is None:
        return
    url = _url(network.get_absolute_url())

    def render_for_proposer() -> tuple[str, str]:
        return (
            _("Nätverket du föreslog, %(name)s, har startat") % {"name": network.name},
            _("%(name)s är aktivt från %(day)s. Nätverkets sida: %(url)s")
            % {"name": network.name, "day": network.started_on, "url": url},
        )

    notify_in_their_language(
        [proposer],
        render=render_for_proposer,
        kind="proposal_started",
        key=f"network-activated:{network.pk}:proposer",
        network=network,
        about=network,
    )


def network_closed(network: Network, recipients: Iterable[Person]) -> None:
    """C1: the management of each participating municipality and the secretariat; and, in
    words of their own, the network's people: its coordinators and members on the day it
    closed (issue 16, point 5). Each is told once (the keys), a manager who is also a member
    as a manager."""
    told = {p.pk: p for p in recipients if p is not None}

    def render() -> tuple[str, str]:
        return (
            _("%(name)s har avslutats") % {"name": network.name},
            _("%(network)s avslutades %(day)s.\n\nAnledning: %(reason)s")
            % {
                "network": network_phrase(network.name),
                "day": network.closed_on,
                "reason": network.close_reason,
            },
        )

    notify_in_their_language(
        told.values(),
        render=render,
        kind="network_closed",
        key=f"network-closed:{network.pk}",
        network=network,
        about=network,
    )
    own = (
        Membership.objects.on(network.closed_on or timezone.localdate())
        .filter(network=network)
        .values("person_id")
    )
    people = Person.objects.filter(pk__in=own, anonymised_on__isnull=True).exclude(
        pk__in=list(told)
    )
    url = _url(network.get_absolute_url())

    def render_for_member() -> tuple[str, str]:
        values = {
            "name": network.name,
            "day": network.closed_on,
            "reason": network.close_reason,
            "url": url,
        }
        return (
            _("Ditt nätverk %(name)s har avslutats") % values,
            _(
                "%(name)s, som du är med i, avslutades %(day)s. Nätverkets möten, årsplaner "
                "och material finns kvar att läsa: %(url)s\n\nAnledning: %(reason)s"
            )
            % values,
        )

    notify_in_their_language(
        people.select_related("user"),
        render=render_for_member,
        kind="network_closed_member",
        key=f"network-closed:{network.pk}:member",
        network=network,
        about=network,
    )


def network_inactive(network: Network, last_activity: datetime.date) -> None:
    """C1: flagged once per period of inactivity (the key names the last activity)."""

    def render() -> tuple[str, str]:
        return (
            _("Ingen aktivitet i %(name)s på 12 månader") % {"name": network.name},
            _(
                "%(name)s har inte hållit något möte, justerat något protokoll eller väckt "
                "eller flyttat någon fråga sedan %(day)s (C1). Hör med samordnaren om "
                "nätverket ska fortsätta eller avslutas."
            )
            % {"name": network.name, "day": last_activity},
        )

    notify_in_their_language(
        secretariat(),
        render=render,
        kind="network_inactive",
        key=f"network-inactive:{network.pk}:{last_activity}",
        network=network,
        about=network,
    )


def participation_requested(request: ParticipationRequest, coordinators: Iterable[Person]) -> None:
    network = request.network

    def render() -> tuple[str, str]:
        return (
            _("%(muni)s vill %(kind)s %(name)s")
            % {
                "muni": request.municipality.name,
                "kind": request.get_kind_display().lower(),
                "name": network.name,
            },
            _("Bekräfta eller avböj på nätverkets sida för deltagande."),
        )

    notify_in_their_language(
        coordinators,
        render=render,
        kind="participation_requested",
        key=f"participation-request:{request.pk}",
        network=network,
        about=request,
    )


def participation_decided(request: ParticipationRequest) -> None:
    if request.requested_by is None:
        return

    def render() -> tuple[str, str]:
        return (
            _("%(name)s: begäran om att %(kind)s är %(state)s")
            % {
                "name": request.network.name,
                "kind": request.get_kind_display().lower(),
                "state": request.get_state_display().lower(),
            },
            _("Samordnaren har svarat på begäran från %(muni)s.")
            % {"muni": request.municipality.name},
        )

    notify_in_their_language(
        [request.requested_by],
        render=render,
        kind="participation_decided",
        key=f"participation-decided:{request.pk}",
        network=request.network,
        about=request,
    )
