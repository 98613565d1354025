"""import_population under hostile files (issue 18, item 4): each ends in a message naming the
line, nothing is written, never a traceback."""

import io

import pytest
from django.core.management import CommandError, call_command

from samverkan.cooperation.models import Municipality, PopulationFigure

HEADER = "code,name,population,population_date,population_source\n"


def run(text: str, tmp_path) -> str:
    """The command's error lines (stderr) and its closing message."""
    path = tmp_path / "folkmangd.csv"
    path.write_text(text, encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_population", str(path), stdout=io.StringIO(), stderr=errors)
    return errors.getvalue() + str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1283,Helsingborg,100000000000000000000,2024-12-31,SCB", "orimligt stor"),
        ("1283,Helsingborg,3000000000,2024-12-31,SCB", "orimligt stor"),
        ("1283," + "H" * 150 + ",150975,2024-12-31,SCB", "högst 100 tecken"),
        ("1283,Helsing\x00borg,150975,2024-12-31,SCB", "NUL"),
        ("1283,Helsingborg,150975,2024-12-31," + "S" * 140_000, "fält på rad 3"),
    ],
    ids=["1e20", "3e9", "long-name", "nul", "huge-field"],
)
def test_hostile_population_file_is_refused_naming_the_line(line, expected, tmp_path):
    text = HEADER + "1214,Svalöv,14466,2024-12-31,SCB\n" + line + "\n"
    message = run(text, tmp_path)
    assert "Rad 3:" in message, message
    assert expected in message, message
    assert "Rad 2" not in message
    assert not PopulationFigure.objects.exists()
    assert not Municipality.objects.exists()
