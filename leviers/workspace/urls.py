from django.urls import path

from leviers.workspace import views

app_name = "workspace"

# Under /projets/, beside the journey's fixed words: a public id is always 12 characters.
urlpatterns = [
    path("<str:public_id>/", views.public, name="public"),
]
