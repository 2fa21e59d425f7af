from django.urls import path

from leviers.services import views

app_name = "services"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("qui-appeler/<str:code>/", views.sheet, name="sheet"),
    path("qui-appeler/<str:code>.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("ajouter/<str:code>/", views.create, name="create"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/modifier/", views.edit, name="edit"),
]
