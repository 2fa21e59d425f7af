"""RFC 5545 content lines written as text: folding (the feeds read them back whole)."""

import pytest

from leviers.core import ical


@pytest.mark.parametrize("escape", [",", ";", "n", "\\"])
def test_folding_keeps_characters_and_escapes_whole(escape):
    for start, pad in [(s, p) for s in ("", "é") for p in range(60, 70)]:
        line = "SUMMARY:" + start + "a" * pad + "\\" + escape + "é" * 60
        folded = ical.fold(line)
        physical = folded.split("\r\n")
        assert all(len(part.encode()) <= 75 for part in physical)
        assert all(part.startswith(" ") for part in physical[1:])
        assert all(not part.endswith("\\") or part.endswith("\\\\") for part in physical)
        assert folded.replace("\r\n ", "") == line


def test_a_short_line_is_not_folded():
    assert ical.fold("UID:abc@leviers.example") == "UID:abc@leviers.example"
