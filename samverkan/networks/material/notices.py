"""The notices of questions to the secretariat (ST1), one small function each."""

from django.conf import settings
from django.utils.translation import gettext as _

from samverkan.networks.models import Question
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.selectors import secretariat


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def question_asked(question: Question, message_pk: int) -> None:
    text = question.messages.get(pk=message_pk).text

    def render() -> tuple[str, str]:
        return (
            _("Fråga om %(name)s: %(subject)s")
            % {"name": question.network.name, "subject": question.subject},
            text,
        )

    notify_in_their_language(
        secretariat(),
        render=render,
        kind="question",
        key=f"question-message:{message_pk}",
        network=question.network,
        about=question,
    )


def question_answered(question: Question, message_pk: int) -> None:
    text = question.messages.get(pk=message_pk).text

    def render() -> tuple[str, str]:
        return (
            _("Svar från sekretariatet: %(subject)s") % {"subject": question.subject},
            text,
        )

    notify_in_their_language(
        [question.asker],
        render=render,
        kind="question_answered",
        key=f"question-message:{message_pk}",
        network=question.network,
        about=question,
    )
