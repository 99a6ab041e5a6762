"""The number reader's fast paths read exactly what the plain patterns they replace read.

The references below are the plain versions: the token pattern tried alternative by
alternative, the trigger regex over the whole text, and the date/time and hedge tests
without their cheap pre-checks.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise import quantities as Q
from marsad.text.normalise import normalise
from marsad.text.scan import trie_pattern

_PLAIN_SPLIT = re.compile(f"({Q._TOKEN.pattern})")
_PLAIN_TRIGGER = re.compile(r"[0-9]+|\b(?:" + trie_pattern(Q._START_WORDS) + r")\b")


class _PlainScan(Q._Scan):
    """The rules with the plain date/time and hedge tests."""

    def in_date_or_time(self, i: int) -> bool:
        a = self.starts[i]
        for m in Q._DATE_TIME.finditer(self.norm.text, max(0, a - 24), a + 24):
            if m.start() <= a < m.end():
                return True
        return False

    def hedge(self, a: int, b: int, qualifier: str) -> tuple[int, int, str]:
        nt = self.norm.text
        vague = qualifier != "exact"
        m = Q._PREFIX.search(nt, max(0, a - 32), a)
        if m:
            a = m.start("q")
            if not vague:
                qualifier = Q._HEDGE[re.sub(r"\s+", " ", m.group("q"))]
        m = Q._SUFFIX.match(nt, b, b + 24)
        if m:
            b = m.end("q")
            if not vague:
                qualifier = Q._AFTER_HEDGE[re.sub(r"\s+", " ", m.group("q"))]
        elif not vague:
            m = Q._SUFFIX_AFTER_NOUN.match(nt, b, b + 48)
            if m:
                qualifier = Q._AFTER_HEDGE[re.sub(r"\s+", " ", m.group("q"))]
        return a, b, qualifier


def plain_find_quantities(text: str) -> list:
    """``find_quantities`` as it read before the fast paths."""
    norm = normalise(text)
    nt = norm.text
    out: list = []
    done = 0
    scan = None
    for m in _PLAIN_TRIGGER.finditer(nt):
        a = m.start()
        if a < done:
            continue
        if scan is None:
            scan = _PlainScan(text, norm, out)
        spans = list(zip(scan.starts, scan.ends))
        i = bisect_right(spans, (a, len(nt) + 1)) - 1
        if i < 0:
            continue
        j = scan.read(i)
        done = scan.ends[j - 1] if j > i else a + 1
    return out


# Pieces that make the hard cases likely: numbers with separators and decimals, dates
# and times, hedges, start words touching digits, Latin, tatweel, harakat or _.
_PIECES = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوىيةءأإآؤئ0123456789٣ ,.:/-%()\"«»_aZـًُ\n\u00a0٬٫")
    + ["ثلاثة", "عشر", "وعشرون", "مئة", "آلاف", "عشرات", "العشرات", "عدة", "عدد من", "شخصين",
       "أحد", "نحو ", "حوالي ", "أكثر من ", "ما لا يقل عن ", " على الأقل", " تقريبا", " أو أكثر",
       "عام ", "اللواء ", "آذار", "الساعة ", "ألف", "مليون", "و", "ب", "1,500", "12.5", "4 . 6",
       "15/3/2018", "2018-03-15", "21:30", "10 : 45 : 00", "12345", "0937", "F-16", "%", "في المئة"]
)
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)
_ANY = st.one_of(_TEXTS, st.text(max_size=120))


@settings(max_examples=400, deadline=None)
@given(_ANY)
def test_quantities_fast_token_split_is_the_plain_split(text):
    assert Q._TOKEN_SPLIT.split(text) == _PLAIN_SPLIT.split(text)


@settings(max_examples=400, deadline=None)
@given(_ANY)
def test_quantities_fast_start_tokens_are_where_the_plain_trigger_matches(text):
    norm = normalise(text)
    starts, ends, toks = Q.token_bounds(norm)
    at = {a: i for i, a in enumerate(starts)}
    # a match inside a token ("500" of "1,500") is skipped by the reader: only token starts count
    expected = [at[m.start()] for m in _PLAIN_TRIGGER.finditer(norm.text) if m.start() in at]
    assert Q._start_indexes(norm.text, starts, ends, toks) == expected


@settings(max_examples=500, deadline=None)
@given(_ANY)
def test_quantities_fast_reading_is_the_plain_reading(text):
    assert Q.find_quantities(text) == plain_find_quantities(text)


@pytest.mark.parametrize("text", [
    "قتل 1,500 و 12345 شخصا في 15/3/2018 عند 21:30",
    "نحو 4 . 6 آلاف، أكثر من ثلاثة آلاف، عشرات الآلاف على الأقل",
    "ثلاثة5 و_ثلاثة وثلاثةـ وثلاثةabc و ثلاثة",
])
def test_quantities_fast_reading_is_the_plain_reading_on_hard_cases(text):
    assert Q.find_quantities(text) == plain_find_quantities(text)


def test_quantities_fast_whole_word_is_the_regex_word_boundary():
    # every character: one that \w matches touching a word makes it not whole
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert Q.whole_word("ا" + ch, 0, 1) is (word.match(ch) is None), hex(code)
        assert Q.whole_word(ch + "ا", 1, 2) is (word.match(ch) is None), hex(code)


def test_quantities_fast_start_words_are_letter_tokens():
    # the set look-up finds a start word only if the word is one whole token
    letters = re.compile(Q._ARABIC + "+")
    assert all(letters.fullmatch(w) for w in Q._START_WORDS)


def test_quantities_fast_tokens_are_cut_once_per_text():
    norm = normalise("قتل ثلاثة")
    first = Q.token_bounds(norm)
    assert all(a is b for a, b in zip(first, Q.token_bounds(norm)))
    assert Q.token_bounds(norm) == ([0, 4], [3, 9], ["قتل", "ثلاثه"])
