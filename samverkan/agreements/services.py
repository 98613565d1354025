"""Actions on agreements, the yearly review, chairs and business plans.

Matters, mandates, working groups and onboarding are in work.py (same habits). Each service
takes the acting user first, checks access through access.py, enforces the rules it names
and writes in one transaction with the verb recorded in the history."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.agreements import access
from samverkan.agreements.models import (
    Agreement,
    AgreementReview,
    AgreementVersion,
    BusinessPlan,
    Chairmanship,
    ChairMunicipality,
    FocusArea,
)
from samverkan.agreements.parameters import validate_parameters
from samverkan.agreements.selectors import (
    PARAMETER_NAMES,
    AgreementParameters,
    agreement_parameters,
    meeting_in_network,
    names_outside,
    participating_ids,
    participation_day,
)
from samverkan.cooperation.models import Municipality
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.core.races import conflict_on_unique
from samverkan.history.context import acting
from samverkan.networks.models import Membership, Network
from samverkan.people.access import person_for
from samverkan.people.models import Person


def _open(network: Network) -> None:
    if network.status == Network.Status.CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan inte ändras."))


def _year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ServiceError(_("Ange ett år mellan 2000 och 2100."), field="year")


# ---- agreements -------------------------------------------------------------------------------


def adopt_agreement_version(
    actor: Any,
    network: Network,
    *,
    text: str,
    parameters: Mapping[str, Any] | AgreementParameters,
    adopted_on: datetime.date | None = None,
    meeting_id: int | None = None,
    note: str = "",
) -> AgreementVersion:
    """The network adopts (a revision of) its agreement: a new version with its text,
    parameters, date and meeting (SPEC §2). Invalid parameters are refused with every error,
    nothing written; a version identical to the latest one is not repeated."""
    access.require_can_edit_agreement(actor, network)
    _open(network)
    raw = parameters.as_dict() if isinstance(parameters, AgreementParameters) else parameters
    params, errors = validate_parameters(dict(raw))
    if errors:
        name, message = next(iter(errors.items()))
        raise ParameterError(message, field=name, errors=errors)
    text = text.strip()
    if not text:
        raise ServiceError(_("Skriv överenskommelsens text."), field="text")
    day = adopted_on or timezone.localdate()
    if meeting_id is not None and not meeting_in_network(network, meeting_id):
        raise ServiceError(_("Mötet hör inte till nätverket."), field="meeting_id")
    with transaction.atomic(), acting(actor, "adopt_agreement_version"):
        agreement, _created = Agreement.objects.select_for_update().get_or_create(network=network)
        latest = agreement.versions.order_by("-number").first()
        if (
            latest is not None
            and latest.text == text
            and AgreementParameters.from_version(latest) == params
        ):
            return latest
        number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return AgreementVersion.objects.create(
            agreement=agreement,
            number=number,
            text=text,
            adopted_on=day,
            adopted_at_meeting_id=meeting_id,
            note=note.strip()[:300],
            created_by=person_for(actor),
            **{name: getattr(params, name) for name in PARAMETER_NAMES},
        )


class ParameterError(ServiceError):
    """Parameters out of range (issue 4, item 10): all errors, by parameter name."""

    def __init__(self, message: str, *, field: str | None, errors: dict[str, str]) -> None:
        super().__init__(message, field=field)
        self.errors = errors

    def by_field(self) -> dict[str | None, str]:
        if not self.errors:
            return super().by_field()
        return {name: message for name, message in self.errors.items()}


def record_review(
    actor: Any,
    network: Network,
    *,
    year: int,
    outcome: str,
    held_on: datetime.date,
    meeting_id: int | None = None,
    version: AgreementVersion | None = None,
    note: str = "",
) -> AgreementReview:
    """CO2: the agreement is evaluated and revised at the last meeting of the year; the
    outcome is recorded once per year (a second record for the year replaces the first).
    Recorded from a meeting's minutes, it is the secretary's act too (SPEC §1: the secretary
    is like the coordinator for meetings, agenda and minutes)."""
    access.require_can_record_review(actor, network, at_meeting=meeting_id is not None)
    _year(year)
    if outcome not in AgreementReview.Outcome.values:
        raise ServiceError(
            _("Välj utvärderad, reviderad eller bekräftad oförändrad."), field="outcome"
        )
    if held_on.year != year:
        raise ServiceError(
            _("Översynen för %(year)d ska hållas under %(year)d.") % {"year": year},
            field="held_on",
        )
    if meeting_id is not None and not meeting_in_network(network, meeting_id):
        raise ServiceError(_("Mötet hör inte till nätverket."), field="meeting_id")
    if version is not None and version.agreement.network_id != network.pk:
        raise ServiceError(_("Versionen hör till ett annat nätverk."), field="version")
    if outcome == AgreementReview.Outcome.REVISED and version is None:
        raise ServiceError(
            _("En revision ska ange den nya versionen av överenskommelsen (CO2)."),
            field="version",
        )
    with transaction.atomic(), acting(actor, "record_review"):
        review, _created = AgreementReview.objects.update_or_create(
            network=network,
            year=year,
            defaults={
                "outcome": outcome,
                "held_on": held_on,
                "meeting_id": meeting_id,
                "version": version,
                "note": note.strip(),
            },
        )
    return review


# ---- chairs (CH2) -----------------------------------------------------------------------------


def _chair_checks(
    network: Network, year: int, chosen: list[Municipality], today: datetime.date
) -> None:
    """CH2: the agreement's number of chair municipalities, each taking part in the network."""
    if not chosen:
        raise ServiceError(_("Välj minst en ordförandekommun."), field="municipalities")
    if len({m.pk for m in chosen}) != len(chosen):
        raise ServiceError(_("Samma kommun är vald två gånger."), field="municipalities")
    wanted = agreement_parameters(network, on=today).chair_municipalities
    if wanted is not None and len(chosen) != wanted:
        raise RuleViolation(
            "CH2",
            _("Överenskommelsen säger att %(n)d kommuner delar ordförandeskapet; du valde %(k)d.")
            % {"n": wanted, "k": len(chosen)},
        )
    participating = participating_ids(network, participation_day(year, today))
    if outside := names_outside(chosen, participating):
        raise RuleViolation(
            "CH2",
            _("Ordförandekommunen måste delta i nätverket: %(names)s gör det inte.")
            % {"names": outside},
        )


