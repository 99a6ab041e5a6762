"""Normalisation folds the spellings Arabic writers vary, and nothing else."""
from __future__ import annotations

import pytest

from marsad.text.matcher import PhraseMatcher
from marsad.text.normalise import clitic_variants, fold, normalise


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("إدلب", "ادلب"),
        ("أحمد", "احمد"),
        ("آذار", "اذار"),
        ("مستشفى", "مستشفي"),
        ("مدينة", "مدينه"),
        ("قُتِلَ", "قتل"),
        ("هجومـــاً", "هجوما"),
        ("١١٠ شهداء", "110 شهداء"),
        ("۱۲", "12"),
        ("ISIS", "isis"),
    ],
)
def test_normalise_folds_variant_spellings(written, folded):
    assert fold(written) == folded


def test_normalise_keeps_an_offset_for_every_kept_character():
    text = "قُتِلَ ١٢ مدنياً"
    norm = normalise(text)
    assert norm.text == "قتل 12 مدنيا"
    start, end = norm.to_original(4, 6)
    assert text[start:end] == "١٢"


@pytest.mark.parametrize(
    ("token", "stem"),
    [("وبالقصف", "القصف"), ("للقدم", "القدم"), ("بدمشق", "دمشق"), ("فالتنظيم", "التنظيم"), ("دمشق", "دمشق")],
)
def test_normalise_clitic_variants_include_the_bare_stem(token, stem):
    assert stem in [s for _, s in clitic_variants(token)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("قصفت الطائرات بلدة بدمشق أمس", "دمشق"),
        ("وفي حيّ القدم وقعت اشتباكات", "حيّ القدم"),
        ("عناصر وتنظيمُ داعش", "تنظيمُ داعش"),
    ],
)
def test_matcher_returns_the_authors_words(text, found):
    matcher = PhraseMatcher([("دمشق", 1), ("حي القدم", 2), ("تنظيم داعش", 3), ("داعش", 4)])
    hits = matcher.find(text)
    assert [h.text for h in hits] == [found]
    assert all(text[h.start:h.end] == h.text for h in hits)


def test_matcher_prefers_the_longest_reading():
    matcher = PhraseMatcher([("الجيش", "army"), ("الجيش الحر", "fsa")])
    assert [h.value for h in matcher.find("هاجم الجيش الحر مواقع")] == ["fsa"]


def test_matcher_finds_every_term_sharing_a_first_word():
    # Hundreds of names begin with the same word ("محافظة", "قوات"): each is found, and a
    # shorter one where the longer does not go on.
    terms = [(f"قوات {w}", w) for w in ("النظام", "الأمن", "النخبة", "الدفاع الوطني")] + [("قوات", "bare")]
    matcher = PhraseMatcher(terms)
    text = "اشتبكت قوات النظام مع قوات الدفاع الوطني ثم انسحبت قوات أخرى"
    assert [h.value for h in matcher.find(text)] == ["النظام", "الدفاع الوطني", "bare"]
    assert {h.value for h in matcher.find_all(text)} == {"النظام", "الدفاع الوطني", "bare"}


def test_matcher_built_after_a_text_was_read_still_finds_its_terms():
    text = normalise("قصفت الطائرات بلدة كفرنبل في ريف إدلب")
    assert [h.value for h in PhraseMatcher([("إدلب", 1)]).find(text)] == [1]
    # A second dictionary, new first words, same text object: its words must be indexed too.
    assert [h.value for h in PhraseMatcher([("كفرنبل", 2)]).find(text)] == [2]
