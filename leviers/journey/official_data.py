"""Fetch the official files of `core/data/sources-officielles.yaml` and import them through the
importers of each app. It sits in `journey` because it calls the importers of `territories`
and `observatory`, like `bootstrap`.

Each dataset is fetched whole first (every file it needs), then imported in one transaction:
a failed download, a missing file or a file its importer refuses changes nothing for that
dataset, and the error names the dataset, the address and what went wrong, in French.

Files come from their publishers' addresses, or, with `base`, from another place: a local
folder, or a base address serving an index of its files (a mirror, `python -m http.server`,
nginx `autoindex`), where each file is found by the name patterns of the registry.
"""

from __future__ import annotations

import fnmatch
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from django.db import transaction

from leviers.core.importing import Counts, ImportFileError, checksum, vintage_from_name
from leviers.core.models import Dataset
from leviers.core.official_sources import OfficialSource, official_sources
from leviers.core.text import french_date

USER_AGENT = "Leviers (import des données publiques ; logiciel libre AGPL-3.0)"
TIMEOUT = 60  # seconds without a byte: a stalled server, not a slow big file


class FetchError(Exception):
    """A dataset that could not be fetched or imported: its text is French and names the
    dataset, the address and what went wrong."""

    def __init__(self, source: OfficialSource, address: str, problem: str):
        self.source, self.address, self.problem = source, address, problem
        super().__init__(
            f"{source.label} : {problem}\n  adresse : {address or '(aucune)'}\n"
            f"  Rien n'a été modifié pour ce jeu de données."
        )


@dataclass(frozen=True)
class Fetched:
    """A file of a dataset, on disk, with the address it came from."""

    role: str
    path: Path
    address: str


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def in_words(day: date) -> str:
    return french_date(day)


