"""Compliance verdicts from the rule registry, in the same document as
`manage.py compliance --format json` (both built by compliance.selectors.verdicts_document)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.schemas import ComplianceOut, ErrorOut
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, verdicts_document
from samverkan.networks.models import Network
from samverkan.people import policy

router = Router(tags=["Regelefterlevnad"])


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Defaults to this year")


@router.get(
    "/compliance",
    response={200: ComplianceOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
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
    response={200: ComplianceOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
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
