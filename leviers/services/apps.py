from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "leviers.services"
    verbose_name = "Annuaire des services"

    def ready(self):
        from leviers.core import navigation

        # Public: who to call for home help, meals, transport... around a commune.
        navigation.register("Services locaux", "services:directory", order=10)
