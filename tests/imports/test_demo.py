"""`make run`'s demo shows the import page with the template ready to download, its lists
filled from the demo's register."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samverkan.demo.build import load_demo
from samverkan.demo.data import LOGINS
from samverkan.people.models import User
from tests.conftest import second_factor_shown


@pytest.mark.django_db
def test_the_demo_secretariat_finds_the_import_and_its_template():
    load_demo(timezone.localdate(), invite=False)
    user = User.objects.get(email=LOGINS[0][0])  # the secretariat's demo login
    client = Client()
    client.force_login(user)
    second_factor_shown(client, user)
    dashboard = client.get(reverse("dashboard:dashboard")).content.decode()
    assert f'href="{reverse("imports:start")}"' in dashboard
    page = client.get(reverse("imports:start"))
    assert page.status_code == 200
    template = client.get(reverse("imports:template"))
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    lists = {
        col[0].value: [c.value for c in col[1:] if c.value] for col in book["Listor"].iter_cols()
    }
    assert "Socialtjänst" in lists["area"]
    assert len(lists["municipality"]) == 11 and "Helsingborg" in lists["municipality"]