def _chair_people(
    network: Network,
    chosen: list[Municipality],
    people: Mapping[int, Person | None] | None,
    persons: Iterable[Person],
    today: datetime.date,
) -> dict[int, Person | None]:
    """CH2 ("ordförandeskapet … innehas"): who holds the chair for each chosen municipality.
    `people` maps a municipality to its person; `persons` names people, each placed on the
    municipality they are a member for. Each must be a member of the network."""
    memberships = {
        m.person_id: m.municipality_id
        for m in Membership.objects.on(today).filter(network=network).order_by("role")
    }
    result: dict[int, Person | None] = dict(people or {})
    for person in people.values() if people else ():
        if person is not None and person.pk not in memberships:
            raise ServiceError(
                _("%(name)s är inte medlem i nätverket och kan inte vara ordförande.")
                % {"name": person.name},
                field="people",
            )
    chosen_ids = {m.pk for m in chosen}
    for person in persons:
        municipality_id = memberships.get(person.pk)
        if municipality_id is None:
            raise ServiceError(
                _("%(name)s är inte medlem i nätverket och kan inte vara ordförande.")
                % {"name": person.name},
                field="persons",
            )
        if municipality_id not in chosen_ids:
            raise RuleViolation(
                "CH2",
                _(
                    "%(name)s är medlem för en kommun som inte är vald som ordförandekommun. "
                    "Välj också kommunen eller en annan person."
                )
                % {"name": person.name},
            )
        if result.get(municipality_id) not in (None, person):
            raise ServiceError(
                _("Välj en ordförande per kommun: två personer är valda för samma kommun."),
                field="persons",
            )
        result[municipality_id] = person
    return result


