from __future__ import annotations

import pytest

from marsad.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات البلدة. وقتل ثلاثة.", ["قصفت الطائرات البلدة.", "وقتل ثلاثة."]),
        ("عنوان\n\nفقرة أولى ، ثم تتمة . فقرة ثانية", ["عنوان", "فقرة أولى ، ثم تتمة .", "فقرة ثانية"]),
        ("   ", []),
    ],
)
def test_sentences_split_on_stops_and_lines(text, expected):
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_sentences_cut_overlong_runs_at_a_comma():
    text = "، ".join(["كلمة " * 30] * 6)
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(len(s.text) <= 600 for s in spans)
