from django.urls import path

from leviers.journey import views

app_name = "journey"

urlpatterns = [
    path("", views.start, name="start"),
    path("situation/", views.situation, name="situation"),
    path("recommandations/", views.recommendations, name="recommendations"),
    path("feuilles-de-route/", views.roadmap_new, name="roadmap-new"),
    path("feuilles-de-route/modifier/<str:token>/", views.roadmap_edit, name="roadmap-edit"),
    path(
        "feuilles-de-route/modifier/<str:token>/ajouter/",
        views.roadmap_add_items,
        name="roadmap-add",
    ),
    path(
        "feuilles-de-route/modifier/<str:token>/courriel/",
        views.roadmap_mail_links,
        name="roadmap-mail",
    ),
    path("feuilles-de-route/<str:token>/", views.roadmap_detail, name="roadmap"),
    path("feuilles-de-route/<str:token>/pdf/", views.roadmap_pdf, name="roadmap-pdf"),
]
