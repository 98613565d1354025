"""Who may read the yearly report: the municipal directors' group and the secretariat."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from samverkan.people.access import is_secretariat
from samverkan.surveys.access import is_director


def can_read_yearly_report(user: Any) -> bool:
    return is_secretariat(user) or is_director(user)


def require_can_read_yearly_report(user: Any) -> None:
    if not can_read_yearly_report(user):
        raise PermissionDenied(
            _("Årsrapporten är till för kommundirektörsgruppen och sekretariatet.")
        )
