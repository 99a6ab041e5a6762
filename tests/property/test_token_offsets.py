"""Token offsets worked out from running lengths are the regex's own spans."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise import quantities
from marsad.recognise.dates import _TOK_SPLIT, _TRIGGERS_CLITIC, _Ends, _start_indexes
from marsad.text.normalise import normalise

_CHARS = st.one_of(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), st.characters())


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, max_size=200), st.lists(st.integers(min_value=0, max_value=400), max_size=12))
def test_date_token_ends_asked_in_any_order_are_the_token_pattern_spans(text, asked):
    parts = _TOK_SPLIT.split(text)
    found = list(_TOKEN_PATTERN.finditer(text))
    assert parts[1::2] == [m.group() for m in found]
    ends = _Ends(parts)
    for k in asked:
        if k < len(found):
            assert ends.at(k) == found[k].end()


# The date reader's token (a digit run, a letter run or one other mark), matched one by
# one: the reference the split is checked against.
_TOKEN_PATTERN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
_DIGIT_TEXT = st.text(st.sampled_from("0123456789٣१ امس"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(_CHARS, max_size=120), _DIGIT_TEXT))
def test_date_starts_are_trigger_words_and_numbers_of_one_two_or_four_digits(text):
    toks = _TOK_SPLIT.split(text)[1::2]
    expected = [k for k, t in enumerate(toks)
                if t in _TRIGGERS_CLITIC or (t[0] in "0123456789" and len(t) in (1, 2, 4))]
    assert _start_indexes(toks, text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(_CHARS, max_size=300))
def test_number_reader_token_spans_are_the_token_pattern_spans(text):
    norm = normalise(text)
    starts, ends, toks = quantities.token_bounds(norm)
    spans = list(zip(starts, ends))
    expected = [m.span() for m in quantities._TOKEN.finditer(norm.text)]
    assert list(spans) == expected
    assert toks == [norm.text[a:b] for a, b in expected]
