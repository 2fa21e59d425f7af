from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "leviers.core"
    verbose_name = "Socle"

    def ready(self) -> None:
        from leviers.core import checks  # noqa: F401  (registers the system checks)