# Reading an index of files ------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def listed_files(base: str) -> dict[str, str]:
    """{file name: address} of the files an index page at `base` links to (empty when the page
    cannot be read: each file is then looked for under its literal names)."""
    try:
        request = urllib.request.Request(base, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            page = response.read(5_000_000).decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return {}
    parser = _Links()
    parser.feed(page)
    files = {}
    for href in parser.hrefs:
        address = urllib.parse.urljoin(base, href)
        name = urllib.parse.unquote(urllib.parse.urlsplit(address).path.rsplit("/", 1)[-1])
        if name and address.startswith(base):
            files[name] = address
    return files


def _match(names, patterns: tuple[str, ...]) -> str | None:
    """The last name (dates sort) matching the first pattern that matches any."""
    for pattern in patterns:
        found = sorted(n for n in names if fnmatch.fnmatchcase(n, pattern))
        if found:
            return found[-1]
    return None


# Locating and downloading -------------------------------------------------------------------


def locate(source: OfficialSource, base: str | None) -> dict[str, str]:
    """{role: address or local path} of each file of `source`."""
    if base is None:
        return {file.role: file.url for file in source.files}
    if not is_url(base):
        folder = Path(base)
        if not folder.is_dir():
            raise FetchError(source, base, "dossier introuvable")
        names = [p.name for p in folder.iterdir() if p.is_file()]
        located = {}
        for file in source.files:
            name = _match(names, file.patterns)
            if name is None:
                raise FetchError(
                    source, base, f"aucun fichier {' ou '.join(file.patterns)} dans ce dossier"
                )
            located[file.role] = str(folder / name)
        return located
    base = base if base.endswith("/") else base + "/"
    listed = listed_files(base)
    located = {}
    for file in source.files:
        name = _match(listed, file.patterns)
        if name is not None:
            located[file.role] = listed[name]
            continue
        literal = [p for p in file.patterns if not any(c in p for c in "*?[")]
        if not literal:
            raise FetchError(
                source,
                base,
                f"aucun fichier {' ou '.join(file.patterns)} dans la liste des fichiers de "
                "cette adresse",
            )
        located[file.role] = urllib.parse.urljoin(base, urllib.parse.quote(literal[0]))
    return located


def _download_problem(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 404:
            return "fichier introuvable à cette adresse (erreur 404) : a-t-il été déplacé ?"
        return f"le serveur a refusé le fichier (erreur {error.code} {error.reason})"
    if isinstance(error, urllib.error.URLError):
        return f"serveur injoignable ({error.reason})"
    if isinstance(error, TimeoutError):
        return f"le serveur ne répond plus (rien reçu en {TIMEOUT} secondes)"
    return f"téléchargement interrompu ({error})"


def download(source: OfficialSource, address: str, folder: Path) -> Path:
    """The file at `address`, saved in `folder` under the name its server gives it after any
    redirection (data.gouv.fr's permanent addresses lead to a dated file name)."""
    request = urllib.request.Request(address, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            final = urllib.parse.urlsplit(response.geturl()).path.rsplit("/", 1)[-1]
            name = urllib.parse.unquote(final) or "telechargement"
            target = folder / Path(name).name
            with open(target, "wb") as out:
                while chunk := response.read(1 << 20):
                    out.write(chunk)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FetchError(source, address, _download_problem(error)) from None
    if target.stat().st_size == 0:
        raise FetchError(source, address, "le fichier reçu est vide")
    return target


@contextmanager
def fetched(source: OfficialSource, base: str | None) -> Iterator[list[Fetched]]:
    """Every file of `source` on disk, downloaded in a temporary folder removed afterwards."""
    located = locate(source, base)
    with tempfile.TemporaryDirectory(prefix="leviers-donnees-") as folder:
        files = []
        for file in source.files:
            address = located[file.role]
            path = download(source, address, Path(folder)) if is_url(address) else Path(address)
            files.append(Fetched(file.role, path, address))
        yield files


# Importing ----------------------------------------------------------------------------------


def _list_vintage(file: Fetched, today: date) -> str:
    """A list's vintage: the date its file name carries, else the day it was downloaded."""
    return vintage_from_name(file.path.name) or (
        f"liste téléchargée le {in_words(today)}" if is_url(file.address) else None
    )


def _density(files: dict[str, Fetched], today: date) -> Counts:
    from leviers.territories.importers.density import import_density

    return import_density(files["source"].path)


def _pvd(files: dict[str, Fetched], today: date) -> Counts:
    from leviers.territories.importers.pvd import import_pvd

    return import_pvd(files["source"].path, vintage=_list_vintage(files["source"], today))


def _france_services(files: dict[str, Fetched], today: date) -> Counts:
    from leviers.territories.importers.france_services import import_france_services

    source = files["source"]
    return import_france_services(source.path, vintage=_list_vintage(source, today))


def _sirene(files: dict[str, Fetched], today: date) -> Counts:
    from leviers.observatory.sirene import import_sirene

    return import_sirene(files["unites"].path, files["etablissements"].path)


IMPORTERS: dict[str, Callable[[dict[str, Fetched], date], Counts]] = {
    "grille-densite": _density,
    "petites-villes-de-demain": _pvd,
    "france-services": _france_services,
    "sirene_ess": _sirene,
}


@dataclass(frozen=True)
class Outcome:
    source: OfficialSource
    counts: Counts | None  # None: the same file was already imported
    address: str


def fetch_and_import(
    source: OfficialSource, base: str | None = None, *, today: date | None = None
) -> Outcome:
    """Fetch every file of `source`, then import them in one transaction (`FetchError` when
    anything fails, with nothing changed for this dataset)."""
    if source.key not in IMPORTERS or not (base or source.automatic):
        raise FetchError(source, "", "pas d'adresse de téléchargement : à importer à la main")
    today = today or date.today()
    with fetched(source, base) as files:
        by_role = {file.role: file for file in files}
        addresses = " ; ".join(file.address for file in files)
        known = Dataset.objects.filter(key=source.key).values_list("checksum", flat=True).first()
        if len(files) == 1 and known and known == checksum(files[0].path.read_bytes()):
            return Outcome(source, None, addresses)
        try:
            with transaction.atomic():
                counts = IMPORTERS[source.key](by_role, today)
                # Record where the file came from, not the temporary folder it was read in.
                Dataset.objects.filter(key=source.key).update(imported_from=addresses[:500])
        except ImportFileError as error:
            problem = str(error)
            for file in files:
                problem = problem.replace(str(file.path), file.address)
            raise FetchError(source, addresses, f"fichier refusé.\n  {problem}") from None
    return Outcome(source, counts, addresses)


def selected(keys: list[str] | None, *, with_large: bool) -> list[OfficialSource]:
    """The sources to fetch: those named, else every automatic one (large ones on demand)."""
    sources = official_sources()
    if keys:
        known = {source.key: source for source in sources}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise ValueError(
                f"jeu(x) inconnu(s) : {', '.join(unknown)}. Jeux connus : {', '.join(known)}"
            )
        return [known[key] for key in keys]
    return [
        s for s in sources if s.automatic and s.key in IMPORTERS and (with_large or not s.large)
    ]
