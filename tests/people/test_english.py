"""The interface in English for a person who chose it; Swedish stays the default (SPEC §6)."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

PO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def _swedish_afterwards():
    # Requests activate a language on this thread; leave Swedish behind for the next test.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def speaking_english(cast, client_for, name):
    user = cast.user(name)
    user.language = "en"
    user.save(update_fields=["language"])
    return client_for(name)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_page_in_english(cast, client_for):
    html = page(speaking_english(cast, client_for, "member"), reverse("home"))
    assert '<html lang="en"' in html
    assert ">Networks</a>" in html
    assert "Network catalogue" in html
    assert "Sign out" in html
    assert ">Nätverk</a>" not in html
    assert "Logga ut" not in html


def test_catalogue_in_english(cast, client_for):
    html = page(speaking_english(cast, client_for, "member"), reverse("networks:catalogue"))
    assert "Network catalogue" in html
    assert "Search and filter networks" in html
    assert "Nätverkskatalogen" not in html


def test_network_page_in_english(cast, client_for):
    client = speaking_english(cast, client_for, "coordinator")
    html = page(client, cast.network.get_absolute_url())
    assert "The checklist" in html
    assert "Members and roles" in html
    assert re.search(r'<span class="status">(Met|Warning|Missing|Not applicable)</span>', html)
    assert "Checklistan" not in html
    assert "Uppfylld" not in html and "Saknas<" not in html


def test_dashboard_in_english(cast, client_for):
    html = page(speaking_english(cast, client_for, "secretariat"), reverse("dashboard:dashboard"))
    assert "The checklist" in html
    assert "Met" in html and "Missing" in html
    assert "Checklistan" not in html
    assert "Uppfylld" not in html
    assert "Has a coordinator" in html and "Har en samordnare" not in html  # rule titles


def test_swedish_is_the_default_for_anonymous_visitors(cast, client_for):
    html = page(client_for("anonymous"), reverse("home"))
    assert '<html lang="sv"' in html
    assert ">Nätverk</a>" in html
    assert "Logga in" in html
    assert ">Networks</a>" not in html


def test_a_swedish_speaker_keeps_swedish_whatever_the_browser_says(cast, client_for):
    client = client_for("member")
    html = client.get(reverse("home"), headers={"accept-language": "en"}).content.decode()
    assert ">Nätverk</a>" in html
    assert ">Networks</a>" not in html


def _po_entries(text):
    """(msgctxt, msgid, msgid_plural, [msgstr, ...], flags) per entry of a .po file.

    The header and obsolete entries are skipped."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = {f.strip() for line in lines if line.startswith("#,") for f in line[2:].split(",")}
        fields, current = {}, None
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                fields[current] += ast.literal_eval(line)
                continue
            keyword, _, rest = line.partition(" ")
            current = keyword
            fields[current] = ast.literal_eval(rest)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        entries.append(
            (fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural", ""), strs, flags)
        )
    return entries


def test_every_string_has_an_english_translation():
    entries = _po_entries(PO.read_text(encoding="utf-8"))
    assert len(entries) > 1000
    untranslated = [
        (ctx + " | " if ctx else "") + msgid
        for ctx, msgid, _plural, strs, flags in entries
        if not strs or not all(strs) or "fuzzy" in flags
    ]
    listing = "\n".join(untranslated)
    assert not untranslated, f"Untranslated or fuzzy in {PO}:\n{listing}"


def test_placeholders_survive_translation():
    named = re.compile(r"%\(\w+\)[sd]")
    wrong = []
    for _ctx, msgid, plural, strs, _flags in _po_entries(PO.read_text(encoding="utf-8")):
        wanted = set(named.findall(msgid + plural))
        found = [set(named.findall(msgstr)) for msgstr in strs]
        # Every placeholder of the translation exists in the source, and all are used somewhere.
        if any(f - wanted for f in found) or wanted - set().union(*found):
            wrong.append(msgid)
    assert not wrong, wrong
