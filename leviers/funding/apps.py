from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "leviers.funding"
    verbose_name = "Plan de financement"
