from django.urls import path

from leviers.observatory import views

app_name = "observatory"

urlpatterns = [
    path("communes/<str:code>/", views.commune_indicators, name="commune"),
    path("communes/<str:code>/acteurs/", views.actors, name="actors"),
    path("communes/<str:code>/acteurs.csv", views.actors_csv, name="actors_csv"),
    path("epci/<str:siren>/", views.epci_indicators, name="epci"),
]
