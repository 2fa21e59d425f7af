from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "leviers.screening"
    verbose_name = "Estimation des droits"
