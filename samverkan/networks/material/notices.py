"""The notices of questions to the secretariat (ST1), one small function each."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from samverkan.networks.models import Material, Question
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.models import Person
from samverkan.people.selectors import secretariat


def _send(
    question: Question,
    message_pk: int,
    recipients: Iterable[Person],
    *,
    kind: str,
    subject: StrOrPromise,
) -> None:
    """Both notices carry the message itself as their body and have one key per message, so
    that a message reaches each person once. The subject is translated lazily, for each
    recipient in their own language; it may name the network and the question's subject."""
    text = question.messages.get(pk=message_pk).text
    values = {"name": question.network.name, "subject": question.subject}
    notify_in_their_language(
        recipients,
        render=lambda: (str(subject) % values, text),
        kind=kind,
        key=f"question-message:{message_pk}",
        network=question.network,
        about=question,
    )


def question_asked(question: Question, message_pk: int) -> None:
    _send(
        question,
        message_pk,
        secretariat(),
        kind="question",
        subject=gettext_lazy("Fråga om %(name)s: %(subject)s"),
    )


def question_answered(question: Question, message_pk: int) -> None:
    _send(
        question,
        message_pk,
        [question.asker],
        kind="question_answered",
        subject=gettext_lazy("Svar från sekretariatet: %(subject)s"),
    )


def material_uploaded(material: Material) -> None:
    """N5: material uploaded by a network is reviewed by the secretariat against the graphic
    manual; the secretariat is told of each file once (the key names the material). The one who
    uploaded it, if of the secretariat, is not told of their own file."""
    network = material.network
    url = settings.SITE_URL.rstrip("/") + reverse(
        "networks:material", kwargs={"slug": network.slug}
    )
    uploader = material.uploaded_by
    values = {
        "network": network.name,
        "title": material.title,
        "url": url,
    }

    def render() -> tuple[str, str]:
        return (
            _("Material att granska från %(network)s: %(title)s") % values,
            _(
                "%(network)s har laddat upp ”%(title)s”. Granska det mot samverkans grafiska "
                "manual och markera det som granskat (N5): %(url)s"
            )
            % values,
        )

    notify_in_their_language(
        [p for p in secretariat() if p != uploader],
        render=render,
        kind="material_uploaded",
        key=f"n5:uploaded:{material.pk}",
        network=network,
        about=material,
    )
