"""Survey rounds (P4, ST2): open from the standard questionnaire, invite every member, take
answers through a one-time link, remind, close and send the results.

Anonymity (SPEC §6), even against the secretariat with database access but without the secret
key (tokens.py says how each value is keyed):
- the personal link is stored nowhere readably: the notice holds a placeholder that the e-mail
  delivery fills at send time (links.py);
- a used link leaves a UsedLink marker that only the key joins to its invitation; a used, an
  expired and an unknown link get the same answer;
- an answer given while the round is open is sealed (SealedResponse); when the round closes,
  the answers are opened and stored as Responses with their round and network only, in a
  random order and with new ids, and the markers are deleted;
- reminders go to every invitee, so they tell nobody who has not answered;
- nothing of this is written to the history."""

import datetime
import logging
import random
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.accounts.activation.services import invite
from samverkan.core.errors import ConflictError, ServiceError
from samverkan.core.races import conflict_message, conflict_on_unique
from samverkan.history.context import acting
from samverkan.history.record import record_created
from samverkan.networks.models import Membership, Network
from samverkan.notifications.links import PLACEHOLDER
from samverkan.notifications.services import language_of, notify_in_their_language
from samverkan.people.access import person_for, require_secretariat
from samverkan.people.models import Person
from samverkan.surveys import tokens
from samverkan.surveys.models import (
    DirectorsGroupMember,
    Invitation,
    Question,
    Response,
    RoundNetwork,
    SealedResponse,
    SurveyRound,
    UsedLink,
)
from samverkan.surveys.questionnaire import MAX_TEXT, SCALE, SCALE_ENDS, STANDARD_QUESTIONS

logger = logging.getLogger(__name__)

# Not predictable from outside: the order of stored answers must not follow the order of answering.
shuffle = random.SystemRandom().shuffle


def create_round(
    actor: Any,
    *,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    intro: str = "",
) -> SurveyRound:
    """A draft round with the standard questionnaire, to edit before it opens."""
    require_secretariat(actor)
    if not title.strip():
        raise ServiceError(_("Ange en rubrik."), field="title")
    if closes_on < opens_on:
        raise ServiceError(_("Enkäten kan inte stänga innan den öppnar."), field="closes_on")
    with transaction.atomic(), acting(actor, "create_round"):
        survey = SurveyRound.objects.create(
            title=title.strip(),
            intro=intro,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=person_for(actor),
        )
        # bulk_create sends no signal: each question gets its history entry here (issue 13).
        record_created(
            Question.objects.bulk_create(
                Question(
                    round=survey,
                    key=key,
                    order=i,
                    kind=kind,
                    text=str(text),
                    choices=[str(c) for c in choices],
                    scale_low=str(SCALE_ENDS.get(key, ("", ""))[0]),
                    scale_high=str(SCALE_ENDS.get(key, ("", ""))[1]),
                )
                for i, (key, kind, text, choices) in enumerate(STANDARD_QUESTIONS)
            )
        )
    return survey


def _require_draft(survey: SurveyRound) -> None:
    if survey.state != SurveyRound.State.DRAFT:
        raise ServiceError(_("Frågorna kan bara ändras innan enkäten öppnas."))


def save_question(
    actor: Any,
    survey: SurveyRound,
    *,
    key: str | None = None,
    kind: str,
    text: str,
    choices: list[str] | None = None,
    order: int | None = None,
    scale_low: str = "",
    scale_high: str = "",
) -> Question:
    """Add or change a question of a draft round (the key stays, for comparison). A new
    question without a key gets one made from its text: the key is the system's, never asked
    of the secretariat (issue 16, point 14)."""
    require_secretariat(actor)
    _require_draft(survey)
    text = text.strip()
    if not text:
        raise ServiceError(_("Skriv frågan."), field="text")
    if kind not in Question.Kind.values:
        raise ServiceError(_("Välj en frågetyp."), field="kind")
    clean_choices = [c.strip() for c in (choices or []) if c.strip()]
    if kind == Question.Kind.CHOICE and len(clean_choices) < 2:
        raise ServiceError(_("En flervalsfråga behöver minst två alternativ."), field="choices")
    is_scale = kind == Question.Kind.SCALE
    with transaction.atomic(), acting(actor, "save_question"):
        question, _created = Question.objects.update_or_create(
            round=survey,
            key=key or _new_key(survey, text),
            defaults={
                "kind": kind,
                "text": text,
                "scale_low": scale_low.strip() if is_scale else "",
                "scale_high": scale_high.strip() if is_scale else "",
                "choices": clean_choices if kind == Question.Kind.CHOICE else [],
                "order": order if order is not None else survey.questions.count(),
            },
        )
    return question


