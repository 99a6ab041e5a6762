"""Casualty claims and the codebook's best figure."""
from __future__ import annotations

import pytest

from marsad.coder.fatalities import find_claims, one_victim_claim, summarise
from marsad.model import Claim, Span
from marsad.recognise.quantities import find_quantities


def _claims(text: str) -> list[Claim]:
    sentence = Span(0, len(text), text)
    return find_claims(text, sentence, find_quantities(text), lambda pos: "المصدر")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر القصف عن مقتل 17 شخصا وإصابة العشرات", [(17, "killed"), (12, "wounded")]),
        ("سقط 110 شهداء في البلدة", [(110, "killed")]),
        ("قتل سبعة مدنيين بينهم أطفال", [(7, "killed")]),
        ("تحركت 40 حافلة باتجاه الشمال", []),
        ("يبعد الحي 7 كيلومترات عن المدينة", []),
    ],
)
def test_fatalities_claims_pair_numbers_with_casualty_words(text, expected):
    assert [(c.count, c.kind) for c in _claims(text)] == expected


def test_fatalities_claims_keep_the_claimant_and_exact_words():
    text = "أسفر القصف عن مقتل 17 شخصا"
    (claim,) = _claims(text)
    assert claim.claimant == "المصدر"
    assert text[claim.start:claim.end] == claim.text


@pytest.mark.parametrize(
    ("claims", "best", "low", "high"),
    [
        ([(110, "at_least"), (12, "tens")], 110, 12, 110),  # a vague figure yields to a count
        ([(17, "exact"), (27, "exact")], 17, 17, 27),  # the lowest credible count
        ([(12, "tens")], 12, 12, 12),
        ([], 0, 0, 0),
    ],
)
def test_fatalities_best_is_the_lowest_credible_count(claims, best, low, high):
    fat = summarise([Claim(n, q, "x", "", "killed") for n, q in claims])
    assert (fat.best, fat.low, fat.high) == (best, low, high)


def test_fatalities_wounded_are_not_deaths():
    fat = summarise([Claim(5, "exact", "x", "", "wounded")])
    assert (fat.best, fat.high) == (0, 0)
    assert len(fat.claims) == 1


@pytest.mark.parametrize(("text", "count"), [("إعدام قيادي في الميليشيا", 1), ("إعدام عناصر من الميليشيا", None)])
def test_fatalities_one_named_victim_counts_one(text, count):
    claim = one_victim_claim(text, len("إعدام"), "المصدر")
    assert (claim.count if claim else None) == count
