"""API tokens in a person's register extract (issue 15 §1): each token's name, the start of
its key as shown when it was made, and its dates; never the key or its hash."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.api.models import ApiToken
from samverkan.people.extract import day, extract_part, history_subjects, moment, text
from samverkan.people.models import Person


@extract_part(
    "api_tokens",
    _("API-nycklar"),
    order=25,
    labels={
        "name": _("Namn"),
        "key_prefix": _("Nyckelns början"),
        "scope": _("Behörighet"),
        "created_at": _("Skapad"),
        "expires_on": _("Gäller till och med"),
        "last_used_at": _("Senast använd"),
        "revoked_at": _("Återkallad"),
    },
)
def api_tokens(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "name": t.name,
            "key_prefix": t.key_prefix,
            "scope": text(t.get_scope_display()),
            "created_at": moment(t.created_at),
            "expires_on": day(t.expires_on),
            "last_used_at": moment(t.last_used_at),
            "revoked_at": moment(t.revoked_at),
        }
        for t in ApiToken.objects.filter(person=person).order_by("created_at", "pk")
    ]


@history_subjects
def token_rows(person: Person) -> list[tuple[type[ApiToken], list[int]]]:
    return [(ApiToken, list(person.api_tokens.order_by().values_list("pk", flat=True)))]
