from leviers.catalogue.templatetags.catalogue import paragraphs


def test_hard_wrapped_text_reads_as_paragraphs():
    text = "Un service gratuit\npour les communes.\n\nDeux étapes :\n- appeler\n- écrire <b>"
    assert paragraphs(text) == (
        "<p>Un service gratuit pour les communes.</p>\n"
        "<p>Deux étapes :<br>- appeler<br>- écrire &lt;b&gt;</p>"
    )