def _new_key(survey: SurveyRound, text: str) -> str:
    """A key unique in the round, from the question's words: "vilket-verktyg", "…-2"."""
    base = slugify(text)[:40].strip("-") or "fraga"
    taken = set(survey.questions.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def remove_question(actor: Any, question: Question) -> None:
    require_secretariat(actor)
    _require_draft(question.round)
    with transaction.atomic(), acting(actor, "remove_question"):
        question.delete()


# One answer for every link that does not lead to the form: used, expired or unknown alike, so
# that whoever holds links cannot tell which were used (issue 13, item 1).
def link_refused() -> str:
    return _(
        "Länken går inte att använda. Den kan redan ha använts (varje länk fungerar en gång), "
        "enkäten kan ha stängt, eller så kom inte hela länken med."
    )


class LinkRefused(ServiceError):
    """A link that does not lead to the form, for whatever reason (one message for all)."""

    def __init__(self) -> None:
        super().__init__(link_refused())


def link_token(invitation: Invitation) -> str:
    """The token of an invitation's link, rebuilt from its nonce and the secret key (the one
    its hash was stored under, see tokens.token_matching). After the key was replaced without
    a fallback, the invitation gets a new link under the current key."""
    token = tokens.token_matching(invitation.nonce, invitation.token_hash)
    if token is None:
        token = tokens.token_for(invitation.nonce)
        invitation.token_hash = tokens.hash_token(token)
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=invitation.token_hash)
    return token


def survey_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "surveys:answer", kwargs={"token": link_token(invitation)}
    )


def _invite_body(survey: SurveyRound, network: Network, *, reminder: bool = False) -> str:
    """The notice's text. The link itself is never in it: PLACEHOLDER is filled with it in the
    e-mail only (notifications/links.py, surveys/links.py)."""
    body = _(
        "Hej!\n\nSekretariatet följer upp alla nätverk med en enkät (P4). Du får den som "
        "deltagare i %(network)s. Dina svar är anonyma: de sparas utan koppling till dig.\n\n"
        "Svara senast %(closes)s via din personliga länk (den fungerar en gång):\n%(url)s\n"
    ) % {"network": network.name, "closes": survey.closes_on.isoformat(), "url": PLACEHOLDER}
    if reminder:
        # Every invitee is reminded: nobody, not even the system's stored notices, tells who
        # has not answered.
        body += "\n" + _("Om du redan har svarat, tack – bortse från detta.") + "\n"
    return body


def open_round(actor: Any, survey: SurveyRound, *, today: datetime.date | None = None) -> int:
    """P4/ST2: invite every current member of every active network; returns the number of
    invitations. A round whose opening day is still to come is scheduled instead: the daily
    reminders open it on that day (and 0 is returned). Refused for a round without questions."""
    require_secretariat(actor)
    day = today or timezone.localdate()
    if survey.state not in (SurveyRound.State.DRAFT, SurveyRound.State.SCHEDULED):
        raise ServiceError(_("Enkäten är redan öppnad."))
    if not survey.questions.exists():
        raise ServiceError(_("Enkäten har inga frågor. Lägg till minst en fråga innan den öppnas."))
    if survey.closes_on < day:
        raise ServiceError(_("Stängningsdagen har redan passerat."), field="closes_on")
    if survey.opens_on > day:
        with transaction.atomic(), acting(actor, "schedule_round"):
            survey.state = SurveyRound.State.SCHEDULED
            survey.save(update_fields=["state"])
        return 0
    with acting(actor, "open_round"):
        return _open_now(survey, day)


