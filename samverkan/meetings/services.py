"""Actions on meetings: plan a year, add, move and cancel a meeting, its agenda, minutes,
attachments and attendance, and the secret calendar feeds.

Each service takes the acting user first, checks access through meetings/access.py, enforces the
rules it names (CO1, CO2, CO3, CH2), writes in one transaction and records the verb in the
history; notices (with the iCalendar file) are stored in the same transaction and e-mailed
after it commits by the notifications app."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverkan.agreements.selectors import agreement_parameters
from samverkan.cooperation.models import Municipality
from samverkan.core.errors import ConflictError, RuleViolation, ServiceError
from samverkan.files.uploads import UploadRefused, check_upload
from samverkan.history.context import acting
from samverkan.meetings import notices
from samverkan.meetings.access import require_can_manage_meetings
from samverkan.meetings.models import (
    STOCKHOLM,
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    Minutes,
)
from samverkan.meetings.planning import ProposedMeeting
from samverkan.networks.models import Network
from samverkan.people.access import person_for
from samverkan.people.models import Person

Kind = AgendaItem.Kind


def _require_open(network: Network) -> None:
    if network.status == Network.Status.CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan inte ändras."))


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ServiceError(_("Ange tiden med tidszon."), field="starts_at")
    if ends_at <= starts_at:
        raise ServiceError(_("Mötet måste sluta efter att det börjar."), field="ends_at")
    if not 2000 <= starts_at.astimezone(STOCKHOLM).year <= 2100:
        raise ServiceError(_("Ange ett datum mellan år 2000 och 2100."), field="starts_at")


def _now() -> datetime.datetime:
    """The moment the minutes are approved at (a seam for the tests of year-end meetings)."""
    return timezone.now()


def _person(actor: Any) -> Person | None:
    return person_for(actor)


# ---- the last meeting of the year (CO2, CO3, CH2) ------------------------------------------


def year_end_kinds(network: Network, year: int) -> list[tuple[str, str]]:
    """The items the agreement asks of the year's last meeting, with their titles."""
    params = agreement_parameters(network, on=datetime.date(year, 12, 31))
    wanted: list[tuple[str, str]] = []
    if params.review_at_last_meeting:  # CO2
        wanted.append((Kind.AGREEMENT_REVIEW, _("Utvärdering och revidering av överenskommelsen")))
    if params.business_plan_required:  # CO3
        wanted.append((Kind.BUSINESS_PLAN, _("Verksamhetsplan för %(year)s") % {"year": year + 1}))
    if params.chair_municipalities:  # CH2
        wanted.append((Kind.CHAIRS, _("Ordförandekommuner för %(year)s") % {"year": year + 1}))
    return wanted


