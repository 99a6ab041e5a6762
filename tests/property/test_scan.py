"""The fast scans find exactly what the plain regex scans find."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise.actors import _MILITARY_NOUN_RE, _NATIONALITY_RE, _ROLE_RE, _role_phrase
from marsad.recognise.places import _word_before
from marsad.recognise.unresolved import _NAMED_PLACE, _TYPE_WORD
from marsad.text.scan import finditer_near

# Pieces the patterns are made of, glued in any order, with and without spaces.
_PIECES = ["قوات", "طيران", "غارات", "سلاح الجو", "ال", "لل", "و", "ب", "ف", "ل", "روسي", "روسيه", "تركي",
           "ايراني", "ين", "ه", "حربيه", "حي", "قريه", "بلده", "مخيم", "مدينه", "القدم", "جوبر", "بليل",
           " ", " ", " ", "  ", ",", ".", "\n", "\t", "\u00a0", "\u2003", "x", "5", "٪"]
_ROLE_PIECES = ["عناصر", "من", "في", "احد", "القيادي", "مقاتلو", "مسلحي", "بارز", "ال", "و", "ب", " ", " ", "  ",
                '"', "«", "(", "-", "x", "داعش", "\n"]
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


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ROLE_PIECES), max_size=30).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_scan_role_phrase_is_the_search_of_its_window(text, lo, hi):
    lo, hi = sorted((min(lo, len(text)), min(hi, len(text))))
    found = _role_phrase(text, lo, hi)
    expected = _ROLE_RE.search(text, lo, hi)
    assert (found.span(), found.span("role")) == (expected.span(), expected.span("role")) if expected else found is None
