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
from collections import Counter

from django.apps import apps
from django.core.management.commands import shell


class Command(shell.Command):
    def get_auto_imports(self):
        models = [
            model
            for model in reversed(apps.get_models())
            if getattr(sys.modules.get(model.__module__), model.__name__, None) is model
        ]
        names = Counter(model.__name__ for model in models)
        self.ambiguous = sorted(
            f"{model.__module__}.{model.__name__}" for model in models if names[model.__name__] > 1
        )
        return [
            f"{model.__module__}.{model.__name__}" for model in models if names[model.__name__] == 1
        ]

    def get_namespace(self, **options):
        namespace = super().get_namespace(**options)
        if options.get("verbosity", 0) >= 2 and self.ambiguous and not options.get("no_imports"):
            listed = "\n".join(f"  {path}" for path in self.ambiguous)
            self.stdout.write(
                f"Non importés, leur nom étant porté par plusieurs modèles :\n\n{listed}",
                ending="\n\n",
            )
        return namespace
