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

import datetime
import re
from collections.abc import Callable
from typing import Annotated, Any, Protocol, TypeVar

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

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


class InSchema(Schema):
    """What a caller sends. pydantic would read a number as a date (0 → 1970-01-01, a Unix
    time); the documented format is an ISO date, so a number there is refused (issue 18)."""

    @model_validator(mode="before")
    @classmethod
    def _dates_are_text(cls, data: Any) -> Any:
        given = getattr(data, "_obj", data)  # ninja hands the dict in its DjangoGetter
        if isinstance(given, dict):
            for name, field in cls.model_fields.items():
                value = given.get(field.alias or name)
                if isinstance(value, int | float) and _is_temporal(field.annotation):
                    raise PydanticCustomError("date_parsing", "Expected an ISO date")
        return data


def _is_temporal(annotation: Any) -> bool:
    args = getattr(annotation, "__args__", None)
    if args:
        return any(_is_temporal(a) for a in args)
    return isinstance(annotation, type) and issubclass(annotation, datetime.date | datetime.time)


# ---- shared schemas ----------------------------------------------------------------------------


class YearQuery(InSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Defaults to this year")

    def year_or_this(self) -> int:
        return self.year or timezone.localdate().year


LOCAL_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def _local_time(value: Any) -> Any:
    """A wall-clock time in Europe/Stockholm: "09:00" or "09:00:00". A zone ("09:00Z") would
    make the time aware and the meeting plan could not combine it with a date (issue 18)."""
    if isinstance(value, str) and re.fullmatch(LOCAL_TIME, value):
        return value
    if isinstance(value, datetime.time) and value.tzinfo is None:  # an answer's own time
        return value
    raise PydanticCustomError("time_with_zone", "Expected a local time HH:MM[:SS]")


LocalTime = Annotated[
    datetime.time,
    BeforeValidator(_local_time),
    WithJsonSchema(
        {"type": "string", "pattern": LOCAL_TIME, "description": "Local time, e.g. 09:00"}
    ),
]
