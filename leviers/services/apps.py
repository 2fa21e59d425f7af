from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "leviers.services"
    verbose_name = "Annuaire des services"
