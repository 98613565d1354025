"""The site's own public pages (issue 16, part D): the catalogue made for the intranet's iframe
and its snippet, the Atom feed of catalogue changes, and "Om samverkan"."""

from django.urls import path

from samverkan.site import about, embed
from samverkan.site.catalogue_feed import CatalogueChangesFeed

app_name = "site"
urlpatterns = [
    path("inbaddning/", embed.catalogue, name="embed"),
    path("inbaddning/kod/", embed.snippet, name="embed_snippet"),
    path("natverk/andringar.atom", CatalogueChangesFeed(), name="catalogue_feed"),
    path("om-samverkan/", about.about, name="about"),
]