def appoint_chairs(
    actor: Any,
    network: Network,
    *,
    year: int,
    municipalities: Iterable[Municipality],
    people: Mapping[int, Person | None] | None = None,
    persons: Iterable[Person] = (),
    appointed_on: datetime.date | None = None,
) -> Chairmanship:
    """CH2: the chair municipalities for a term (the agreement's number, for its term length),
    each participating in the network, and the person who holds the chair for each (optional:
    `people` by municipality, or `persons` placed on the municipality they are members for);
    a term may not overlap another."""
    access.require_can_appoint_chairs(actor, network)
    _open(network)
    _year(year)
    today = appointed_on or timezone.localdate()
    params = agreement_parameters(network, on=today)
    chosen = list(municipalities)
    _chair_checks(network, year, chosen, today)
    term = params.chair_term_years or 1
    holders = _chair_people(network, chosen, people, list(persons), today)
    with transaction.atomic(), acting(actor, "appoint_chairs"):
        Network.objects.select_for_update().filter(pk=network.pk).first()
        for other in Chairmanship.objects.filter(network=network, year__lte=year + term - 1):
            if other.last_year >= year:
                raise RuleViolation(
                    "CH2",
                    _(
                        "Det finns redan ordförande för %(first)d-%(last)d; perioderna får inte "
                        "överlappa."
                    )
                    % {"first": other.year, "last": other.last_year},
                )
        chairmanship = Chairmanship.objects.create(
            network=network, year=year, term_years=term, appointed_on=today
        )
        for municipality in chosen:
            ChairMunicipality.objects.create(
                chairmanship=chairmanship,
                municipality=municipality,
                person=holders.get(municipality.pk),
            )
    return chairmanship


def correct_chairs(
    actor: Any,
    chairmanship: Chairmanship,
    *,
    municipalities: Iterable[Municipality],
    people: Mapping[int, Person | None] | None = None,
    persons: Iterable[Person] = (),
    today: datetime.date | None = None,
) -> Chairmanship:
    """Correct who held (or holds) the chair of a term, also a past one (issue 16 §9): the
    same CH2 checks as appointing; each change is kept in the history (verb correct_chairs),
    the term itself is never removed."""
    network = chairmanship.network
    access.require_can_appoint_chairs(actor, network)
    _open(network)
    day = today or timezone.localdate()
    chosen = list(municipalities)
    _chair_checks(network, chairmanship.year, chosen, day)
    holders = _chair_people(
        network, chosen, people, list(persons), participation_day(chairmanship.year, day)
    )
    with transaction.atomic(), acting(actor, "correct_chairs"):
        Chairmanship.objects.select_for_update().filter(pk=chairmanship.pk).first()
        wanted = {m.pk: m for m in chosen}
        for chair in list(chairmanship.chairs.all()):
            if chair.municipality_id not in wanted:
                chair.delete()
                continue
            person = holders.get(chair.municipality_id)
            if chair.person_id != (person.pk if person else None):
                chair.person = person
                chair.save(update_fields=["person"])
            del wanted[chair.municipality_id]
        for municipality in wanted.values():
            ChairMunicipality.objects.create(
                chairmanship=chairmanship,
                municipality=municipality,
                person=holders.get(municipality.pk),
            )
    return chairmanship


def chairs_can_be_withdrawn(chairmanship: Chairmanship, today: datetime.date | None = None) -> bool:
    """Only a term that has not begun can be withdrawn; one that has begun or is past is a
    record of who chaired, and is corrected instead (issue 16 §9)."""
    return chairmanship.year > (today or timezone.localdate()).year


def withdraw_chairs(
    actor: Any, chairmanship: Chairmanship, *, today: datetime.date | None = None
) -> None:
    """Undo an appointment made by mistake, before its term begins (the history keeps it)."""
    access.require_can_appoint_chairs(actor, chairmanship.network)
    if not chairs_can_be_withdrawn(chairmanship, today):
        raise ServiceError(
            _(
                "Ordförandeskapet för %(y)d har redan börjat och kan inte tas bort. Rätta det i "
                "stället: ändringen sparas i historiken."
            )
            % {"y": chairmanship.year}
        )
    with transaction.atomic(), acting(actor, "withdraw_chairs"):
        chairmanship.delete()


