from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "leviers.api"
    verbose_name = "API"
