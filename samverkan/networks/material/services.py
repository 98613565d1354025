"""Material and the graphic manual (N5); questions to the secretariat (ST1)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.files.uploads import UploadRefused, check_upload
from samverkan.history.context import acting
from samverkan.networks.material import notices
from samverkan.networks.material.access import (
    require_can_manage_material,
    require_can_see_question,
)
from samverkan.networks.models import Material, Network, Question, QuestionMessage
from samverkan.people.access import person_for, require_secretariat, viewer_for


def add_material(actor: Any, network: Network, *, title: str, file: UploadedFile) -> Material:
    """N5: the coordinator or secretary keeps the network's material: a document, checked by
    its size, its name and its content (files.uploads)."""
    require_can_manage_material(actor, network)
    title = title.strip()
    if not title:
        raise ServiceError(_("Ge materialet en titel."), field="title")
    try:
        check_upload(file)
    except UploadRefused as refused:
        raise ServiceError(refused.message, field="file") from refused
    with transaction.atomic(), acting(actor, "add_material"):
        material = Material.objects.create(
            network=network, title=title, file=file, uploaded_by=person_for(actor)
        )
        notices.material_uploaded(material)  # N5: the secretariat reviews it (issue 16, 5)
        return material


def mark_material_reviewed(
    actor: Any, material: Material, *, today: datetime.date | None = None
) -> Material:
    """N5: the secretariat marks material as reviewed against the graphic manual."""
    require_secretariat(actor)
    if material.reviewed_on is not None:
        return material
    with transaction.atomic(), acting(actor, "review_material"):
        material.reviewed_on = today or timezone.localdate()
        material.reviewed_by = person_for(actor)
        material.save(update_fields=["reviewed_on", "reviewed_by"])
    return material


def ask_question(
    actor: Any,
    network: Network,
    *,
    topic: str,
    subject: str,
    text: str,
    plan_year: int | None = None,
) -> Question:
    """ST1: anyone signed in asks the secretariat about a network; the secretariat is told.
    `plan_year`: the question is about the network's year plan for that year ("Fråga
    sekretariatet om planen", issue 16 point 11)."""
    person = person_for(actor)
    if person is None:
        raise PermissionDenied(_("Ditt konto är inte kopplat till någon person."))
    subject, text = subject.strip(), text.strip()
    if topic not in Question.Topic.values:
        raise ServiceError(_("Välj ett ämne."), field="topic")
    if not subject:
        raise ServiceError(_("Skriv en rubrik."), field="subject")
    if not text:
        raise ServiceError(_("Skriv din fråga."), field="text")
    if plan_year is not None and not 2000 <= plan_year <= 2100:
        raise ServiceError(_("Ange ett år mellan 2000 och 2100."), field="plan_year")
    with transaction.atomic(), acting(actor, "ask_question"):
        question = Question.objects.create(
            network=network, asker=person, topic=topic, subject=subject, plan_year=plan_year
        )
        message = QuestionMessage.objects.create(question=question, author=person, text=text)
        notices.question_asked(question, message.pk)
    return question


def reply_to_question(actor: Any, question: Question, *, text: str) -> QuestionMessage:
    """ST1: the secretariat answers (the asker is told); the asker may follow up."""
    require_can_see_question(actor, question)
    text = text.strip()
    if not text:
        raise ServiceError(_("Skriv ett svar."), field="text")
    viewer = viewer_for(actor)
    from_secretariat = viewer.is_secretariat and (
        viewer.person is None or viewer.person.pk != question.asker_id
    )
    with transaction.atomic(), acting(actor, "reply_to_question"):
        message = QuestionMessage.objects.create(
            question=question, author=viewer.person, text=text, from_secretariat=from_secretariat
        )
        if from_secretariat:
            question.answered_at = timezone.now()
            question.save(update_fields=["answered_at"])
            notices.question_answered(question, message.pk)
        else:
            notices.question_asked(question, message.pk)
    return message
