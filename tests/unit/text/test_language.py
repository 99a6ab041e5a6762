"""text/language.py: script shares and a cheap language guess."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.language import (
    _ARABIC,
    _OTHER,
    _count_two_blocks,
    _sample,
    _utf16_bytes,
    arabic_letter_count,
    arabic_share,
    detect_language,
    letter_count,
    letter_counts,
    remember_letter_counts,
    sampled_letter_counts,
)

AR = "قالت مصادر محلية إن قصفاً مدفعياً استهدف أطراف البلدة صباح اليوم، ما أدى إلى أضرار في المنازل."
EN = "The army said on Monday that it had taken control of the town after heavy fighting with the rebels."
FR = "L'armée a annoncé lundi avoir pris le contrôle de la ville après de violents combats avec les rebelles."


@pytest.mark.parametrize(
    "text, share",
    [
        ("قصف", 1.0),
        ("قَصَفَ", 1.0),  # harakat are no letters
        ("abc", 0.0),
        ("قصف abc", 0.5),
        ("١٢٣ 456 ... !!! ،؛", 0.0),  # digits and punctuation are no letters
        ("", 0.0),
    ],
)
def test_language_arabic_share_counts_letters_only(text, share):
    assert arabic_share(text) == pytest.approx(share)


@pytest.mark.parametrize(
    "text, arabic, total",
    [("قصف abc", 3, 6), ("قَصَفَ 2018", 3, 3), ("Привет قصف", 3, 9), ("", 0, 0)],
)
def test_language_letter_counts(text, arabic, total):
    assert letter_counts(text) == (arabic, total)
    assert arabic_letter_count(text) == arabic
    assert letter_count(text) == total


@pytest.mark.parametrize(
    "text, lang",
    [
        (AR, "ar"),
        (AR + " Reuters AFP", "ar"),
        (EN, "en"),
        (FR, "fr"),
        ("12345 67890", "other"),
        ("Ejército tomó la ciudad", "other"),
        # An Arabic report under a Latin menu and photo metadata (no prose).
        ("Home News Sports Contact channels lebanon ExifImageWidth4876 ColorSpace1 " + AR, "ar"),
        # An English report quoting an Arabic name stays English.
        (EN + " " + EN + " قصف", "en"),
    ],
)
def test_language_detect(text, lang):
    assert detect_language(text) == lang


def test_language_long_text_share_is_sampled_and_stable():
    text = (AR + "\n") * 400 + (EN + "\n") * 100
    assert len(text) > 20000
    exact = arabic_letter_count(text) / letter_count(text)
    assert arabic_share(text) == pytest.approx(exact, abs=0.1)
    assert 0.0 <= arabic_share(text * 20) <= 1.0  # speed is measured in benchmarks, not here


# The letter classes as plain regexes: the reference the byte-table counter must match.
_ARABIC_REF = re.compile(
    "[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]"
)
_OTHER_REF = re.compile(
    "[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
    "\u05d0-\u05ea\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)


def _ref_counts(text: str) -> tuple[int, int]:
    arabic = len(_ARABIC_REF.findall(text))
    return arabic, arabic + len(_OTHER_REF.findall(text))


def test_language_letter_counts_match_the_classes_on_every_bmp_code_point():
    wrong = [hex(c) for c in range(0x10000) if letter_counts(chr(c)) != _ref_counts(chr(c))]
    assert wrong == []
    wrong = [hex(c) for c in range(0x10000) if arabic_letter_count(chr(c)) != _ref_counts(chr(c))[0]]
    assert wrong == []


def test_language_letter_counts_astral_and_lone_surrogates_are_no_letters():
    astral = "".join(map(chr, range(0x10000, 0x110000, 7)))
    assert letter_counts(astral) == (0, 0)
    assert letter_counts("\ud800قصف\udfff x\U0001f600") == (3, 4)  # lone surrogates pass through


_MIXED = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in (0x41, 0x5A, 0x5B, 0x61, 0x7A, 0xD7, 0xF7, 0x24F, 0x250, 0x5EA, 0x5EB,
                          0x61F, 0x620, 0x63F, 0x640, 0x64A, 0x64B, 0x670, 0x6D4, 0x6FF, 0x700,
                          0x8C9, 0x8CA, 0x3040, 0xD7AF, 0xD7B0, 0xD800, 0xDFFF, 0xFB50, 0xFDFB,
                          0xFDFC, 0xFEFC, 0xFEFD, 0x1F600)]
        + list(" \n.،1٣")
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_language_letter_counts_match_the_classes_on_mixed_text(text):
    assert letter_counts(text) == _ref_counts(text)
    assert arabic_letter_count(text) == _ref_counts(text)[0]


@pytest.mark.parametrize("text", [AR, AR * 300, (AR + EN) * 200, ""])
def test_language_sampled_letter_counts_bound_the_text_and_give_the_share(text):
    sampled = sampled_letter_counts(text)
    full = letter_counts(text)
    if len(text) <= 20000:
        assert sampled == full
    assert sampled[0] <= full[0] and sampled[1] <= full[1]
    assert arabic_share(text) == (sampled[0] / sampled[1] if sampled[1] else 0.0)


def test_language_sampled_letter_counts_kept_answer_is_for_that_text_only():
    a, b = AR * 2, EN * 2
    assert sampled_letter_counts(a) == letter_counts(a)
    assert sampled_letter_counts(a) == letter_counts(a)  # the kept answer
    assert sampled_letter_counts(b) == letter_counts(b)
    same = f"{AR}{AR}"  # an equal text in another object: counted, and the same
    assert same is not a and sampled_letter_counts(same) == letter_counts(a)
    assert detect_language(b) == "en" and detect_language(a) == "ar"


# Latin-1, the Arabic block and letterless characters: what the one-pass count takes.
_TWO_BLOCK_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x00, max_codepoint=0xFF),
        st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
        st.sampled_from(["\u2013", "\u201c", "\u2026", "\U0001f600", "\ud800"]),
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(_TWO_BLOCK_TEXT)
def test_language_two_block_count_matches_the_two_counters(text):
    high, low = _utf16_bytes(text)
    arabic = _ARABIC.count(high, low)
    assert _count_two_blocks(high, low) == (arabic, arabic + _OTHER.count(high, low))
    assert letter_counts(text) == _ref_counts(text)


def test_language_remembered_counts_answer_for_that_text():
    short = AR * 2
    remember_letter_counts(short, letter_counts(short))
    assert sampled_letter_counts(short) == letter_counts(short)
    # Past 20,000 characters the sample's counts are kept, not the text's.
    long = (AR + "\n") * 300 + EN * 100
    remember_letter_counts(long, letter_counts(long))
    assert sampled_letter_counts(long) == letter_counts(_sample(long)) != letter_counts(long)
