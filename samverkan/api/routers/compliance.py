"""Compliance verdicts from the rule registry, in the same document as
`manage.py compliance --format json` (both built by compliance.selectors.verdicts_document)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.kit import YearQuery, errors
from samverkan.api.schemas import ComplianceOut
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, verdicts_document
from samverkan.networks.models import Network
from samverkan.people import policy

router = Router(tags=["Regelefterlevnad"])


@router.get(
    "/compliance",
    response={200: ComplianceOut, **errors(401, 403, 422)},
    summary="Alla nätverks regelefterlevnad (sekretariatet)",
)
def all_verdicts(request: HttpRequest, query: Query[YearQuery]) -> dict[str, Any]:
    require_secretariat(request)
    today = timezone.localdate()
    year = query.year or today.year
    as_of = as_of_for_year(year, today)
    return verdicts_document(evaluate(Network.objects.order_by("slug"), as_of), year, as_of)


@router.get(
    "/compliance/{slug}",
    response={200: ComplianceOut, **errors(401, 403, 404, 422)},
    summary="Ett nätverks regelefterlevnad (samordnare och sekretariatet)",
)
def network_verdicts(request: HttpRequest, slug: str, query: Query[YearQuery]) -> dict[str, Any]:
    user = require_signed_in(request)
    network = policy.get_network_for(user, slug)
    if not policy.can_edit_network(user, network):
        raise PermissionDenied(
            _("Nätverkets regelefterlevnad visas för dess samordnare och för sekretariatet.")
        )
    today = timezone.localdate()
    year = query.year or today.year
    as_of = as_of_for_year(year, today)
    return verdicts_document(evaluate([network], as_of), year, as_of)
