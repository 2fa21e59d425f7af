from django.urls import path

from leviers.training import views

app_name = "training"

# Under /formation/: the fixed words come before the slugs they would shadow.
urlpatterns = [
    path("", views.index, name="index"),
    path("ma-progression/", views.mine, name="mine"),
    path("parcours/<slug:slug>/", views.path_detail, name="path"),
    path("parcours/<slug:slug>/attestation/", views.certificate_page, name="certificate"),
    path("parcours/<slug:slug>/attestation.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("clubs/<str:public_id>/", views.club_figures, name="club"),
    path("modules/<slug:slug>/", views.module_detail, name="module"),
    path("modules/<slug:slug>/lu/", views.module_read, name="module_read"),
    path("modules/<slug:slug>/auto-evaluation/", views.self_check, name="self_check"),
]
