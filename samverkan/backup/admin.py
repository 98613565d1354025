from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.backup.archive import size_text
from samverkan.backup.models import BackupRun


@admin.register(BackupRun)
class BackupRunAdmin(admin.ModelAdmin):
    """The backups `manage.py backup` has written, newest first; read only (the command is the
    only writer). The admin's front page shows the latest (templates/admin/index.html)."""

    list_display = ["finished_at", "path", "size_shown", "seconds", "vendor", "sha256"]
    list_filter = ["vendor"]
    search_fields = ["path", "sha256"]
    date_hierarchy = "finished_at"

    @admin.display(description=_("storlek"), ordering="size")
    def size_shown(self, run: BackupRun) -> str:
        return size_text(run.size)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
