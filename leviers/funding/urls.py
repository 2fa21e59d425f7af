from django.urls import path

from leviers.funding import views

app_name = "funding"

# Under /projets/<public_id>/financement/: the fixed words come before the ids they would shadow.
P = "<str:public_id>/financement/"
A = P + "demandes/<str:application_id>/"

urlpatterns = [
    path(P, views.plan, name="plan"),
    path(P + "plan.csv", views.plan_csv, name="csv"),
    path(P + "budget/nouvelle-ligne/", views.line_create, name="line_create"),
    path(P + "budget/<str:line_id>/", views.line_edit, name="line_edit"),
    path(P + "budget/<str:line_id>/supprimer/", views.line_delete, name="line_delete"),
    path(P + "demandes/nouvelle/", views.application_create, name="application_create"),
    path(A, views.application_detail, name="application"),
    path(A + "modifier/", views.application_edit, name="application_edit"),
    path(A + "etat/", views.application_status, name="application_status"),
    path(A + "versements/", views.instalment_add, name="instalment_add"),
    path(
        A + "versements/<str:part_id>/supprimer/",
        views.instalment_delete,
        name="instalment_delete",
    ),
    path(A + "echeances/", views.deadline_add, name="deadline_add"),
    path(A + "echeances/<str:part_id>/faite/", views.deadline_done, name="deadline_done"),
    path(A + "echeances/<str:part_id>/supprimer/", views.deadline_delete, name="deadline_delete"),
    path(A + "pieces/", views.document_add, name="document_add"),
    path(A + "pieces/<str:part_id>/etat/", views.document_state, name="document_state"),
    path(A + "pieces/<str:part_id>/supprimer/", views.document_delete, name="document_delete"),
]
