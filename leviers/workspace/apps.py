from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "leviers.workspace"
    verbose_name = "Projets"

    def ready(self):
        from leviers.workspace import personal_data  # noqa: F401  (its receivers)
