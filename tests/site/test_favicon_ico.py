"""/favicon.ico (issue 18, §1): pages without a <link rel=icon> (the admin, the API docs, a
PDF opened in the browser) make browsers ask for it; it leads to the icon, not to a 404."""


def test_favicon_ico_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]
    assert client.get(response["Location"]).status_code == 200
