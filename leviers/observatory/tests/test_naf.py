from leviers.observatory import naf


def test_naf_codes_have_labels_and_sections():
    label, section = naf.describe("88.10A")
    assert section == "Q"
    assert "aide à domicile" in label.lower()
    assert len(naf.codes()) == 732
    assert naf.sections()["O"] == "Administration publique"


def test_unknown_code_has_no_section():
    assert naf.describe("99.99Q") == ("", "")
