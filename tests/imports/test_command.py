"""`manage.py import_register FILE [--dry-run] [--send-invitations]`: the report printed, and an
exit status other than 0 on any bad row."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Network
from samverkan.notifications.models import Notification
from tests.imports.helpers import BO, PEOPLE, counts, csv_bytes, sheets, xlsx


@pytest.fixture
def register_file(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx(sheets()))
    return path


def command(*args: str) -> str:
    out = io.StringIO()
    call_command("import_register", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_the_report_and_writes_nothing(cast, register_file):
    before = counts()
    out = command(str(register_file), "--dry-run", "--as", cast.people["secretariat"].email)
    assert "Nätverk: 1 nya, 0 ändrade, 0 oförändrade" in out
    assert "Provkörning: filen kan importeras" in out
    assert counts() == before


def test_the_import_names_the_account_in_the_history(cast, register_file):
    before = HistoryEntry.objects.count()
    out = command(str(register_file), "--as", cast.people["secretariat"].email)
    assert "Importen är klar" in out
    assert "Aktiveringsmeddelanden: 2 (bara inkorgen, ingen e-post)." in out
    assert Network.objects.filter(name="Biblioteksnätverket").exists()
    entries = HistoryEntry.objects.order_by("pk")[before:]
    assert {(e.verb, e.actor_id) for e in entries} == {
        ("import_register", cast.user("secretariat").pk)
    }
    assert not Notification.objects.filter(email_status=Notification.EmailStatus.PENDING).exists()


def test_send_invitations_emails_them(cast, register_file):
    command(str(register_file), "--send-invitations", "--as", cast.people["secretariat"].email)
    pending = Notification.objects.filter(
        kind="activation", email_status=Notification.EmailStatus.PENDING
    )
    assert pending.count() == 2


def test_a_bad_row_exits_with_status_1_and_prints_the_report(cast, tmp_path):
    path = tmp_path / "personer.csv"
    path.write_bytes(csv_bytes([PEOPLE, BO, ["bo.bok@bjuv.example.se", "Bo igen", "", "", "", ""]]))
    before = counts()
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_register", str(path), stdout=out)
    assert refused.value.returncode == 1
    assert "Filen avvisades: 1 felaktiga rader. Ingenting har sparats." in str(refused.value)
    assert "Personer (personer.csv), rad 3, kolumn E-post (A)" in out.getvalue()
    assert counts() == before


def test_the_only_secretariat_account_acts_when_none_is_named(cast, register_file):
    command(str(register_file))
    assert HistoryEntry.objects.filter(
        verb="import_register", actor=cast.user("secretariat")
    ).exists()


def test_several_possible_accounts_must_be_named(cast, register_file, django_user_model):
    django_user_model.objects.create_superuser("admin@example.se", "x")
    with pytest.raises(CommandError, match="Ange med --as"):
        command(str(register_file))


def test_a_missing_file_is_an_error(cast, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        command(str(tmp_path / "saknas.xlsx"))
