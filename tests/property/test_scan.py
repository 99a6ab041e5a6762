"""The fast scans find exactly what the plain regex scans find."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise.actors import _MILITARY_NOUN_RE, _NATIONALITY_RE
from marsad.recognise.places import _word_before
from marsad.recognise.unresolved import _NAMED_PLACE, _TYPE_WORD
from marsad.text.scan import finditer_near

# Pieces the patterns are made of, glued in any order, with and without spaces.
_PIECES = ["قوات", "طيران", "غارات", "سلاح الجو", "ال", "لل", "و", "ب", "ف", "ل", "روسي", "روسيه", "تركي",
           "ايراني", "ين", "ه", "حربيه", "حي", "قريه", "بلده", "مخيم", "مدينه", "القدم", "جوبر", "بليل",
           " ", " ", " ", "  ", ",", ".", "\n", "\t", "\u00a0", "\u2003", "x", "5", "٪"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_scan_nationality_phrases_match_the_plain_scan(text):
    fast = finditer_near(_NATIONALITY_RE, _MILITARY_NOUN_RE, 3, text)
    assert [m.span() for m in fast] == [m.span() for m in _NATIONALITY_RE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_scan_named_places_match_the_plain_scan(text):
    fast = finditer_near(_NAMED_PLACE, _TYPE_WORD, 1, text)
    assert [m.span() for m in fast] == [m.span() for m in _NAMED_PLACE.finditer(text)]


_WORD_BEFORE = re.compile(r"(\S+)\s*$")


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=50))
def test_scan_word_before_a_place_is_the_last_word_of_the_window(text, pos, reach):
    pos = min(pos, len(text))
    m = _WORD_BEFORE.search(text, max(0, pos - reach), pos)
    assert _word_before(text, pos, reach) == ((m.start(1), m.group(1)) if m else None)

