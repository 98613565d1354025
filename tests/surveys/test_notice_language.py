"""Survey notices (invitation, reminder, results) are written in each recipient's own language,
whatever the language of the secretariat that sends them (SPEC §6; issue 11, item 10)."""

import base64
import datetime
import io

from django.utils import translation
from openpyxl import load_workbook

from samverkan.notifications.models import Notification
from samverkan.surveys import services
from tests.surveys.helpers import CLOSES, OPENS, opened_round


def _subjects(kind):
    return dict(Notification.objects.filter(kind=kind).values_list("recipient", "subject"))


def _first_cell(notice):
    (file,) = notice.attachments
    book = load_workbook(io.BytesIO(base64.b64decode(file["content"])))
    return next(book.active.iter_rows(values_only=True))[0]


def test_survey_notices_in_each_recipients_language_P4(cast):
    user = cast.user("member")
    user.language = "en"
    user.save(update_fields=["language"])
    english, swedish = cast.people["member"].pk, cast.people["coordinator"].pk
    secretariat = cast.user("secretariat")
    with translation.override("sv"):
        survey = opened_round(cast, title="Enkät 2026")
    invited = _subjects("survey_invitation")
    assert invited[english] == "Survey: Enkät 2026"
    assert invited[swedish] == "Enkät: Enkät 2026"
    body = Notification.objects.get(kind="survey_invitation", recipient=english).body
    assert body.startswith("Hello,\n") and "Your answers are anonymous" in body
    body = Notification.objects.get(kind="survey_invitation", recipient=swedish).body
    assert body.startswith("Hej!\n") and "Dina svar är anonyma" in body

    with translation.override("sv"):
        services.remind_invitees(survey, OPENS + datetime.timedelta(days=7))
    reminded = _subjects("survey_reminder")
    assert reminded[english] == "Reminder: Enkät 2026"
    assert reminded[swedish] == "Påminnelse: Enkät 2026"

    with translation.override("en"):  # the sender's language does not decide
        services.close_round(secretariat, survey, today=CLOSES)
        services.send_results(secretariat, survey, today=CLOSES)
    results = _subjects("survey_results")
    assert results[english] == "Results: Enkät 2026"
    assert results[swedish] == "Resultat: Enkät 2026"
    assert _first_cell(Notification.objects.get(kind="survey_results", recipient=english)) == (
        "Group"
    )
    assert _first_cell(Notification.objects.get(kind="survey_results", recipient=swedish)) == (
        "Grupp"
    )
