"""Issue 16, part D, in a browser: the intranet's page shows the catalogue in an iframe when it
is served from the origin Samverkan is set to allow (SAMVERKAN_EMBED_ORIGINS, set by
tests/browser/served.py), and the browser refuses the frame on any other origin. Both
"intranets" are tiny static servers on 127.0.0.1, on different ports; axe-core checks the
intranet's page with the catalogue in it, and the catalogue page itself."""

import contextlib
import http.server
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from samverkan.cooperation.models import Cooperation
from tests.browser.conftest import axe_check, sign_in

INTRANET_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Intranätet</title></head>
<body><main><h1>Intranätet</h1>
<iframe src="{src}" title="Nätverkskatalogen" width="900" height="700"></iframe>
</main></body></html>"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def intranet(folder: Path, port: int) -> Iterator[str]:
    """A static server of `folder` on 127.0.0.1:port (0: any free port); yields its origin."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), partial(QuietHandler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_catalogue_shows_in_the_allowed_intranet_and_is_refused_elsewhere(
    page: Page, cast, live_server, tmp_path: Path
):
    allowed_port = getattr(live_server, "intranet_port", 0)
    if not allowed_port:
        pytest.skip("needs the production-style server, which allows one intranet origin")
    Cooperation.objects.update(publish_catalogue=True)
    (tmp_path / "intranet.html").write_text(
        INTRANET_PAGE.format(src=f"{live_server.url}/inbaddning/"), encoding="utf-8"
    )
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text))
    with intranet(tmp_path, allowed_port) as allowed, intranet(tmp_path, 0) as elsewhere:
        assert allowed != elsewhere
        page.goto(f"{allowed}/intranet.html")
        frame = page.frame_locator("iframe[title='Nätverkskatalogen']")
        expect(frame.get_by_role("heading", level=1, name="Nätverkskatalogen")).to_be_visible()
        expect(frame.get_by_role("link", name="Socialchefsnätverket")).to_be_visible()
        # the search works inside the frame
        frame.get_by_label("Sök bland nätverken").fill("IT-chefs")
        frame.get_by_role("button", name="Sök").press("Enter")
        expect(frame.get_by_role("link", name="Socialchefsnätverket")).to_have_count(0)
        expect(frame.get_by_role("link", name="IT-chefsnätverket")).to_be_visible()
        axe_check(page, context="(the intranet with the catalogue)")
        assert not [r for r in refusals if "frame-ancestors" in r]

        page.goto(f"{elsewhere}/intranet.html")
        page.wait_for_load_state("load")
        expect(page.get_by_role("heading", name="Intranätet")).to_be_visible()
        expect(frame.get_by_role("heading", name="Nätverkskatalogen")).to_have_count(0)
        framed = [f for f in page.frames if f != page.main_frame]
        assert framed and "/inbaddning/" not in framed[0].url  # the browser's error page
        for _ in range(50):  # the console says why, a moment after the load
            if any("frame-ancestors" in r for r in refusals):
                break
            page.wait_for_timeout(100)
        assert any("frame-ancestors" in r for r in refusals), refusals

    page.goto("/inbaddning/")
    axe_check(page, context="(the embeddable catalogue)")
    expect(page.get_by_role("link", name=re.compile("Om samverkan"))).to_have_attribute(
        "target", "_top"
    )


def test_the_secretariat_copies_the_snippet_beside_a_preview_and_anyone_reads_about(
    page: Page, cast
):
    sign_in(page, cast.people["secretariat"].email)
    page.goto("/inbaddning/kod/")
    expect(page.get_by_label("HTML för intranätets sida")).to_have_value(
        re.compile(r'^<iframe src="http://127\.0\.0\.1:\d+/inbaddning/" title="Nätverkskatalogen"')
    )
    preview = page.frame_locator("iframe.embed-preview")
    expect(preview.get_by_role("heading", level=1, name="Nätverkskatalogen")).to_be_visible()
    axe_check(page, context="(the snippet)")
    page.goto("/om-samverkan/")
    expect(page.get_by_role("heading", level=1, name="Om Familjen Helsingborg")).to_be_visible()
    axe_check(page, context="(Om samverkan)")