def open_scheduled_rounds(today: datetime.date) -> int:
    """The daily reminders open the rounds scheduled for today or earlier."""
    opened = 0
    for survey in SurveyRound.objects.filter(
        state=SurveyRound.State.SCHEDULED, opens_on__lte=today, closes_on__gte=today
    ):
        with acting(None, "open_round"):
            _open_now(survey, today)
        opened += 1
    return opened


def _open_now(survey: SurveyRound, day: datetime.date) -> int:
    networks = list(Network.objects.filter(status=Network.Status.ACTIVE).order_by("name"))
    members: dict[int, dict[int, Person]] = {n.pk: {} for n in networks}
    for m in (
        Membership.objects.on(day)
        .filter(network__in=networks, person__anonymised_on__isnull=True)
        .select_related("person__user")
    ):
        members[m.network_id][m.person_id] = m.person
    with transaction.atomic():
        # Opened twice at once (a double click, or the daily reminders at the same moment):
        # the later waits for the earlier and finds the round open (issue 18 §2).
        state = (
            SurveyRound.objects.select_for_update()
            .filter(pk=survey.pk)
            .values_list("state", flat=True)
            .first()
        )
        if state == SurveyRound.State.OPEN:
            raise ConflictError(conflict_message())
        survey.state = SurveyRound.State.OPEN
        survey.opened_on = day
        survey.opens_on = min(survey.opens_on, day)
        survey.save(update_fields=["state", "opened_on", "opens_on"])
        invitations = []
        for network in networks:
            RoundNetwork.objects.create(
                round=survey, network=network, invited=len(members[network.pk])
            )
            for person in members[network.pk].values():
                nonce = tokens.new_nonce()
                invitations.append(
                    Invitation(
                        round=survey,
                        network=network,
                        person=person,
                        nonce=nonce,
                        token_hash=tokens.hash_token(tokens.token_for(nonce)),
                    )
                )
        Invitation.objects.bulk_create(invitations)
        by_network = {n.pk: n for n in networks}
        for inv in invitations:
            network = by_network[inv.network_id]

            # In the invited person's own language (SPEC §6), not the secretariat's.
            def render(network: Network = network) -> tuple[str, str]:
                return (
                    _("Enkät: %(title)s") % {"title": survey.title},
                    _invite_body(survey, network),
                )

            notify_in_their_language(
                [inv.person],
                render=render,
                kind="survey_invitation",
                key=f"survey:{survey.pk}:invite:{inv.network_id}:{inv.person_id}",
                network=network,
                about=inv,  # the e-mail's link is rebuilt from it at send time
            )
    return len(invitations)


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 128:
        return None
    return (
        Invitation.objects.select_related("round", "network")
        .filter(token_hash__in=tokens.lookup_hashes(token))
        .first()
    )


def is_used(invitation: Invitation) -> bool:
    return UsedLink.objects.filter(
        marker__in=tokens.used_markers([invitation.nonce])[invitation.nonce]
    ).exists()


def check_answerable(invitation: Invitation | None, today: datetime.date) -> Invitation:
    """The invitation, if its link may be answered now; else link_refused(), the same for a
    used, an expired and an unknown link."""
    if invitation is None:
        raise LinkRefused()
    survey = invitation.round
    if survey.state != SurveyRound.State.OPEN or not (survey.opens_on <= today <= survey.closes_on):
        raise LinkRefused()
    if is_used(invitation):
        raise LinkRefused()
    return invitation


