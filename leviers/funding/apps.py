from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "leviers.funding"
    verbose_name = "Plan de financement"

    def ready(self):
        from leviers.funding import personal_data

        personal_data.connect()
