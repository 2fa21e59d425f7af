"""The roadmap PDF: any text the edit form accepts lays out, and a second download is cached."""

import pytest

from leviers.journey import pdf
from leviers.journey.models import Roadmap

pytestmark = pytest.mark.django_db

SITUATION = {
    "commune": "53180",
    "besoin": ["commerce"],
    "porteur": "commune",
    "etape": "emergence",
    "levier": ["cafe-associatif"],
    "dispositif": ["rural-consult"],
}


@pytest.fixture
def roadmap(client, shipped_catalogue) -> Roadmap:
    client.post("/projets/feuilles-de-route/", SITUATION)
    return Roadmap.objects.get()


@pytest.fixture
def layouts(monkeypatch) -> list:
    """The roadmaps laid out by fpdf2 (the costly part), one entry per layout."""
    made = []
    lay_out = pdf.RoadmapPDF.lay_out

    def counting(self, blocks):
        made.append(blocks)
        return lay_out(self, blocks)

    monkeypatch.setattr(pdf.RoadmapPDF, "lay_out", counting)
    return made


@pytest.mark.parametrize(
    "next_step",
    [
        "\n" * 250,
        "Appeler\n" * 60,  # 480 characters the edit form accepts, one line each
        "\n\n".join(["Réunir le conseil municipal"] * 17),
        "x" * 500,  # one unbreakable word
    ],
    ids=["blank-lines", "short-lines", "paragraphs", "one-word"],
)
def test_a_next_step_of_many_lines_still_gives_a_pdf(client, roadmap, next_step):
    # The longest contact (200 characters) and notes (1,000) the fields hold, all line breaks.
    roadmap.items.update(next_step=next_step, contact="Mairie\n" * 28, notes="\n" * 1000)
    response = client.get(roadmap.get_pdf_url())
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_a_cell_keeps_its_text_within_a_bounded_number_of_lines():
    text = pdf.cell_text("Appeler\n\n\n" * 60)
    assert text.count("\n") == pdf.CELL_MAX_LINES - 1
    assert text.split() == ["Appeler"] * 60


def test_a_paragraph_keeps_one_blank_line_of_a_run():
    assert pdf.plain_text("Relancer\n\n\n\n  \nla CAF  \n") == "Relancer\n\nla CAF"


def test_a_second_download_is_served_from_the_cache(client, roadmap, layouts):
    first = client.get(roadmap.get_pdf_url())
    second = client.get(roadmap.get_pdf_url())
    assert second.status_code == 200
    assert second.content == first.content
    assert len(layouts) == 1


def test_an_edited_roadmap_is_laid_out_again(client, roadmap, layouts):
    client.get(roadmap.get_pdf_url())
    roadmap.items.filter(position=1).update(next_step="Réunir le conseil")
    response = client.get(roadmap.get_pdf_url())
    assert response.content.startswith(b"%PDF-")
    assert len(layouts) == 2


def test_a_pdf_over_the_size_bound_is_not_cached(client, roadmap, layouts, monkeypatch):
    monkeypatch.setattr(pdf, "CACHE_MAX_BYTES", 100)
    client.get(roadmap.get_pdf_url())
    client.get(roadmap.get_pdf_url())
    assert len(layouts) == 2
