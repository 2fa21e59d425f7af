"""The certificate of completion of a path, as a PDF made on the server by fpdf2: the person's
name, the path, its modules and the day it was completed. Fonts as the rota poster
(rotas/poster.py): only the PDF core font Helvetica, which every reader has, with French written
in Latin-1; DejaVu (as the roadmap's PDF) took about a second to embed. Nothing is fetched."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from leviers.journey.pdf import LATIN1_FALLBACKS

GREEN = (29, 95, 58)
MUTED = (82, 82, 82)


class _Certificate(FPDF):
    def __init__(self):
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=15)
        self.family = "Helvetica"

    def text_of(self, value: str) -> str:
        return value.translate(LATIN1_FALLBACKS).encode("latin-1", "replace").decode("latin-1")

    def centred(self, text: str, size: float, *, bold: bool = False, color=(0, 0, 0), gap=4.0):
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(
            self.epw,
            size * 0.5,
            self.text_of(text),
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(gap)


def certificate_pdf(
    *, name: str, path_title: str, modules: list[str], completed_on: str, address: str
) -> bytes:
    pdf = _Certificate()
    pdf.set_title(pdf.text_of(f"Attestation - {path_title}"))
    pdf.set_creator("Leviers")
    pdf.add_page()
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.ln(6)
    pdf.centred("Attestation de suivi", 28, bold=True, color=GREEN, gap=8)
    pdf.centred("Leviers atteste que", 13, color=MUTED)
    pdf.centred(name, 22, bold=True, gap=6)
    pdf.centred("a suivi le parcours de formation", 13, color=MUTED)
    pdf.centred(f"« {path_title} »", 18, bold=True, gap=5)
    pdf.centred(
        f"et réussi l'auto-évaluation de ses {len(modules)} modules : " + ", ".join(modules) + ".",
        11,
        gap=6,
    )
    pdf.centred(f"Parcours terminé le {completed_on}.", 13, bold=True, gap=8)
    pdf.centred(
        "Auto-formation en ligne, sans examen surveillé : cette attestation dit ce que la "
        f"personne a suivi, elle ne vaut pas diplôme. Parcours : {address}",
        9,
        color=MUTED,
        gap=0,
    )
    return bytes(pdf.output())
