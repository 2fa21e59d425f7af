"""Small helpers that read settings from the environment and fail loudly on bad values."""

import os
from decimal import Decimal, InvalidOperation

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


def env_decimal(name: str, default: str) -> Decimal:
    """A decimal number written with a dot or a comma (``12.02``, ``12,02``)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return Decimal(default)
    try:
        value = Decimal(raw.strip().replace(",", "."))
    except InvalidOperation:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name}={raw!r} n'est pas un nombre décimal "
            "(par exemple 12.02)."
        ) from None
    if not value.is_finite() or value < 0:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name}={raw!r} doit être un nombre positif."
        )
    return value


def env_int_list(name: str, default: list[int]) -> list[int]:
    """Whole numbers separated by commas (``14,3``)."""
    items = env_list(name, [str(n) for n in default])
    try:
        return [int(item) for item in items]
    except ValueError:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name}={os.environ.get(name)!r} n'est pas une liste "
            "de nombres entiers séparés par des virgules (par exemple 14,3)."
        ) from None
