"""English dates in one format throughout (issue 16, point 14): a date written without a
format and one written "j F Y" read the same, "1 January 2015", not "Jan. 1, 2015" beside
"15 December 2026"; Swedish keeps "1 januari 2015"."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

DAY = datetime.date(2015, 1, 1)
TEMPLATE = Template('{{ day }}|{{ day|date:"j F Y" }}|{{ day|date:"DATE_FORMAT" }}|{{ at }}')


def _render(language: str) -> list[str]:
    at = timezone.make_aware(datetime.datetime(2026, 12, 15, 9, 30))
    with translation.override(language):
        return TEMPLATE.render(Context({"day": DAY, "at": at})).split("|")


def test_an_english_date_reads_the_same_with_and_without_a_format():
    plain, written, named, moment = _render("en")
    assert plain == written == named == "1 January 2015"
    assert moment == "15 December 2026 09:30"


@pytest.mark.parametrize("language, day", [("sv", "1 januari 2015"), ("en", "1 January 2015")])
def test_dates_read_day_month_year_in_both_languages(language, day):
    assert _render(language)[0] == day
