"""One small function per notice of the network lifecycle (STYLE habit 10). Each names the
key that makes it idempotent (the same event never notifies the same person twice) and is
written in each recipient's own language."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.networks.lifecycle.tokens import make_answer_token
from samverkan.networks.models import Network, Participation, ParticipationRequest
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

    notify_in_their_language(
        secretariat(),
        render=render,
        kind="majority_reached",
        key=f"majority-reached:{network.pk}",
        network=network,
        about=network,
    )


def network_activated(network: Network, recipients: Iterable[Person]) -> None:
    def render() -> tuple[str, str]:
        return (
            _("%(name)s har startat") % {"name": network.name},
            _("Nätverket %(name)s är nu aktivt från %(day)s.")
            % {"name": network.name, "day": network.started_on},
        )

    notify_in_their_language(
        recipients,
        render=render,
        kind="network_activated",
        key=f"network-activated:{network.pk}",
        network=network,
        about=network,
    )


def network_closed(network: Network, recipients: Iterable[Person]) -> None:
    """C1: the management of each participating municipality and the secretariat."""

    def render() -> tuple[str, str]:
        return (
            _("%(name)s har avslutats") % {"name": network.name},
            _("Nätverket %(name)s avslutades %(day)s.\n\nAnledning: %(reason)s")
            % {"name": network.name, "day": network.closed_on, "reason": network.close_reason},
        )

    notify_in_their_language(
        recipients,
        render=render,
        kind="network_closed",
        key=f"network-closed:{network.pk}",
        network=network,
        about=network,
    )


def network_inactive(network: Network, last_activity: datetime.date) -> None:
    """C1: flagged once per period of inactivity (the key names the last activity)."""

    def render() -> tuple[str, str]:
        return (
            _("Ingen aktivitet i %(name)s på 12 månader") % {"name": network.name},
            _(
                "%(name)s har inte haft något möte, någon ändring av årsplanen eller någon "
                "fråga sedan %(day)s (C1). Hör med samordnaren om nätverket ska fortsätta eller "
                "avslutas."
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
