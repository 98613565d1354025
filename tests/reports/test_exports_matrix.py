"""Issue 14, part 4: the participation matrix as files through its page, `?format=csv|xlsx`
with the area chosen, with the links of templates/files/_download.html; the first addresses
(/rapporter/deltagande.csv …) keep answering the same files."""

import pytest
from django.urls import reverse

from tests.files.reading import csv_rows, download_links, page_tables, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("reports:matrix")


def test_matrix_links_keep_the_area(cast, client_for):
    links = download_links(client_for("reader").get(URL, {"omrade": "socialtjanst"}))
    assert links == ["?omrade=socialtjanst&format=csv", "?omrade=socialtjanst&format=xlsx"]


@pytest.mark.parametrize("query", [{}, {"omrade": "socialtjanst"}, {"omrade": "inget"}])
def test_the_page_gives_the_same_files_as_the_first_addresses(cast, client_for, query):
    client = client_for("reader")
    old = client.get(reverse("reports:matrix_export", args=["csv"]), query)
    new = client.get(URL, {**query, "format": "csv"})
    assert new.content == old.content
    old_x = xlsx_sheet(client.get(reverse("reports:matrix_export", args=["xlsx"]), query))
    assert xlsx_sheet(client.get(URL, {**query, "format": "xlsx"})) == old_x


def test_matrix_file_has_the_tables_columns_and_rows(cast, client_for):
    client = client_for("reader")
    table = page_tables_matrix(client)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert rows[0] == table.headings
    helsingborg = next(r for r in rows if r[0] == "Helsingborg")
    assert helsingborg == next(r for r in table.rows if r[0] == "Helsingborg")


def page_tables_matrix(client):
    (table,) = [t for t in page_tables(client.get(URL)) if t.headings[:1] == ["Kommun"]]
    return table


def test_matrix_file_sends_the_anonymous_to_sign_in(cast, client):
    assert client.get(URL, {"format": "csv"})["Location"].startswith(reverse("account_login"))


def test_matrix_file_queries_do_not_grow_with_its_rows(cast, client_for):
    client = client_for("reader")
    add_networks(cast, 3)
    small = queries_of(client.get, URL, {"format": "xlsx"})
    add_networks(cast, 30, first=3)
    large = queries_of(client.get, URL, {"format": "xlsx"})
    assert len(xlsx_sheet(client.get(URL, {"format": "xlsx"})).rows[0]) == 1 + 35 + 1
    assert_same_queries(small, large)
