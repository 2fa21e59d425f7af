from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "leviers.workspace"
    verbose_name = "Projets"

    def ready(self):
        from leviers.workspace import (  # noqa: F401  (rules and receivers are declared there)
            permissions,
            personal_data,
        )
