"""The claimant reader finds cues and curated names among the tokens exactly where
the plain regexes over the whole text found them (kept here as the reference)."""
from __future__ import annotations

import re
from bisect import bisect_left

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise import claimants as C
from marsad.recognise.quantities import _ARABIC, token_bounds
from marsad.text.scan import trie_pattern
from marsad.text.normalise import normalise

_CUES = C._cues()
_STEMS = (set(_CUES.preps) | _CUES.verbs | _CUES.verbs_an | _CUES.heads | _CUES.heads_q
          | set(_CUES.source_nouns) | _CUES.spokesmen)
_PLAIN_CUE = re.compile(r"\b(?:" + trie_pattern(C._clitic_forms(_STEMS)) + r")\b")


def plain_find_claimants(text: str) -> list:
    """``find_claimants`` as it read with a regex pass for cues and one for names."""
    norm = normalise(text)
    nt = norm.text
    _, source_re, _, names, _ = C._triggers()
    cands: list = []
    scan = None
    for m in _PLAIN_CUE.finditer(nt):
        if scan is None:
            scan = C._Scan(text, norm, cands)
        i = bisect_left(scan.starts, m.start())
        if i < scan.n:
            scan.read(i)
    for m in source_re.finditer(nt):
        hit = names.get(C._SEPARATORS.sub(" ", m.group("s")))
        if hit is None:
            continue
        term, doubled = hit
        cands.append(C._Cand(m.start("s") - doubled, m.end("s"), term, 0.75, fixed=True))
    return C._resolve(text, norm, cands)


# Cue spellings (with their clitics), curated names as the cue file writes them, the
# words that follow a cue, and what may touch a word: quotes, digits, Latin, tatweel, _.
_WORDS = st.sampled_from(
    sorted(C._clitic_forms(_STEMS)) + list(_CUES.sources)
    + ["مصادر", "محلية", "مصدر", "عسكري", "ناشطون", "المتحدث باسم", "الجيش", "وكالة", "سانا",
       "إن", "أن", "عن", "ل", "لل", "و", "ما", "المصدر", "نفسه", "الوكالة", "قتل", "ثلاثة"]
)
_GLUE = st.sampled_from(list(" \n:،.\"'«»“”()[]-_5aـًَ") + [" ", " ", " ", "  ", " \" ", " « "])
_TEXTS = st.lists(st.one_of(_WORDS, _GLUE), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_claimants_fast_reading_is_the_plain_reading(text):
    assert C.find_claimants(text) == plain_find_claimants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_claimants_fast_reading_is_the_plain_reading_on_any_text(text):
    assert C.find_claimants(text) == plain_find_claimants(text)


@pytest.mark.parametrize("text", [
    "وقالت وكالة سانا إن و قالـ مصادر و_قال مصادر وقال5 مصادر",
    "بحسب المرصد السوري لحقوق الإنسان وللمرصد السوري لحقوق الإنسان فالمرصد السوري لحقوق الإنسان",
    "وذكرت «سانا» نقلا عن مصدر عسكري أن ، وأضاف المصدر نفسه",
])
def test_claimants_fast_reading_is_the_plain_reading_on_hard_cases(text):
    assert C.find_claimants(text) == plain_find_claimants(text)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_claimants_fast_names_are_where_the_plain_regex_finds_them(text):
    norm = normalise(text)
    starts, _, toks = token_bounds(norm)
    source_re = C._triggers()[1]
    every = list(range(len(toks)))
    found = C._curated_names(norm.text, starts, toks, every)
    assert [m.span() for m in found] == [m.span() for m in source_re.finditer(norm.text)]


@pytest.mark.parametrize("text, spans", [
    ("وذكرت د ب ا ف ب أن", [(6, 11)]),  # "ا ف ب" starts inside "د ب ا": the first wins
    ("ولسانا وللمرصد السوري لحقوق الإنسان", [(0, 6), (7, 35)]),  # clitics before a name
])
def test_claimants_fast_names_found_on_hard_cases(text, spans):
    norm = normalise(text)
    starts, _, toks = token_bounds(norm)
    found = C._curated_names(norm.text, starts, toks, list(range(len(toks))))
    assert [m.span() for m in found] == spans


def test_claimants_fast_cues_and_names_are_letter_words():
    # a cue or a name's first word is found by a set look-up only if it is one whole token
    letters = re.compile(_ARABIC + "+")
    cue_words, _, name_firsts, names, _ = C._triggers()
    assert all(letters.fullmatch(w) for w in cue_words | name_firsts)
    assert all(letters.fullmatch(w) for name in names for w in name.split())
