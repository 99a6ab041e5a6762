"""The normalised view always maps back to the exact original characters."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.matcher import PhraseMatcher
from marsad.text.normalise import fold, normalise

ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآىةئؤء" "ًٌٍَُِّْ" "ـ" "٠١٢٣٤٥٦٧٨٩۰۱۲" " ،.\n") + ["ﻻ", "A", "b", "7"]),
    max_size=200,
)


@given(ARABIC)
@settings(max_examples=300)
def test_normalise_source_map_points_at_kept_characters(text):
    norm = normalise(text)
    assert len(norm.source) == len(norm.text)
    assert list(norm.source) == sorted(set(norm.source))
    for i, ch in enumerate(norm.text):
        assert fold(text[norm.source[i]]) == ch


@given(ARABIC, st.integers(0, 200), st.integers(0, 200))
@settings(max_examples=300)
def test_normalise_to_original_covers_the_normalised_span(text, a, b):
    norm = normalise(text)
    a, b = sorted((min(a, len(norm.text)), min(b, len(norm.text))))
    start, end = norm.to_original(a, b)
    assert 0 <= start <= end <= len(text)
    assert fold(text[start:end]) == norm.text[a:b]


@given(st.one_of(ARABIC, st.text(max_size=300)), st.integers(0, 320), st.integers(0, 320))
@settings(max_examples=300)
def test_normalise_folded_slice_is_the_fold_of_the_original_slice(text, a, b):
    assert normalise(text).folded(a, b) == fold(text[a:b])


@given(ARABIC)
@settings(max_examples=200)
def test_normalise_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@given(ARABIC, st.sampled_from(["دمشق", "حي القدم", "داعش", "قوات النظام"]))
@settings(max_examples=200)
def test_matcher_matches_are_exact_slices_of_the_original(text, term):
    matcher = PhraseMatcher([(term, term)])
    for m in matcher.find(text + " " + term + " " + text):
        full = text + " " + term + " " + text
        assert full[m.start:m.end] == m.text
