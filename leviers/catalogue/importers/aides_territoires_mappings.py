"""The Aides-territoires → Leviers correspondences, read from `aides_territoires_mappings.yaml`.

They are data, not code: a curator changes how an AT audience, aid type, step, theme or
perimeter scale is understood by editing the YAML file. It is validated against the
vocabularies when an import starts; a wrong value stops the import with the file and entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from leviers.catalogue import vocabulary
from leviers.core.importing import ImportFileError
from leviers.core.text import normalize

MAPPINGS_FILE = Path(__file__).with_name("aides_territoires_mappings.yaml")
PERIMETER_KEYS = ("national", "regions", "departments")

# Section → (vocabulary of its targets, whether a target is a list).
_SECTIONS = {
    "audiences": (vocabulary.BENEFICIARIES, True),
    "aid_types": (vocabulary.SCHEME_KINDS, False),
    "steps": (vocabulary.STAGES, True),
    "themes": (vocabulary.NEEDS, True),
    "categories": (vocabulary.NEEDS, True),
    "perimeter_scales": (dict.fromkeys(PERIMETER_KEYS), False),
}
# Separators of "Thème|Sous-thème" (Django API) and "Thème / Sous-thème" (Symfony API).
_CATEGORY_SEPARATORS = ("|", " / ")


def _ordered(values: Iterable[str], vocab: dict[str, str]) -> list[str]:
    order = list(vocab)
    return sorted(set(values), key=order.index)


def _splits(category: str) -> tuple[set[str], set[str]]:
    """Every (normalised) head and tail of a category text cut at one of its separators."""
    heads, tails = {normalize(category)}, {normalize(category)}
    for separator in _CATEGORY_SEPARATORS:
        start = category.find(separator)
        while start != -1:
            heads.add(normalize(category[:start]))
            tails.add(normalize(category[start + len(separator) :]))
            start = category.find(separator, start + 1)
    return heads, tails


@dataclass(frozen=True)
class Mappings:
    audiences: dict[str, tuple[str, ...]]
    aid_types: dict[str, str | None]
    steps: dict[str, tuple[str, ...]]
    themes: dict[str, tuple[str, ...]]
    categories: dict[str, tuple[str, ...]]
    perimeter_scales: dict[str, str | None]
    national_names: frozenset[str]

    def beneficiaries(self, audiences: Iterable[str]) -> list[str]:
        found = (b for a in audiences for b in self.audiences.get(normalize(a), ()))
        return _ordered(found, vocabulary.BENEFICIARIES)

    def kind(self, aid_types: Iterable[str]) -> str:
        """The kind of the first aid type that maps, or ""."""
        for aid_type in aid_types:
            if kind := self.aid_types.get(normalize(aid_type)):
                return kind
        return ""

    def stages(self, steps: Iterable[str]) -> list[str]:
        found = (s for step in steps for s in self.steps.get(normalize(step), ()))
        return _ordered(found, vocabulary.STAGES)

    def needs(self, categories: Iterable[str]) -> list[str]:
        found: list[str] = []
        for category in categories:
            heads, tails = _splits(category)
            for head in heads:
                found.extend(self.themes.get(head, ()))
            for tail in tails:
                found.extend(self.categories.get(tail, ()))
        return _ordered(found, vocabulary.NEEDS)

    def is_known_scale(self, scale: str) -> bool:
        return normalize(scale) in self.perimeter_scales

    def perimeter_key(self, scale: str) -> str | None:
        """ "national", "regions", "departments", or None when the scale stays text."""
        return self.perimeter_scales.get(normalize(scale))


def load_mappings(path: Path = MAPPINGS_FILE) -> Mappings:
    name = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(name, f"fichier de correspondances illisible ({error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ImportFileError(
            name, f"YAML invalide ({error})", line=mark.line + 1 if mark else None
        ) from None
    if not isinstance(raw, dict):
        raise ImportFileError(name, "une table YAML est attendue")
    tables: dict[str, dict] = {}
    for section, (vocab, is_list) in _SECTIONS.items():
        table: dict[str, object] = {}
        for i, item in enumerate(raw.get(section) or [], 1):
            label = item.get("label") if isinstance(item, dict) else None
            entry = f"{section} n° {i}" + (f" « {label} »" if label else "")
            if not isinstance(label, str) or not label.strip():
                raise ImportFileError(name, "« label » manquant", entry=entry, column="label")
            target = item.get("to")
            targets = target if is_list else [target]
            if not isinstance(targets, list) or (is_list and target is None):
                expected = "une liste" if is_list else "une valeur ou null"
                raise ImportFileError(name, f"{expected} attendue", entry=entry, column="to")
            for value in targets:
                if value is not None and value not in vocab:
                    raise ImportFileError(
                        name,
                        f"valeur inconnue « {value} ». Valeurs possibles : {', '.join(vocab)}",
                        entry=entry,
                        column="to",
                    )
            keys = [label, *(item.get("aliases") or []), *(item.get("slugs") or [])]
            for key in keys:
                table[normalize(str(key))] = tuple(target) if is_list else target
        tables[section] = table
    national = frozenset(normalize(str(n)) for n in raw.get("national_names") or [])
    return Mappings(**tables, national_names=national)
