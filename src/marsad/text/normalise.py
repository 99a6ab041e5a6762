"""Arabic normalisation for matching, with an exact map back to the clean text.

The normalised view folds what Arabic writers vary freely (hamza seats on
alef, alef maqsura, ta marbuta, diacritics, tatweel, Eastern digits), so one
dictionary entry finds every spelling. Only two kinds of edit are made:
a character is deleted or replaced by exactly one character. That keeps the
map simple: ``Normalised.source[i]`` is the index in the original text of
normalised character ``i``.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks; and tatweel.
_DELETE = set(
    [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(0x0670), chr(0x0640)]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"]
)

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "ک": "ك", "گ": "ك",
    "،": ",", "؛": ";", "؟": "?",
    "\u00a0": " ",
}
# Arabic-Indic and Persian (Extended Arabic-Indic) digits to ASCII.
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character in, zero or one character out."""
    if ch in _DELETE:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isascii():
        return ch.lower()
    # Presentation forms (U+FB50-FEFF) fold to their base letter when NFKC gives one letter.
    if "\ufb50" <= ch <= "\ufeff":
        base = unicodedata.normalize("NFKC", ch)
        if len(base) == 1:
            return _FOLD.get(base, base)
    return ch


@dataclass(frozen=True)
class Normalised:
    """A normalised view of ``original``; ``source[i]`` maps character i back."""

    original: str
    text: str
    source: Sequence[int]  # a range when nothing was deleted (most texts): no list to build

    def folded(self, start: int, end: int) -> str:
        """``fold(self.original[start:end])``, cut from the normalised text instead of
        folded again: folding maps each character on its own, to one character or none."""
        source = self.source
        if type(source) is range:  # nothing deleted: offsets are the same
            return self.text[max(0, start):end]
        return self.text[bisect_left(source, start):bisect_left(source, end)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to the smallest original span covering it."""
        if start >= end:
            pos = self.source[start] if start < len(self.source) else len(self.original)
            return pos, pos
        return self.source[start], self.source[end - 1] + 1


class _FoldTable(dict):
    """A ``str.translate`` table equal to ``_fold_char``, filled on demand.

    Every character folds on its own, so translating with this table gives the
    same string as folding character by character, at C speed.
    """

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def _changing_chars() -> str:
    """Every character ``_fold_char`` changes or deletes: the tables, ASCII capitals,
    and the presentation forms with a one-letter base."""
    pool = set(_DELETE) | set(_FOLD) | {chr(c) for c in range(ord("A"), ord("Z") + 1)}
    pool |= {chr(c) for c in range(0xFB50, 0xFF00)}
    return "".join(sorted(ch for ch in pool if _fold_char.__wrapped__(ch) != ch))


# A long text holds few distinct characters that fold, often a dozen: finding them
# with one class scan and replacing each throughout (both in C) beats translating
# character by character, which looks every character up in a dict.
_CHANGING = re.compile("[" + "".join(re.escape(ch) for ch in _changing_chars()) + "]")
_LONG = 200  # characters; shorter strings are translated


def _fold_long(text: str) -> str:
    """``text.translate(_TABLE)``, by replacing each distinct folding character.

    Every fold's result is a fixed point of folding (a base letter, a digit, a
    space), so one replacement never feeds another. The search resumes where the
    character just replaced was first seen: every occurrence of it is gone, none
    came before (so a deletion shifts nothing behind), and the scan of the text is
    one pass in all, listing no occurrences.
    """
    search = _CHANGING.search
    m = search(text)
    while m is not None:
        ch = m.group()
        text = text.replace(ch, _fold_char(ch))
        m = search(text, m.start())
    return text


# The characters folding deletes (and only those: every other one becomes one character).
_DELETED = re.compile("[" + "".join(sorted(re.escape(ch) for ch in _DELETE)) + "]+")


def normalise(original: str) -> Normalised:
    """Fold ``original`` for matching, keeping the offset map."""
    text = _fold_long(original) if len(original) > _LONG else original.translate(_TABLE)
    if len(text) == len(original):
        source: Sequence[int] = range(len(original))  # nothing deleted: the map is the identity
    else:
        # The identity between deleted characters, built a stretch at a time.
        kept: list[int] = []
        prev = 0
        for m in _DELETED.finditer(original):
            kept.extend(range(prev, m.start()))
            prev = m.end()
        kept.extend(range(prev, len(original)))
        source = tuple(kept)
    return Normalised(original, text, source)


def fold(text: str) -> str:
    """Just the normalised string (for dictionary keys)."""
    return _fold_long(text) if len(text) > _LONG else text.translate(_TABLE)


# Proclitics: conjunction (و ف), then preposition (ب ل ك), then the article.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=200_000)
def clitic_variants(token: str) -> tuple[tuple[int, str], ...]:
    """The ways a normalised token can be read with its proclitics removed.

    Returns ``(prefix_length, stem)`` pairs, the unstripped token first:
    "وبالقصف" gives (0, وبالقصف), (1, بالقصف), (2, القصف); "للقدم" gives
    (1, القدم) since ل + ال is written لل.
    """
    out = [(0, token)]
    rest, cut = token, 0
    if len(rest) > 3 and rest[0] in _CONJ:
        rest, cut = rest[1:], 1
        out.append((cut, rest))
    if len(rest) > 3 and rest[0] in _PREP:
        if rest[0] == "ل" and rest.startswith("لل") and len(rest) > 4:
            out.append((cut + 1, "ا" + rest[1:]))  # للقدم → القدم
        rest, cut = rest[1:], cut + 1
        out.append((cut, rest))
    # The article: "الغارات" finds the entry "غارات" ("القدم" stays an entry of its own).
    for c, stem in list(out):
        if stem.startswith("ال") and len(stem) > 4:
            out.append((c + 2, stem[2:]))
        elif stem.startswith("لل") and len(stem) > 4:
            out.append((c + 2, stem[2:]))
    return tuple(out)


WORD = re.compile(r"[\w\u0600-\u06FF]+")  # a word of a normalised text


def words(text: str) -> list[tuple[int, int]]:
    """Word spans of a normalised string."""
    return [m.span() for m in WORD.finditer(text)]
