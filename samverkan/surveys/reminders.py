"""P4/ST2: the daily reminders close the rounds past their closing day, open the scheduled
ones and remind every invitee of an open round after 7 and 14 days (services.remind_invitees:
to everyone, so that no stored notice tells who has not answered)."""

import datetime

from samverkan.notifications.reminders import daily_reminder
from samverkan.surveys.models import SurveyRound
from samverkan.surveys.services import (
    close_due_rounds,
    open_scheduled_rounds,
    remind_invitees,
)


@daily_reminder
def remind_survey_invitees(today: datetime.date) -> None:
    close_due_rounds(today)
    open_scheduled_rounds(today)
    for survey in SurveyRound.objects.filter(state=SurveyRound.State.OPEN):
        remind_invitees(survey, today)
