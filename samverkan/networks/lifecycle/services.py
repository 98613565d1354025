"""The life of a network, from proposal to archive (SPEC §4; S1-S4, P1, P2, C1).

Services follow networks/services.py: the acting user first, access through the access modules,
rules named by ID, one transaction, the verb in the history, notices through notify() (which
e-mails only after commit)."""

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.activation.services import invite
from samverkan.cooperation.access import can_act_for_municipality
from samverkan.cooperation.models import Area, ManagementContact, Municipality
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.core.races import conflict_on_unique
from samverkan.history.context import acting
from samverkan.networks.access import require_can_edit
from samverkan.networks.lifecycle import notices, on_behalf
from samverkan.networks.lifecycle.access import can_answer_invitation, can_propose_network
from samverkan.networks.lifecycle.starting import OPEN_PROPOSAL, load_start_facts, missing_steps
from samverkan.networks.lifecycle.tokens import link_holder, read_answer_token
from samverkan.networks.models import Membership, Network, Participation, ParticipationRequest
from samverkan.networks.services import refresh_search_text, unique_slug
from samverkan.people.access import person_for, require_secretariat
from samverkan.people.models import Person

Status = Network.Status


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def management_contacts(area_id: int, municipality_ids: Any) -> dict[int, list[Person]]:
    out: dict[int, list[Person]] = defaultdict(list)
    for contact in ManagementContact.objects.filter(
        area_id=area_id, municipality_id__in=list(municipality_ids)
    ).select_related("person__user"):
        out[contact.municipality_id].append(contact.person)
    return out


# ---- proposal and invitations (S1, S2) ------------------------------------------------------


def propose_network(
    actor: Any, *, name: str, area: Area, reason: str, today: datetime.date | None = None
) -> Network:
    """Any reader or the secretariat proposes a network; every member municipality is invited
    at once through its management for the area (S1)."""
    if not can_propose_network(actor):
        raise PermissionDenied(_("Logga in för att föreslå ett nätverk."))
    name, reason = name.strip(), reason.strip()
    if not name:
        raise ServiceError(_("Ange nätverkets namn."), field="name")
    if not reason:
        raise ServiceError(_("Beskriv varför nätverket behövs."), field="reason")
    if Network.objects.filter(name__iexact=name).exclude(status=Status.CLOSED).exists():
        raise ServiceError(_("Det finns redan ett nätverk med det namnet."), field="name")
    day = _today(today)
    with transaction.atomic(), acting(actor, "propose_network"):
        # The same name proposed twice at once: both find the slug free (issue 18 §2).
        with conflict_on_unique():
            network = Network.objects.create(
                name=name,
                slug=unique_slug(name),
                area=area,
                status=Status.PROPOSED,
                proposal_reason=reason,
                proposed_on=day,
                proposed_by=person_for(actor),
            )
        _invite_missing(network, day)
        refresh_search_text(network)
        notices.network_proposed(network)
    return network


def _invite_missing(network: Network, day: datetime.date) -> list[Participation]:
    """S1: invite each member municipality on `day` not yet invited. One without a management
    contact for the area cannot be invited yet; the progress page and the refusal say so."""
    members = list(Municipality.objects.members_on(day))
    existing = {p.municipality_id: p for p in network.participations.all()}
    waiting = [m for m in members if not (m.pk in existing and existing[m.pk].invited_on)]
    contacts = management_contacts(network.area_id, [m.pk for m in waiting])
    invited = []
    for municipality in waiting:
        if not contacts.get(municipality.pk):
            continue
        participation = existing.get(municipality.pk)
        if participation is None:
            participation = Participation.objects.create(
                network=network, municipality=municipality, invited_on=day
            )
        else:
            participation.invited_on = day
            participation.save(update_fields=["invited_on"])
        notices.invitation(network, participation, contacts[municipality.pk])
        invited.append(participation)
    return invited


