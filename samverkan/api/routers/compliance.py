"""Compliance verdicts from the stored rows (compliance/stored.py), in the same document as
`manage.py compliance --format json` (both built by compliance.selectors.verdicts_document).

The API is exact, as the command is: whatever is stale is evaluated and stored before the rows
are read, never shown as being updated. A year outside the stored ones is computed fresh."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.kit import YearQuery, errors
from samverkan.api.schemas import ComplianceOut
from samverkan.compliance import stored
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import AnyVerdicts, evaluate, verdicts_document
from samverkan.networks.access import get_network_verdicts_for
from samverkan.networks.models import Network

router = Router(tags=["Regelefterlevnad"])


def compliance_document(networks: QuerySet[Network], year: int) -> dict[str, Any]:
    today = timezone.localdate()
    as_of = as_of_for_year(year, today)
    results: list[AnyVerdicts]
    if year not in stored.stored_years(today):
        results = evaluate(networks, as_of)
    else:
        stored.refresh_stale(networks, year, today=today, limit=-1)
        rows = stored.stored_verdicts(networks.select_related("area"), year, today=today)
        as_of = min((r.as_of for r in rows if r.as_of), default=as_of)
        results = list(rows)
    return verdicts_document(results, year, as_of)


def _year(query: YearQuery) -> int:
    return query.year or timezone.localdate().year


@router.get(
    "/compliance",
    response={200: ComplianceOut, **errors(401, 403, 422)},
    summary="Alla nätverks regelefterlevnad (sekretariatet)",
)
def all_verdicts(request: HttpRequest, query: Query[YearQuery]) -> dict[str, Any]:
    require_secretariat(request)
    return compliance_document(Network.objects.order_by("slug"), _year(query))


@router.get(
    "/compliance/{slug}",
    response={200: ComplianceOut, **errors(401, 403, 404, 422)},
    summary="Ett nätverks regelefterlevnad (samordnare och sekretariatet)",
)
def network_verdicts(request: HttpRequest, slug: str, query: Query[YearQuery]) -> dict[str, Any]:
    network = get_network_verdicts_for(require_signed_in(request), slug)
    return compliance_document(Network.objects.filter(pk=network.pk), _year(query))
