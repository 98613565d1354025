"""Material and questions in a person's register extract (issue 15 §1): the questions they
asked the secretariat (ST1) with the thread, and the material they uploaded (N5)."""

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from samverkan.networks.models import Material, Question, QuestionMessage
from samverkan.people.extract import extract_part, moment, text
from samverkan.people.models import Person


@extract_part(
    "questions",
    _("Frågor till sekretariatet"),
    order=70,
    labels={
        "network": _("Nätverk"),
        "topic": _("Ämne"),
        "subject": _("Rubrik"),
        "asked_at": _("Ställd"),
        "answered_at": _("Besvarad"),
        "messages": _("Meddelanden"),
        "from": _("Från"),
        "at": _("Tid"),
        "text": _("Text"),
    },
)
def questions(person: Person) -> list[dict[str, Any]]:
    rows = (
        Question.objects.filter(asker=person)
        .select_related("network")
        .prefetch_related(
            Prefetch("messages", queryset=QuestionMessage.objects.order_by("created_at", "pk"))
        )
        .order_by("created_at", "pk")
    )
    return [
        {
            "network": q.network.name,
            "topic": text(q.get_topic_display()),
            "subject": q.subject,
            "asked_at": moment(q.created_at),
            "answered_at": moment(q.answered_at),
            "messages": [
                {
                    "from": text(_("Sekretariatet") if m.from_secretariat else _("Personen")),
                    "at": moment(m.created_at),
                    "text": m.text,
                }
                for m in q.messages.all()
            ],
        }
        for q in rows
    ]


@extract_part(
    "material",
    _("Uppladdat material"),
    order=72,
    labels={"network": _("Nätverk"), "title": _("Titel"), "uploaded_at": _("Uppladdat")},
)
def material(person: Person) -> list[dict[str, Any]]:
    rows = Material.objects.filter(uploaded_by=person).select_related("network")
    return [
        {"network": m.network.name, "title": m.title, "uploaded_at": moment(m.uploaded_at)}
        for m in rows.order_by("uploaded_at", "pk")
    ]
