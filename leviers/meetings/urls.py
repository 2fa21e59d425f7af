from django.urls import path

from leviers.meetings import views

app_name = "meetings"

# Under /projets/<public_id>/: the fixed words come before the ids they would shadow.
urlpatterns = [
    path("<str:public_id>/reunions/", views.meeting_list, name="list"),
    path("<str:public_id>/reunions/nouvelle/", views.meeting_create, name="create"),
    path("<str:public_id>/reunions/agenda.ics", views.feed_ics, name="feed"),
    path("<str:public_id>/reunions/agenda-equipe/", views.team_feed, name="team_feed"),
    path(
        "<str:public_id>/reunions/agenda-equipe/<str:token>.ics",
        views.team_feed_ics,
        name="team_feed_ics",
    ),
    path("<str:public_id>/reunions/presences.csv", views.attendance_csv, name="attendance_csv"),
    path("<str:public_id>/reunions/<str:meeting_id>/", views.meeting_detail, name="detail"),
    path("<str:public_id>/reunions/<str:meeting_id>/modifier/", views.meeting_edit, name="edit"),
    path(
        "<str:public_id>/reunions/<str:meeting_id>/inscription/",
        views.register,
        name="register",
    ),
    path(
        "<str:public_id>/reunions/<str:meeting_id>/seances/nouvelle/",
        views.sitting_create,
        name="sitting_create",
    ),
    path(
        "<str:public_id>/reunions/<str:meeting_id>/seances/<str:sitting_id>/",
        views.sitting_detail,
        name="sitting",
    ),
    path(
        "<str:public_id>/reunions/<str:meeting_id>/seances/<str:sitting_id>/modifier/",
        views.sitting_edit,
        name="sitting_edit",
    ),
    path("<str:public_id>/copil/", views.committee, name="committee"),
    path("<str:public_id>/copil/membres/nouveau/", views.member_create, name="member_create"),
    path("<str:public_id>/copil/membres/<str:member_id>/", views.member_edit, name="member_edit"),
    path("<str:public_id>/decisions/", views.decision_list, name="decisions"),
    path("<str:public_id>/decisions/nouvelle/", views.decision_create, name="decision_create"),
    path("<str:public_id>/decisions/<str:decision_id>/", views.decision_detail, name="decision"),
    path(
        "<str:public_id>/decisions/<str:decision_id>/modifier/",
        views.decision_edit,
        name="decision_edit",
    ),
]
