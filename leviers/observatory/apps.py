from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "leviers.observatory"
    verbose_name = "Observatoire de l'ESS"
    default_auto_field = "django.db.models.BigAutoField"
