"""Survey rounds (P4, ST2): open from the standard questionnaire, invite every member, take
answers through a one-time link, remind, close and send the results.

Anonymity (SPEC §6): an answer is stored as a Response with its round and network only; the
invitation only learns that it was used. Neither is written to the history."""

import datetime
import random
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.activation.services import invite
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.networks.models import Membership, Network
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
    SurveyRound,
)
from samverkan.surveys.questionnaire import MAX_TEXT, SCALE, STANDARD_QUESTIONS

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
        Question.objects.bulk_create(
            Question(
                round=survey,
                key=key,
                order=i,
                kind=kind,
                text=str(text),
                choices=[str(c) for c in choices],
            )
            for i, (key, kind, text, choices) in enumerate(STANDARD_QUESTIONS)
        )
    return survey


def _require_draft(survey: SurveyRound) -> None:
    if survey.state != SurveyRound.State.DRAFT:
        raise ServiceError(_("Frågorna kan bara ändras innan enkäten öppnas."))


def save_question(
    actor: Any,
    survey: SurveyRound,
    *,
    key: str,
    kind: str,
    text: str,
    choices: list[str] | None = None,
    order: int | None = None,
) -> Question:
    """Add or change a question of a draft round (the key stays, for comparison)."""
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
    with transaction.atomic(), acting(actor, "save_question"):
        question, _created = Question.objects.update_or_create(
            round=survey,
            key=key,
            defaults={
                "kind": kind,
                "text": text,
                "choices": clean_choices if kind == Question.Kind.CHOICE else [],
                "order": order if order is not None else survey.questions.count(),
            },
        )
    return question


def remove_question(actor: Any, question: Question) -> None:
    require_secretariat(actor)
    _require_draft(question.round)
    with transaction.atomic(), acting(actor, "remove_question"):
        question.delete()


def survey_url(nonce: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "surveys:answer", kwargs={"token": tokens.token_for(nonce)}
    )


def _invite_body(survey: SurveyRound, network: Network, nonce: str) -> str:
    return _(
        "Hej!\n\nSekretariatet följer upp alla nätverk med en enkät (P4). Du får den som "
        "deltagare i %(network)s. Dina svar är anonyma: de sparas utan koppling till dig.\n\n"
        "Svara senast %(closes)s via din personliga länk (den fungerar en gång):\n%(url)s\n"
    ) % {"network": network.name, "closes": survey.closes_on.isoformat(), "url": survey_url(nonce)}


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
            def render(network: Network = network, nonce: str = inv.nonce) -> tuple[str, str]:
                return (
                    _("Enkät: %(title)s") % {"title": survey.title},
                    _invite_body(survey, network, nonce),
                )

            notify_in_their_language(
                [inv.person],
                render=render,
                kind="survey_invitation",
                key=f"survey:{survey.pk}:invite:{inv.network_id}:{inv.person_id}",
                network=network,
            )
    return len(invitations)


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("round", "network")
        .filter(token_hash=tokens.hash_token(token))
        .first()
    )


def check_answerable(invitation: Invitation | None, today: datetime.date) -> Invitation:
    if invitation is None:
        raise ServiceError(_("Länken är ogiltig. Kontrollera att hela länken kom med."))
    if invitation.answered:
        raise ServiceError(_("Länken har redan använts. Varje länk fungerar en gång."))
    survey = invitation.round
    if survey.state != SurveyRound.State.OPEN or not (survey.opens_on <= today <= survey.closes_on):
        raise ServiceError(_("Enkäten är inte öppen för svar."))
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
) -> Response:
    """Store an answer through a one-time link. The response keeps its round and network only;
    the invitation only that it was used. Nothing goes to the history."""
    day = today or timezone.localdate()
    with transaction.atomic():
        invitation = check_answerable(
            Invitation.objects.select_for_update()
            .select_related("round", "network")
            .filter(token_hash=tokens.hash_token(token))
            .first(),
            day,
        )
        cleaned = clean_answers(list(invitation.round.questions.all()), answers)
        # Mark the link used with a conditional update, so that two submissions racing on
        # the same link cannot both pass (select_for_update is a no-op on SQLite).
        used = Invitation.objects.filter(pk=invitation.pk, answered=False).update(answered=True)
        if not used:
            raise ServiceError(_("Länken har redan använts. Varje länk fungerar en gång."))
        return _store_shuffled(invitation.round, invitation.network, cleaned)


def _store_shuffled(survey: SurveyRound, network: Network, answers: dict[str, Any]) -> Response:
    """Store the answer and rewrite the network's responses of the round in a random order,
    so that not even the rows' physical order (SQLite's rowid, PostgreSQL's heap) tells which
    answer came when. A network has tens of members: the rewrite is cheap."""
    rows = [
        Response(id=pk, round=survey, network=network, answers=stored)
        for pk, stored in Response.objects.filter(round=survey, network=network).values_list(
            "id", "answers"
        )
    ]
    fresh = Response(round=survey, network=network, answers=answers)
    rows.append(fresh)
    shuffle(rows)
    Response.objects.filter(round=survey, network=network).delete()
    Response.objects.bulk_create(rows)
    return fresh


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


def close_due_rounds(today: datetime.date) -> int:
    """A round closes by itself the day after its closing date (the daily reminders run
    this), so the P4 check sees it closed even if nobody pressed the button."""
    due = list(SurveyRound.objects.filter(state=SurveyRound.State.OPEN, closes_on__lt=today))
    for survey in due:
        with transaction.atomic(), acting(None, "close_round"):
            survey.state = SurveyRound.State.CLOSED
            survey.closed_on = survey.closes_on
            survey.save(update_fields=["state", "closed_on"])
    return len(due)


def remind_unanswered(survey: SurveyRound, today: datetime.date) -> int:
    """Remind those who have not answered after 7 and 14 days (idempotent per step)."""
    if survey.state != SurveyRound.State.OPEN or today > survey.closes_on:
        return 0
    elapsed = (today - (survey.opened_on or survey.opens_on)).days
    steps = [d for d in (7, 14) if elapsed >= d]
    if not steps:
        return 0
    step = steps[-1]
    sent = 0
    for inv in (
        Invitation.objects.filter(round=survey, answered=False)
        .select_related("person__user", "network")
        .order_by("pk")
    ):

        def render(inv: Invitation = inv) -> tuple[str, str]:
            return (
                _("Påminnelse: %(title)s") % {"title": survey.title},
                _invite_body(survey, inv.network, inv.nonce),
            )

        sent += len(
            notify_in_their_language(
                [inv.person],
                render=render,
                kind="survey_reminder",
                key=f"survey:{survey.pk}:remind{step}:{inv.network_id}:{inv.person_id}",
                network=inv.network,
            )
        )
    return sent


def set_directors_group(actor: Any, people: list[Person]) -> None:
    """The secretariat keeps the list of the municipal directors' group."""
    require_secretariat(actor)
    with transaction.atomic(), acting(actor, "set_directors_group"):
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
