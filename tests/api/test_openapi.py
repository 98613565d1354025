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


def test_every_schema_has_a_name_of_its_own(db):
    """ninja files each schema under its class name: two API schemas of one name would leave
    one route documented with the other's fields."""
    from collections import Counter

    from ninja import Schema

    import samverkan.api.api  # noqa: F401  (imports every router)

    def subclasses(cls: type) -> list[type]:
        children: list[type] = cls.__subclasses__()
        return [s for c in children for s in (c, *subclasses(c))]

    names = Counter(
        cls.__name__ for cls in set(subclasses(Schema)) if cls.__module__.startswith("samverkan.")
    )
    assert [name for name, count in names.items() if count > 1] == []
    doc = Client().get("/api/v1/openapi.json").json()
    coordinator = doc["components"]["schemas"]["ContactOut"]["properties"]
    assert {"title", "municipality", "phone"} <= set(coordinator)
