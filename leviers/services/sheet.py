"""The « Qui appeler » sheet of a commune: one page, large print, the numbers to call, nearest
first. `sheet(commune)` gathers it (the HTML page and the PDF read the same); `pdf(...)` draws
it with fpdf2's core fonts (no font file), like rotas/poster.py."""

from __future__ import annotations

from dataclasses import dataclass

from leviers.services.phones import readable
from leviers.services.search import search
from leviers.territories.models import TownHall

PER_THEME = 2
NATIONAL = (
    ("Urgence médicale (SAMU)", "15"),
    ("Numéro d'urgence européen", "112"),
    ("Maltraitance des personnes âgées ou handicapées", "3977"),
)
LATIN1 = str.maketrans(
    {"œ": "oe", "Œ": "OE", "’": "'", "«": '"', "»": '"', "…": "...", "—": "-", "–": "-"}
    | {"\u202f": " ", "\xa0": " ", "€": "EUR"}
)


def latin1(text: str) -> str:
    return text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class Line:
    label: str
    who: str
    phone: str
    distance: float | None = None


@dataclass(frozen=True)
class Sheet:
    commune: object
    town_hall: Line | None
    lines: list[Line]
    national: list[Line]
    distance: int


def sheet(commune, distance: int = 30) -> Sheet:
    hall = TownHall.objects.filter(commune=commune).first()
    town_hall = (
        Line("Mairie", f"Mairie de {commune.name}", hall.phone) if hall and hall.phone else None
    )
    directory = search(commune, None, distance)
    lines, listed = [], set()
    # A service is listed once, under the first theme it answers: on paper, the nearest
    # data·inclusion thématique would repeat an aide à domicile under « Téléassistance ».
    for theme, found in directory.by_theme():
        fresh = [e for e in found if e.item.contact_phone and e.item.pk not in listed]
        for entry in fresh[:PER_THEME]:
            listed.add(entry.item.pk)
            service = entry.item
            lines.append(
                Line(
                    theme.label,
                    f"{service.structure.name} - {service.name}",
                    service.contact_phone,
                    entry.distance,
                )
            )
    if not any(line.label.startswith("France Services") for line in lines):
        for entry in [e for e in directory.france_services if e.item.phone][:PER_THEME]:
            lines.append(
                Line(
                    "France Services, aide aux démarches",
                    entry.item.name,
                    entry.item.phone,
                    entry.distance,
                )
            )
    national = [Line(label, "", number) for label, number in NATIONAL]
    return Sheet(commune, town_hall, lines, national, distance)


def pdf(data: Sheet) -> bytes:
    # Imported with the PDF, not with the page: fpdf2 (numpy, fontTools) is a third of a second
    # at every process start.
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    document = FPDF(format="A4")
    document.set_title(latin1(f"Qui appeler - {data.commune.name}"))
    document.set_creator("Leviers")
    document.set_margins(15, 12)
    document.set_auto_page_break(True, margin=12)
    document.add_page()
    width = document.epw
    document.set_font("Helvetica", "B", 26)
    document.multi_cell(width, 12, latin1(f"Qui appeler à {data.commune.name} ?"), align="C")
    document.ln(3)
    rows = ([data.town_hall] if data.town_hall else []) + data.lines + data.national
    size = 15 if len(rows) <= 12 else 12
    for line in rows:
        document.set_font("Helvetica", "B", size)
        document.cell(
            width * 0.62, size * 0.5, latin1(line.label), new_x=XPos.RIGHT, new_y=YPos.TOP
        )
        document.set_font("Helvetica", "B", size + 3)
        document.cell(
            width * 0.38,
            size * 0.5,
            latin1(readable(line.phone)),
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if line.who:
            document.set_font("Helvetica", "", size - 3)
            where = f" ({line.distance:.0f} km)" if line.distance else ""
            document.multi_cell(width, size * 0.42, latin1(line.who + where), border="B")
        else:
            document.cell(width, 1, "", border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        document.ln(1.5)
    document.ln(2)
    document.set_font("Helvetica", "I", 10)
    document.multi_cell(
        width,
        5,
        latin1(
            f"Services à moins de {data.distance} km, les plus proches d'abord. Annuaire "
            "Leviers : vérifiez les horaires avant de vous déplacer."
        ),
        align="C",
    )
    return bytes(document.output())
