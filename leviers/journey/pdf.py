"""The roadmap as an A4 PDF, made on the server without a browser (fpdf2, pure Python).

Text is set in DejaVu Sans when Debian's fonts-dejavu-core is installed (any Unicode
character), else in the PDF core font Helvetica, whose Latin-1 covers French once a few
typographic characters (œ, ’, …, —) are written plainly.

The document is first described as a list of blocks (cheap), then laid out (a few hundred
milliseconds). The bytes are kept in Django's cache under a digest of the blocks
(`cached_pdf`): a second download of an unchanged roadmap (or council report) on the same day
costs no layout, and any change to what the PDF shows (an edit, a verdict, the date printed)
gives another key.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from leviers.catalogue import vocabulary

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
MARKS = {True: "[oui]", False: "[non]", None: "[?]"}
MARKS_UNICODE = {True: "✓", False: "✗", None: "?"}
LATIN1_FALLBACKS = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "—": "-",
        "–": "-",
        "\u202f": " ",
        "✓": "[oui]",
        "✗": "[non]",
        "€": "EUR",
    }
)
# fontTools logs every glyph of the subset at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)
GREEN = (29, 95, 58)
MUTED = (82, 82, 82)
# A row of the steps table must fit on one page (fpdf2 cannot split a row): a cell keeps at most
# this many lines as written and this many characters (the edit form allows 500 in the
# longest), which is under half a page in its narrowest column.
CELL_MAX_LINES = 8
CELL_MAX_CHARS = 600
# Kept in the cache for a day at most (the PDF prints the date); a larger PDF is not kept.
CACHE_SECONDS = 24 * 3600
CACHE_MAX_BYTES = 1_000_000
BLANK_LINES = re.compile(r"\n\s*\n")


def plain_text(value: object) -> str:
    """Text as a paragraph shows it: no trailing spaces, a run of blank lines kept as one."""
    text = "\n".join(line.rstrip() for line in str(value).strip().splitlines())
    return BLANK_LINES.sub("\n\n", text)


def cell_text(value: object) -> str:
    """Text as a table cell shows it: no blank line, at most CELL_MAX_LINES lines (the rest
    joined by spaces into the last) and CELL_MAX_CHARS characters."""
    lines = [line.strip() for line in str(value).splitlines() if line.strip()]
    if len(lines) > CELL_MAX_LINES:
        lines[CELL_MAX_LINES - 1 :] = [" ".join(lines[CELL_MAX_LINES - 1 :])]
    text = "\n".join(lines)
    return text if len(text) <= CELL_MAX_CHARS else text[: CELL_MAX_CHARS - 1] + "…"


def unicode_font_installed() -> bool:
    return (DEJAVU / "DejaVuSans.ttf").is_file()


# The blocks a roadmap PDF is made of, in order.


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = 13


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float = 10
    bold: bool = False
    indent: float = 0


@dataclass(frozen=True)
class Space:
    height: float


@dataclass(frozen=True)
class StepsTable:
    rows: tuple[tuple[str, str, str, str], ...]  # name, next step, contact, deadline


# The PDF document title (its metadata) of a roadmap, the default of every PDF laid out here.
ROADMAP_TITLE = "Feuille de route"


class RoadmapPDF(FPDF):
    def __init__(self, share_url: str, title: str = ROADMAP_TITLE):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.share_url = share_url
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.unicode_font = unicode_font_installed()
        if self.unicode_font:
            self.add_font("Leviers", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.add_font("Leviers", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
            self.text_font = "Leviers"
        else:
            self.text_font = "Helvetica"
        self.set_title(title)
        self.set_creator("Leviers")

    def text_of(self, value: object) -> str:
        text = str(value)
        if self.unicode_font:
            return text
        return text.translate(LATIN1_FALLBACKS).encode("latin-1", "replace").decode("latin-1")

    def footer(self):
        self.set_y(-13)
        self.set_font(self.text_font, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.text_of(f"{self.share_url}  ·  page {self.page_no()}/{{nb}}"))

    # Building blocks

    def heading(self, text: str, size: float = 13):
        self.ln(2)
        self.set_font(self.text_font, "B", size)
        self.set_text_color(*GREEN)
        self.multi_cell(
            0, size * 0.5, self.text_of(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def paragraph(self, text: str, size: float = 10, bold: bool = False, indent: float = 0):
        self.set_font(self.text_font, "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        width = self.w - self.r_margin - self.l_margin - indent
        self.multi_cell(
            width, size * 0.47, self.text_of(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def steps_table(self, rows: tuple[tuple[str, str, str, str], ...]):
        self.set_font(self.text_font, "", 9)
        with self.table(
            col_widths=(32, 38, 20, 14),
            text_align="LEFT",
            line_height=4.6,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 240, 233)),
        ) as table:
            header = table.row()
            for title in ("Levier ou aide", "Prochaine étape", "Contact", "Échéance"):
                header.cell(self.text_of(title))
            for row in rows:
                cells = table.row()
                for text in row:
                    cells.cell(self.text_of(text))

    def lay_out(self, blocks: list) -> bytes:
        self.add_page()
        for block in blocks:
            match block:
                case Heading(text, size):
                    self.heading(text, size)
                case Paragraph(text, size, bold, indent):
                    self.paragraph(text, size, bold, indent)
                case Space(height):
                    self.ln(height)
                case StepsTable(rows):
                    self.steps_table(rows)
        return bytes(self.output())


def cached_pdf(key: str, address: str, blocks: list, title: str = ROADMAP_TITLE) -> bytes:
    """`blocks` laid out by `RoadmapPDF(address, title)`, from Django's cache when the same
    blocks were laid out already: the cache key is `key` and a digest of everything the PDF
    shows (the address in its footer, the font, the blocks; the date printed is in the blocks)."""
    unicode_font = unicode_font_installed()
    digest = hashlib.sha256(repr((address, unicode_font, blocks)).encode())
    key = f"{key}:{digest.hexdigest()}"
    content = cache.get(key)
    if content is None:
        content = RoadmapPDF(address, title).lay_out(blocks)
        if len(content) <= CACHE_MAX_BYTES:
            cache.set(key, content, CACHE_SECONDS)
    return content


def roadmap_pdf(context: dict) -> bytes:
    """The PDF of `context` (views.roadmap_context), from the cache when it was made already."""
    blocks = roadmap_blocks(context, unicode_font_installed())
    roadmap = context["roadmap"]
    key = f"leviers-roadmap-pdf:{roadmap.pk}:{roadmap.updated_at.timestamp()}"
    return cached_pdf(key, context["share_url"], blocks)


def _reasons(rows: list, marks: dict, indent: float = 4) -> list[Paragraph]:
    """Paragraphs for views.reason_rows."""
    blocks = []
    for row in rows:
        suffix = " (d'après votre réponse)" if row.answered else ""
        blocks.append(Paragraph(f"{marks[row.met]} {row.text}{suffix}", 9, indent=indent))
        if row.details:
            blocks += _reasons(row.details, marks, indent + 5)
    return blocks


def roadmap_blocks(context: dict, unicode_font: bool) -> list:
    """What the print layout shows, as blocks to lay out."""
    roadmap = context["roadmap"]
    marks = MARKS_UNICODE if unicode_font else MARKS
    blocks: list = [Heading(plain_text(roadmap.title), size=17)]
    territory = (
        f"Commune de {roadmap.commune.name} ({roadmap.commune.department.name}, "
        f"{roadmap.commune.department_id})"
        if roadmap.commune_id
        else roadmap.epci.name
    )
    created = date_format(timezone.localtime(roadmap.created_at), "j F Y")
    today = date_format(timezone.localdate(), "j F Y")
    blocks.append(Paragraph(f"{territory} · créée le {created} · imprimée le {today}"))
    needs = ", ".join(vocabulary.label(vocabulary.NEEDS, n) for n in roadmap.needs)
    blocks.append(Paragraph(f"Besoins : {needs or 'aucun précisé'}"))
    if roadmap.beneficiary:
        holder = vocabulary.label(vocabulary.BENEFICIARIES, roadmap.beneficiary)
        blocks.append(Paragraph(f"Porteur : {holder}"))
    if roadmap.stage:
        blocks.append(Paragraph(f"Étape : {vocabulary.label(vocabulary.STAGES, roadmap.stage)}"))
    if roadmap.text:
        blocks.append(Paragraph(f"En quelques mots : {plain_text(roadmap.text)}"))
    for answer in context["answered"]:
        blocks.append(Paragraph(f"{answer['text']} {'Oui' if answer['yes'] else 'Non'}", 9))

    blocks.append(Heading("Prochaines étapes"))
    if context["steps"]:
        rows = []
        for row in context["steps"]:
            item = row["item"]
            deadline = date_format(item.deadline, "j F Y") if item.deadline else ""
            cells = (item.name, item.next_step, item.contact, deadline)
            rows.append(tuple(cell_text(cell) or "-" for cell in cells))
        blocks.append(StepsTable(tuple(rows)))
    else:
        blocks.append(Paragraph("Aucune prochaine étape n'est encore inscrite."))

    if context["levers"]:
        blocks.append(Heading(f"Leviers retenus ({len(context['levers'])})"))
        for row in context["levers"]:
            item = row["item"]
            blocks.append(Paragraph(item.name, 11, bold=True))
            if item.lever.summary:
                blocks.append(Paragraph(plain_text(item.lever.summary), 9))
            if item.notes:
                blocks.append(Paragraph(f"Notes : {plain_text(item.notes)}", 9))
            blocks.append(Space(1.5))

    if context["schemes"]:
        blocks.append(Heading(f"Aides et accompagnements retenus ({len(context['schemes'])})"))
        if context["problem"]:
            blocks.append(Paragraph(context["problem"], 9))
        for row in context["schemes"]:
            item = row["item"]
            blocks.append(Paragraph(item.name, 11, bold=True))
            if row["verdict"]:
                blocks.append(Paragraph(f"Verdict : {row['label']} — {item.scheme.operator}", 9))
            blocks += _reasons(row["reasons"], marks)
            if item.notes:
                blocks.append(Paragraph(f"Notes : {plain_text(item.notes)}", 9))
            if item.scheme.url:
                blocks.append(Paragraph(f"Page officielle : {item.scheme.url}", 8))
            blocks.append(Space(1.5))

    blocks.append(Heading("Sources"))
    for source in context["sources"]:
        title = source["title"]
        blocks.append(Paragraph(f"{title} — {source['url']}" if title else source["url"], 8))
    blocks.append(
        Paragraph(
            f"Verdicts d'éligibilité calculés par Leviers le {today} d'après le catalogue et les "
            "données publiques (INSEE, ANCT).",
            8,
        )
    )
    blocks.append(Space(2))
    blocks.append(
        Paragraph(f"Lien de cette feuille de route (lecture seule) : {context['share_url']}", 9)
    )
    return blocks
