"""Issuing and revoking API tokens. The command line is the only caller today; it passes
actor=None, since only the server's operator can run it."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.api.models import SHOWN_CHARS, ApiToken, hash_token, new_token
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person


def issue_token(
    actor: Any,
    person: Person,
    *,
    name: str,
    scope: str = ApiToken.Scope.WRITE,
    expires_on: datetime.date | None = None,
) -> tuple[ApiToken, str]:
    """Create a token that acts as `person`; returns it with the plain token, shown once. A
    "read" token may only read (issue 13); `expires_on` is its last day, if it has one."""
    if actor is not None:
        require_secretariat(actor)
    name = name.strip()
    if not name:
        raise ServiceError(_("Ange vem som ska använda nyckeln."), field="name")
    if scope not in ApiToken.Scope.values:
        raise ServiceError(
            _("Behörigheten ska vara read (bara läsa) eller write (läsa och ändra)."),
            field="scope",
        )
    if expires_on is not None and expires_on < timezone.localdate():
        raise ServiceError(_("Sista giltighetsdag kan inte ligga före i dag."), field="expires_on")
    if person.user_id is None:
        raise ServiceError(
            _("%(name)s har inget konto; en API-nyckel agerar som en persons konto.")
            % {"name": person.name},
            field="person",
        )
    with transaction.atomic(), acting(actor, "issue_token"):
        while True:
            plain = new_token()
            prefix = plain[:SHOWN_CHARS]
            if not ApiToken.objects.filter(key_prefix=prefix).exists():
                break
        token = ApiToken.objects.create(
            name=name,
            key_prefix=prefix,
            key_hash=hash_token(plain),
            person=person,
            scope=scope,
            expires_on=expires_on,
        )
    return token, plain


def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token for good; revoking a revoked token changes nothing."""
    if actor is not None:
        require_secretariat(actor)
    if token.revoked_at is not None:
        return token
    with transaction.atomic(), acting(actor, "revoke_token"):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