def invite_members(
    actor: Any, network: Network, *, today: datetime.date | None = None
) -> list[Participation]:
    """Invite the member municipalities not yet invited: one that joined the cooperation later,
    or one whose management contact was registered since (S1). Those already invited are left."""
    require_can_edit(actor, network)
    if network.status not in OPEN_PROPOSAL:
        raise ServiceError(_("Inbjudningar skickas bara medan nätverket startas."))
    with transaction.atomic(), acting(actor, "invite_members"):
        return _invite_missing(network, _today(today))


def invite_new_members_everywhere(today: datetime.date) -> int:
    """The daily run: every open proposal invites the municipalities it has not reached yet."""
    count = 0
    for network in Network.objects.filter(status__in=OPEN_PROPOSAL):
        with transaction.atomic(), acting(None, "invite_members"):
            count += len(_invite_missing(network, today))
    return count


def answer_invitation(
    actor: Any,
    participation: Participation,
    *,
    answer: str,
    token: str | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> Participation:
    """A municipality answers yes or no (S1); a yes given by its management records that the
    management was consulted (S2). Through a personal link (`token`) or in the app.

    Issue 16 §8: an answer recorded on the municipality's behalf (by the secretariat) may carry
    a `note` of how it came (the page asks for it); the municipality's management contacts are
    then told who recorded it and how."""
    by_link = None
    if token:
        participation_id, person_id = read_answer_token(token)
        if participation_id != participation.pk:
            raise ServiceError(_("Länken gäller en annan inbjudan."))
        by_link = link_holder(person_id, participation)  # a removed contact's link is dead
    elif not can_answer_invitation(actor, participation):
        raise PermissionDenied(
            _("Bara förvaltningsledningen i %(muni)s eller sekretariatet kan svara.")
            % {"muni": participation.municipality.name}
        )
    if answer not in Participation.Answer.values:
        raise ServiceError(_("Svara ja eller nej."), field="answer")
    day = _today(today)
    # Issue 13, part 6: by link, the history names the person the link was sent to ("via
    # e-postlänk för …"), not an account: whoever holds the link answers, signed in or not.
    with transaction.atomic(), acting(actor, "answer_invitation", via_link_for=by_link):
        network = Network.objects.select_for_update().get(pk=participation.network_id)
        current = Participation.objects.select_for_update().get(pk=participation.pk)
        _check_answerable(network, current)
        current.answer = answer
        current.answered_on = day
        if answer == Participation.Answer.YES:
            current.consulted_on = day
        current.save(update_fields=["answer", "answered_on", "consulted_on"])
        _after_answer(network, day)
        if by_link is None and note.strip() and on_behalf.answers_on_behalf(actor, current):
            recorder = person_for(actor)
            contacts = management_contacts(network.area_id, [current.municipality_id])
            on_behalf.tell_management(
                current,
                recorded_by=recorder.name if recorder else _("Sekretariatet"),
                note=note.strip(),
                contacts=contacts.get(current.municipality_id, []),
            )
    return current


def _check_answerable(network: Network, participation: Participation) -> None:
    muni = participation.municipality.name
    if network.status not in OPEN_PROPOSAL:
        raise ServiceError(
            _("%(name)s är %(status)s; inbjudan kan inte längre besvaras.")
            % {"name": network.name, "status": network.get_status_display().lower()}
        )
    if participation.invited_on is None:
        raise ServiceError(
            _("%(muni)s är inte inbjuden till %(name)s och kan inte svara.")
            % {"muni": muni, "name": network.name}
        )
    if participation.answer:
        raise ServiceError(
            _(
                "%(muni)s har redan svarat %(answer)s den %(day)s. Kontakta sekretariatet om "
                "svaret ska ändras."
            )
            % {
                "muni": muni,
                "answer": participation.get_answer_display().lower(),
                "day": participation.answered_on,
            }
        )


def _after_answer(network: Network, day: datetime.date) -> None:
    """S1 + S2: once a majority of the members on `day` said yes and each was consulted, the
    proposal is starting and the secretariat is informed (once: the notice's key)."""
    facts = load_start_facts(network, day)
    if not facts.majority_consulted:
        return
    if network.status == Status.PROPOSED:
        network.status = Status.STARTING
        network.save(update_fields=["status"])
    notices.majority_reached(network, len(facts.yes), len(facts.members))


def find_invitation(network: Network, municipality: Municipality) -> Participation:
    """The municipality's invitation to `network`; a clear message when there is none."""
    participation = (
        Participation.objects.filter(network=network, municipality=municipality)
        .select_related("municipality", "network__area")
        .first()
    )
    if participation is None or participation.invited_on is None:
        raise ServiceError(
            _("%(muni)s är inte inbjuden till %(name)s och kan inte svara.")
            % {"muni": municipality.name, "name": network.name}
        )
    return participation


# ---- activation (S1-S4) ---------------------------------------------------------------------


def activate_network(
    actor: Any, network: Network, *, today: datetime.date | None = None
) -> Network:
    """Start the network. Refused until every member municipality was invited, a majority said
    yes, each yes was consulted, a founding plan is adopted and a coordinator appointed; the
    refusal lists every missing step, each naming its rule (S1, S2, S3, S4)."""
    require_can_edit(actor, network)
    day = _today(today)
    with transaction.atomic(), acting(actor, "activate_network"):
        given, network = network, Network.objects.select_for_update().get(pk=network.pk)
        if network.status not in OPEN_PROPOSAL:
            raise ServiceError(
                _("%(name)s är redan %(status)s.")
                % {"name": network.name, "status": network.get_status_display().lower()}
            )
        facts = load_start_facts(network, day)
        steps = missing_steps(facts)
        if steps:
            rule_ids = ", ".join(dict.fromkeys(s.rule_id for s in steps))
            raise RuleViolation(
                rule_ids,
                _("Nätverket kan inte aktiveras än. Detta saknas: %(steps)s")
                % {"steps": "; ".join(str(s) for s in steps)},
                missing=[str(s) for s in steps],
            )
        network.status = Status.ACTIVE
        network.started_on = day
        network.save(update_fields=["status", "started_on"])
        given.status, given.started_on = network.status, network.started_on
        for participation in facts.yes:
            if participation.joined_on is None:
                participation.joined_on = day
                participation.save(update_fields=["joined_on"])
        contacts = management_contacts(network.area_id, [p.municipality_id for p in facts.yes])
        people = [p for group in contacts.values() for p in group] + notices.secretariat()
        notices.network_activated(network, people)
    return network


# ---- joining and leaving (P1, P2) ------------------------------------------------------------


def _coordinators(network: Network, day: datetime.date) -> list[Person]:
    return [
        m.person
        for m in Membership.objects.on(day)
        .filter(network=network, role=Membership.Role.COORDINATOR)
        .select_related("person__user")
    ]


def _check_can_request(
    actor: Any, network: Network, municipality: Municipality, day: datetime.date
) -> None:
    if not can_act_for_municipality(actor, municipality):
        raise PermissionDenied(
            _("Du kan bara begära detta för din egen kommun (%(muni)s gäller inte dig).")
            % {"muni": municipality.name}
        )
    network.refresh_from_db(fields=["status"])
    if network.status != Status.ACTIVE:
        raise ServiceError(
            _("%(name)s är %(status)s; man kan bara gå med i eller lämna aktiva nätverk.")
            % {"name": network.name, "status": network.get_status_display().lower()}
        )
    pending = ParticipationRequest.objects.filter(
        network=network, municipality=municipality, state=ParticipationRequest.State.PENDING
    ).first()
    if pending is not None:
        raise ServiceError(
            _("%(muni)s har redan en begäran (%(kind)s) från %(day)s som väntar på samordnaren.")
            % {
                "muni": municipality.name,
                "kind": pending.get_kind_display().lower(),
                "day": pending.requested_on,
            }
        )


def request_join(
    actor: Any,
    network: Network,
    *,
    municipality: Municipality,
    today: datetime.date | None = None,
) -> ParticipationRequest:
    """P1: any member municipality may ask to join an active network; the coordinator confirms."""
    day = _today(today)
    _check_can_request(actor, network, municipality, day)
    if not municipality.is_member_on(day):
        raise ServiceError(_("%(muni)s är inte medlem i samverkan.") % {"muni": municipality.name})
    if Participation.objects.on(day).filter(network=network, municipality=municipality).exists():
        raise ServiceError(
            _("%(muni)s deltar redan i %(name)s.")
            % {"muni": municipality.name, "name": network.name}
        )
    return _create_request(actor, network, municipality, ParticipationRequest.Kind.JOIN, "", day)


def request_leave(
    actor: Any,
    network: Network,
    *,
    municipality: Municipality,
    reason: str = "",
    today: datetime.date | None = None,
) -> ParticipationRequest:
    """P2: participation is voluntary; a municipality may leave, the coordinator confirms."""
    day = _today(today)
    _check_can_request(actor, network, municipality, day)
    if (
        not Participation.objects.on(day)
        .filter(network=network, municipality=municipality)
        .exists()
    ):
        raise ServiceError(
            _("%(muni)s deltar inte i %(name)s.")
            % {"muni": municipality.name, "name": network.name}
        )
    kind = ParticipationRequest.Kind.LEAVE
    return _create_request(actor, network, municipality, kind, reason.strip(), day)


def _create_request(
    actor: Any,
    network: Network,
    municipality: Municipality,
    kind: str,
    reason: str,
    day: datetime.date,
) -> ParticipationRequest:
    with transaction.atomic(), acting(actor, f"request_{kind}"):
        # Two requests for one municipality at once both passed the check for a pending one;
        # participation_request_one_pending refuses the later (issue 18 §2).
        with conflict_on_unique():
            request = ParticipationRequest.objects.create(
                network=network,
                municipality=municipality,
                kind=kind,
                reason=reason,
                requested_by=person_for(actor),
                requested_on=day,
            )
        notices.participation_requested(request, _coordinators(network, day))
    return request


def decide_participation_request(
    actor: Any,
    request: ParticipationRequest,
    *,
    confirm: bool,
    today: datetime.date | None = None,
) -> ParticipationRequest:
    """The coordinator (or the secretariat) confirms or declines; dates are kept (P1, P2)."""
    require_can_edit(actor, request.network)
    day = _today(today)
    verb = "confirm_participation_request" if confirm else "decline_participation_request"
    with transaction.atomic(), acting(actor, verb):
        request = ParticipationRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != ParticipationRequest.State.PENDING:
            raise ServiceError(
                _("Begäran är redan %(state)s.") % {"state": request.get_state_display().lower()}
            )
        if confirm:
            _apply(request, day)
        request.state = (
            ParticipationRequest.State.CONFIRMED if confirm else ParticipationRequest.State.DECLINED
        )
        request.decided_by = person_for(actor)
        request.decided_on = day
        request.save(update_fields=["state", "decided_by", "decided_on"])
        notices.participation_decided(request)
    return request


def _apply(request: ParticipationRequest, day: datetime.date) -> None:
    participation, _created = Participation.objects.get_or_create(
        network=request.network, municipality=request.municipality
    )
    if request.kind == ParticipationRequest.Kind.JOIN:
        # One row per municipality and network: a municipality that left and joins again
        # starts a new period here; the history keeps the earlier one.
        participation.joined_on = day
        participation.left_on = None
        participation.leave_reason = ""
    else:
        if participation.joined_on is None or participation.left_on is not None:
            raise ServiceError(_("Kommunen deltar inte längre i nätverket."))
        participation.left_on = max(day, participation.joined_on)
        participation.leave_reason = request.reason
    participation.save()


# ---- closing (C1) ----------------------------------------------------------------------------


def _closing_municipalities(network: Network, day: datetime.date) -> list[int]:
    participating = list(
        Participation.objects.on(day)
        .filter(network=network)
        .values_list("municipality_id", flat=True)
    )
    if not participating:  # a proposal that never started: those invited
        participating = list(
            network.participations.filter(invited_on__isnull=False).values_list(
                "municipality_id", flat=True
            )
        )
    return participating


def told_at_close(network: Network, today: datetime.date | None = None) -> list[Person]:
    """Who close_network tells (C1), for the confirmation page (issue 16 §8): the management
    of every participating municipality, the secretariat and the network's own coordinators
    and members, once each, by name."""
    day = _today(today)
    contacts = management_contacts(network.area_id, _closing_municipalities(network, day))
    members = Person.objects.filter(
        pk__in=Membership.objects.on(day).filter(network=network).values("person_id"),
        anonymised_on__isnull=True,
    ).select_related("municipality")
    seen: dict[int, Person] = {}
    everyone = [p for group in contacts.values() for p in group]
    for person in [*everyone, *notices.secretariat(), *members]:
        seen.setdefault(person.pk, person)
    return sorted(seen.values(), key=lambda p: p.name)


def close_network(
    actor: Any, network: Network, *, reason: str, today: datetime.date | None = None
) -> Network:
    """C1: a coordinator or the secretariat closes the network with a reason; the management of
    every participating municipality and the secretariat are told. Everything stays readable."""
    require_can_edit(actor, network)
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Ange varför nätverket avslutas (C1)."), field="reason")
    day = _today(today)
    with transaction.atomic(), acting(actor, "close_network"):
        given, network = network, Network.objects.select_for_update().get(pk=network.pk)
        if network.status == Status.CLOSED:
            raise ServiceError(
                _("%(name)s avslutades redan %(day)s.")
                % {"name": network.name, "day": network.closed_on}
            )
        participating = _closing_municipalities(network, day)
        network.status = Status.CLOSED
        network.closed_on = day
        network.close_reason = reason
        network.save(update_fields=["status", "closed_on", "close_reason"])
        given.status, given.closed_on, given.close_reason = (
            network.status,
            network.closed_on,
            network.close_reason,
        )
        for request in network.participation_requests.filter(
            state=ParticipationRequest.State.PENDING
        ):
            request.state = ParticipationRequest.State.DECLINED
            request.decided_on = day
            request.save(update_fields=["state", "decided_on"])
        contacts = management_contacts(network.area_id, participating)
        people = [p for group in contacts.values() for p in group] + notices.secretariat()
        notices.network_closed(network, people)
    return network


# ---- the register of management contacts (S1, S2, C1) ----------------------------------------


def add_management_contact(
    actor: Any,
    municipality: Municipality,
    *,
    area: Area,
    email: str,
    name: str = "",
    title: str = "",
    today: datetime.date | None = None,
) -> ManagementContact:
    """The secretariat registers a municipality's management for an area; open proposals in
    that area that could not reach the municipality invite it now (S1)."""
    from samverkan.people.services import find_or_create_person

    require_secretariat(actor)
    day = _today(today)
    with transaction.atomic(), acting(actor, "add_management_contact"):
        person = find_or_create_person(
            actor, email=email, name=name, title=title, municipality=municipality
        )
        contact, _created = ManagementContact.objects.get_or_create(
            municipality=municipality, area=area, person=person
        )
        invite(person, actor=actor)  # issue 12: everyone the system names can sign in
        for network in Network.objects.filter(area=area, status__in=OPEN_PROPOSAL):
            _invite_missing(network, day)
    return contact


def remove_management_contact(actor: Any, contact: ManagementContact) -> None:
    require_secretariat(actor)
    with transaction.atomic(), acting(actor, "remove_management_contact"):
        contact.delete()
