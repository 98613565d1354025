"""What every router shares, written once (issue 11, item 5): the documented error responses,
the paths, the lookups of what a route is given by name, and the schemas more than one router
uses. Who may do what is not here: routers ask the rooms' access getters, as the pages do.

- `errors(...)` / `ERRORS`: the error responses an operation documents, each in the one shape
  `{"error": {"code": …, "message": …}}` that samverkan.api.errors answers with;
- `NETWORK`: the path of a network, under which most routes sit;
- `operations(router, prefix, Out)`: the operations on one thing that all answer with its
  schema, each declared in one line (`@on_cost("POST", "/invoice", "…")`);
- lookups: an unknown slug answers 404 (`municipality_by_slug`, `area_by_slug`), an unknown
  SCB code or person id in a list 400 naming each one (`municipalities_by_code`,
  `people_by_id`);
- `YearQuery`: `?year=` for routes about one calendar year, this year by default."""

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from samverkan.api.errors import ApiError
from samverkan.api.schemas import ErrorOut
from samverkan.cooperation.models import Area, Municipality
from samverkan.people.models import Person

# ---- error responses ---------------------------------------------------------------------------


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error responses of an operation, e.g. `response={200: X, **errors(401, 404)}`."""
    return dict.fromkeys(sorted(statuses), ErrorOut)


# A route that acts through a service: invalid input or a rule (400), no credentials (401), not
# allowed (403), nothing there (404), changed meanwhile (409), a malformed request (422).
ERRORS = errors(400, 401, 403, 404, 409, 422)

# ---- paths -------------------------------------------------------------------------------------

NETWORK = "/networks/{slug}"

# ---- operations on one thing -------------------------------------------------------------------

View = TypeVar("View", bound=Callable[..., Any])


class Operation(Protocol):
    def __call__(
        self, method: str, path: str, summary: str, *, status: int = 200
    ) -> Callable[[View], View]: ...


def operations(
    router: Router, prefix: str, out: Any, *, error_responses: dict[int, Any] = ERRORS
) -> Operation:
    """The operations on one thing, at paths under `prefix`, that all answer with `out`:

        on_cost = operations(router, "/costs/{int:cost_id}", CostOut)

        @on_cost("POST", "/invoice", "Markera som fakturerad")
        def invoice_cost(request: HttpRequest, cost_id: int) -> dict[str, Any]: ...

    declares what `@router.post("/costs/{int:cost_id}/invoice", response={200: CostOut,
    **ERRORS}, summary="Markera som fakturerad")` does; `status=201` for one that creates."""

    def operation(
        method: str, path: str, summary: str, *, status: int = 200
    ) -> Callable[[View], View]:
        return router.api_operation(
            [method], prefix + path, response={status: out, **error_responses}, summary=summary
        )

    return operation


# ---- lookups -----------------------------------------------------------------------------------


def municipality_by_slug(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def area_by_slug(slug: str) -> Area:
    return get_object_or_404(Area, slug=slug)


def municipalities_by_code(codes: list[str]) -> list[Municipality]:
    """The municipalities with these SCB codes, in the order given."""
    found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ApiError(
            400, "invalid", _("Okänd kommunkod: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    return [found[c] for c in codes]


def people_by_id(ids: list[int]) -> list[Person]:
    """The people with these ids, in the order given."""
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise ApiError(400, "invalid", _("Okänd person: %(ids)s.") % {"ids": ", ".join(unknown)})
    return [found[i] for i in ids]


# ---- shared schemas ----------------------------------------------------------------------------


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Defaults to this year")

    def year_or_this(self) -> int:
        return self.year or timezone.localdate().year