# ---- business plans (PR1, CO3) ----------------------------------------------------------------


def save_business_plan(
    actor: Any, network: Network, *, year: int, summary: str = ""
) -> BusinessPlan:
    """Create or edit next year's (or any year's) business plan (CO3)."""
    access.require_can_edit_business_plan(actor, network)
    _open(network)
    _year(year)
    with transaction.atomic(), acting(actor, "save_business_plan"):
        plan, created = BusinessPlan.objects.get_or_create(
            network=network, year=year, defaults={"summary": summary.strip()}
        )
        if not created and plan.summary != summary.strip():
            plan.summary = summary.strip()
            plan.save(update_fields=["summary"])
    return plan


def _check_focus_municipalities(
    plan: BusinessPlan, municipalities: list[Municipality], today: datetime.date
) -> None:
    participating = participating_ids(plan.network, participation_day(plan.year, today))
    if outside := names_outside(municipalities, participating):
        raise ServiceError(
            _(
                "Frågeområdet kan bara omfatta kommuner som deltar i nätverket: %(names)s gör det "
                "inte."
            )
            % {"names": outside},
            field="municipalities",
        )


def save_focus_area(
    actor: Any,
    plan: BusinessPlan,
    *,
    name: str,
    municipalities: Iterable[Municipality],
    description: str = "",
    focus_area: FocusArea | None = None,
    today: datetime.date | None = None,
) -> FocusArea:
    """Add a focus area to a business plan, or change one, with the municipalities that
    cooperate on it (PR1). Only participating municipalities."""
    access.require_can_edit_business_plan(actor, plan.network)
    _open(plan.network)
    name = name.strip()
    if not name:
        raise ServiceError(_("Ange frågeområdets namn."), field="name")
    chosen = list(municipalities)
    _check_focus_municipalities(plan, chosen, today or timezone.localdate())
    clash = plan.focus_areas.filter(name__iexact=name)
    if focus_area is not None:
        if focus_area.business_plan_id != plan.pk:
            raise ServiceError(_("Frågeområdet hör till en annan plan."))
        clash = clash.exclude(pk=focus_area.pk)
    if clash.exists():
        raise ServiceError(_("Planen har redan ett frågeområde med det namnet."), field="name")
    # The name check above ran before the transaction: a focus area of the same name saved
    # since then is refused by focus_area_unique_name (issue 18 §2).
    with transaction.atomic(), acting(actor, "save_focus_area"), conflict_on_unique():
        if focus_area is None:
            focus_area = FocusArea.objects.create(
                business_plan=plan, name=name, description=description.strip()
            )
        else:
            focus_area.name = name
            focus_area.description = description.strip()
            focus_area.save()
        focus_area.municipalities.set(chosen)
    return focus_area


def remove_focus_area(actor: Any, focus_area: FocusArea) -> None:
    plan = focus_area.business_plan
    access.require_can_edit_business_plan(actor, plan.network)
    _open(plan.network)
    with transaction.atomic(), acting(actor, "remove_focus_area"):
        focus_area.delete()


def adopt_business_plan(
    actor: Any, plan: BusinessPlan, *, today: datetime.date | None = None
) -> BusinessPlan:
    """The network adopts its business plan (CO3: before the year starts; PR1 is a check, so a
    plan with too few focus areas can be adopted and is flagged)."""
    access.require_can_edit_business_plan(actor, plan.network)
    _open(plan.network)
    if plan.is_adopted:
        return plan
    if not plan.focus_areas.exists():
        raise ServiceError(_("Lägg till minst ett frågeområde innan planen antas."))
    with transaction.atomic(), acting(actor, "adopt_business_plan"):
        plan.state = BusinessPlan.State.ADOPTED
        plan.adopted_on = today or timezone.localdate()
        plan.save(update_fields=["state", "adopted_on"])
    return plan
