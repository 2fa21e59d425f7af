from django.urls import path

from leviers.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.search, name="search"),
    path("leviers/<slug:slug>/", views.lever_detail, name="lever"),
    path("experiences/<slug:slug>/", views.experience_detail, name="experience"),
    path("dispositifs/<slug:slug>/", views.scheme_detail, name="scheme"),
    path("ressources/<slug:slug>/", views.resource_detail, name="resource"),
]
