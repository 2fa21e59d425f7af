"""The roadmap as an A4 PDF, made on the server without a browser (fpdf2, pure Python).

Text is set in DejaVu Sans when Debian's fonts-dejavu-core is installed (any Unicode
character), else in the PDF core font Helvetica, whose Latin-1 covers French once a few
typographic characters (œ, ’, …, —) are written plainly.
"""

from __future__ import annotations

import logging
from pathlib import Path

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


class RoadmapPDF(FPDF):
    def __init__(self, share_url: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.share_url = share_url
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.unicode_font = (DEJAVU / "DejaVuSans.ttf").is_file()
        if self.unicode_font:
            self.add_font("Leviers", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.add_font("Leviers", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
            self.text_font = "Leviers"
        else:
            self.text_font = "Helvetica"
        self.set_title("Feuille de route")
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

    def reasons(self, rows: list[dict], indent: float = 4):
        marks = MARKS_UNICODE if self.unicode_font else MARKS
        for row in rows:
            suffix = " (d'après votre réponse)" if row["answered"] else ""
            self.paragraph(f"{marks[row['met']]} {row['text']}{suffix}", size=9, indent=indent)
            if row["details"]:
                self.reasons(row["details"], indent + 5)


def roadmap_pdf(context: dict) -> bytes:
    """The PDF of `context` (views.roadmap_context): what the print layout shows."""
    roadmap = context["roadmap"]
    pdf = RoadmapPDF(context["share_url"])
    pdf.add_page()
    pdf.heading(roadmap.title, size=17)
    territory = (
        f"Commune de {roadmap.commune.name} ({roadmap.commune.department.name}, "
        f"{roadmap.commune.department_id})"
        if roadmap.commune_id
        else roadmap.epci.name
    )
    created = date_format(timezone.localtime(roadmap.created_at), "j F Y")
    today = date_format(timezone.localdate(), "j F Y")
    pdf.paragraph(f"{territory} · créée le {created} · imprimée le {today}", size=10)
    needs = ", ".join(vocabulary.label(vocabulary.NEEDS, n) for n in roadmap.needs)
    pdf.paragraph(f"Besoins : {needs or 'aucun précisé'}", size=10)
    if roadmap.beneficiary:
        holder = vocabulary.label(vocabulary.BENEFICIARIES, roadmap.beneficiary)
        pdf.paragraph(f"Porteur : {holder}", size=10)
    if roadmap.stage:
        pdf.paragraph(f"Étape : {vocabulary.label(vocabulary.STAGES, roadmap.stage)}", size=10)
    for answer in context["answered"]:
        pdf.paragraph(f"{answer['text']} {'Oui' if answer['yes'] else 'Non'}", size=9)

    pdf.heading("Prochaines étapes")
    if context["steps"]:
        pdf.set_font(pdf.text_font, "", 9)
        with pdf.table(
            col_widths=(32, 38, 20, 14),
            text_align="LEFT",
            line_height=4.6,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 240, 233)),
        ) as table:
            header = table.row()
            for title in ("Levier ou aide", "Prochaine étape", "Contact", "Échéance"):
                header.cell(pdf.text_of(title))
            for row in context["steps"]:
                item = row["item"]
                cells = table.row()
                cells.cell(pdf.text_of(item.name))
                cells.cell(pdf.text_of(item.next_step or "-"))
                cells.cell(pdf.text_of(item.contact or "-"))
                cells.cell(
                    pdf.text_of(date_format(item.deadline, "j F Y") if item.deadline else "-")
                )
    else:
        pdf.paragraph("Aucune prochaine étape n'est encore inscrite.")

    if context["levers"]:
        pdf.heading(f"Leviers retenus ({len(context['levers'])})")
        for row in context["levers"]:
            item = row["item"]
            pdf.paragraph(item.name, size=11, bold=True)
            if item.lever.summary:
                pdf.paragraph(item.lever.summary, size=9)
            if item.notes:
                pdf.paragraph(f"Notes : {item.notes}", size=9)
            pdf.ln(1.5)

    if context["schemes"]:
        pdf.heading(f"Aides et accompagnements retenus ({len(context['schemes'])})")
        if context["problem"]:
            pdf.paragraph(context["problem"], size=9)
        for row in context["schemes"]:
            item = row["item"]
            pdf.paragraph(item.name, size=11, bold=True)
            if row["verdict"]:
                pdf.paragraph(f"Verdict : {row['label']} — {item.scheme.operator}", size=9)
            pdf.reasons(row["reasons"])
            if item.notes:
                pdf.paragraph(f"Notes : {item.notes}", size=9)
            if item.scheme.url:
                pdf.paragraph(f"Page officielle : {item.scheme.url}", size=8)
            pdf.ln(1.5)

    pdf.heading("Sources")
    for source in context["sources"]:
        title = source["title"]
        pdf.paragraph(f"{title} — {source['url']}" if title else source["url"], size=8)
    pdf.paragraph(
        f"Verdicts d'éligibilité calculés par Leviers le {today} d'après le catalogue et les "
        "données publiques (INSEE, ANCT).",
        size=8,
    )
    pdf.ln(2)
    pdf.paragraph(f"Lien de cette feuille de route (lecture seule) : {context['share_url']}", 9)
    return bytes(pdf.output())
