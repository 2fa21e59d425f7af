"""The official files Leviers does not ship, as `data/sources-officielles.yaml` lists them: who
publishes each, at which address, under which licence. The command that fetches them and the
« À propos des données » page both read this list; neither invents an address."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REGISTRY = Path(__file__).resolve().parent / "data" / "sources-officielles.yaml"
YES = {"oui": True, "non": False}


@dataclass(frozen=True)
class OfficialFile:
    role: str
    url: str
    patterns: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class OfficialSource:
    key: str
    label: str
    producer: str
    licence: str
    page: str
    files: tuple[OfficialFile, ...]
    large: bool
    note: str

    @property
    def automatic(self) -> bool:
        """Whether the command can fetch it: every file has an address."""
        return bool(self.files) and all(f.url for f in self.files)


class RegistryError(ValueError):
    pass


def _flag(entry: dict, name: str, where: str) -> bool:
    value = entry.get(name, "non")
    if value not in YES:
        raise RegistryError(f"{where} : « {name} » vaut « oui » ou « non », pas « {value} »")
    return YES[value]


def parse(entries: list) -> tuple[OfficialSource, ...]:
    """The sources of a parsed registry, checked: a French error names the entry at fault."""
    sources, keys = [], set()
    for number, entry in enumerate(entries, start=1):
        where = f"{REGISTRY.name}, jeu n° {number}"
        missing = [f for f in ("cle", "nom", "producteur", "licence", "page") if not entry.get(f)]
        if missing:
            raise RegistryError(f"{where} : champ(s) manquant(s) {', '.join(missing)}")
        if entry["cle"] in keys:
            raise RegistryError(f"{where} : clé « {entry['cle']} » déjà utilisée")
        keys.add(entry["cle"])
        files = []
        for file in entry.get("fichiers") or []:
            url = file.get("adresse") or ""
            if url and not url.startswith("https://"):
                raise RegistryError(f"{where} : adresse « {url} » (https:// attendu)")
            files.append(
                OfficialFile(
                    role=file.get("role", "source"),
                    url=url,
                    patterns=tuple(file.get("motifs") or ()),
                    verified=_flag(file, "verifiee", where),
                )
            )
        sources.append(
            OfficialSource(
                key=entry["cle"],
                label=entry["nom"],
                producer=entry["producteur"],
                licence=entry["licence"],
                page=entry["page"],
                files=tuple(files),
                large=_flag(entry, "volumineux", where),
                note=" ".join((entry.get("note") or "").split()),
            )
        )
    return tuple(sources)


@cache
def official_sources() -> tuple[OfficialSource, ...]:
    return parse(yaml.safe_load(REGISTRY.read_text(encoding="utf-8")))


def by_key() -> dict[str, OfficialSource]:
    return {source.key: source for source in official_sources()}
