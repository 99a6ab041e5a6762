"""Is this text Arabic? Cheap script counts and stop words, no model.

marsad codes Arabic reports only; readers use these checks to turn away
English or French pages with a clear reason instead of coding them badly.
Everything here is a few regex passes over the text: pure and fast.
"""
from __future__ import annotations

import re

from marsad.defaults import MIN_ARABIC_LETTER_SHARE

# Arabic-script letters: the basic block's letters (not its digits, punctuation
# or harakat), the supplement, Extended-A and the presentation forms.
_ARABIC_LETTERS = re.compile(
    "[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]+"
)
# Letters of the other scripts a news page may hold: Latin, Greek, Cyrillic,
# Hebrew, Devanagari, kana, CJK, Hangul. (Explicit ranges scan about three
# times faster than the Unicode-aware [^\W\d_].)
_OTHER_LETTERS = re.compile(
    "[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
    "\u05d0-\u05ea\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+"
)
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")

# The commonest function words; a page in the language hits several per line.
_EN = frozenset(
    "the and of to in is that for with on was as by it at from he she are were has have had "
    "be been this an which said not but they their his her its or who will would".split()
)
_FR = frozenset(
    "le la les de des du et un une est que qui dans pour pas au aux sur avec ce cette il elle "
    "par sont ont été était mais ou leur ses son sa nous vous".split()
)


_PROSE_SHARE = 0.1
_SAMPLE_CHARS = 20000


def arabic_letter_count(text: str) -> int:
    """How many letters of ``text`` are Arabic script."""
    return len("".join(_ARABIC_LETTERS.findall(text)))


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic-script letters, all letters) of ``text``; digits and marks are no letters."""
    arabic = arabic_letter_count(text)
    return arabic, arabic + len("".join(_OTHER_LETTERS.findall(text)))


def letter_count(text: str) -> int:
    """How many letters ``text`` has, any script."""
    return letter_counts(text)[1]


def _sample(text: str) -> str:
    """Long texts are judged on four spread-out stretches (the share barely
    moves, and a 1 MB input costs no more than a 20 KB one)."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    step = (len(text) - _SAMPLE_CHARS // 4) // 3
    return "".join(text[i * step : i * step + _SAMPLE_CHARS // 4] for i in range(4))


def arabic_share(text: str) -> float:
    """Share of the letters of ``text`` that are Arabic script (0.0 with no letters).

    Texts over 20,000 characters are measured on a spread-out sample.
    """
    arabic, total = letter_counts(_sample(text))
    return arabic / total if total else 0.0


def detect_language(text: str) -> str:
    """``"ar"``, ``"en"``, ``"fr"`` or ``"other"``, by script share then stop words.

    Arabic when at least ``MIN_ARABIC_LETTER_SHARE`` of the letters are Arabic
    script, or at least half that when the Latin letters are not prose (menus,
    URLs, photo metadata glued to an Arabic page, few function words);
    otherwise the Latin words vote English or French by their function words.
    """
    share = arabic_share(text)
    if share >= MIN_ARABIC_LETTER_SHARE:
        return "ar"
    en = fr = latin = 0
    for word in _LATIN_WORD.findall(_sample(text)):
        latin += 1
        w = word.lower()
        if w in _EN:
            en += 1
        elif w in _FR:
            fr += 1
    # Prose in English or French has a function word in every 3-4 words; a
    # scraped menu or EXIF dump has almost none.
    prose = en + fr >= max(2, _PROSE_SHARE * latin)
    if not prose and share >= MIN_ARABIC_LETTER_SHARE / 2:
        return "ar"
    # Two hits is the least that is not chance (a name like "La Défense").
    if max(en, fr) < 2:
        return "other"
    return "en" if en > fr else "fr"
