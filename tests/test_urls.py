"""The project's URL configuration."""

import importlib

from django.urls import clear_url_caches

import samverkan.urls


def _reload_urls() -> None:
    importlib.reload(samverkan.urls)
    clear_url_caches()


def test_bench_hello_only_when_the_setting_is_on(db, client, settings):
    """bench/run.py's baseline view is not part of a production instance."""
    assert client.get("/bench/hello/").status_code == 404
    settings.BENCH_HELLO = True
    _reload_urls()
    try:
        response = client.get("/bench/hello/")
        assert response.status_code == 200
        assert response.content == b"hello"
        assert client.get("/bench/rows/").status_code == 200  # the bare Django page
    finally:
        settings.BENCH_HELLO = False
        _reload_urls()
    assert client.get("/bench/hello/").status_code == 404
    assert client.get("/bench/rows/").status_code == 404