def sync_year_end_items(network: Network, year: int) -> None:
    """Give the year's last planned meeting the items the agreement asks for (CO2, CO3, CH2).

    Items already on an earlier meeting that is no longer the last (a meeting was added after
    it, or the last one was cancelled) follow to the new last meeting, unless their minutes are
    approved or an outcome is recorded. Called inside the services' transactions."""
    # Two meetings planned at once would both give the same last meeting its items and meet
    # agenda_item_one_special_kind_per_meeting: the network's row orders them (issue 18 §2).
    Network.objects.select_for_update().filter(pk=network.pk).values_list("pk").first()
    meetings = list(Meeting.objects.filter(network=network).in_year(year).order_by("starts_at"))
    planned = [m for m in meetings if not m.is_cancelled]
    if not planned:
        return
    last = planned[-1]
    wanted = year_end_kinds(network, year)
    if not wanted:
        return
    kinds = [k for k, _title in wanted]
    existing = {
        item.kind: item
        for item in AgendaItem.objects.filter(meeting__in=meetings, kind__in=kinds)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    }
    approved = set(
        Minutes.objects.filter(meeting__in=meetings, state=Minutes.State.APPROVED).values_list(
            "meeting_id", flat=True
        )
    )
    if last.pk in approved:
        return
    next_order = (last.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 1
    for kind, title in wanted:
        item = existing.get(kind)
        if item is None:
            AgendaItem.objects.create(meeting=last, kind=kind, title=title, order=next_order)
            next_order += 1
        elif item.meeting_id != last.pk and not item.outcome and item.meeting_id not in approved:
            item.meeting = last
            item.order = next_order
            item.save(update_fields=["meeting", "order"])
            next_order += 1


# ---- meetings ------------------------------------------------------------------------------


def plan_year(
    actor: Any, network: Network, *, year: int, meetings: Iterable[ProposedMeeting]
) -> list[Meeting]:
    """Save a (possibly adjusted) year plan: all meetings or none (SPEC §4 Meetings, CH1)."""
    require_can_manage_meetings(actor, network)
    _require_open(network)
    drafts = list(meetings)
    if not drafts:
        raise ServiceError(_("Det finns inga möten att spara."))
    for n, draft in enumerate(drafts, start=1):
        if draft.day.year != year:
            raise ServiceError(_("Möte %(n)s ligger inte under %(year)s.") % {"n": n, "year": year})
        if draft.end_time <= draft.start_time:
            raise ServiceError(
                _("Möte %(n)s (%(day)s) måste sluta efter att det börjar.")
                % {"n": n, "day": draft.day}
            )
    with transaction.atomic(), acting(actor, "plan_year"):
        created = [
            Meeting.objects.create(
                network=network,
                starts_at=d.starts_at,
                ends_at=d.ends_at,
                place=d.place.strip(),
                host=d.host,
            )
            for d in sorted(drafts, key=lambda d: d.starts_at)
        ]
        sync_year_end_items(network, year)
        notices.year_planned(network, year, created)
    return created


def schedule_meeting(
    actor: Any,
    network: Network,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    host: Municipality | None = None,
    title: str = "",
) -> Meeting:
    """Add one meeting and invite the network's people."""
    require_can_manage_meetings(actor, network)
    _require_open(network)
    _check_times(starts_at, ends_at)
    with transaction.atomic(), acting(actor, "schedule_meeting"):
        meeting = Meeting.objects.create(
            network=network,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            host=host,
            title=title.strip(),
        )
        sync_year_end_items(network, meeting.local_start.year)
        notices.meeting_planned(meeting)
    return meeting


def move_meeting(
    actor: Any,
    meeting: Meeting,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str | None = None,
    host: Municipality | None = None,
    title: str | None = None,
) -> Meeting:
    """Change a meeting's time or place; calendars get the same UID with a higher SEQUENCE."""
    require_can_manage_meetings(actor, meeting.network)
    _require_open(meeting.network)
    _check_times(starts_at, ends_at)
    with transaction.atomic(), acting(actor, "move_meeting"):
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        if meeting.is_cancelled:
            raise ServiceError(_("Mötet är inställt och kan inte flyttas."))
        if Minutes.objects.filter(meeting=meeting, state=Minutes.State.APPROVED).exists():
            raise ServiceError(_("Mötet har ett justerat protokoll och kan inte flyttas."))
        old_year = meeting.local_start.year
        changes = {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": meeting.place if place is None else place.strip(),
            "host": host if host is not None else meeting.host,
            "title": meeting.title if title is None else title.strip(),
        }
        if all(getattr(meeting, k) == v for k, v in changes.items()):
            return meeting
        for key, value in changes.items():
            setattr(meeting, key, value)
        meeting.sequence += 1
        meeting.save()
        for year in {old_year, meeting.local_start.year}:
            sync_year_end_items(meeting.network, year)
        notices.meeting_moved(meeting)
    return meeting


def cancel_meeting(actor: Any, meeting: Meeting, *, reason: str = "") -> Meeting:
    """Cancel a meeting: it stays visible as cancelled, and calendars get METHOD:CANCEL."""
    require_can_manage_meetings(actor, meeting.network)
    _require_open(meeting.network)
    with transaction.atomic(), acting(actor, "cancel_meeting"):
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        if meeting.is_cancelled:
            return meeting
        if Minutes.objects.filter(meeting=meeting, state=Minutes.State.APPROVED).exists():
            raise ServiceError(_("Mötet har ett justerat protokoll och kan inte ställas in."))
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancel_reason = reason.strip()
        meeting.sequence += 1
        meeting.save()
        Attendance.objects.filter(meeting=meeting).delete()
        sync_year_end_items(meeting.network, meeting.local_start.year)
        notices.meeting_cancelled(meeting)
    return meeting


# ---- agenda and attachments ----------------------------------------------------------------


def _require_agenda_open(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ServiceError(_("Mötet är inställt."))
    if Minutes.objects.filter(meeting=meeting, state=Minutes.State.APPROVED).exists():
        raise ServiceError(_("Protokollet är justerat; dagordningen kan inte längre ändras."))


def add_agenda_item(
    actor: Any, meeting: Meeting, *, title: str, description: str = ""
) -> AgendaItem:
    require_can_manage_meetings(actor, meeting.network)
    title = title.strip()
    if not title:
        raise ServiceError(_("Ange en rubrik för punkten."), field="title")
    with transaction.atomic(), acting(actor, "add_agenda_item"):
        _require_agenda_open(meeting)
        order = (meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 1
        return AgendaItem.objects.create(
            meeting=meeting, title=title, description=description.strip(), order=order
        )


def remove_agenda_item(actor: Any, item: AgendaItem) -> None:
    """Remove an ordinary item; the items the agreement asks for stay (CO2, CO3, CH2)."""
    require_can_manage_meetings(actor, item.meeting.network)
    if item.kind:
        rule_id = {Kind.AGREEMENT_REVIEW: "CO2", Kind.BUSINESS_PLAN: "CO3", Kind.CHAIRS: "CH2"}
        raise RuleViolation(
            rule_id[Kind(item.kind)],
            _("Överenskommelsen kräver punkten ”%(title)s” på årets sista möte")
            % {"title": item.title},
        )
    with transaction.atomic(), acting(actor, "remove_agenda_item"):
        _require_agenda_open(item.meeting)
        item.delete()


def move_agenda_item(actor: Any, item: AgendaItem, *, up: bool) -> AgendaItem:
    """Swap an item with its neighbour above or below."""
    require_can_manage_meetings(actor, item.meeting.network)
    with transaction.atomic(), acting(actor, "move_agenda_item"):
        _require_agenda_open(item.meeting)
        items = list(AgendaItem.objects.select_for_update().filter(meeting=item.meeting_id))
        index = next(i for i, it in enumerate(items) if it.pk == item.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(items):
            return item
        items[index], items[other] = items[other], items[index]
        for order, it in enumerate(items, start=1):
            if it.order != order:
                it.order = order
                it.save(update_fields=["order"])
        return items[other]


def add_attachment(actor: Any, meeting: Meeting, *, title: str, file: UploadedFile) -> Attachment:
    """A document for the meeting, checked by its size, its name and its content."""
    require_can_manage_meetings(actor, meeting.network)
    try:
        check_upload(file)
    except UploadRefused as refused:
        raise ServiceError(refused.message, field="file") from refused
    title = title.strip() or (file.name or "")
    if not title:
        raise ServiceError(_("Ange en rubrik för bilagan."), field="title")
    with transaction.atomic(), acting(actor, "add_attachment"):
        return Attachment.objects.create(
            meeting=meeting, title=title[:200], file=file, uploaded_by=_person(actor)
        )


def remove_attachment(actor: Any, attachment: Attachment) -> None:
    require_can_manage_meetings(actor, attachment.meeting.network)
    with transaction.atomic(), acting(actor, "remove_attachment"):
        storage, name = attachment.file.storage, attachment.file.name or ""
        attachment.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


# ---- minutes (CO2) -------------------------------------------------------------------------


def save_minutes(
    actor: Any,
    meeting: Meeting,
    *,
    text: str,
    outcomes: dict[int, str] | None = None,
    review_outcome: str = "",
    expected_version: int | None = None,
) -> Minutes:
    """Write or edit the draft minutes and the outcome of each agenda item. The outcome of the
    agreement review item (with `review_outcome`) is what records the CO2 review."""
    require_can_manage_meetings(actor, meeting.network)
    if meeting.is_cancelled:
        raise ServiceError(_("Mötet är inställt och har inget protokoll."))
    outcomes = outcomes or {}
    with transaction.atomic(), acting(actor, "save_minutes"):
        minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
        if expected_version is not None and minutes.version != expected_version:
            raise ConflictError(
                _(
                    "Någon annan har sparat protokollet medan du skrev. Dina ändringar är inte "
                    "sparade: ladda om sidan och gör dem igen."
                )
            )
        if minutes.is_approved:
            raise ServiceError(_("Protokollet är justerat och kan inte ändras."))
        changed = minutes.text != text.strip()
        for item in meeting.agenda_items.all():
            new = outcomes.get(item.pk, item.outcome).strip()
            decision = review_outcome if item.kind == Kind.AGREEMENT_REVIEW else ""
            if (
                item.kind == Kind.AGREEMENT_REVIEW
                and decision
                and decision not in _review_choices()
            ):
                raise ServiceError(_("Välj översynens utfall."), field="review_outcome")
            if (new, decision or item.review_outcome) != (item.outcome, item.review_outcome):
                item.outcome = new
                item.review_outcome = decision or item.review_outcome
                item.save(update_fields=["outcome", "review_outcome"])
                changed = True
        if changed:
            minutes.text = text.strip()
            minutes.version += 1
            minutes.save()
    return minutes


def _review_choices() -> set[str]:
    from samverkan.agreements.models import AgreementReview

    return set(AgreementReview.Outcome.values)


def approve_minutes(
    actor: Any, meeting: Meeting, *, expected_version: int | None = None
) -> Minutes:
    """Approve (justera) the minutes: by whom and when. An approved review item records the
    year's agreement review (CO2) through the agreements app."""
    require_can_manage_meetings(actor, meeting.network)
    with transaction.atomic(), acting(actor, "approve_minutes"):
        minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
        if minutes is None or not (
            minutes.text.strip() or meeting.agenda_items.exclude(outcome="").exists()
        ):
            raise ServiceError(_("Skriv protokollet innan det justeras."))
        if expected_version is not None and minutes.version != expected_version:
            raise ConflictError(_("Protokollet har ändrats sedan du öppnade det. Ladda om sidan."))
        if minutes.is_approved:
            return minutes
        if meeting.starts_at > _now():
            # Issue 16 §8: minutes record what a meeting did; before it has started there is
            # nothing to approve (a draft may be written ahead).
            raise ServiceError(
                _(
                    "Mötet har inte börjat än. Protokollet kan justeras när mötet har "
                    "börjat (%(start)s)."
                )
                % {"start": date_format(meeting.local_start, "j F Y H:i")}
            )
        review = meeting.agenda_items.filter(kind=Kind.AGREEMENT_REVIEW).first()
        if review is not None and not (review.outcome and review.review_outcome):
            raise RuleViolation(
                "CO2",
                _(
                    "Skriv vad utvärderingen av överenskommelsen ledde till och välj utfall innan "
                    "protokollet justeras"
                ),
            )
        minutes.state = Minutes.State.APPROVED
        minutes.approved_by = _person(actor)
        minutes.approved_at = timezone.now()
        minutes.version += 1
        minutes.save()
        if review is not None:
            _record_review(actor, meeting, review)
    return minutes


def _record_review(actor: Any, meeting: Meeting, item: AgendaItem) -> None:
    """CO2: the agreements app keeps the year's review; the approved minutes are its source. A
    revision names the version adopted at this meeting (or on its day)."""
    from samverkan.agreements.models import AgreementReview, AgreementVersion
    from samverkan.agreements.services import record_review

    version = None
    if item.review_outcome == AgreementReview.Outcome.REVISED:
        day = meeting.local_start.date()
        version = (
            AgreementVersion.objects.filter(agreement__network_id=meeting.network_id)
            .filter(Q(adopted_at_meeting=meeting) | Q(adopted_on=day))
            .order_by("-number")
            .first()
        )
    record_review(
        actor,
        meeting.network,
        year=meeting.local_start.year,
        outcome=item.review_outcome,
        held_on=meeting.local_start.date(),
        meeting_id=meeting.pk,
        version=version,
        note=item.outcome,
    )
