"""A real OpenID Connect provider for the tests (issue 12, item 2): npm's `oidc-provider`
(panva), configured by scripts/oidc/provider.mjs, started on a free loopback port and stopped
at the end of the session. Two session fixtures: one whose redirect URI is the test client's
(http://testserver/…), one whose redirect URI is pytest-django's live server (Playwright).

Import the fixtures into a test module:
`from tests.browser.oidc import oidc_live, oidc_providers  # noqa: F401`.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "oidc" / "provider.mjs"
USERS = Path(__file__).with_name("oidc_users.json")
PROVIDER_ID = "kommun"
BUTTON = "Logga in med ditt kommunkonto"
CLIENT_ID = "samverkan-test"
SECRET = "test-secret-not-for-production"
CALLBACK = f"/konto/oidc/{PROVIDER_ID}/login/callback/"
DOMAIN = "kommun.example"


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen
    log: Path

    def provider(self, **overrides: Any) -> Any:
        """The providers.Provider the Django side is configured with."""
        from samverkan.accounts.oidc.providers import Provider

        fields: dict[str, Any] = {
            "id": PROVIDER_ID,
            "name": BUTTON,
            "server_url": self.issuer,
            "client_id": CLIENT_ID,
            "secret": SECRET,
            "domains": (DOMAIN,),
            "mfa_claims": (("amr", ("mfa", "otp", "hwk")),),
        }
        fields.update(overrides)
        return Provider(**fields)

    def configure(self, settings: Any, *extra: Any) -> None:
        """Point the Django side at this provider (and any extra Provider given)."""
        from samverkan.accounts.oidc.providers import socialaccount_providers

        settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers([self.provider(), *extra])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(redirect_uris: list[str], *, timeout: float = 20.0) -> RunningProvider:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the OpenID Connect tests run npm's oidc-provider")
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("node_modules/oidc-provider is missing: run `npm ci`")
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="oidc-provider-", suffix=".log")[1])
    command = [node, str(SCRIPT), "--port", str(port), "--users", str(USERS)]
    command += ["--client-id", CLIENT_ID, "--client-secret", SECRET]
    for uri in redirect_uris:
        command += ["--redirect-uri", uri]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            pytest.fail(f"oidc-provider exited ({process.returncode}):\n{log.read_text()}")
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                return RunningProvider(issuer=issuer, process=process, log=log)
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            stop(RunningProvider(issuer=issuer, process=process, log=log))
            pytest.fail(f"oidc-provider did not answer within {timeout} s:\n{log.read_text()}")
        time.sleep(0.1)


def stop(running: RunningProvider) -> None:
    running.process.terminate()
    try:
        running.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        running.process.kill()
        running.process.wait()
    running.log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def oidc_testserver() -> Iterator[RunningProvider]:
    """The provider, with the Django test client's callback as redirect URI."""
    running = start([f"http://testserver{CALLBACK}"])
    yield running
    stop(running)


@pytest.fixture(scope="session")
def oidc_providers() -> Iterator[dict[str, RunningProvider]]:
    """The providers started for the session, by the server URL they send back to."""
    running: dict[str, RunningProvider] = {}
    yield running
    for provider in running.values():
        stop(provider)


@pytest.fixture
def oidc_live(live_server: Any, oidc_providers: dict[str, RunningProvider]) -> RunningProvider:
    """The provider, with the live server's callback as redirect URI (started after it, since
    its port is chosen at start), once per session and server."""
    url = live_server.url
    if url not in oidc_providers:
        uris = [urljoin(url, CALLBACK), urljoin(url.replace("localhost", "127.0.0.1"), CALLBACK)]
        oidc_providers[url] = start(uris)
    return oidc_providers[url]


def sign_in_at_provider(location: str, account_id: str, *, abort: bool = False) -> str:
    """Walk the provider's side of the flow over HTTP (no browser): from the authorization
    URL allauth redirected to, through the login form, back to the callback URL (returned)."""
    session = requests.Session()
    url = location
    for _ in range(10):
        response = session.get(url, allow_redirects=False, timeout=5)
        if response.status_code == 200 and "/interaction/" in url:
            action = "abort" if abort else "login"
            response = session.post(
                f"{url.rstrip('/')}/{action}",
                data={"login": account_id},
                allow_redirects=False,
                timeout=5,
            )
        if response.status_code not in (302, 303):
            raise AssertionError(f"{url}: {response.status_code} {response.text[:500]}")
        url = urljoin(url, response.headers["Location"])
        if url.startswith("http://testserver/"):
            return url
    raise AssertionError("the provider never redirected back")
