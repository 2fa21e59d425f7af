"""Who to call: the contacts of a catalogue entry, and the ones for a given territory.

An entry's `contacts` (docs/format-catalogue.md) is a list whose items are either a contact —
a structure, its perimeter (the same keys as a scheme's: national, regions, departments,
communes, epcis; none means everywhere), its phone, address, web page, what to ask — or a
reference `{from: <scheme slug>}` to the contacts of a scheme (a lever says « the CRESS of
your region » once, the CRESS scheme lists the thirteen).

`contact_for` is pure: for each group of contacts (the entry's own, then each referenced
scheme's), it keeps those whose perimeter covers the territory at the most specific level
(commune, then EPCI, department, region, national). A Creuse commune gets the DLA operator
of Creuse, or the national directory when Creuse's operator is not in the catalogue — never
the operator of another department.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from leviers.core.text import and_list, strip_accents

PERIMETER_LEVELS = {  # key → (territory attribute, specificity)
    "communes": ("commune_code", 4),
    "epcis": ("epci_code", 3),
    "departments": ("department", 2),
    "regions": ("region", 1),
}
CONTACT_KEYS = {
    "name": "nom de la structure (obligatoire)",
    "role": "ce qu'elle fait pour ce dispositif",
    "perimeter": "périmètre (national, regions, departments, communes, epcis)",
    "phone": "téléphone",
    "email": "adresse électronique d'un service (jamais d'une personne)",
    "address": "adresse postale",
    "url": "page web",
    "how": "comment la joindre ou quoi demander",
    "sources": "sources lues",
    "verification": "verifie ou non-verifie",
    "note": "ce qui n'a pas pu être vérifié",
}


class ContactError(ValueError):
    """A contact list that cannot be read; the message (French) names the contact and field."""


@dataclass(frozen=True, slots=True)
class Contact:
    """One structure to call, as cards and pages show it."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    url: str = ""
    how: str = ""
    verified: bool = True
    note: str = ""
    checked_on: str = ""  # the last day someone read one of its sources ("" if nobody did)
    scope: str = ""  # « national », « régional »… : how local it is
    level: int = 0
    places: tuple[str, ...] = ()  # the names of its perimeter: ("Bretagne",), ("Sarthe",)

    @property
    def is_local(self) -> bool:
        return self.level > 0

    @property
    def where(self) -> str:
        """Its perimeter in words, « Bretagne », unless its name says it already (« CRESS
        Bretagne »): then how local it is, « régional »."""
        if not self.places or all(_simple(p) in _simple(self.name) for p in self.places):
            return self.scope
        return and_list(list(self.places))

    def line(self, limit: int = 200) -> str:
        """One line for a roadmap's « Contact » field: name, phone or else web page."""
        reach = self.phone or self.email or self.url
        text = f"{self.name} — {reach}" if reach else self.name
        return text if len(text) <= limit else text[: limit - 1] + "…"


SCOPES = {0: "national", 1: "régional", 2: "départemental", 3: "intercommunal", 4: "communal"}


def perimeter_level(perimeter: Mapping | None, territory) -> int | None:
    """How specifically `perimeter` covers `territory` (0 national … 4 commune), or None if
    it does not cover it. `territory` has commune_code, epci_code, department and region."""
    if not perimeter or perimeter.get("national") is True:
        return 0
    for key, (attribute, level) in PERIMETER_LEVELS.items():
        if key in perimeter:
            code = getattr(territory, attribute, None)
            return level if code is not None and str(code) in perimeter[key] else None
    return None


def _simple(text: str) -> str:
    """« Provence-Alpes-Côte d'Azur » → « provence alpes cote d azur »: names compared."""
    return " ".join(re.sub(r"[-'’]", " ", strip_accents(text).casefold()).split())


def _contact(raw: Mapping, level: int, places: tuple[str, ...] = ()) -> Contact:
    dates = [
        str(source.get("checked_on"))
        for source in raw.get("sources") or ()
        if isinstance(source, Mapping) and source.get("checked_on")
    ]
    return Contact(
        name=raw["name"],
        role=raw.get("role", ""),
        phone=raw.get("phone", ""),
        email=raw.get("email", ""),
        address=raw.get("address", ""),
        url=raw.get("url", ""),
        how=raw.get("how", ""),
        verified=raw.get("verification", "verifie") == "verifie",
        note=raw.get("note", ""),
        checked_on=max(dates) if dates else "",
        scope=SCOPES[level],
        level=level,
        places=places,
    )


def _closest(group: Sequence[Mapping], territory) -> list[Contact]:
    found = [(perimeter_level(raw.get("perimeter"), territory), raw) for raw in group]
    found = [(level, raw) for level, raw in found if level is not None]
    if not found:
        return []
    best = max(level for level, _ in found)
    return [_contact(raw, best) for level, raw in found if level == best]


def contact_for(
    contacts: Sequence[Mapping], territory, referenced: Callable[[str], Sequence[Mapping]]
) -> list[Contact]:
    """The contacts of an entry for `territory`: in each group (its own contacts, then those
    of each referenced scheme, in order), the most local ones covering the territory.
    `referenced(slug)` gives a scheme's own contacts (a reference is followed once)."""
    groups: list[list[Mapping]] = [[c for c in contacts if "from" not in c]]
    groups += [
        [c for c in referenced(c["from"]) if "from" not in c] for c in contacts if "from" in c
    ]
    chosen: list[Contact] = []
    for group in groups:
        for contact in _closest(group, territory):
            if contact.name not in {c.name for c in chosen}:
                chosen.append(contact)
    return chosen


