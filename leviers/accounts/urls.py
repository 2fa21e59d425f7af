"""The account pages under /compte/: django-allauth's views at French addresses, under the
names allauth reverses (account_login...), then this app's pages (namespace `accounts`).

allauth's own URLconf (`allauth.urls`) is not included: its addresses are English, and only
the views of the features turned on in settings are listed here.
"""

from allauth.account import views as allauth
from allauth.usersessions import views as usersessions
from django.urls import include, path, re_path

from leviers.accounts import views

app_name_patterns = [
    path("", views.home, name="home"),
    path("mes-donnees/", views.data, name="data"),
    path("mes-donnees/export/", views.data_export, name="data-export"),
    path("mes-donnees/supprimer/", views.data_delete, name="data-delete"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/nouvelle/", views.organisation_new, name="organisation-new"),
    path("organisations/<str:public_id>/", views.organisation, name="organisation"),
    path(
        "organisations/<str:public_id>/modifier/",
        views.organisation_edit,
        name="organisation-edit",
    ),
    path("organisations/<str:public_id>/inviter/", views.invite, name="organisation-invite"),
    path(
        "organisations/<str:public_id>/membres/<str:membership_id>/",
        views.membership,
        name="membership",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]

allauth_patterns = [
    path("connexion/", allauth.login, name="account_login"),
    path("connexion/code/", allauth.request_login_code, name="account_request_login_code"),
    path(
        "connexion/code/confirmer/",
        views.ConfirmLoginCode.as_view(),
        name="account_confirm_login_code",
    ),
    path("deconnexion/", allauth.logout, name="account_logout"),
    path("inactif/", allauth.account_inactive, name="account_inactive"),
    path("inscription/", allauth.signup, name="account_signup"),
    path("verification/", allauth.reauthenticate, name="account_reauthenticate"),
    path(
        "verification/code/",
        allauth.request_reauthentication_code,
        name="account_request_reauthentication_code",
    ),
    path(
        "verification/code/confirmer/",
        allauth.confirm_reauthentication_code,
        name="account_confirm_reauthentication_code",
    ),
    path("adresse/", allauth.email, name="account_email"),
    path(
        "adresse/confirmer/",
        allauth.email_verification_sent,
        name="account_email_verification_sent",
    ),
    path("mot-de-passe/", allauth.password_change, name="account_change_password"),
    path("mot-de-passe/choisir/", allauth.password_set, name="account_set_password"),
    path("mot-de-passe/oubli/", allauth.password_reset, name="account_reset_password"),
    path(
        "mot-de-passe/oubli/envoye/",
        allauth.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^mot-de-passe/oubli/cle/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "mot-de-passe/oubli/termine/",
        allauth.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("sessions/", usersessions.list_usersessions, name="usersessions_list"),
]

urlpatterns = [*allauth_patterns, path("", include((app_name_patterns, "accounts")))]
