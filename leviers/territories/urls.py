from django.urls import path

from leviers.territories import views

# Served under /territoires/ with the commune and EPCI pages, which compose several domains
# and live in the journey layer (leviers/journey/site_urls.py).
app_name = "territories"

urlpatterns = [
    path("recherche/", views.search, name="search"),
]
