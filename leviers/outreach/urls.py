from django.urls import path
from django.views.decorators.cache import never_cache

from leviers.outreach import views

app_name = "outreach"

# Under /aller-vers/: a team by its public id, a person by theirs (never a database key).
T = "<str:team_id>/"
P = T + "personnes/<str:person_id>/"


def page(route, view, name):
    """Every answer of the journal, pages, files and redirections alike, is `private, no-store`
    (never_cache): a shared or lost phone's cache, or a proxy, keeps no person's record."""
    return path(route, never_cache(view), name=name)


urlpatterns = [
    page("", views.home, name="home"),
    page(T, views.journal, name="journal"),
    page(T + "a-relancer/", views.follow_ups, name="follow_ups"),
    page(T + "journal-des-acces/", views.access_log, name="access_log"),
    page(T + "statistiques/", views.statistics, name="statistics"),
    page(T + "statistiques.csv", views.statistics_csv, name="statistics_csv"),
    page(T + "personnes/nouvelle/", views.person_create, name="person_create"),
    page(P, views.person, name="person"),
    page(P + "modifier/", views.person_edit, name="person_edit"),
    page(P + "visites/nouvelle/", views.visit_add, name="visit_add"),
    page(P + "accord/", views.consent, name="consent"),
    page(P + "accord/retrait/", views.consent_withdraw, name="consent_withdraw"),
    page(P + "orientations/nouvelle/", views.orientation_add, name="orientation_add"),
    page(
        P + "orientations/<str:orientation_id>/etat/",
        views.orientation_status,
        name="orientation_status",
    ),
    page(P + "droits/nouveau/", views.right_add, name="right_add"),
    page(P + "droits/estimer/", views.screening, name="screening"),
    page(P + "droits/<str:right_id>/etat/", views.right_status, name="right_status"),
    page(P + "export.json", views.person_export, name="person_export"),
    page(P + "supprimer/", views.person_delete, name="person_delete"),
]