def all_contacts(
    contacts: Sequence[Mapping], names: Mapping[str, Mapping[str, str]] | None = None
) -> list[Contact]:
    """Every contact of an entry's own list, national first then by perimeter (for its page,
    which has no territory). `names` (perimeter key → code → name, as `perimeter_codes` asks
    them) names each one's perimeter; a code without a name is left out."""
    names = names or {}
    out = []
    for raw in contacts:
        if "from" in raw:
            continue
        perimeter = raw.get("perimeter") or {}
        key, level = next(
            ((key, lvl) for key, (_, lvl) in PERIMETER_LEVELS.items() if key in perimeter),
            (None, 0),
        )
        known = names.get(key, {})
        places = tuple(known[str(code)] for code in perimeter.get(key, ()) if str(code) in known)
        out.append(_contact(raw, level, places))
    return sorted(out, key=lambda c: (c.level, c.name))


def perimeter_codes(contacts: Sequence[Mapping]) -> dict[str, set[str]]:
    """The codes the contacts' perimeters name, by key (« regions »: {"53", "52"}), for one
    look-up per key in the referential."""
    wanted: dict[str, set[str]] = {}
    for raw in contacts:
        perimeter = {} if "from" in raw else raw.get("perimeter") or {}
        for key in PERIMETER_LEVELS:
            if key in perimeter:
                wanted.setdefault(key, set()).update(str(code) for code in perimeter[key])
                break
    return wanted


def with_derived(contacts: Sequence[Mapping], name: str, url: str = "") -> tuple[dict, ...]:
    """An entry's contacts, with — when it lists no structure of its own — the one it still
    names: a scheme's operator and official page, an experience's `contact` text (shown
    everywhere), before its references."""
    contacts = tuple(contacts)
    name = " ".join((name or "").split())
    if not name or any("from" not in c for c in contacts):
        return contacts
    return ({"name": name, "url": url} if url else {"name": name}, *contacts)


def references(contacts: Sequence[Mapping]) -> list[str]:
    return [c["from"] for c in contacts if "from" in c]


def validate_contacts(contacts: object, *, where: str) -> None:
    """Raise ContactError (French, naming the contact and its field) unless `contacts` is a
    list of contacts or `{from: slug}` references. The slugs are checked by the loader."""
    from leviers.catalogue.eligibility import CriteriaError, perimeter_criterion

    if not isinstance(contacts, list):
        raise ContactError(f"{where} : une liste de contacts est attendue")
    for i, raw in enumerate(contacts, 1):
        here = f"{where}, contact n° {i}"
        if not isinstance(raw, dict):
            raise ContactError(f"{here} : une table est attendue (name, phone, url…)")
        if "from" in raw:
            if set(raw) != {"from"} or not isinstance(raw["from"], str):
                raise ContactError(
                    f"{here} : « from » (les contacts d'un dispositif) s'écrit seul, "
                    "suivi du slug du dispositif"
                )
            continue
        unknown = sorted(set(raw) - set(CONTACT_KEYS))
        if unknown:
            raise ContactError(
                f"{here} : champ inconnu « {unknown[0]} ». Champs possibles : "
                f"{', '.join(CONTACT_KEYS)}, ou « from »"
            )
        if not isinstance(raw.get("name"), str) or not raw["name"].strip():
            raise ContactError(f"{here} : « name » (nom de la structure) obligatoire")
        name = f"{where}, contact « {raw['name']} »"
        for key in ("role", "phone", "email", "address", "url", "how", "note"):
            if key in raw and not isinstance(raw[key], str):
                raise ContactError(f"{name} : « {key} » doit être un texte")
        if raw.get("url") and not raw["url"].startswith(("http://", "https://")):
            raise ContactError(f"{name} : « url » doit commencer par http(s)://")
        if "perimeter" in raw:
            try:
                perimeter_criterion(raw["perimeter"], where=name)
            except CriteriaError as error:
                raise ContactError(str(error)) from None
            if "programme" in raw["perimeter"]:
                raise ContactError(f"{name} : un périmètre de contact ne peut être un programme")
        verification = raw.get("verification", "verifie")
        if verification not in ("verifie", "non-verifie"):
            raise ContactError(f"{name} : « verification » vaut verifie ou non-verifie")
        if verification == "non-verifie" and not raw.get("note"):
            raise ContactError(f"{name} : « note » obligatoire quand le contact n'est pas vérifié")
        for j, source in enumerate(raw.get("sources") or [], 1):
            if not isinstance(source, dict) or not str(source.get("url", "")).startswith("http"):
                raise ContactError(f"{name} : source n° {j} : adresse « url » http(s) manquante")
            checked = source.get("checked_on")
            if checked is not None and not _is_date(checked):
                raise ContactError(
                    f"{name} : source n° {j} : « checked_on » est le jour où la source a été "
                    "lue (2026-12-06), ou rien"
                )
        if verification == "verifie" and not raw.get("sources"):
            raise ContactError(
                f"{name} : une source lue est obligatoire, ou « verification: non-verifie » "
                "avec sa note"
            )


def _is_date(value: object) -> bool:
    if isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True
