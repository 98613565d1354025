"""Every API error is JSON: {"error": {"code": "…", "message": "…"}}, with a stable English code
and a Swedish message, never Django's HTML error pages (issue 7, item 7)."""

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, ValidationError

from samverkan.api.hostile import HostileInput
from samverkan.core.errors import ConflictError, RuleViolation, ServiceError
from samverkan.core.outage import is_database_unavailable, retry_after_seconds, unavailable_message

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("samverkan.api")

STATUS_CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


class ApiError(Exception):
    """Raise from a route for an error that no domain exception names:
    `raise ApiError(409, "already_answered", _("Kommunen har redan svarat."))`."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


class Unauthorized(AuthenticationError):
    """401 with a Swedish message saying what is wrong with the credentials."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(401, message or default_messages()[401])


def default_messages() -> dict[int, str]:
    return {
        400: _("Begäran kunde inte utföras."),
        401: _("Inloggning krävs: skicka en giltig API-nyckel som Authorization: Bearer …"),
        403: _("Du har inte behörighet till detta."),
        404: _("Det finns inget här."),
        405: _("Metoden stöds inte för den här adressen."),
        409: _("Någon annan har ändrat uppgifterna under tiden."),
        422: _("Uppgifterna i begäran är ogiltiga."),
        429: _("För många anrop; försök igen om en stund."),
        500: _("Ett oväntat fel inträffade. Felet är loggat."),
    }


def error_response(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    response = JsonResponse(
        {"error": {"code": code, "message": str(message), **extra}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="samverkan"'
    return response


# ---- pydantic's messages, said in Swedish ------------------------------------------------------

FIELD_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda ctx: _("Fältet krävs."),
    "int_parsing": lambda ctx: _("Ange ett heltal."),
    "int_type": lambda ctx: _("Ange ett heltal."),
    "greater_than_equal": lambda ctx: _("Minsta tillåtna värde är %(ge)s.") % ctx,
    "less_than_equal": lambda ctx: _("Största tillåtna värde är %(le)s.") % ctx,
    "string_too_long": lambda ctx: _("Texten får vara högst %(max_length)s tecken.") % ctx,
    "string_pattern_mismatch": lambda ctx: _("Värdet har fel form."),
    "literal_error": lambda ctx: _("Välj ett av: %(expected)s.") % ctx,
    "enum": lambda ctx: _("Välj ett av: %(expected)s.") % ctx,
    "date_parsing": lambda ctx: _("Ange ett datum som ÅÅÅÅ-MM-DD."),
    "date_from_datetime_parsing": lambda ctx: _("Ange ett datum som ÅÅÅÅ-MM-DD."),
    "json_invalid": lambda ctx: _("Innehållet är inte giltig JSON."),
    "time_with_zone": lambda ctx: _("Ange ett klockslag som TT:MM eller TT:MM:SS, utan tidszon."),
}


def field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{"field": "year", "in": "query", "code": "greater_than_equal", "message": "…"}]"""
    out = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ())]
        where = loc[0] if loc else ""
        # ninja puts the parameter group second ("query", "path", "body", then the field name)
        path = [p for p in loc[1:] if p not in ("query", "path", "body", "payload")]
        kind = e.get("type", "")
        try:
            message = FIELD_MESSAGES[kind](e.get("ctx", {}))
        except (KeyError, TypeError):
            message = e.get("msg", "")
        out.append({"field": ".".join(path), "in": where, "code": kind, "message": str(message)})
    return out


# ---- handlers -----------------------------------------------------------------------------------


def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, **exc.extra)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if isinstance(exc.__cause__, HostileInput):
        # ninja wraps whatever the body parser raises in "Cannot parse request body".
        return on_hostile_input(request, exc.__cause__)
    message = exc.message if isinstance(exc, Unauthorized) else default_messages().get(status)
    if status == 403 and "CSRF" in str(exc):
        # A signed-in browser writing without Django's CSRF token; integrations use tokens.
        return error_response(403, "csrf_failed", _("CSRF-kontrollen misslyckades."))
    return error_response(status, STATUS_CODES.get(status, "error"), message or str(exc))


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc)
    # get_object_or_404 says "No X matches the given query." in English: say it in Swedish.
    if not message or "matches the given query" in message:
        message = default_messages()[404]
    return error_response(404, "not_found", message)


def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, "forbidden", str(exc) or default_messages()[403])


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        422, "invalid", default_messages()[422], fields=field_errors(list(exc.errors))
    )


def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    extra: dict[str, Any] = {}
    if exc.field:
        extra["field"] = exc.field
    if isinstance(exc, RuleViolation):
        extra["rule"] = exc.rule_id
        if exc.missing:
            extra["missing"] = exc.missing
    status = 409 if isinstance(exc, ConflictError) else 400
    return error_response(status, exc.code, exc.message, **extra)


def on_hostile_input(request: HttpRequest, exc: HostileInput) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message)


def on_bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body Django cannot read: multipart without a boundary, too many fields, too large.
    Anything else is unexpected."""
    if isinstance(exc, RequestDataTooBig):
        return error_response(413, "too_large", _("Begäran är för stor."))
    if isinstance(exc, MultiPartParserError | SuspiciousOperation):
        return error_response(
            400,
            "invalid_body",
            _("Innehållet gick inte att läsa som multipart/form-data (saknas boundary?)."),
        )
    return on_unexpected(request, exc)


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    if is_database_unavailable(exc):  # issue 18 §2: a restart of the database is not a 500
        logger.warning("API %s %s: database unavailable (%s)", request.method, request.path, exc)
        response = error_response(503, "unavailable", unavailable_message())
        response["Retry-After"] = str(retry_after_seconds())
        return response
    logger.exception("API %s %s failed", request.method, request.path, exc_info=exc)
    return error_response(500, "server_error", default_messages()[500])


HANDLERS: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
    (Exception, on_unexpected),
    (ApiError, on_api_error),
    (HttpError, on_http_error),
    (Http404, on_not_found),
    (PermissionDenied, on_permission_denied),
    (ValidationError, on_validation_error),
    (ServiceError, on_service_error),
    (HostileInput, on_hostile_input),
    (MultiPartParserError, on_bad_request),
    (SuspiciousOperation, on_bad_request),
]


def install(api: "NinjaAPI") -> None:
    """ninja looks handlers up along the exception's MRO, so subclasses find theirs."""
    for exc_class, handler in HANDLERS:
        api.add_exception_handler(exc_class, handler)


# ---- outside ninja's operations -----------------------------------------------------------------


@csrf_exempt
def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Every /api/v1/… address that no route serves: JSON 404, not the HTML page."""
    return error_response(404, "not_found", _("Adressen finns inte i API:t."))


def json_method_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a wrong method with a plain-text 405; give it the JSON shape."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allow = response.get("Allow", "")
            response = error_response(405, "method_not_allowed", default_messages()[405])
            response["Allow"] = allow
        return response

    return wrapped
