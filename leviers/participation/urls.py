from django.urls import path

from leviers.participation import views

app_name = "participation"

# Under /projets/, beside the journey's fixed words: a public id is always 12 characters.
urlpatterns = [
    path("<str:public_id>/", views.project, name="project"),
]
