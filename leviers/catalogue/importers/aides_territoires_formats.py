"""Reading and validating the two publications of Aides-territoires into `Aid` records.

- The CSV export of the aid finder: `Nom, Lien, Financeurs, Bénéficiaire, Types d'aides,
  AAP/AMI, Récurrence, Descriptif, Date Clôture`, lists separated by `;`; its text is already
  stripped of HTML, paragraphs surviving as runs of spaces.
- The JSON of its API (fields in shared/research/aides-territoires.md §4): a list of aids, or
  one page `{"count", "next", "results": [...]}`; `url` is a path on the site, `description`,
  `eligibility` and `contact` are HTML.

Any invalid value raises `ImportFileError` naming the file, the line (of the CSV record, or the
line where the aid's JSON object starts), the aid and the column or field.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from leviers.catalogue.importers.html_text import html_to_text, one_line
from leviers.catalogue.models import Scheme
from leviers.core.importing import Column, ImportFileError, Table, decode
from leviers.core.text import normalize

AT_SITE = "https://aides-territoires.beta.gouv.fr"
AT_HOST = "aides-territoires.beta.gouv.fr"
NAME_MAX = Scheme._meta.get_field("name").max_length
URL_MAX = Scheme._meta.get_field("source_link").max_length

COLUMNS = [
    Column("name", ("Nom",)),
    Column("link", ("Lien",)),
    Column("financers", ("Financeurs",)),
    Column("audiences", ("Bénéficiaire", "Bénéficiaires")),
    Column("aid_types", ("Types d'aides", "Types d'aide")),
    Column("call_for_projects", ("AAP/AMI",), required=False),
    Column("recurrence", ("Récurrence",), required=False),
    Column("description", ("Descriptif", "Description")),
    Column("deadline", ("Date Clôture", "Date de clôture")),
]
YES = {"oui", "true", "vrai", "1", "x", "yes"}


@dataclass
class Aid:
    """One aid as read from either format, validated, its text already stripped of markup."""

    where: str  # "ligne 12" or "ligne 12, aide « slug »", for messages
    link: str
    at_slug: str
    name: str
    financers: list[str]
    audiences: list[str]
    aid_types: list[str]
    description: str
    deadline: datetime.date | None
    recurrence: str = ""
    call_for_projects: bool = False
    steps: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    eligibility: str = ""
    perimeter: str | None = None  # None: the source has no perimeter (CSV export)
    perimeter_scale: str = ""
    url: str = ""
    contact: str = ""
    amounts: str = ""
    funding_rate: str = ""
    project_examples: str = ""


class _Place:
    """Where a value comes from, to raise a French error naming it."""

    def __init__(self, source: str, line: int, entry: str = ""):
        self.source, self.line, self.entry = source, line, entry

    def fail(self, column: str, message: str):
        raise ImportFileError(self.source, message, line=self.line, entry=self.entry, column=column)

    def __str__(self) -> str:
        return f"ligne {self.line}" + (f", {self.entry}" if self.entry else "")


# --- Values ---------------------------------------------------------------------------------


def _link(value: str, place: _Place, column: str) -> str:
    """The canonical form of an aid's link; the JSON `url` is a path on Aides-territoires."""
    value = value.strip()
    if value.startswith("/") and not value.startswith("//"):
        value = AT_SITE + value
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in value:
        place.fail(
            column,
            f"lien « {value} » invalide : l'adresse http(s) de la fiche Aides-territoires "
            "est attendue",
        )
    host = parts.hostname.lower()
    if host == AT_HOST or host.endswith("." + AT_HOST):
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        link = f"https://{host}{path}"
    else:
        link = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
    if len(link) > URL_MAX:
        place.fail(column, f"lien trop long ({len(link)} caractères, {URL_MAX} au plus)")
    return link


def _slug_of_link(link: str) -> str:
    segments = [s for s in urlsplit(link).path.split("/") if s]
    return segments[-1] if segments else ""


_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


