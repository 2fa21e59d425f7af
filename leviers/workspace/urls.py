from django.urls import path

from leviers.workspace import views

app_name = "workspace"

# Under /projets/, before participation's `<public_id>/`: fixed words here are never 12
# characters long (a public id always is).
urlpatterns = [
    path("mes-projets/", views.mine, name="mine"),
    path("nouveau/", views.new, name="new"),
    path("mes-notifications/", views.notifications, name="notifications"),
    path("<str:public_id>/reglages/", views.project_settings, name="settings"),
    path("<str:public_id>/etape/", views.stage, name="stage"),
    path("<str:public_id>/partenaires/", views.partners, name="partners"),
    path(
        "<str:public_id>/partenaires/<str:organisation_id>/retirer/",
        views.partner_remove,
        name="partner-remove",
    ),
    path("<str:public_id>/equipe/", views.team, name="team"),
    path("<str:public_id>/activite/", views.activity, name="activity"),
]
