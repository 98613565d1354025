"""The HTTP API under /api/v1/ (issue 7, item 7). A domain adds its routes with one line:
`api.add_router("/", samverkan.api.routers.<domain>.router)`. Routes require a token or a
signed-in session unless their router says otherwise (auth.CATALOGUE for the catalogue).
A router reads through the rooms' selectors, as the pages do, and takes its error responses,
lookups and shared schemas from samverkan.api.kit."""

from typing import Any

from ninja import NinjaAPI

from samverkan.api import errors
from samverkan.api.auth import SIGNED_IN
from samverkan.api.hostile import BodyParser, document_int_range
from samverkan.api.routers import agreements as agreements_router
from samverkan.api.routers import catalogue, compliance
from samverkan.api.routers import costs as costs_router
from samverkan.api.routers import inbox as inbox_router
from samverkan.api.routers import lifecycle as lifecycle_router
from samverkan.api.routers import meetings as meetings_router
from samverkan.api.routers import municipalities as municipalities_router
from samverkan.api.routers import surveys as surveys_router


class SamverkanAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The document, with the integer range the body parser enforces (issue 18)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        document_int_range(schema)
        return schema


api = SamverkanAPI(
    title="Samverkan API",
    version="1",
    urls_namespace="api",
    parser=BodyParser(),
    auth=SIGNED_IN,
    description=(
        "Nätverkskatalogen och regelefterlevnaden. Skicka API-nyckeln som "
        "`Authorization: Bearer sv_…` (skapas med `manage.py create_api_token`). "
        'Fel kommer som JSON: `{"error": {"code": "…", "message": "…"}}`.'
    ),
)
errors.install(api)

api.add_router("/", catalogue.router)
api.add_router("/", compliance.router)
api.add_router("/", agreements_router.router)
api.add_router("/", meetings_router.router)
api.add_router("/", lifecycle_router.router)
api.add_router("/", municipalities_router.router)
api.add_router("/", inbox_router.router)
api.add_router("/", costs_router.router)
api.add_router("/", surveys_router.router)
