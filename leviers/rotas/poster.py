"""The printable poster of a series: its title, place and every date with its association, on
A4 or A3, as a PDF made on the server by fpdf2.

Only the PDF core fonts that every reader has (Helvetica): no font file is shipped or fetched.
Their Latin-1 covers French once a few typographic characters are written plainly.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from leviers.core.text import MONTH_NAMES, WEEKDAY_NAMES

FORMATS = ("A4", "A3")
LATIN1 = str.maketrans(
    {"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "—": "-"}
    | {"–": "-", "\u202f": " ", "€": "EUR"}
)
GREEN = (29, 95, 58)
MUTED = (82, 82, 82)


def latin1(text: str) -> str:
    return text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


def poster(series, slots, *, paper: str = "A4") -> bytes:
    """The poster of `series` with its `slots` (not cancelled, in order)."""
    scale = 1.41 if paper == "A3" else 1.0
    pdf = FPDF(format=paper)
    pdf.set_title(latin1(series.title))
    pdf.set_creator("Leviers")
    pdf.set_margins(18 * scale, 18 * scale)
    pdf.set_auto_page_break(True, margin=18 * scale)
    pdf.add_page()
    width = pdf.epw
    pdf.set_text_color(*GREEN)
    pdf.set_font("Helvetica", "B", 30 * scale)
    pdf.multi_cell(width, 13 * scale, latin1(series.title), align="C")
    pdf.set_text_color(*MUTED)
    pdf.set_font("Helvetica", "", 14 * scale)
    subtitle = series.project.title
    if series.place:
        subtitle = f"{series.place} - {subtitle}"
    pdf.multi_cell(width, 8 * scale, latin1(subtitle), align="C")
    pdf.ln(6 * scale)
    if series.description:
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "", 12 * scale)
        pdf.multi_cell(width, 6 * scale, latin1(series.description), align="C")
        pdf.ln(4 * scale)
    pdf.set_text_color(0, 0, 0)
    row = 10 * scale
    for slot in slots:
        start, end = slot.local_start, slot.local_end
        day = f"{WEEKDAY_NAMES[start.weekday()].capitalize()} {start.day}"
        day += f" {MONTH_NAMES[start.month - 1]} {start.year}"
        hours = f"{start.hour} h {start.minute:02d} - {end.hour} h {end.minute:02d}"
        pdf.set_font("Helvetica", "B", 14 * scale)
        pdf.cell(width * 0.42, row, latin1(day), border="B")
        pdf.set_font("Helvetica", "", 12 * scale)
        pdf.cell(width * 0.22, row, latin1(hours), border="B")
        holder = slot.holder if series.is_associations else ""
        if series.is_associations and not holder:
            holder = "à venir"
        pdf.set_font("Helvetica", "B" if slot.holder else "I", 13 * scale)
        pdf.cell(width * 0.36, row, latin1(holder), border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6 * scale)
    pdf.set_font("Helvetica", "I", 10 * scale)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(width, 5 * scale, latin1(f"Programme de {series.describe()}."), align="C")
    return bytes(pdf.output())
