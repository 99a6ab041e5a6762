from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Span
from marsad.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات البلدة. وقتل ثلاثة.", ["قصفت الطائرات البلدة.", "وقتل ثلاثة."]),
        ("عنوان\n\nفقرة أولى ، ثم تتمة . فقرة ثانية", ["عنوان", "فقرة أولى ، ثم تتمة .", "فقرة ثانية"]),
        ("   ", []),
        ("", []),
        ("هل قتل أحد؟ نعم!\nثلاثة", ["هل قتل أحد؟", "نعم!", "ثلاثة"]),
        ("قتل 3.5 بالمئة... ثم انتهى.", ["قتل 3.5 بالمئة...", "ثم انتهى."]),
        ("نص . . بعده", ["نص .", ".", "بعده"]),
        ("سطر \t \nآخر\u00a0.\u00a0ثم", ["سطر", "آخر\u00a0.", "ثم"]),
        ("نهاية.", ["نهاية."]),
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


# The plain splitter split_sentences must agree with: find each boundary, trim each
# piece between two, cut an over-long piece at a comma near its middle.
_BOUNDARY = re.compile(r"[.!?؟](?=\s)|\n+")


def _reference(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        a, b = m.span()
        _reference_add(text, pos, a if text[a] == "\n" else b, spans)
        pos = b
    _reference_add(text, pos, len(text), spans)
    return spans


def _reference_add(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return
    start += len(piece) - len(piece.lstrip())
    end = start + len(kept)
    if end - start > 600:
        middle = start + (end - start) // 2
        best = None
        for m in re.finditer(r"[،,;؛]\s", text[start:end]):
            pos = start + m.end()
            if best is None or abs(pos - middle) < abs(best - middle):
                best = pos
        if best:
            _reference_add(text, start, best, spans)
            _reference_add(text, best, end, spans)
            return
    spans.append(Span(start, end, kept))


# Stops, every kind of blank str.isspace knows (line breaks of several kinds among
# them), commas, letters and digits; and long runs that need a soft cut.
_CHARS = list(".!?؟.,،;؛ \n\n\t\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000") + list("قتلوبه3a")
_PIECES = st.one_of(
    st.text(alphabet=st.sampled_from(_CHARS), max_size=30),
    st.sampled_from(["كلمة " * 70, "كلمة، " * 60, "جملة طويلة " * 40 + ". ", "\n\n"]),
)


@given(st.lists(_PIECES, max_size=12).map("".join))
@settings(max_examples=500, deadline=None)
def test_sentences_agree_with_the_plain_splitter(text):
    assert split_sentences(text) == _reference(text)