def _date(value: str, place: _Place, column: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if match := _ISO_DATE.match(value):
            return datetime.date.fromisoformat(match[1])
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        place.fail(column, f"date « {value} » invalide : JJ/MM/AAAA ou AAAA-MM-JJ attendue")


def _name(value: str, place: _Place, column: str) -> str:
    name = one_line(html_to_text(value))
    if not name:
        place.fail(column, "nom de l'aide vide")
    if len(name) > NAME_MAX:
        place.fail(column, f"nom trop long ({len(name)} caractères, {NAME_MAX} au plus)")
    return name


def _split_list(value: str) -> list[str]:
    return list(dict.fromkeys(one_line(v) for v in value.split(";") if v.strip()))


def _euros(amount: float) -> str:
    return f"{round(amount):,}".replace(",", "\u202f") + "\u00a0€"


def _rate(lower: float | None, upper: float | None) -> str:
    def pct(v):
        return f"{v:g}\u00a0%"

    if lower and upper:
        return pct(upper) if lower == upper else f"De {pct(lower)} à {pct(upper)}"
    if upper:
        return f"Jusqu'à {pct(upper)}"
    return f"À partir de {pct(lower)}" if lower else ""


# --- CSV export -----------------------------------------------------------------------------


def read_csv_export(name: str, data: bytes, encoding: str) -> list[Aid]:
    table = Table(name, decode(name, data, encoding), COLUMNS)
    header = {key: table.header[i] for key, i in table.index.items()}
    aids = []
    for line, row in table:
        place = _Place(name, line)
        link = _link(row["link"], place, header["link"])
        aids.append(
            Aid(
                where=str(place),
                link=link,
                at_slug=_slug_of_link(link),
                name=_name(row["name"], place, header["name"]),
                financers=_split_list(row["financers"]),
                audiences=_split_list(row["audiences"]),
                aid_types=_split_list(row["aid_types"]),
                description=html_to_text(row["description"], flattened=True),
                deadline=_date(row["deadline"], place, header["deadline"]),
                recurrence=row.get("recurrence", ""),
                call_for_projects=normalize(row.get("call_for_projects", "")) in YES,
            )
        )
    return aids


# --- API JSON -------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Unterminated string starting at": "texte entre guillemets non terminé",
    "Invalid control character at": "caractère de contrôle interdit",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Extra data": "données en trop après la fin du document",
}


def _json_error(name: str, text: str, error: json.JSONDecodeError) -> ImportFileError:
    message = _JSON_MESSAGES.get(error.msg, error.msg)
    at_end = error.pos >= len(text.rstrip()) and error.msg != "Extra data"
    if at_end or error.msg.startswith("Unterminated string"):
        message += " (fichier tronqué ?)"
    return ImportFileError(
        name, f"JSON invalide : {message}", line=error.lineno, column=str(error.colno)
    )


def _item_lines(text: str, is_page: bool) -> list[int]:
    """The line each aid starts on, in a valid JSON list of aids or API page."""
    decoder = json.JSONDecoder()

    def skip(pos: int) -> int:
        return _WHITESPACE.match(text, pos).end()

    def array(pos: int) -> tuple[list[int], int]:
        offsets, pos = [], skip(pos + 1)
        if text[pos] == "]":
            return offsets, pos + 1
        while True:
            offsets.append(pos)
            _, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if text[pos] != ",":
                return offsets, pos + 1
            pos = skip(pos + 1)

    pos = skip(0)
    offsets: list[int] = []
    if not is_page:
        offsets, _ = array(pos)
    else:
        pos = skip(pos + 1)
        while text[pos] != "}":
            key, pos = decoder.raw_decode(text, pos)
            pos = skip(skip(pos) + 1)
            if key == "results":
                offsets, pos = array(pos)  # the last "results" wins, as in json.loads
            else:
                _, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if text[pos] == ",":
                pos = skip(pos + 1)
    lines, line, last = [], 1, 0
    for offset in offsets:
        line += text.count("\n", last, offset)
        last = offset
        lines.append(line)
    return lines


def _labels(item: dict, key: str, place: _Place) -> list[str]:
    """A list of labels; `*_full` lists of objects give their `name`."""
    value = item.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        place.fail(key, "liste attendue")
    labels = []
    for element in value:
        if isinstance(element, dict):
            element = element.get("name")
        if isinstance(element, str):
            if element.strip():
                labels.append(one_line(element))
        elif element is not None:
            place.fail(key, "liste de textes attendue")
    return list(dict.fromkeys(labels))


