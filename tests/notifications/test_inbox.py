"""The inbox and the unread count in the header."""

import pytest
from django.urls import reverse

from samverkan.notifications.models import Notification
from samverkan.notifications.services import notify


def _notices(cast, name="member", n=3):
    for i in range(n):
        notify(
            [cast.people[name]],
            kind="test",
            subject=f"Notis {i}",
            body="Text",
            key=f"t:{i}",
            network=cast.network,
        )


def test_inbox_lists_own_notices_with_unread_count(cast, client_for):
    _notices(cast)
    _notices(cast, name="coordinator", n=1)
    response = client_for("member").get(reverse("notifications:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Notis 2" in html and "Notis 0" in html
    assert 'class="badge">3' in html
    assert response.context["page"].paginator.count == 3


def test_inbox_requires_sign_in(client_for, cast):
    response = client_for("anonymous").get(reverse("notifications:inbox"))
    assert response.status_code == 302


def test_opening_marks_read_and_foreign_notice_is_404(cast, client_for):
    _notices(cast, n=1)
    notice = Notification.objects.get()
    assert client_for("coordinator").get(notice.get_absolute_url()).status_code == 404
    response = client_for("member").get(notice.get_absolute_url())
    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_mark_one_and_all_read(cast, client_for):
    _notices(cast)
    client = client_for("member")
    first = Notification.objects.order_by("pk").first()
    client.post(reverse("notifications:read", args=[first.pk]))
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert 'class="badge"' not in html


@pytest.mark.parametrize("method", ["get"])
def test_mark_read_needs_post(cast, client_for, method):
    _notices(cast, n=1)
    notice = Notification.objects.get()
    response = getattr(client_for("member"), method)(
        reverse("notifications:read", args=[notice.pk])
    )
    assert response.status_code == 405
