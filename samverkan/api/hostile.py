"""What the API does with hostile input (issue 18, item 4), so that no request can reach a 500:

- `BodyParser`: a JSON body must be one object (ninja would otherwise read a list or a string
  attribute by attribute, so that `"AAA"` became an agenda item titled "Aaa"), and no integer in
  it may lie outside the 64-bit range the databases hold (SQLite raises OverflowError past it);
- NUL bytes are removed from all text that enters: JSON bodies (keys and values) and form
  fields here, the query string of every request in samverkan/core/middleware.py. Nobody
  types one, SQLite would store it and PostgreSQL refuses it with an error, so that the same
  request stored garbage on one database and was a 500 on the other;
- `guard`: around every API view, a body Django cannot read (multipart without a boundary) is
  a 400, and a path with a NUL byte or an id past the 64-bit range is a 404 (nothing has it);
- `document_int_range`: the OpenAPI document says which integers are valid, so that a
  schema-driven client (and the schemathesis run in CI) knows.

The Swedish messages are raised as `HostileInput`, which samverkan.api.errors answers."""

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.parser import Parser

from samverkan.core.middleware import without_nul as without_nul_form

# The range of a signed 64-bit integer: SQLite's INTEGER and PostgreSQL's bigint.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


class HostileInput(ValueError):
    """Input no route can use: 422, as for any other invalid value."""

    def __init__(self, message: str, *, status: int = 422, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


def without_nul(value: Any) -> Any:
    """`value` (parsed JSON) with every NUL byte removed from its texts; raises HostileInput
    for an integer outside the 64-bit range."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and not INT_MIN <= value <= INT_MAX:
        raise HostileInput(
            _("Talet %(number).20s… är för stort; största tillåtna värde är %(max)s.")
            % {"number": str(value), "max": INT_MAX}
        )
    return value


class BodyParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError) as exc:
            raise HostileInput(_("Innehållet är inte giltig JSON.")) from exc
        if not isinstance(data, dict):
            raise HostileInput(_('Innehållet ska vara ett JSON-objekt: {"fält": värde, …}.'))
        cleaned: dict[str, Any] = without_nul(data)
        return cleaned


def guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Check and clean what ninja cannot before the view parses it (see the docstring)."""
    from samverkan.api.errors import error_response, on_bad_request

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "\x00" in request.path or any(
            isinstance(v, int) and not INT_MIN <= v <= INT_MAX for v in kwargs.values()
        ):
            return error_response(404, "not_found", _("Det finns inget här."))
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                request.POST = without_nul_form(request.POST)  # type: ignore[assignment]
            except Exception as exc:  # a body Django cannot read: it raises on request.POST
                return on_bad_request(request, exc)
        return view(request, *args, **kwargs)

    return wrapped


def document_int_range(node: Any) -> None:
    """Give every integer in the OpenAPI document without bounds the 64-bit range."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") == "integer":
                item.setdefault("minimum", INT_MIN)
                item.setdefault("maximum", INT_MAX)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
