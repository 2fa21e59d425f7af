"""Production checks: refuse to serve with a weak secret, DEBUG on, any host, or no static files.

The settings checks run with every command in production; the static files check only with
`leviers check --deploy` (so that `collectstatic` itself can run) and at WSGI start-up, where
`refuse_unsafe_production` runs them all and stops the process on any error.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

MIN_SECRET_LENGTH = 50
MIN_SECRET_DISTINCT_CHARACTERS = 10
# Words that mark a secret copied from an example or from the development default.
PLACEHOLDER_WORDS = ("insecure", "change-me", "changeme", "dev-only", "secret-key", "exemple")

# One asset every page links: the cheap probe of the health page.
PROBE_ASSET = "leviers/leviers.css"


def secret_key_weakness(key: str) -> str | None:
    """Why ``key`` is not fit for production, or None."""
    if settings.DEFAULT_SECRET_KEY in key or any(w in key.lower() for w in PLACEHOLDER_WORDS):
        return "SECRET_KEY reprend la valeur par défaut ou un exemple."
    if len(key) < MIN_SECRET_LENGTH:
        return f"SECRET_KEY est trop courte ({MIN_SECRET_LENGTH} caractères au moins)."
    # A string that is a repetition of a shorter one is found inside itself shifted by one.
    if len(set(key)) < MIN_SECRET_DISTINCT_CHARACTERS or key in (key + key)[1:-1]:
        return "SECRET_KEY est trop prévisible (peu de caractères différents ou motif répété)."
    return None


@checks.register(checks.Tags.security, deploy=False)
def check_production_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.PRODUCTION:
        return []
    errors = []
    weakness = secret_key_weakness(settings.SECRET_KEY)
    if weakness:
        errors.append(
            checks.Error(
                weakness,
                hint=(
                    "Définissez SECRET_KEY longue et aléatoire, par exemple la sortie de "
                    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`."
                ),
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
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS est vide ou accepte n'importe quel nom (*) en production.",
                hint="Indiquez les noms de domaine servis, séparés par des virgules.",
                id="leviers.E003",
            )
        )
    if settings.SECURE_SSL_REDIRECT and not settings.TRUSTED_PROXIES:
        errors.append(
            checks.Warning(
                "La redirection HTTPS est active sans mandataire de confiance : derrière nginx, "
                "chaque requête serait redirigée sans fin.",
                hint=(
                    "Derrière un mandataire, nommez-le dans LEVIERS_TRUSTED_PROXIES "
                    "(par exemple 127.0.0.1)."
                ),
                id="leviers.W004",
            )
        )
    return errors


def static_files_problem(*, complete: bool) -> str | None:
    """Why the collected static files cannot serve the pages, or None.

    Only for a manifest storage (production): development serves the sources directly.
    ``complete`` also compares the manifest with every file the finders see (a few ms: at
    start-up); otherwise only the probe asset is looked up (the health page).
    """
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return None
    try:
        manifest, _hash = storage.load_manifest()
    except ValueError:
        return f"Le manifeste des fichiers statiques de {settings.STATIC_ROOT} est illisible."
    if not manifest:
        return f"Aucun manifeste des fichiers statiques dans {settings.STATIC_ROOT}."
    names = [PROBE_ASSET]
    if complete:
        ignored = apps.get_app_config("staticfiles").ignore_patterns
        names = sorted(
            {path for finder in finders.get_finders() for path, _storage in finder.list(ignored)}
        )
    missing = [name for name in names if name not in manifest]
    if missing:
        return (
            f"{len(missing)} fichier(s) statique(s) absent(s) du manifeste de "
            f"{settings.STATIC_ROOT}, par exemple {missing[0]}."
        )
    if not storage.exists(manifest[PROBE_ASSET]):
        return (
            f"{manifest[PROBE_ASSET]} est dans le manifeste mais absent de {settings.STATIC_ROOT}."
        )
    return None


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_files_collected(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problem = static_files_problem(complete=True)
    if problem is None:
        return []
    return [
        checks.Error(
            f"Les fichiers statiques ne sont pas collectés : chaque page répondrait 500. {problem}",
            hint="Lancez `leviers collectstatic --no-input` (à chaque mise à jour).",
            id="leviers.E005",
        )
    ]


def refuse_unsafe_production() -> None:
    """Raise at start-up (WSGI) when the production checks fail."""
    messages = check_production_settings() + check_static_files_collected()
    errors = [message for message in messages if message.is_serious()]
    if errors:
        lines = "\n".join(f"- {error.msg} {error.hint}" for error in errors)
        raise ImproperlyConfigured(f"Leviers refuse de démarrer en production :\n{lines}")
