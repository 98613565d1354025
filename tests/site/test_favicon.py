"""Every page names an icon the browser can load: without one Chromium asks for /favicon.ico
and logs a 404 in the console of every page."""

import re

from django.contrib.staticfiles import finders


def test_every_page_names_an_icon_that_exists(client, db):
    html = client.get("/konto/login/").content.decode()
    found = re.search(r'<link rel="icon" href="/static/([^"]+)"', html)
    assert found, "no <link rel=icon> in the page"
    assert finders.find(found.group(1)), f"{found.group(1)} is not among the static files"
