"""The yearly report's notice, and the report it carries, are written in each recipient's own
language, whatever the language of the secretariat that sends it (SPEC §6; issue 11, item 10)."""

import base64
import datetime
import io

from django.utils import translation
from pypdf import PdfReader

from samverkan.notifications.models import Notification
from samverkan.reports.services import send_yearly_report
from samverkan.surveys.models import DirectorsGroupMember
from tests.cast import make_person


def _director(cast, name, language):
    person = make_person(name, cast.muni("Bjuv"))
    person.user.language = language
    person.user.save(update_fields=["language"])
    DirectorsGroupMember.objects.create(person=person)
    return person


def _first_page(notice):
    pdf = base64.b64decode(notice.attachments[0]["content"])
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_yearly_report_in_each_directors_language(cast):
    year = datetime.date.today().year
    english = _director(cast, "Edith English", "en")
    swedish = _director(cast, "Dora Direktör", "sv")
    with translation.override("en"):  # the sender's language does not decide
        assert send_yearly_report(cast.user("secretariat"), year) == 2
    to_english = Notification.objects.get(kind="yearly_report", recipient=english)
    to_swedish = Notification.objects.get(kind="yearly_report", recipient=swedish)
    assert to_english.subject.startswith(f"Annual report {year} – ")
    assert to_english.body.startswith(f"The yearly report for {year} is attached")
    assert to_swedish.subject.startswith(f"Årsrapport {year} – ")
    assert to_swedish.body.startswith(f"Årsrapporten för {year} finns bifogad")
    assert f"Annual report {year}" in _first_page(to_english)
    assert f"Årsrapport {year}" in _first_page(to_swedish)
