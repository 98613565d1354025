from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.api import services
from samverkan.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by `manage.py create_api_token` (--read-only, --expires), which shows
    the token once; here the secretariat sees them, with their scope and last day, and
    revokes them."""

    list_display = [
        "name",
        "key_prefix",
        "person",
        "scope",
        "expires_on",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key_prefix", "person__name", "person__email"]
    readonly_fields = [
        "name",
        "key_prefix",
        "person",
        "scope",
        "expires_on",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Återkalla markerade API-nycklar"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            services.revoke_token(request.user, token)
        self.message_user(
            request, _("%(n)d API-nycklar återkallade.") % {"n": len(tokens)}, messages.SUCCESS
        )
