from django.urls import path

from leviers.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("a-propos/", views.legal, name="legal"),
    path("sante/", views.health, name="health"),
]
