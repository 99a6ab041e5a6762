"""Is this text Arabic? Cheap script counts and stop words, no model.

marsad codes Arabic reports only; readers use these checks to turn away
English or French pages with a clear reason instead of coding them badly.
Everything here is a few passes over the text in C: pure and fast.
"""
from __future__ import annotations

import re

from marsad.defaults import MIN_ARABIC_LETTER_SHARE

# Arabic-script letters: the basic block's letters (not its digits, punctuation
# or harakat), the supplement, Extended-A and the presentation forms.
_ARABIC_RANGES = (
    (0x0620, 0x063F), (0x0641, 0x064A), (0x066E, 0x066F), (0x0671, 0x06D3), (0x06D5, 0x06D5),
    (0x06EE, 0x06EF), (0x06FA, 0x06FC), (0x06FF, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08C9),
    (0xFB50, 0xFDFB), (0xFE70, 0xFEFC),
)
# Letters of the other scripts a news page may hold: Latin, Greek, Cyrillic,
# Hebrew, Devanagari, kana, CJK, Hangul.
_OTHER_RANGES = (
    (0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x024F),
    (0x0370, 0x03FF), (0x0400, 0x04FF), (0x05D0, 0x05EA), (0x0900, 0x097F), (0x3040, 0x30FF),
    (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
)


class _CharCounter:
    """Counts a text's characters that fall in a set of BMP ranges, all in C.

    A regex pass (``findall``) makes a string object per word; this makes none.
    The text's UTF-16 units split into high and low bytes, ``bytes.translate``
    turns each into a bit mask, and the two masks, read as big ints, are ANDed
    and their bits counted. A high byte's mask is one bit, shared by the high
    bytes whose ranges hold the same low bytes (at most 8 such sets); a low
    byte's mask holds the bits of every set that holds it. So a character
    leaves one bit exactly when it is in the ranges. Characters beyond the
    BMP are surrogate pairs (high bytes D8-DF), in no range: they count nothing.
    """

    __slots__ = ("high", "low")

    def __init__(self, ranges: tuple[tuple[int, int], ...]) -> None:
        lows: dict[int, int] = {}  # high byte -> its low bytes, as a 256-bit set
        for first, last in ranges:
            assert last <= 0xFFFF and (last < 0xD800 or first > 0xDFFF), "BMP, no surrogates"
            for hi in range(first >> 8, (last >> 8) + 1):  # a range's slice in each high byte
                lo_a = first & 0xFF if hi == first >> 8 else 0
                lo_b = last & 0xFF if hi == last >> 8 else 0xFF
                lows[hi] = lows.get(hi, 0) | (1 << (lo_b + 1)) - (1 << lo_a)
        sets = sorted(set(lows.values()))
        assert len(sets) <= 8, "one bit per distinct set of low bytes"
        bit = {s: 1 << i for i, s in enumerate(sets)}
        high, low = bytearray(256), bytearray(256)
        for hi, s in lows.items():
            high[hi] = bit[s]
        for s, b in bit.items():  # a low byte's mask: every distinct set that holds it
            for lo in range(256):
                if s >> lo & 1:
                    low[lo] |= b
        self.high, self.low = bytes(high), bytes(low)

    def count(self, high: bytes, low: bytes) -> int:
        """How many characters are in the ranges, given the text's high and low UTF-16 bytes."""
        masked = int.from_bytes(high.translate(self.high), "little") & int.from_bytes(
            low.translate(self.low), "little"
        )
        return masked.bit_count()


_ARABIC = _CharCounter(_ARABIC_RANGES)
_OTHER = _CharCounter(_OTHER_RANGES)


def _utf16_bytes(text: str) -> tuple[bytes, bytes]:
    """High and low bytes of each UTF-16 unit (lone surrogates pass as themselves)."""
    data = text.encode("utf-16-be", "surrogatepass")
    return data[0::2], data[1::2]


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
    return _ARABIC.count(*_utf16_bytes(text))


# Nearly every page's letters lie in two 256-character blocks: the Arabic
# block (high byte 0x06) and Latin-1 (0x00). Then one pair of masks counts
# both scripts at once, half the work of the two counters: a unit leaves bit
# 0 when it is an Arabic letter, bits 1 and 2 when a Latin one, so the bits
# set number Arabic + 2 * Latin, and the bits with their upper neighbour set
# (bit 1 of a Latin unit only: a byte's top bits stay clear, nothing crosses
# from the next) number Latin. _TWO_BLOCKS is what a text of those two
# blocks and of letterless ones (punctuation, symbols, surrogates) is made of.
_LETTERED = {hi for hi in range(256) if _ARABIC.high[hi] or _OTHER.high[hi]}
_TWO_BLOCKS = bytes(hi for hi in range(256) if hi not in _LETTERED or hi in (0x00, 0x06))
_TWO_HIGH = bytes(1 if hi == 0x06 else 6 if hi == 0x00 else 0 for hi in range(256))
_TWO_LOW = bytes(
    (1 if _ARABIC.high[0x06] & _ARABIC.low[lo] else 0) | (6 if _OTHER.high[0x00] & _OTHER.low[lo] else 0)
    for lo in range(256)
)


def _count_two_blocks(high: bytes, low: bytes) -> tuple[int, int]:
    """:func:`letter_counts` of a text whose letters are all in the Arabic
    block and Latin-1, given its high and low UTF-16 bytes."""
    masked = int.from_bytes(high.translate(_TWO_HIGH), "little") & int.from_bytes(
        low.translate(_TWO_LOW), "little"
    )
    latin = (masked & masked >> 1).bit_count()
    arabic = masked.bit_count() - 2 * latin
    return arabic, arabic + latin


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic-script letters, all letters) of ``text``; digits and marks are no letters."""
    high, low = _utf16_bytes(text)
    if not high.translate(None, _TWO_BLOCKS):
        return _count_two_blocks(high, low)
    arabic = _ARABIC.count(high, low)
    return arabic, arabic + _OTHER.count(high, low)


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


# readers count a clean text's letters, then extract asks its language: the
# last answer is kept, keyed by the text object itself (held here, so its
# identity cannot pass to another string).
_last: tuple[str, tuple[int, int]] = ("", (0, 0))


def sampled_letter_counts(text: str) -> tuple[int, int]:
    """:func:`letter_counts` of what :func:`arabic_share` judges: all of ``text``
    up to 20,000 characters, else four spread-out stretches of it (so never
    more than the whole text's counts). The last text's answer is kept."""
    global _last
    last_text, counts = _last
    if text is last_text:
        return counts
    counts = letter_counts(_sample(text))
    _last = text, counts
    return counts


def remember_letter_counts(text: str, counts: tuple[int, int]) -> None:
    """Keep :func:`sampled_letter_counts` of ``text`` for the next ask, given
    ``counts``, its :func:`letter_counts` (a caller that knows them saves a
    pass: up to 20,000 characters the sample is the whole text)."""
    global _last
    if len(text) > _SAMPLE_CHARS:
        counts = letter_counts(_sample(text))
    _last = text, counts


def arabic_share(text: str) -> float:
    """Share of the letters of ``text`` that are Arabic script (0.0 with no letters).

    Texts over 20,000 characters are measured on a spread-out sample.
    """
    arabic, total = sampled_letter_counts(text)
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
