from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "leviers.territories"
    verbose_name = "Territoires"
