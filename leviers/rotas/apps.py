from django.apps import AppConfig


class RotasConfig(AppConfig):
    name = "leviers.rotas"
    verbose_name = "Créneaux et permanences"

    def ready(self):
        from leviers.rotas import personal_data

        personal_data.connect()
