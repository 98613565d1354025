"""P4/ST2: daily reminders to those who have not answered an open round (7 and 14 days)."""

import datetime

from samverkan.notifications.reminders import daily_reminder
from samverkan.surveys.models import SurveyRound
from samverkan.surveys.services import (
    close_due_rounds,
    open_scheduled_rounds,
    remind_unanswered,
)


@daily_reminder
def remind_survey_unanswered(today: datetime.date) -> None:
    close_due_rounds(today)
    open_scheduled_rounds(today)
    for survey in SurveyRound.objects.filter(state=SurveyRound.State.OPEN):
        remind_unanswered(survey, today)
