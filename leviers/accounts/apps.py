from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "leviers.accounts"
    verbose_name = "Comptes et organisations"
