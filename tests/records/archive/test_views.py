"""The archive package on the network's page (issue 15 §4): the secretariat's button on a
closed network, the download, and the refusals."""

import io
import zipfile

import pytest
from django.urls import reverse

from samverkan.networks.lifecycle import services as lifecycle
from tests.records.archive.conftest import Story

LINK = "Arkivpaket för kommunarkivet"


def url(slug: str) -> str:
    return reverse("records:archive_package", args=[slug])


@pytest.mark.parametrize(
    ("who", "shown"),
    [("secretariat", True), ("coordinator", False), ("member", False), ("reader", False)],
)
def test_button_only_for_the_secretariat_on_a_closed_network(cast, client_for, who, shown):
    page = client_for(who).get(cast.network.get_absolute_url())
    assert LINK not in page.content.decode()  # active: no package yet
    lifecycle.close_network(cast.user("coordinator"), cast.network, reason="Klart.")
    page = client_for(who).get(cast.network.get_absolute_url())
    assert (LINK in page.content.decode()) is shown


def test_secretariat_downloads_the_package_as_one_zip(story: Story, client_for, monkeypatch):
    # The documents' rendering is tested in test_package; here the download itself.
    from samverkan.records.archive import documents

    monkeypatch.setattr(
        documents, "render_pdf", lambda template, context, request=None, **kw: b"%PDF-1.7\n"
    )
    response = client_for("secretariat").get(url(story.network.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="samverkan-socialchefsnatverket-' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert any(n.endswith("/METS.xml") for n in names)
    assert any(n.endswith("/minutes.pdf") for n in names)


@pytest.mark.parametrize("who", ["coordinator", "member"])
def test_others_are_refused_the_package(story: Story, client_for, who):
    assert client_for(who).get(url(story.network.slug)).status_code == 403


def test_package_of_an_active_network_is_refused_with_a_message(cast, client_for):
    response = client_for("secretariat").get(url(cast.network.slug), follow=True)
    assert response.redirect_chain[-1][0] == cast.network.get_absolute_url()
    assert "är inte avslutat" in response.content.decode()


def test_unknown_network_is_not_found(cast, client_for):
    assert client_for("secretariat").get(url("finns-inte")).status_code == 404
