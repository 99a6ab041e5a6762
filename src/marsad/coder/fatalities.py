"""Casualty claims in a sentence, and the codebook's best/low/high figures."""
from __future__ import annotations

import re

from ..model import Claim, Fatalities, Mention, Quantity, Span
from ..text.normalise import clitic_variants, fold

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
_WORD = re.compile(r"[\w\u0600-\u06FF]+")
# How many words may stand between a number and its casualty word
# ("مقتل 17 شخصا", "110 شهداء", "مقتل العشرات منهم"): tuned on the seed and dev set.
_WINDOW = 3


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
    quantities = [q for q in quantities if sentence.start <= q.start < sentence.end]
    if not quantities:
        return []
    words = [(m.start() + sentence.start, m.end() + sentence.start, m.group())
             for m in _WORD.finditer(sentence.text)]
    claims: list[Claim] = []
    for q in quantities:
        if not (sentence.start <= q.start < sentence.end):
            continue
        before = [w for w in words if w[1] <= q.start][-_WINDOW:]
        after = [w for w in words if w[0] >= q.end][:_WINDOW]
        # The nearest casualty word wins ("مقتل 17 شخصا وإصابة" → killed); at equal
        # distance the word after the number ("17 قتيلا").
        found = [(i, 0, k) for i, w in enumerate(after) if (k := _kind_of(w[2]))]
        found += [(i, 1, k) for i, w in enumerate(reversed(before)) if (k := _kind_of(w[2]))]
        if not found:
            continue
        kind = min(found)[2]
        value: Quantity = q.value
        claims.append(Claim(value.value, value.qualifier, claimant_of(q.start), q.text, kind, q.start, q.end))
    return claims


def one_victim_claim(text: str, trigger_end: int, claimant: str) -> Claim | None:
    """"إعدام قيادي", "أعدم التنظيم قياديا": one victim named by a singular person word
    within a few words after an execution or killing word."""
    for i, m in enumerate(_WORD.finditer(text, trigger_end)):
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
