"""Folding a long text by replacing its folding characters equals translating it
character by character."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalise import _TABLE, _fold_long, fold

# Arabic with its marks and presentation forms, digits, Latin, and anything else.
_CHARS = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(),
)


@settings(max_examples=300, deadline=None)
@given(st.text(_CHARS, max_size=600))
def test_fold_long_texts_fold_like_short_ones(text):
    assert _fold_long(text) == text.translate(_TABLE)
    assert fold(text) == text.translate(_TABLE)


def test_fold_every_folded_character_is_already_folded():
    for code in range(0x10000):
        once = chr(code).translate(_TABLE)
        assert once.translate(_TABLE) == once

