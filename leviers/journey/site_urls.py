"""The URLs of the pages that compose several domains, kept where users and links know them:
the home page at `/` under the `core:` names, the commune and EPCI pages under `/territoires/`
with the `territories:` names. The top of the ladder composes the lower apps' URLconfs with
these pages (`leviers/urls.py` includes the two lists), so that no lower app imports a view
from above."""

from django.urls import path, re_path

from leviers.core import urls as core_urls
from leviers.journey import pages
from leviers.territories import urls as territory_urls

home_patterns = [
    path("", pages.home, name="home"),
    *core_urls.urlpatterns,
]

territory_patterns = [
    *territory_urls.urlpatterns,
    re_path(r"^communes/(?P<code>[0-9AB]{5})/$", pages.commune_detail, name="commune"),
    re_path(r"^communes/(?P<code>[0-9AB]{5})/carte\.svg$", pages.commune_map, name="commune-map"),
    re_path(r"^epci/(?P<siren>[0-9]{9})/$", pages.epci_detail, name="epci"),
    re_path(r"^epci/(?P<siren>[0-9]{9})/carte\.svg$", pages.epci_map, name="epci-map"),
    re_path(r"^epci/(?P<siren>[0-9]{9})/communes-membres/$", pages.epci_matrix, name="epci-matrix"),
    re_path(
        r"^epci/(?P<siren>[0-9]{9})/communes-membres\.csv$",
        pages.epci_matrix_csv,
        name="epci-matrix-csv",
    ),
]
