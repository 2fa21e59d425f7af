"""Production-only system checks: refuse to serve with a default secret or DEBUG on."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security, deploy=False)
def check_production_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.PRODUCTION:
        return []
    errors = []
    if settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY or len(settings.SECRET_KEY) < 40:
        errors.append(
            checks.Error(
                "SECRET_KEY vaut la valeur par défaut ou est trop courte (40 caractères au moins).",
                hint="Définissez une variable d'environnement SECRET_KEY longue et aléatoire.",
                id="leviers.E001",
            )
        )
    if settings.DEBUG:
        errors.append(
            checks.Error(
                "DEBUG est activé en production.",
                hint="Retirez DEBUG de l'environnement ou mettez DEBUG=0.",
                id="leviers.E002",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS est vide en production.",
                hint="Indiquez les noms de domaine servis, séparés par des virgules.",
                id="leviers.E003",
            )
        )
    return errors


def refuse_unsafe_production() -> None:
    """Raise at start-up (WSGI) when the production checks fail."""
    errors = check_production_settings()
    if errors:
        lines = "\n".join(f"- {error.msg} {error.hint}" for error in errors)
        raise ImproperlyConfigured(f"Leviers refuse de démarrer en production :\n{lines}")
