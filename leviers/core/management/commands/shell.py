"""`leviers shell`: Django's shell, whose automatic imports leave out what they would get wrong.

Django imports every model under its class name. Here two kinds are left out:
- the history models (`HistoricalScheme`...), which are not attributes of their module: Django
  reported them at every start as « could not be automatically imported »;
- the names that several apps' models carry (`Contribution` of participation and of the
  observatory, `Registration`, `FeedToken`...): Django kept one of them without a word, and a
  command meant for one app's rows could run on another's. They are listed with `-v 2`, to be
  imported by their full path.
"""

import sys

from django.apps import apps
from django.core.management.commands import shell


def _models_by_name() -> dict[str, list[str]]:
    """The import paths of the models importable from their module, by class name (earlier
    apps last, as Django lists them)."""
    paths: dict[str, list[str]] = {}
    for model in reversed(apps.get_models()):
        if getattr(sys.modules.get(model.__module__), model.__name__, None) is model:
            paths.setdefault(model.__name__, []).append(f"{model.__module__}.{model.__name__}")
    return paths


class Command(shell.Command):
    def get_auto_imports(self):
        return [paths[0] for paths in _models_by_name().values() if len(paths) == 1]

    def get_namespace(self, **options):
        namespace = super().get_namespace(**options)
        if options.get("verbosity", 0) < 2 or not namespace:  # --no-imports, or no apps
            return namespace
        found = _models_by_name().values()
        if ambiguous := sorted(path for paths in found if len(paths) > 1 for path in paths):
            listed = "\n".join(f"  {path}" for path in ambiguous)
            self.stdout.write(
                f"Non importés, leur nom étant porté par plusieurs modèles :\n\n{listed}",
                ending="\n\n",
            )
        return namespace
