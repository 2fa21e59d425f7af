"""Small helpers that read settings from the environment and fail loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on", "oui"}
FALSE_VALUES = {"0", "false", "no", "off", "non", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"La variable d'environnement {name}={raw!r} n'est pas un booléen "
        "(attendu : 1/0, true/false)."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name}={raw!r} n'est pas un nombre entier."
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices``, exactly as written: a near miss (``prod``, ``Production``) stops here
    rather than falling back to the default."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw not in choices:
        expected = ", ".join(choices)
        raise ImproperlyConfigured(
            f"La variable d'environnement {name}={raw!r} n'est pas reconnue "
            f"(valeurs possibles : {expected}). Leviers refuse de démarrer."
        )
    return raw
