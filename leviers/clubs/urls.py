from django.urls import path

from leviers.clubs import views

app_name = "clubs"

M = "<slug:slug>/rencontres/<str:meeting_id>/"

urlpatterns = [
    path("", views.club_list, name="list"),
    path("lettre/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.club_detail, name="club"),
    path("<slug:slug>/agenda.ics", views.club_feed, name="feed"),
    path("<slug:slug>/lettre/", views.subscribe, name="subscribe"),
    path("<slug:slug>/membres/", views.members, name="members"),
    path("<slug:slug>/membres/ajouter/", views.member_add, name="member_add"),
    path(
        "<slug:slug>/membres/<str:organisation_id>/retirer/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "<slug:slug>/membres/<str:organisation_id>/contacts/",
        views.contact_add,
        name="contact_add",
    ),
    path(
        "<slug:slug>/membres/<str:organisation_id>/contacts/<str:contact_id>/retirer/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("<slug:slug>/rencontres/nouvelle/", views.meeting_create, name="meeting_create"),
    path(M, views.meeting_detail, name="meeting"),
    path(M + "modifier/", views.meeting_edit, name="meeting_edit"),
    path(M + "programme/", views.programme, name="programme"),
    path(M + "programme/ajouter/", views.sequence_create, name="sequence_create"),
    path(M + "programme/<str:sequence_id>/", views.sequence_edit, name="sequence_edit"),
    path(M + "programme/<str:sequence_id>/deplacer/", views.sequence_move, name="sequence_move"),
    path(M + "programme/<str:sequence_id>/retirer/", views.sequence_remove, name="sequence_remove"),
    path(M + "retour/modifier/", views.report_edit, name="report_edit"),
    path(M + "agenda.ics", views.meeting_feed, name="meeting_feed"),
    path(M + "inscription/", views.register, name="register"),
    path(M + "desinscription/", views.cancel, name="cancel"),
    path(M + "inscrits/", views.registrations, name="registrations"),
    path(M + "retour/", views.report_detail, name="report"),
    path(M + "retour/publier/", views.report_publish, name="report_publish"),
    path(M + "retour/documents/", views.attachment_add, name="attachment_add"),
    path(
        M + "retour/documents/<str:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        M + "retour/documents/<str:attachment_id>/supprimer/",
        views.attachment_remove,
        name="attachment_remove",
    ),
]
