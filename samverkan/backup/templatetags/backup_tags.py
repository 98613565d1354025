from typing import Any

from django import template
from django.db import DatabaseError

from samverkan.backup.archive import size_text
from samverkan.backup.models import BackupRun

register = template.Library()


@register.inclusion_tag("backup/_last_backup.html", takes_context=True)
def last_backup(context: template.Context) -> dict[str, Any]:
    """The latest backup for the admin's front page (None when there has been none)."""
    try:
        run = BackupRun.objects.order_by("-finished_at", "-id").first()
    except DatabaseError:  # not migrated yet
        run = None
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "run": run,
        "size": size_text(run.size) if run else "",
        "can_list": bool(user and user.has_perm("backup.view_backuprun")),
    }
