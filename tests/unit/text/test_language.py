"""text/language.py: script shares and a cheap language guess."""
from __future__ import annotations


import pytest

from marsad.text.language import (
    arabic_letter_count,
    arabic_share,
    detect_language,
    letter_count,
    letter_counts,
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
