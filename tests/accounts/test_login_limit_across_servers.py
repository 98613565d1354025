"""Login limits hold across web servers that share one cache (issue 18 §6).

Each "web server" here is a thread of its own: Django keeps one cache client per thread (for
Redis its own connection pool) and one database connection per thread, as another gunicorn
process has. The cache is the project's shared one (DatabaseCache, or Redis with CACHE_URL),
not the tests' per-process LocMemCache. Through the proxy the servers see the proxy's Host;
reached directly, their own: the limit must not depend on it (bench/scaleout.py found it did)."""

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.core.cache import cache, caches
from django.db import connections
from django.test import Client
from django.urls import reverse

from samverkan import settings as project_settings
from samverkan.accounts import adapter
from samverkan.people.models import User
from tests.cast import PASSWORD

REFUSED = "För många misslyckade inloggningsförsök"
PROXY = "127.0.0.1:8000"
T = TypeVar("T")

# The servers' threads read the user and (DatabaseCache) the cache through connections of their
# own: committed data, not the test's rolled-back transaction.
across_threads = pytest.mark.django_db(transaction=True)


class Server:
    """A web server reached at `host`: its requests and cache calls run in its own thread."""

    def __init__(self, host: str) -> None:
        self.host = host
        self._thread = ThreadPoolExecutor(max_workers=1)

    def run(self, function: Callable[..., T], *args: Any) -> T:
        return self._thread.submit(function, *args).result(timeout=60)

    def cache_client(self) -> object:
        return self.run(lambda: caches["default"])

    def attempt(
        self, email: str, password: str, *, host: str | None = None, address: str = "127.0.0.1"
    ) -> tuple[int, str]:
        def post() -> tuple[int, str]:
            client = Client(HTTP_HOST=host or self.host, REMOTE_ADDR=address)
            response = client.post(reverse("account_login"), {"login": email, "password": password})
            return response.status_code, response.content.decode()

        return self.run(post)

    def stop(self) -> None:
        self.run(connections.close_all)
        self._thread.shutdown()


@pytest.fixture
def shared_cache(settings) -> Iterator[None]:
    """The cache every process of the instance shares (tests/conftest.py puts LocMem in place)."""
    settings.CACHES = project_settings.CACHES
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def servers(shared_cache) -> Iterator[tuple[Server, Server]]:
    web1, web2 = Server("127.0.0.1:8001"), Server("127.0.0.1:8002")
    yield web1, web2
    web1.stop()
    web2.stop()


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(adapter, "pause", slept.append)
    return slept


@across_threads
def test_failures_through_the_proxy_are_refused_on_both_servers(servers, pauses):
    """Issue 18 §6: five wrong passwords through the proxy, alternating servers; the right
    password straight to each server is then refused (5/300s per account and address), while
    the owner at another address still gets in."""
    web1, web2 = servers
    clients = {id(web1.cache_client()), id(web2.cache_client()), id(caches["default"])}
    assert len(clients) == 3, "each server has a cache client of its own"
    email = User.objects.create_user("begransad@example.org", PASSWORD).email
    for n in range(5):
        status, page = (web1, web2)[n % 2].attempt(email, "fel", host=PROXY)
        assert status == 200 and REFUSED not in page
    for server in (web1, web2):
        status, page = server.attempt(email, PASSWORD)
        assert status == 200 and REFUSED in page, f"signed in on {server.host}"
    assert web2.attempt(email, PASSWORD, address="198.51.100.7")[0] == 302


@pytest.mark.django_db
def test_the_host_header_gives_no_fresh_attempts(shared_cache, pauses):
    """A client chooses its Host header (any port, any case of an allowed name): none of them
    starts a new count of five failures."""
    email = User.objects.create_user("begransad@example.org", PASSWORD).email
    hosts = ["127.0.0.1:1", "LOCALHOST", "localhost:2", "[::1]:3", "testserver:4"]
    for host in hosts:
        client = Client(HTTP_HOST=host)
        client.post(reverse("account_login"), {"login": email, "password": "fel"})
    response = Client(HTTP_HOST="127.0.0.1:5").post(
        reverse("account_login"), {"login": email, "password": PASSWORD}
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()


@across_threads
def test_failures_at_the_same_moment_on_both_servers_are_all_counted(servers, settings):
    """The account-wide count (LOGIN_ACCOUNT_LIMIT, from every address) loses no failure when
    two servers, two workers each, record failures on one account at the same moment."""
    settings.LOGIN_ACCOUNT_LIMIT = "40/h"
    workers = [*servers, Server("127.0.0.1:8001"), Server("127.0.0.1:8002")]
    start = threading.Barrier(len(workers))
    each = 5

    def fail() -> None:
        start.wait(timeout=30)
        for _ in range(each):
            adapter.record_failure("begransad@example.org")

    try:
        futures = [worker._thread.submit(fail) for worker in workers]
        for future in futures:
            future.result(timeout=60)
    finally:
        for worker in workers[2:]:
            worker.stop()
    assert len(adapter.recent_failures("begransad@example.org")) == each * len(workers)
