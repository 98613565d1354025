"""Compliance verdicts from the rule registry, in the same document as
`manage.py compliance --format json` (both built by compliance.selectors.verdicts_document)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.kit import YearQuery, errors
from samverkan.api.schemas import ComplianceOut
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, verdicts_document
from samverkan.networks.access import get_network_verdicts_for
from samverkan.networks.models import Network

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
    network = get_network_verdicts_for(require_signed_in(request), slug)
    today = timezone.localdate()
    year = query.year or today.year
    as_of = as_of_for_year(year, today)
    return verdicts_document(evaluate([network], as_of), year, as_of)
