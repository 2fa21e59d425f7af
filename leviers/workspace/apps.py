from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "leviers.workspace"
    verbose_name = "Projets"

    def ready(self):
        from leviers.workspace import permissions  # noqa: F401  (the rules are declared there)
