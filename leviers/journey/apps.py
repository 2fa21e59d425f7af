from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "leviers.journey"
    verbose_name = "Parcours de l'élu et feuilles de route"
