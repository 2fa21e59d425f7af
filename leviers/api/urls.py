from django.urls import path, re_path

from leviers.api import catalogue, errors, projects, views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("match", views.match, name="match"),
    path("territoires/recherche", views.territory_search, name="territory-search"),
    re_path(r"^communes/(?P<code>[0-9AB]{5})$", views.commune_detail, name="commune"),
    re_path(r"^epci/(?P<siren>[0-9]{9})$", views.epci_detail, name="epci"),
    path("catalogue/recherche", catalogue.search, name="catalogue-search"),
    re_path(r"^projets/(?P<public_id>[A-Za-z0-9_-]{12})$", projects.project_detail, name="project"),
]
for kind in catalogue.KINDS.values():  # dispositifs, leviers, experiences, ressources
    urlpatterns += [
        path(
            f"catalogue/{kind.segment}",
            catalogue.entry_list,
            {"kind": kind.segment},
            name=f"{kind.name}-list",
        ),
        path(
            f"catalogue/{kind.segment}/<str:slug>",
            catalogue.entry_detail,
            {"kind": kind.segment},
            name=kind.name,
        ),
    ]
# Last: every other path under /api/v1/ gets a French JSON 404 (not the site's HTML page).
# ([\s\S], not ".": a line break in the path is a character like any other.)
urlpatterns.append(re_path(r"^(?P<rest>[\s\S]*)$", errors.not_found, name="not-found"))