def _text(item: dict, key: str, place: _Place) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        place.fail(key, "texte attendu")
    return value


def _number(item: dict, key: str, place: _Place) -> float | None:
    value = item.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        place.fail(key, "nombre attendu")
    try:
        return float(value)
    except (TypeError, ValueError):
        place.fail(key, f"nombre attendu, pas « {value} »")


def _optional_url(value: str) -> str:
    """An application or origin link when it is a usable http(s) address, else ""."""
    value = value.strip()
    parts = urlsplit(value)
    ok = parts.scheme in ("http", "https") and parts.hostname and " " not in value
    return value if ok and len(value) <= URL_MAX else ""


def _json_aid(item: object, index: int, line: int, name: str) -> Aid:
    place = _Place(name, line, f"aide n° {index}")
    if not isinstance(item, dict):
        place.fail("", "une aide (objet JSON) est attendue")
    at_slug = _text(item, "slug", place).strip()
    if at_slug:
        place.entry = f"aide « {at_slug} »"
    if url := _text(item, "url", place).strip():
        link = _link(url, place, "url")
    elif at_slug:
        link = _link(f"{AT_SITE}/aides/{at_slug}/", place, "slug")
    else:
        place.fail("url", "lien de la fiche absent : champ « url » ou « slug » attendu")
    financers = _labels(item, "financers", place) or _labels(item, "financers_full", place)
    aid_types = _labels(item, "aid_types", place) or _labels(item, "aid_types_full", place)
    amounts = [
        f"{label} jusqu'à {_euros(amount)}"
        for label, key in (
            ("Prêt", "loan_amount"),
            ("Avance récupérable", "recoverable_advance_amount"),
        )
        if (amount := _number(item, key, place))
    ]
    rate = _rate(
        _number(item, "subvention_rate_lower_bound", place),
        _number(item, "subvention_rate_upper_bound", place),
    )
    comment = one_line(html_to_text(_text(item, "subvention_comment", place)))
    is_call = item.get("is_call_for_project")
    if is_call is not None and not isinstance(is_call, bool):
        place.fail("is_call_for_project", "true ou false attendu")
    return Aid(
        where=str(place),
        link=link,
        at_slug=at_slug or _slug_of_link(link),
        name=_name(_text(item, "name", place), place, "name"),
        financers=financers,
        audiences=_labels(item, "targeted_audiences", place),
        aid_types=aid_types,
        description=html_to_text(_text(item, "description", place)),
        deadline=_date(_text(item, "submission_deadline", place), place, "submission_deadline"),
        recurrence=_text(item, "recurrence", place),
        call_for_projects=bool(is_call),
        steps=_labels(item, "mobilization_steps", place),
        categories=_labels(item, "categories", place),
        eligibility=html_to_text(_text(item, "eligibility", place)),
        perimeter=one_line(_text(item, "perimeter", place)),
        perimeter_scale=one_line(_text(item, "perimeter_scale", place)),
        url=_optional_url(_text(item, "application_url", place))
        or _optional_url(_text(item, "origin_url", place)),
        contact=html_to_text(_text(item, "contact", place)),
        amounts="\n".join(amounts),
        funding_rate=" ; ".join(filter(None, [rate, comment])),
        project_examples=html_to_text(_text(item, "project_examples", place)),
    )


def read_api_json(name: str, data: bytes) -> tuple[list[Aid], list[str]]:
    text = decode(name, data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _json_error(name, text, error) from None
    notes = []
    is_page = isinstance(document, dict) and isinstance(document.get("results"), list)
    if is_page:
        items = document["results"]
        total = document.get("count")
        if document.get("next"):
            notes.append(
                f"Page de l'API : {len(items)} aides importées sur {total} ; la page suivante "
                f"({document['next']}) n'est pas lue, importez-la à son tour."
            )
    elif isinstance(document, list):
        items = document
    else:
        raise ImportFileError(
            name,
            "contenu JSON inattendu : une liste d'aides, ou une page de l'API "
            '{"count", "next", "results"}, est attendue',
            line=1,
        )
    lines = _item_lines(text, is_page)
    aids = [
        _json_aid(item, i, line, name)
        for i, (item, line) in enumerate(zip(items, lines, strict=True), 1)
    ]
    return aids, notes