def clean_answers(questions: list[Question], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validate answers against the round's questions; a question may be left unanswered."""
    answers: dict[str, Any] = {}
    for q in questions:
        value = raw.get(q.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if q.kind == Question.Kind.SCALE:
            try:
                number = int(str(value).strip())
            except ValueError:
                number = 0
            if number not in SCALE:
                raise ServiceError(
                    _("Svaret på ”%(q)s” ska vara en siffra från 1 till 5.") % {"q": q.text},
                    field=q.key,
                )
            answers[q.key] = number
        elif q.kind == Question.Kind.CHOICE:
            if str(value) not in q.choices:
                raise ServiceError(
                    _("Välj ett av alternativen för ”%(q)s”.") % {"q": q.text}, field=q.key
                )
            answers[q.key] = str(value)
        else:
            text = str(value).strip()
            if len(text) > MAX_TEXT:
                raise ServiceError(
                    _("Svaret får vara högst %(n)d tecken.") % {"n": MAX_TEXT}, field=q.key
                )
            answers[q.key] = text
    if not answers:
        raise ServiceError(_("Besvara minst en fråga."))
    return answers


def submit_response(
    token: str, answers: Mapping[str, Any], *, today: datetime.date | None = None
) -> SealedResponse:
    """Take an answer through a one-time link: the link leaves its marker (UsedLink) and the
    answer is sealed until the round closes (SealedResponse, with its round and network only).
    Nothing goes to the history."""
    day = today or timezone.localdate()
    with transaction.atomic():
        invitation = check_answerable(invitation_for_token(token), day)
        questions = list(invitation.round.questions.all())
        cleaned = clean_answers(questions, answers)
        # The marker is the primary key: two submissions racing on the same link cannot both
        # store one (select_for_update would be a no-op on SQLite).
        try:
            with transaction.atomic():
                UsedLink.objects.create(
                    marker=tokens.used_marker(invitation.nonce), round=invitation.round
                )
        except IntegrityError:
            raise LinkRefused() from None
        return SealedResponse.objects.create(
            round=invitation.round,
            network=invitation.network,
            sealed=tokens.seal(cleaned, tokens.padded_length(questions)),
        )


def open_sealed(survey: SurveyRound) -> int:
    """When a round closes: open its sealed answers and store them, with the round's answers
    already stored, as Responses in a random order and with new random ids, so that nothing
    ties a stored answer to a sealed row, to the order of answering or to a link; then delete
    the sealed rows and the used-link markers (no link works after closing). Returns the number
    of answers opened. An answer that no key in use opens (the secret key was replaced without
    a fallback) stays sealed and is counted in the response rate only."""
    opened: list[tuple[int, dict]] = []
    kept = 0
    done = []
    for pk, network_id, sealed in SealedResponse.objects.filter(round=survey).values_list(
        "id", "network_id", "sealed"
    ):
        answers = tokens.unseal(sealed)
        if answers is None:
            kept += 1
            continue
        opened.append((network_id, answers))
        done.append(pk)
    if kept:
        logger.warning("survey %s: %d sealed answers could not be opened", survey.pk, kept)
    rows = [
        Response(round=survey, network_id=network_id, answers=answers)
        for network_id, answers in [
            *Response.objects.filter(round=survey).values_list("network_id", "answers"),
            *opened,
        ]
    ]
    # New ids and a new physical order (SQLite's rowid, PostgreSQL's heap) for every answer.
    shuffle(rows)
    Response.objects.filter(round=survey).delete()
    Response.objects.bulk_create(rows)
    SealedResponse.objects.filter(pk__in=done).delete()
    UsedLink.objects.filter(round=survey).delete()
    return len(opened)


def close_round(actor: Any, survey: SurveyRound, *, today: datetime.date | None = None) -> None:
    require_secretariat(actor)
    if survey.state == SurveyRound.State.CLOSED:
        raise ServiceError(_("Enkäten är redan stängd."))
    if survey.state != SurveyRound.State.OPEN:
        raise ServiceError(_("Enkäten har inte öppnats."))
    day = today or timezone.localdate()
    with transaction.atomic(), acting(actor, "close_round"):
        survey.state = SurveyRound.State.CLOSED
        survey.closed_on = day
        survey.save(update_fields=["state", "closed_on"])
        open_sealed(survey)


def close_due_rounds(today: datetime.date) -> int:
    """A round closes by itself the day after its closing date (the daily reminders run
    this), so the P4 check sees it closed even if nobody pressed the button."""
    due = list(SurveyRound.objects.filter(state=SurveyRound.State.OPEN, closes_on__lt=today))
    for survey in due:
        with transaction.atomic(), acting(None, "close_round"):
            survey.state = SurveyRound.State.CLOSED
            survey.closed_on = survey.closes_on
            survey.save(update_fields=["state", "closed_on"])
            open_sealed(survey)
    return len(due)


def remind_invitees(survey: SurveyRound, today: datetime.date) -> int:
    """P4/ST2: remind after 7 and 14 days (idempotent per step). Every invitee is reminded,
    with a word for those who already answered: who has not answered is known to nobody, not
    even to the stored notices (issue 13, item 1); the daily reminders send them by
    themselves."""
    if survey.state != SurveyRound.State.OPEN or today > survey.closes_on:
        return 0
    elapsed = (today - (survey.opened_on or survey.opens_on)).days
    steps = [d for d in (7, 14) if elapsed >= d]
    if not steps:
        return 0
    step = steps[-1]
    sent = 0
    for inv in (
        Invitation.objects.filter(round=survey)
        .select_related("person__user", "network")
        .order_by("pk")
    ):

        def render(inv: Invitation = inv) -> tuple[str, str]:
            return (
                _("Påminnelse: %(title)s") % {"title": survey.title},
                _invite_body(survey, inv.network, reminder=True),
            )

        sent += len(
            notify_in_their_language(
                [inv.person],
                render=render,
                kind="survey_reminder",
                key=f"survey:{survey.pk}:remind{step}:{inv.network_id}:{inv.person_id}",
                network=inv.network,
                about=inv,
            )
        )
    return sent


def set_directors_group(actor: Any, people: list[Person]) -> None:
    """The secretariat keeps the list of the municipal directors' group."""
    require_secretariat(actor)
    with transaction.atomic(), acting(actor, "set_directors_group"), conflict_on_unique():
        DirectorsGroupMember.objects.exclude(person__in=people).delete()
        have = set(DirectorsGroupMember.objects.values_list("person_id", flat=True))
        for person in people:
            if person.pk not in have:
                DirectorsGroupMember.objects.create(person=person)
                invite(person, actor=actor)  # issue 12: they can open what they are sent


def send_results(actor: Any, survey: SurveyRound, *, today: datetime.date | None = None) -> int:
    """P4/ST2: results go back to every network's coordinator and members and to the municipal
    directors' group. Idempotent per recipient."""
    require_secretariat(actor)
    if survey.state != SurveyRound.State.CLOSED:
        raise ServiceError(_("Resultaten skickas när enkäten är stängd."))
    day = today or timezone.localdate()
    url = settings.SITE_URL.rstrip("/") + reverse("surveys:results", kwargs={"pk": survey.pk})
    sent = 0
    network_ids = list(survey.coverage.values_list("network_id", flat=True))
    recipients: dict[int, tuple[Person, Network | None]] = {}
    for m in (
        Membership.objects.on(day)
        .filter(network_id__in=network_ids, person__anonymised_on__isnull=True)
        .select_related("person__user", "network")
    ):
        recipients.setdefault(m.person_id, (m.person, m.network))
    for d in DirectorsGroupMember.objects.select_related("person__user"):
        recipients.setdefault(d.person_id, (d.person, None))

    # Subject, body and spreadsheet in each recipient's own language (SPEC §6).
    def render() -> tuple[str, str]:
        return (
            _("Resultat: %(title)s") % {"title": survey.title},
            _(
                "Resultaten av enkäten ”%(title)s” finns nu, per nätverk och för hela samverkan, "
                "jämförda med förra omgången:\n%(url)s\n"
            )
            % {"title": survey.title, "url": url},
        )

    # The figures go along as a spreadsheet, for recipients without an account.
    from samverkan.files.tables import XLSX_TYPE, xlsx_bytes
    from samverkan.notifications.services import attachment
    from samverkan.surveys.presentation import results_table
    from samverkan.surveys.selectors import round_results

    files: dict[str, list[dict]] = {}

    def files_in(language: str) -> list[dict]:
        if language not in files:  # built once per language
            with translation.override(language):
                header, rows = results_table(round_results(survey))
                files[language] = [
                    attachment(
                        f"enkat-{survey.pk}-resultat.xlsx",
                        xlsx_bytes([(_("Resultat"), header, rows)]),
                        XLSX_TYPE,
                    )
                ]
        return files[language]

    with transaction.atomic(), acting(actor, "send_results"):
        for person, network in recipients.values():
            sent += len(
                notify_in_their_language(
                    [person],
                    render=render,
                    kind="survey_results",
                    key=f"survey:{survey.pk}:results:{person.pk}",
                    network=network,
                    about=survey,
                    attachments=files_in(language_of(person)),
                )
            )
        survey.results_sent_on = day
        survey.save(update_fields=["results_sent_on"])
    return sent
