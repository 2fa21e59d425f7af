from django.urls import path

from leviers.core import views

# Served at the root with the home page, which belongs to the journey layer
# (leviers/journey/site_urls.py).
app_name = "core"

urlpatterns = [
    path("a-propos/", views.legal, name="legal"),
    path("a-propos/donnees/", views.data, name="data"),
    path("sante/", views.health, name="health"),
]
