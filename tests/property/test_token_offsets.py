"""Token offsets worked out from running lengths are the regex's own spans."""
from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise import quantities
from marsad.recognise.dates import _TOK_GAP, _Ends
from marsad.text.normalise import normalise

_CHARS = st.one_of(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), st.characters())


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, max_size=200), st.lists(st.integers(min_value=0, max_value=400), max_size=12))
def test_date_token_ends_asked_in_any_order_are_the_running_lengths(text, asked):
    pairs = _TOK_GAP.findall(text)
    expected = list(accumulate(len(g) + len(t) for g, t in pairs))
    ends = _Ends(pairs)
    for k in asked:
        if k < len(pairs):
            assert ends.at(k) == expected[k]


@settings(max_examples=300, deadline=None)
@given(st.text(_CHARS, max_size=300))
def test_number_reader_token_spans_are_the_token_pattern_spans(text):
    norm = normalise(text)
    spans, toks = quantities.tokens(norm)
    expected = [m.span() for m in quantities._TOKEN.finditer(norm.text)]
    assert list(spans) == expected
    assert toks == [norm.text[a:b] for a, b in expected]
