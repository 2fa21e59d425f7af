from django.urls import path

from leviers.observatory import views

app_name = "observatory"

urlpatterns = [
    path("communes/<str:code>/", views.commune_indicators, name="commune"),
    path("communes/<str:code>/acteurs/", views.actors, name="actors"),
    path("communes/<str:code>/acteurs.csv", views.actors_csv, name="actors_csv"),
    path("communes/<str:code>/acteurs/carte.svg", views.actors_map, name="actors_map"),
    path("communes/<str:code>/acteurs/ajouter/", views.contribute_volunteer, name="add_volunteer"),
    path(
        "communes/<str:code>/acteurs/<str:key>/completer/",
        views.contribute_profile,
        name="contribute",
    ),
    path("communes/<str:code>/acteurs/merci/", views.thanks, name="thanks"),
    path("epci/<str:siren>/", views.epci_indicators, name="epci"),
]
