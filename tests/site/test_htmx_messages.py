"""Messages queued by an htmx request reach the page at once, in its status region."""

from django.urls import reverse

HTMX = {"HX-Request": "true", "HX-Target": "members"}


def add_member(client, network, email):
    return client.post(
        reverse("networks:members", args=[network.slug]),
        {"email": email, "name": "Nora Ny", "role": "member"},
        headers=HTMX,
    )


def test_htmx_partial_carries_its_message_out_of_band(cast, client_for):
    response = add_member(client_for("coordinator"), cast.network, "nora.ny@example.se")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # only the partial
    assert 'id="messages"' in html and 'hx-swap-oob="innerHTML"' in html
    assert "Nora Ny är tillagd." in html


def test_message_is_shown_once_not_again_on_the_next_page(cast, client_for):
    client = client_for("coordinator")
    add_member(client, cast.network, "nora.ny@example.se")
    page = client.get(reverse("networks:members", args=[cast.network.slug]))
    assert "är tillagd." not in page.content.decode()


def test_full_pages_always_have_the_status_region(cast, client_for):
    page = client_for("reader").get(reverse("networks:catalogue"))
    assert page.content.decode().count('id="messages"') == 1


def test_htmx_response_without_messages_is_left_alone(cast, client_for):
    response = client_for("reader").get(
        reverse("networks:catalogue"), headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert "hx-swap-oob" not in response.content.decode()


def test_empty_choice_of_a_select_is_in_swedish(cast, client_for):
    """Django 6.1's new "- Select an option -" has no Swedish translation of its own."""
    html = client_for("coordinator").get(reverse("networks:members", args=[cast.network.slug]))
    text = html.content.decode()
    assert "– Välj –" in text
    assert "Select an option" not in text
