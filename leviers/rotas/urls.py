from django.urls import path

from leviers.rotas import views

app_name = "rotas"

S = "<str:public_id>/creneaux/<str:series_id>"
SLOT = f"{S}/<str:slot_id>"

# Under /projets/<public_id>/creneaux/: the fixed words come before the ids they would shadow.
urlpatterns = [
    path("<str:public_id>/creneaux/", views.series_list, name="list"),
    path("<str:public_id>/creneaux/nouvelle/", views.series_create, name="create"),
    path("<str:public_id>/creneaux/qui-manque/", views.thin, name="thin"),
    path("<str:public_id>/creneaux/agendas/", views.feeds, name="feeds"),
    path("<str:public_id>/creneaux/agendas/nouveau/", views.feed_create, name="feed_create"),
    path(
        "<str:public_id>/creneaux/agendas/<str:feed_id>/revoquer/",
        views.feed_revoke,
        name="feed_revoke",
    ),
    path("<str:public_id>/creneaux/agenda/<str:token>.ics", views.feed_ics, name="feed"),
    path(
        "<str:public_id>/creneaux/echanges/<str:swap_id>/reponse/",
        views.swap_answer,
        name="swap_answer",
    ),
    path(
        "<str:public_id>/creneaux/echanges/<str:swap_id>/retrait/",
        views.swap_withdraw,
        name="swap_withdraw",
    ),
    path(f"{S}/", views.series_detail, name="series"),
    path(f"{S}/modifier/", views.series_edit, name="edit"),
    path(f"{S}/affiche.pdf", views.series_poster, name="poster"),
    path(f"{S}/creneaux.csv", views.series_csv, name="csv"),
    path(f"{SLOT}/", views.slot_detail, name="slot"),
    path(f"{SLOT}/prendre/", views.slot_take, name="take"),
    path(f"{SLOT}/attribuer/", views.slot_give, name="give"),
    path(f"{SLOT}/liberer/", views.slot_release, name="release"),
    path(f"{SLOT}/annuler/", views.slot_cancel, name="cancel"),
    path(f"{SLOT}/echanger/", views.swap_propose, name="swap_propose"),
    path(f"{SLOT}/inscription/", views.sign_up, name="sign_up"),
    path(f"{SLOT}/benevole/", views.volunteer_create, name="volunteer_create"),
    path(f"{SLOT}/desinscription/", views.withdraw, name="withdraw"),
    path(f"{SLOT}/remplacement/", views.replacement_ask, name="replacement_ask"),
    path(f"{SLOT}/remplacer/", views.replacement_take, name="replacement_take"),
    path(f"{SLOT}/absence/", views.no_show, name="no_show"),
]
