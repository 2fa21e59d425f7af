from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "leviers.accounts"
    verbose_name = "Comptes et organisations"

    def ready(self) -> None:
        from leviers.accounts import permissions  # noqa: F401  (registers the rules)
