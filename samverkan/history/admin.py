"""The history in the admin: auditlog's own view, with "who" as the history pages show it, so
that a change made through an e-mailed link reads "via e-postlänk för <person>" there too."""

from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samverkan.history.models import HistoryEntry


class HistoryEntryAdmin(LogEntryAdmin):
    list_display = ["created", "resource_url", "action", "msg_short", "who_acted", "cid_url"]
    readonly_fields = ["created", "resource_url", "action", "who_acted", "verb", "msg"]
    fieldsets = [
        (None, {"fields": ["created", "who_acted", "verb", "resource_url", "cid"]}),
        (_("Ändringar"), {"fields": ["action", "msg"]}),
    ]
    search_fields = [*LogEntryAdmin.search_fields, "actor_email", "via_link_for", "verb"]

    @admin.display(description=_("Vem"))
    def who_acted(self, obj: HistoryEntry) -> str:
        return obj.who or "system"


admin.site.unregister(HistoryEntry)
admin.site.register(HistoryEntry, HistoryEntryAdmin)
