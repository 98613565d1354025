"""The import page: upload → dry run → report → confirm → applied, for the secretariat only.
The file confirmed is the one stored at the dry run, checked again; never a new upload."""

import datetime

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.imports import storage
from samverkan.networks.models import Network
from samverkan.people.models import Person
from tests.imports.helpers import BO, PEOPLE, counts, csv_bytes, sheets, xlsx

URL = reverse("imports:start")
CONFIRM = reverse("imports:confirm")


def upload(client, data: bytes, name: str = "register.xlsx", **extra):
    return client.post(URL, {"upload": SimpleUploadedFile(name, data), **extra})


def token_of(client) -> str:
    return client.session[storage.SESSION_KEY]["token"]


def test_the_page_is_for_the_secretariat(cast, client_for):
    assert client_for("anonymous").get(URL).status_code == 302
    for name in ("reader", "coordinator"):
        assert client_for(name).get(URL).status_code == 403
        assert upload(client_for(name), xlsx(sheets())).status_code == 403
    page = client_for("secretariat").get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Importera registret</h1>" in html
    assert reverse("imports:template") in html
    assert 'type="file"' in html and "multiple" in html


def test_the_dashboard_links_to_the_import_and_its_template(cast, client_for):
    html = client_for("secretariat").get(reverse("dashboard:dashboard")).content.decode()
    assert f'href="{URL}"' in html
    assert f'href="{reverse("imports:template")}"' in html


def test_upload_dry_run_report_confirm(cast, client_for):
    client = client_for("secretariat")
    before = counts()
    response = upload(client, xlsx(sheets()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Provkörning: filen kan importeras. Ingenting har sparats ännu." in html
    assert "Bekräfta importen" in html
    assert counts() == before  # the dry run wrote nothing
    token = token_of(client)
    response = client.post(CONFIRM, {"token": token, "send": "inte"})
    assert response.status_code == 302 and response["Location"] == URL
    assert Network.objects.filter(name="Biblioteksnätverket").exists()
    page = client.get(URL).content.decode()
    assert "Importen är klar" in page
    assert "Nätverk: 1 nya, 0 ändrade, 0 oförändrade" in page
    assert storage.SESSION_KEY not in client.session
    assert not default_storage.exists(f"imports/{token}/0.upload")  # deleted once imported


def test_a_bad_file_shows_every_problem_and_no_confirm_button(cast, client_for):
    rows = [PEOPLE, [BO[0], "Bo", "", "Malmö", "", ""], ["x", "Y", "", "", "", ""]]
    response = upload(client_for("secretariat"), xlsx(sheets(Personer=rows)))
    html = response.content.decode()
    assert "Filen avvisades" in html
    assert "Kommunen Malmö finns inte i registret" in html
    assert "x är ingen giltig e-postadress." in html
    assert '<th scope="col">Orsak</th>' in html
    assert "Bekräfta importen" not in html


def test_the_confirm_uses_the_stored_file_not_a_new_upload(cast, client_for):
    client = client_for("secretariat")
    upload(client, xlsx(sheets()))
    token = token_of(client)
    # A file sent with the confirmation is not read: the stored one is imported.
    other = SimpleUploadedFile("annan.xlsx", xlsx(sheets(Nätverk=None, Medlemskap=None)))
    client.post(CONFIRM, {"token": token, "send": "inte", "upload": other})
    assert Network.objects.filter(name="Biblioteksnätverket").exists()


def test_a_stored_file_that_changed_is_refused(cast, client_for):
    client = client_for("secretariat")
    upload(client, xlsx(sheets()))
    entry = client.session[storage.SESSION_KEY]
    path = entry["files"][0]["path"]
    default_storage.delete(path)
    default_storage.save(path, SimpleUploadedFile("x", xlsx(sheets(Medlemskap=None))))
    before = counts()
    response = client.post(CONFIRM, {"token": entry["token"], "send": "inte"}, follow=True)
    assert "Provkörningen finns inte längre" in response.content.decode()
    assert counts() == before


def test_a_confirm_of_another_dry_run_is_refused(cast, client_for):
    client = client_for("secretariat")
    upload(client, xlsx(sheets()))
    before = counts()
    response = client.post(CONFIRM, {"token": "gissad", "send": "inte"}, follow=True)
    assert "Provkörningen finns inte längre" in response.content.decode()
    assert counts() == before


def test_a_confirm_after_the_register_changed_shows_the_new_report(cast, client_for):
    client = client_for("secretariat")
    upload(client, xlsx(sheets()))
    Person.objects.create(name="Bo Bok", email="bo.bok@bjuv.example.se", title="Annan titel")
    before = counts()
    response = client.post(CONFIRM, {"token": token_of(client), "send": "inte"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Registret har ändrats sedan provkörningen" in html
    assert counts() == before
    assert "Annan titel" in html  # the change the new report shows
    # Confirming again now means the new report.
    response = client.post(CONFIRM, {"token": token_of(client), "send": "inte"})
    assert response.status_code == 302
    assert Person.objects.get(email="bo.bok@bjuv.example.se").title == "Bibliotekschef"


def test_the_send_choice_must_be_made(cast, client_for):
    client = client_for("secretariat")
    upload(client, xlsx(sheets()))
    before = counts()
    response = client.post(CONFIRM, {"token": token_of(client)})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert counts() == before


def test_a_20_mb_upload_is_refused_with_a_clear_message(cast, client_for):
    client = client_for("secretariat")
    data = csv_bytes([PEOPLE, BO]) + b"x" * (20 * 1024 * 1024)
    before = counts()
    response = upload(client, data, name="stor.csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Filen är för stor för en import: den får vara högst 10 MB." in html
    assert counts() == before
    assert storage.SESSION_KEY not in client.session


def test_old_kept_uploads_are_swept(cast, client_for, settings):
    client = client_for("secretariat")
    upload(client, xlsx(sheets()))
    token = token_of(client)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=25)
    assert storage.sweep(later) == 1
    assert not default_storage.exists(f"imports/{token}/0.upload")


def test_the_page_in_english(cast, client_for):
    user = cast.user("secretariat")
    user.language = "en"
    user.save(update_fields=["language"])
    html = client_for("secretariat").get(URL).content.decode()
    assert "<h1>Import the register</h1>" in html
    assert "Download the template (Excel, .xlsx)" in html
    assert "Importera registret" not in html
