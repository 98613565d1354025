"""The admin shows the time of the last backup (issue 14, part 3): on its front page, and the
list of every backup `manage.py backup` wrote, which nobody edits by hand."""

import datetime

import pytest
from django.utils import timezone

from samverkan.backup.models import BackupRun


def a_run(**fields) -> BackupRun:
    values = {
        "finished_at": timezone.now(),
        "path": "/var/backups/samverkan/samverkan-20261201-0230.tar.gz",
        "size": 5_400_000,
        "sha256": "ab" * 32,
        "vendor": "postgresql",
        "seconds": 2.5,
    }
    return BackupRun.objects.create(**(values | fields))


@pytest.mark.django_db
def test_the_admin_front_page_says_when_nothing_was_backed_up(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Ingen säkerhetskopia har gjorts ännu" in html


@pytest.mark.django_db
def test_the_admin_front_page_shows_the_last_backup(admin_client):
    a_run(finished_at=timezone.now() - datetime.timedelta(days=3), path="/old.tar.gz")
    last = a_run(finished_at=timezone.now() - datetime.timedelta(hours=5))
    response = admin_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Senaste säkerhetskopia:" in html
    assert timezone.localtime(last.finished_at).strftime("%H:%M") in html
    assert "för 5\xa0timmar sedan" in html and "5,1 MB" in html
    assert 'href="/admin/backup/backuprun/"' in html


@pytest.mark.django_db
def test_the_list_of_backups_is_read_only(admin_client):
    run = a_run()
    html = admin_client.get("/admin/backup/backuprun/").content.decode()
    assert run.path in html and "5,1 MB" in html
    assert admin_client.get("/admin/backup/backuprun/add/").status_code == 403
    page = admin_client.get(f"/admin/backup/backuprun/{run.pk}/change/").content.decode()
    assert 'name="path"' not in page  # shown, not editable
