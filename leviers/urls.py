from django.contrib import admin
from django.urls import include, path

from leviers.journey import site_urls

urlpatterns = [
    # The home, commune and EPCI pages compose several domains: the journey layer serves them
    # under the names of the core and territories URLconfs it includes (journey/site_urls.py).
    path("", include((site_urls.home_patterns, "core"))),
    path("territoires/", include((site_urls.territory_patterns, "territories"))),
    path("catalogue/", include("leviers.catalogue.urls")),
    path("projets/", include("leviers.journey.urls")),
    path("projets/", include("leviers.workspace.urls")),
    path("projets/", include("leviers.meetings.urls")),
    path("projets/", include("leviers.rotas.urls")),
    path("projets/", include("leviers.funding.urls")),
    path("projets/", include("leviers.participation.urls")),
    path("clubs/", include("leviers.clubs.urls")),
    path("formation/", include("leviers.training.urls")),
    path("observatoire/", include("leviers.observatory.urls")),
    path("services/", include("leviers.services.urls")),
    path("compte/", include("leviers.accounts.urls")),
    path("aller-vers/", include("leviers.outreach.urls")),
    path("api/v1/", include("leviers.api.urls")),
    path("admin/", admin.site.urls),
]

# Django's own errors: French JSON under /api/, French pages elsewhere (core/views.py).
handler400 = "leviers.core.views.bad_request"
handler403 = "leviers.core.views.permission_denied"
handler404 = "leviers.core.views.not_found"
handler500 = "leviers.core.views.server_error"
