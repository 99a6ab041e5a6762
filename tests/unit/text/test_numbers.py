"""Arabic number words and digit strings to int."""
from __future__ import annotations

import pytest

from marsad.text.numbers import (
    parse_digits,
    parse_folded,
    parse_number_words,
    strip_proclitics,
)


@pytest.mark.parametrize(
    "words, value, used",
    [
        ("واحد", 1, 1),
        ("واحدة", 1, 1),
        ("اثنان", 2, 1),
        ("اثنين", 2, 1),
        ("إثنين", 2, 1),
        ("اثنتين", 2, 1),
        ("ثلاثة", 3, 1),
        ("ثلاث", 3, 1),
        ("أربعة", 4, 1),
        ("اربع", 4, 1),
        ("سبعه", 7, 1),
        ("ثماني", 8, 1),
        ("عشرة", 10, 1),
        ("عشر", 10, 1),
        ("أحد عشر", 11, 2),
        ("إحدى عشرة", 11, 2),
        ("اثنا عشر", 12, 2),
        ("اثني عشر", 12, 2),
        ("ثلاثة عشر", 13, 2),
        ("تسع عشرة", 19, 2),
        ("عشرون", 20, 1),
        ("عشرين", 20, 1),
        ("تسعين", 90, 1),
        ("خمسة وعشرون", 25, 2),
        ("خمس وعشرين", 25, 2),
        ("واحد وثلاثون", 31, 2),
        ("ثلاثة و عشرون", 23, 3),
        ("مئة", 100, 1),
        ("مائة", 100, 1),
        ("مئتان", 200, 1),
        ("مئتين", 200, 1),
        ("ثلاثمئة", 300, 1),
        ("ثلاثمائة", 300, 1),
        ("ثلاث مئة", 300, 2),
        ("ستمائة", 600, 1),
        ("مئة وعشرة", 110, 2),
        ("مائة وخمسة وعشرون", 125, 3),
        ("ألف", 1000, 1),
        ("ألفان", 2000, 1),
        ("ألفين", 2000, 1),
        ("ثلاثة آلاف", 3000, 2),
        ("عشرة آلاف", 10000, 2),
        ("خمسون ألفا", 50000, 2),
        ("مئة ألف", 100000, 2),
        ("ألف ومئتان", 1200, 2),
        ("ثلاثة آلاف وخمسمئة", 3500, 3),
        ("ألف وخمسمئة وستة وثلاثين", 1536, 4),
        ("مليون", 1_000_000, 1),
        ("مليون و مئتا ألف", 1_200_000, 4),
    ],
)
def test_numbers_parse_number_words(words, value, used):
    assert parse_number_words(words.split()) == (value, used)


@pytest.mark.parametrize(
    "words, value, used",
    [
        ("ثلاثة قتلى", 3, 1),
        ("وثلاثة جرحى", 3, 1),
        ("بخمسة صواريخ", 5, 1),
        ("لعشرين عاما", 20, 1),
        ("سبعة من الجنود", 7, 1),
    ],
)
def test_numbers_stops_at_the_counted_noun(words, value, used):
    assert parse_number_words(words.split()) == (value, used)


@pytest.mark.parametrize("word", ["الأحد", "الاثنين", "ثاني", "الثاني", "ثالث", "لست", "كتاب", "آلاف", ""])
def test_numbers_not_a_number(word):
    assert parse_number_words([word] if word else []) is None


def test_numbers_parse_from_an_offset():
    assert parse_number_words(["قتل", "خمسة", "عشر", "مدنيا"], start=1) == (15, 2)


def test_numbers_parse_folded_returns_end_index():
    assert parse_folded(["قتل", "سته", "وعشرون"], 1) == (26, 3)


@pytest.mark.parametrize(
    "s, value",
    [
        ("12", 12),
        ("١٢", 12),
        ("۱۵", 15),
        ("1,500", 1500),
        ("1٬500", 1500),
        ("١٬٥٠٠", 1500),
        ("12,345,678", 12345678),
        (" 1200 ", 1200),
    ],
)
def test_numbers_parse_digits(s, value):
    assert parse_digits(s) == value


@pytest.mark.parametrize("s", ["", "12.5", "1,50", "1,5000", "12a", "abc", "-3"])
def test_numbers_parse_digits_refuses(s):
    assert parse_digits(s) is None


@pytest.mark.parametrize(
    "tok, expected",
    [("وبثلاثه", (2, "ثلاثه")), ("لعشرين", (1, "عشرين")), ("واحد", (0, "واحد")), ("لست", (0, "لست")),
     ("قتل", (0, "قتل"))],
)
def test_numbers_strip_proclitics(tok, expected):
    assert strip_proclitics(tok) == expected
