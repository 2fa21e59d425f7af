"""French identifiers of organisations: SIREN (INSEE) and RNA (associations), checked pure."""

import re

from django.core.exceptions import ValidationError

RNA = re.compile(r"W\d{9}")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum that every SIREN satisfies."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(
            "Le SIREN « %(value)s » doit compter exactement 9 chiffres, sans espace.",
            code="siren_format",
            params={"value": value},
        )
    if not luhn_ok(value):
        raise ValidationError(
            "Le SIREN « %(value)s » n'existe pas : sa clé de contrôle est fausse "
            "(un chiffre mal recopié ?).",
            code="siren_checksum",
            params={"value": value},
        )


def validate_rna(value: str) -> None:
    if not RNA.fullmatch(value):
        raise ValidationError(
            "Le numéro RNA « %(value)s » doit être un W majuscule suivi de 9 chiffres "
            "(par exemple W532001234).",
            code="rna_format",
            params={"value": value},
        )


def normalise_siren(value: str) -> str:
    """What people type (« 213 501 806 ») as stored (« 213501806 »)."""
    return re.sub(r"[\s.\u00a0]", "", value or "")


def normalise_rna(value: str) -> str:
    return re.sub(r"[\s.\u00a0]", "", value or "").upper()
