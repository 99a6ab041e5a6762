"""Casualty claims and the codebook's best figure."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.coder.fatalities import (
    _words_after,
    _words_before,
    find_claims,
    one_victim_claim,
    summarise,
)
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


def _all_words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w\u0600-\u06FF]+", text)]


@pytest.mark.parametrize(
    "text",
    [
        "أسفر القصف عن مقتل 17 شخصا، وإصابة ١٢ آخرين.",
        "abc def ghi 17 jklmnop q rs 5",
        " قتلى\nوالجرحى  ٍ 3 مفقودين،،اسرى",
    ],
)
def test_fatalities_words_around_a_position_are_the_texts_own_words(text):
    # Every position and every reach: the reading window's edges fall inside words,
    # between them and at the text's ends.
    words = _all_words(text)
    for pos in range(len(text) + 1):
        expected = ([w for s, e, w in words if e <= pos][-3:], [w for s, e, w in words if s >= pos][:3])
        for reach in range(1, 25):
            assert (_words_before(text, pos, reach), _words_after(text, pos, reach)) == expected, (pos, reach)


_TEXTS = st.text(alphabet=st.sampled_from(list("قتلىٍ17abc") * 5 + list(" ،.\n")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS, data=st.data())
def test_fatalities_words_around_a_position_match_a_full_reading(text, data):
    pos = data.draw(st.integers(0, len(text)))
    reach = data.draw(st.integers(1, 70))
    words = _all_words(text)
    assert _words_before(text, pos, reach) == [w for s, e, w in words if e <= pos][-3:]
    assert _words_after(text, pos, reach) == [w for s, e, w in words if s >= pos][:3]


@pytest.mark.parametrize(
    ("text", "pos", "before", "after"),
    [
        ("مقتل 17 شخصا", 5, ["مقتل"], ["17", "شخصا"]),
        ("أ" * 100 + " قتلى", 50, [], ["قتلى"]),  # a word cut by the position is on neither side
        # Long words: the reading window holds fewer than three, so the whole text is read.
        ("مقتل قتلى " + "ا" * 70 + " 17", 81, ["مقتل", "قتلى", "ا" * 70], ["17"]),
        ("17 " + "ا" * 70 + " قتلى", 2, ["17"], ["ا" * 70, "قتلى"]),
    ],
)
def test_fatalities_words_around_a_position(text, pos, before, after):
    assert (_words_before(text, pos), _words_after(text, pos)) == (before, after)
