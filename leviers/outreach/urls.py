from django.urls import path

from leviers.outreach import views

app_name = "outreach"

# Under /aller-vers/: a team by its public id, a person by theirs (never a database key).
T = "<str:team_id>/"
P = T + "personnes/<str:person_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(T, views.journal, name="journal"),
    path(T + "a-relancer/", views.follow_ups, name="follow_ups"),
    path(T + "journal-des-acces/", views.access_log, name="access_log"),
    path(T + "statistiques/", views.statistics, name="statistics"),
    path(T + "statistiques.csv", views.statistics_csv, name="statistics_csv"),
    path(T + "personnes/nouvelle/", views.person_create, name="person_create"),
    path(P, views.person, name="person"),
    path(P + "modifier/", views.person_edit, name="person_edit"),
    path(P + "visites/nouvelle/", views.visit_add, name="visit_add"),
    path(P + "accord/", views.consent, name="consent"),
    path(P + "accord/retrait/", views.consent_withdraw, name="consent_withdraw"),
    path(P + "orientations/nouvelle/", views.orientation_add, name="orientation_add"),
    path(
        P + "orientations/<str:orientation_id>/etat/",
        views.orientation_status,
        name="orientation_status",
    ),
    path(P + "droits/nouveau/", views.right_add, name="right_add"),
    path(P + "droits/estimer/", views.screening, name="screening"),
    path(P + "droits/<str:right_id>/etat/", views.right_status, name="right_status"),
    path(P + "export.json", views.person_export, name="person_export"),
    path(P + "supprimer/", views.person_delete, name="person_delete"),
]
