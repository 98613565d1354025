# Temporary generator for tests/test_access_table.py's table; deleted after use.
import time
from django.urls import reverse
from tests.access_table_data import ROLES, build_world, page_kwargs
from tests.test_access_table import openapi  # noqa: F401
from tests.test_access_table import (answer_of, ask_page, ask_api, clients, operations, rolled_back,
                                     split_patterns)


def test_generate(cast, openapi):
    t0 = time.time()
    world = build_world(cast)
    t1 = time.time()
    pages, _served = split_patterns(openapi)
    kwargs = page_kwargs(world)
    ops = operations(openapi)
    page_rows = {p.name: ([], []) for p in pages}
    api_rows = {k: [] for k in ops}
    slow = []
    for role in ROLES:
        browser, api = clients(world, role)
        for p in pages:
            url = reverse(p.name, kwargs=kwargs.get(p.name))
            for i, method in enumerate(("GET", "POST")):
                s = time.time()
                page_rows[p.name][i].append(ask_page(browser, p.name, url, method))
                slow.append((time.time() - s, p.name, i, role))
        for k in ops:
            s = time.time()
            api_rows[k].append(ask_api(world, api, k, openapi))
            slow.append((time.time() - s, k, role))
    t2 = time.time()
    w = max(len(n) for n in page_rows) + 4
    with open("/tmp/at/table.txt", "w") as f:
        f.write("PAGES = {\n")
        for n, (g, p) in page_rows.items():
            f.write(f'    {n!r}: (\n        "{" ".join(x.ljust(5) for x in g).rstrip()}",\n        "{" ".join(x.ljust(5) for x in p).rstrip()}",\n    ),\n')
        f.write("}\nAPI = {\n")
        for k, r in api_rows.items():
            f.write(f'    {k!r}: "{" ".join(x.ljust(5) for x in r).rstrip()}",\n')
        f.write("}\n")
        f.write(f"# world {t1-t0:.2f}s requests {t2-t1:.2f}s n={len(slow)}\n")
        for row in sorted(slow, reverse=True)[:25]:
            f.write(f"# {row}\n")
