"""Casualty claims in a sentence, and the codebook's best/low/high figures."""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Claim, Fatalities, Mention, Quantity, Span
from ..text.normalise import WORD, clitic_variants, fold

_KIND_WORDS: dict[str, str] = {}
for _w in (
    "قتلي قتيل قتيلا قتلا قتلوا قتل مقتل قتلت شهداء شهيد شهيدا ضحايا ضحيه جثث جثه "
    "حتفهم حتفه مصرع مصرعهم مصرعه اعدام نحر قضوا قضي"
).split():
    _KIND_WORDS[_w] = "killed"
for _w in "جرحي جريح جريحا جرحا مصابين مصابا مصاب اصابه اصابات جرح اصيب اصيبوا".split():
    _KIND_WORDS[_w] = "wounded"
for _w in "اسري اسر اسير اسيرا".split():
    _KIND_WORDS[_w] = "captured"
for _w in "مفقودين مفقود المفقودين".split():
    _KIND_WORDS[_w] = "missing"

# Words for one person: "إعدام قيادي" is one death even with no number.
_ONE_PERSON = set(
    "قيادي قائد عنصر شخص مدني ضابط رجل شاب طفل طفله امراه مسؤول جندي مقاتل "
    "صحفي ناشط مواطن امير قاض قاضي طبيب مختار شيخ".split()
)
# How many words may stand between a number and its casualty word
# ("مقتل 17 شخصا", "110 شهداء", "مقتل العشرات منهم"): tuned on the seed and dev set.
_WINDOW = 3


@lru_cache(maxsize=8192)  # the same words come back in every report
def _kind_of(word: str) -> str | None:
    for _, stem in clitic_variants(fold(word)):
        stem2 = stem.removeprefix("ال")
        if stem in _KIND_WORDS:
            return _KIND_WORDS[stem]
        if stem2 in _KIND_WORDS:
            return _KIND_WORDS[stem2]
    return None


def find_claims(
    text: str,
    sentence: Span,
    quantities: list[Mention],
    claimant_of,
) -> list[Claim]:
    """Claims of killed/wounded/captured/missing in one sentence.

    ``claimant_of(position)`` names who gave a figure at that position.
    """
    claims: list[Claim] = []
    for q in quantities:
        if not (sentence.start <= q.start < sentence.end):
            continue
        before = _words_before(sentence.text, q.start - sentence.start)
        after = _words_after(sentence.text, q.end - sentence.start)
        # The nearest casualty word wins ("مقتل 17 شخصا وإصابة" → killed); at equal
        # distance the word after the number ("17 قتيلا").
        found = [(i, 0, k) for i, w in enumerate(after) if (k := _kind_of(w))]
        found += [(i, 1, k) for i, w in enumerate(reversed(before)) if (k := _kind_of(w))]
        if not found:
            continue
        kind = min(found)[2]
        value: Quantity = q.value
        claims.append(Claim(value.value, value.qualifier, claimant_of(q.start), q.text, kind, q.start, q.end))
    return claims


# A number's words are read from this many characters around it first (three words
# and more, mostly), and from the whole sentence only when that holds fewer: reading
# every word of a long sentence for each number would cost more than the rest.
_READ_CHARS = 60
_WORD_CHAR = re.compile(WORD.pattern.removesuffix("+"))  # one character of a word


def _cut(text: str, i: int) -> bool:
    """Whether position ``i`` falls inside a word (word characters on both sides)."""
    return bool(_WORD_CHAR.match(text, i - 1, i) and _WORD_CHAR.match(text, i))


def _words_before(text: str, pos: int, reach: int = _READ_CHARS) -> list[str]:
    """The last ``_WINDOW`` words of ``text`` that end at or before ``pos``."""
    lo = max(0, pos - reach)
    while True:
        words = WORD.findall(text, lo, pos)
        # A word cut by the window's edges is not one of them: one cut at ``lo`` is
        # only a piece, and one running on past ``pos`` is not before it.
        first = 1 if lo > 0 and _cut(text, lo) else 0
        last = len(words) - (1 if _cut(text, pos) else 0)
        words = words[first:last]
        if len(words) >= _WINDOW or lo == 0:
            return words[-_WINDOW:]
        lo = 0


def _words_after(text: str, pos: int, reach: int = _READ_CHARS) -> list[str]:
    """The first ``_WINDOW`` words of ``text`` that start at or after ``pos``."""
    hi = min(len(text), pos + reach)
    while True:
        words = WORD.findall(text, pos, hi)
        first = 1 if pos > 0 and _cut(text, pos) else 0
        last = len(words) - (1 if _cut(text, hi) else 0)
        words = words[first:last]
        if len(words) >= _WINDOW or hi == len(text):
            return words[:_WINDOW]
        hi = len(text)


def one_victim_claim(text: str, trigger_end: int, claimant: str) -> Claim | None:
    """"إعدام قيادي", "أعدم التنظيم قياديا": one victim named by a singular person word
    within a few words after an execution or killing word."""
    for i, m in enumerate(WORD.finditer(text, trigger_end)):
        if i >= _VICTIM_WORDS:
            break
        word = fold(m.group()).removeprefix("ال")
        if word in _ONE_PERSON or word.rstrip("ا") in _ONE_PERSON:
            return Claim(1, "exact", claimant, text[trigger_end:m.end()].strip(), "killed", trigger_end, m.end())
    return None


# How many words after the trigger the victim may stand ("أعدم تنظيم داعش أمس قياديا").
_VICTIM_WORDS = 5


# Vague figures stand in for "no exact number": an exact count, when there is
# one, is the credible figure (CODEBOOK 6: a side's own admitted toll is credible).
_VAGUE = {"several", "dozens", "hundreds", "tens"}


def summarise(claims: list[Claim]) -> Fatalities:
    """best/low/high from the killed claims: best is the lowest credible figure."""
    killed = [c for c in claims if c.kind == "killed"]
    if not killed:
        return Fatalities(0, 0, 0, tuple(claims))
    counts = [c.count for c in killed]
    precise = [c.count for c in killed if c.qualifier not in _VAGUE]
    best = min(precise) if precise else min(counts)
    return Fatalities(best, min(counts), max(counts), tuple(claims))
