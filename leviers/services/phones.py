"""Phone numbers as people read and dial them: "02 43 07 00 00" and "tel:+33243070000"."""

from __future__ import annotations

import re


def tel_uri(phone: str) -> str:
    """The RFC 3966 link of a French number; "" when there are no digits."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if not digits:
        return ""
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0") and len(digits) == 10:
        digits = "+33" + digits[1:]
    return f"tel:{digits}"


def readable(phone: str) -> str:
    """A French number in pairs of digits; other numbers (short numbers, abroad) as given."""
    digits = re.sub(r"\D", "", phone or "")
    if phone.strip().startswith("+33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return phone.strip()
