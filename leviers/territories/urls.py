from django.urls import path, re_path

from leviers.territories import views

app_name = "territories"

urlpatterns = [
    path("recherche/", views.search, name="search"),
    re_path(r"^communes/(?P<code>[0-9AB]{5})/$", views.commune_detail, name="commune"),
    re_path(r"^communes/(?P<code>[0-9AB]{5})/carte\.svg$", views.commune_map, name="commune-map"),
    re_path(r"^epci/(?P<siren>[0-9]{9})/$", views.epci_detail, name="epci"),
]
