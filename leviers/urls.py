from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("leviers.core.urls")),
    path("territoires/", include("leviers.territories.urls")),
    path("catalogue/", include("leviers.catalogue.urls")),
    path("projets/", include("leviers.journey.urls")),
    path("observatoire/", include("leviers.observatory.urls")),
    path("api/v1/", include("leviers.api.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "leviers.core.views.not_found"
