from django.test import Client

PATHS = {
    "/api/v1/networks",
    "/api/v1/networks/{slug}",
    "/api/v1/municipalities",
    "/api/v1/compliance",
    "/api/v1/compliance/{slug}",
}


def test_openapi_document_lists_every_route(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["info"] == {
        "title": "Samverkan API",
        "version": "1",
        "description": doc["info"]["description"],
    }
    assert set(doc["paths"]) >= PATHS
    assert doc["components"]["securitySchemes"]["BearerToken"] == {
        "type": "http",
        "scheme": "bearer",
    }
    params = {p["name"] for p in doc["paths"]["/api/v1/networks"]["get"]["parameters"]}
    assert params == {"q", "municipality", "area", "development_area", "status", "limit", "offset"}


def test_docs_page_and_index(db):
    client = Client()
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    index = client.get("/api/v1/").json()
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["docs"] == "http://testserver/api/v1/docs"
