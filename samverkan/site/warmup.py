"""A new web worker's first-request costs, paid before it takes requests (issue 17: a cold
process answered the dashboard in 360 ms against 110 ms warm).

gunicorn starts each worker without preloading (deploy/gunicorn.conf.py) and replaces it after
`max_requests`; Django imports the views through the URL configuration, compiles each template
and reads each language's catalogue on first use. `warm_up()` does that once, in the worker
before its first request (gunicorn's post_worker_init): no request, nothing shown, and one
query (the content types) on the connection the first request will use."""

import logging
import time
from importlib import import_module
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_backends
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import DatabaseError, connection, connections
from django.forms.renderers import get_default_renderer
from django.template import TemplateSyntaxError, engines
from django.template.exceptions import TemplateDoesNotExist
from django.urls import get_resolver
from django.utils import translation
from django.utils.formats import get_format_modules
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def own_template_names() -> list[str]:
    """The names of the project's own page templates (samverkan/**/templates/**.html)."""
    root = Path(settings.BASE_DIR) / "samverkan"
    engines_set: list[dict[str, Any]] = settings.TEMPLATES
    folders = [Path(d) for engine in engines_set for d in engine.get("DIRS", [])]
    folders += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(root)
    ]
    names: set[str] = set()
    for folder in folders:
        if folder.is_dir():
            names.update(str(p.relative_to(folder)) for p in folder.rglob("*.html"))
    return sorted(names)


def form_template_names() -> list[str]:
    """The form and widget templates Django's form renderer draws fields with."""
    folder = Path(django.__file__).parent / "forms" / "templates"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html"))


def warm_up() -> dict[str, float]:
    """Import the views, compile the project's templates and the form widgets' (kept by the
    cached loaders when DEBUG is off), import the context processors, read every language's
    catalogue and formats, load what every request passes through (`services`) and open the
    database connection (`database`). Returns the milliseconds of each part."""
    took: dict[str, float] = {}
    started = time.perf_counter()
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 (imports every urls.py and view module)
    for status in (400, 403, 404, 500):
        resolver.resolve_error_handler(status)
    took["urls"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    django_engine: Any = engines["django"]
    django_engine.engine.template_context_processors  # noqa: B018 (imports them)
    for name in own_template_names():
        try:
            django_engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError) as exc:  # shown on use, not here
            logger.warning("warm-up: template %s: %s", name, exc)
    renderer = get_default_renderer()
    for name in form_template_names():
        renderer.get_template(name)
    took["templates"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Samverkan")
            get_format_modules(code)  # the language's date and number formats (ours first)
    took["languages"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    services()
    took["services"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    database()
    took["database"] = (time.perf_counter() - started) * 1000
    return took


def services() -> None:
    """What the first request would import and build on its way through the middleware: every
    cache's backend, the sign-in backends, the session store and its serializer, the messages'
    storage and each database's SQL compiler (issue 17: 20–30 ms of a new worker's first
    request, more where no bytecode is kept). Connects to nothing (that is `database`)."""
    for alias in settings.CACHES:
        caches[alias].get  # noqa: B018 (imports and builds the backend)
    get_backends()
    import_module(settings.SESSION_ENGINE).SessionStore  # noqa: B018
    import_string(settings.SESSION_SERIALIZER)
    import_string(settings.MESSAGE_STORAGE)
    for alias in connections:
        connections[alias].ops.compiler("SQLCompiler")


def database() -> None:
    """The default database's connection opened (a new PostgreSQL backend costs its first
    request 10–30 ms; with DATABASE_CONN_MAX_AGE it is then kept) and the content types read
    into their cache (the history's versions ask for them on every page). A database that
    cannot be reached is logged and left to the first request, which then says so."""
    try:
        connection.ensure_connection()
        ContentType.objects.get_for_models(*apps.get_models())
    except DatabaseError as exc:
        logger.warning("warm-up: the database could not be reached: %s", exc)
