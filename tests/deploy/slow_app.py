"""A WSGI app for tests/deploy/test_gunicorn_conf.py: reads an upload's whole body (as Django
does), and answers a health check at once."""

from collections.abc import Callable, Iterable
from typing import Any


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    received = 0
    if environ["REQUEST_METHOD"] == "POST":
        stream = environ["wsgi.input"]
        while chunk := stream.read(4096):
            received += len(chunk)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"received {received}".encode()]
