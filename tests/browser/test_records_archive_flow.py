"""Issue 15 §4 in a browser: the secretariat opens the demo's closed network, E-arkivnätverket,
and downloads its archive package from the network's page; the package holds the meetings'
approved minutes and a METS.xml valid by the METS schema; axe-core clean on the page."""

import re
import zipfile

from django.core.management import call_command
from playwright.sync_api import Page, expect

from samverkan.networks.models import Network
from samverkan.records.archive.mets import validation_errors
from tests.accounts.totp import totp_code
from tests.browser.conftest import axe_check

SECRETARIAT = "sekretariatet@demo.se"


def test_secretariat_downloads_the_closed_demo_networks_archive_package(
    page: Page, live_server, tmp_path
):
    call_command("load_demo", verbosity=0)
    network = Network.objects.get(name="E-arkivnätverket")
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill(SECRETARIAT)
    page.get_by_label("Lösenord").fill("samverkan-demo")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    if "/konto/2fa/totp/activate/" in page.url:
        secret = page.get_by_label("Autentiseringshemlighet").input_value()
        page.get_by_label("Autentiseringskod").fill(totp_code(secret))
        page.get_by_role("button", name="Aktivera").click()
        page.wait_for_url(re.compile(r"/konto/2fa/recovery-codes/"))
    page.goto(network.get_absolute_url())
    axe_check(page, context="(closed network)")
    link = page.get_by_role("link", name="Arkivpaket för kommunarkivet (FGS, zip)")
    with page.expect_download(timeout=120_000) as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("samverkan-e-arkivnatverket-") and saved.suffix == ".zip"
    with zipfile.ZipFile(saved) as package:
        root = saved.stem
        names = package.namelist()
        assert validation_errors(package.read(f"{root}/METS.xml")) == []
        assert len([n for n in names if n.endswith("/minutes.pdf")]) == 4
