"""NUL bytes in a query string are removed before a view reads them (issue 18, item 4): a
filter with one was a 500 on PostgreSQL."""

from django.http import QueryDict

from samverkan.core.middleware import without_nul


def test_nul_in_a_page_filter_is_no_500(cast, client_for):
    client = client_for("secretariat")
    for path in ["/oversikt/?omrade=a%00b", "/rapporter/deltagande/?omrade=%00", "/natverk/?q=%00"]:
        assert client.get(path).status_code == 200, path


def test_without_nul_keeps_a_clean_query_as_it_is():
    clean = QueryDict("a=1&b=2")
    assert without_nul(clean) is clean
    assert without_nul(QueryDict("a%00=x%00y&a%00=z")).getlist("a") == ["xy", "z"]
