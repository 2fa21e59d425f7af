from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "leviers.outreach"
    verbose_name = "Aller-vers"

    def ready(self):
        from leviers.outreach import personal_data

        personal_data.connect()
