from django.urls import path

from leviers.observatory import views
from leviers.observatory.directory import views as directory

app_name = "observatory"

urlpatterns = [
    path("communes/<str:code>/", views.commune_indicators, name="commune"),
    path("communes/<str:code>/acteurs/", directory.actors, name="actors"),
    path("communes/<str:code>/acteurs.csv", directory.actors_csv, name="actors_csv"),
    path("communes/<str:code>/acteurs/carte.svg", directory.actors_map, name="actors_map"),
    path(
        "communes/<str:code>/acteurs/ajouter/", directory.contribute_volunteer, name="add_volunteer"
    ),
    path(
        "communes/<str:code>/acteurs/<str:key>/completer/",
        directory.contribute_profile,
        name="contribute",
    ),
    path("communes/<str:code>/acteurs/merci/", directory.thanks, name="thanks"),
    path("epci/<str:siren>/", views.epci_indicators, name="epci"),
]
