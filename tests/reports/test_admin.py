import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/admin/costs/cost/",
        "/admin/surveys/surveyround/",
        "/admin/surveys/surveyround/add/",
        "/admin/surveys/directorsgroupmember/",
    ],
)
def test_admin_pages_open(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_responses_and_invitations_not_in_admin(admin_client):
    assert admin_client.get("/admin/surveys/response/").status_code == 404
    assert admin_client.get("/admin/surveys/invitation/").status_code == 404
