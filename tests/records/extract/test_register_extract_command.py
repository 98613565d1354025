"""manage.py register_extract --email ADDRESS --format json|pdf [--out FILE] (issue 15 §1)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from samverkan.history.models import HistoryEntry

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("register_extract", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_to_standard_output_by_email_in_any_case(cast):
    document = json.loads(run("--email", "MAJA.Medlem@example.se"))
    assert document["parts"]["person"]["data"]["name"] == "Maja Medlem"
    entry = HistoryEntry.objects.get(verb="register_extract_json")
    assert entry.actor is None and entry.object_pk == str(cast.people["member"].pk)


def test_pdf_to_a_file_in_english(cast, tmp_path, monkeypatch):
    seen = {}

    def typeset(template, context, request=None, **kwargs):
        seen["title"] = context["parts"][0].title
        seen["lang"] = context["lang"]
        return b"%PDF-1.7 test"

    monkeypatch.setattr("samverkan.records.extract.pdf.render_pdf", typeset)
    out = tmp_path / "utdrag.pdf"
    run(
        "--email",
        "maja.medlem@example.se",
        "--format",
        "pdf",
        "--out",
        str(out),
        "--language",
        "en",
    )
    assert out.read_bytes() == b"%PDF-1.7 test"
    assert seen == {"title": "Personal and contact details", "lang": "en"}


def test_by_id_for_a_person_without_an_address(cast):
    member = cast.people["member"]
    type(member).objects.filter(pk=member.pk).update(email="")
    document = json.loads(run("--person", str(member.pk)))
    assert document["person"]["id"] == member.pk


@pytest.mark.parametrize(
    "args, message",
    [
        (["--email", "ingen@example.se"], "Ingen person har e-postadressen ingen@example.se"),
        (["--person", "999999"], "Ingen person har id 999999"),
        (["--email", "maja.medlem@example.se", "--format", "pdf"], "Ange --out FIL"),
        (
            ["--email", "maja.medlem@example.se", "--out", "/finns/inte/utdrag.json"],
            "Mappen /finns/inte finns inte",
        ),
    ],
)
def test_bad_input_is_a_clear_message_and_nothing_is_recorded(cast, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not HistoryEntry.objects.filter(verb__startswith="register_extract").exists()
