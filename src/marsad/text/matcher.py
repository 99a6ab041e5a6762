"""A phrase matcher for Arabic dictionaries: normalised, clitic-aware, offset-exact.

Dictionary terms are normalised and split into words. A term matches the text
when its first word equals a word of the text read with or without its
proclitics (و ف ب ل ك، لل), and its other words follow exactly. Matches come
back as spans of the *original* text, so evidence is always the author's words.
"""
from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter
from typing import Any, Generic, Iterable, NamedTuple, TypeVar

from .normalise import WORD, Normalised, clitic_variants, fold, normalise, words
from .scan import split_tokens

T = TypeVar("T")


class Match(NamedTuple, Generic[T]):
    """A dictionary term found in a text. A named tuple, not a frozen dataclass: a
    page gives a hundred of them and a tuple is made three times faster."""

    start: int  # into the original text
    end: int
    text: str
    value: T
    term: str  # the dictionary term (normalised) that matched
    n_words: int


_START, _END = itemgetter(0), itemgetter(1)  # of a Match


def _longest_first(m: Match) -> int:
    return m.start - m.end


class _Node:
    """A word trie node: the terms that end here, and the words that go on."""

    __slots__ = ("ends", "next")

    def __init__(self) -> None:
        self.ends: list[tuple[Any, str]] = []  # (value, term), in the order added
        self.next: dict[str, _Node] = {}


class PhraseMatcher(Generic[T]):
    """Finds dictionary terms in text. Build once, call on many texts."""

    def __init__(self, terms: Iterable[tuple[str, T]] = ()) -> None:
        # First word -> trie of the words after it. A trie, not a list of terms per
        # first word: "محافظة" or "قوات" begin hundreds of names and occur on every page.
        self._index: dict[str, _Node] = {}
        self.size = 0
        for term, value in terms:
            self.add(term, value)

    def add(self, term: str, value: T) -> None:
        key = fold(term)
        toks = tuple(key[a:b] for a, b in words(key))
        if not toks:
            return
        node = self._index.get(toks[0])
        if node is None:
            node = self._index[toks[0]] = _Node()
            _first_word(toks[0])
        for tok in toks[1:]:
            child = node.next.get(tok)
            if child is None:
                child = node.next[tok] = _Node()
            node = child
        node.ends.append((value, " ".join(toks)))
        self.size += 1

    def find_all(self, text: str | Normalised) -> list[Match[T]]:
        """Every match, overlapping ones included."""
        norm = text if isinstance(text, Normalised) else normalise(text)
        bounds, toks, by_stem = _tokens(norm)
        found: list[Match[T]] = []
        index = self._index
        last = len(toks) - 1
        # Only stems that begin some entry are visited: a set intersection in C.
        for stem in by_stem.keys() & index.keys():
            root = index[stem]
            for cut, i in by_stem[stem]:
                node, n = root, 0
                while True:
                    if node.ends:
                        # word i spans bounds[2i]:bounds[2i+1] of the normalised text
                        start, end = norm.to_original(bounds[2 * i] + cut, bounds[2 * (i + n) + 1])
                        text = norm.original[start:end]
                        for value, term in node.ends:
                            found.append(Match(start, end, text, value, term, n + 1))
                    if not node.next or i + n >= last:
                        break
                    node = node.next.get(toks[i + n + 1])
                    if node is None:
                        break
                    n += 1
        # By start, the longest first: two stable sorts on C key functions.
        found.sort(key=_END, reverse=True)
        found.sort(key=_START)
        return found

    def find(self, text: str | Normalised) -> list[Match[T]]:
        """Non-overlapping matches, the longest winning, in text order."""
        found = self.find_all(text)
        if not found:
            return []
        chosen: list[Match[T]] = []
        taken = bytearray(max(m.end for m in found))  # 1 where a chosen match covers the text
        for m in sorted(found, key=_longest_first):  # the longest first; by start among equals (stable)
            if any(taken[m.start : m.end]):
                continue
            chosen.append(m)
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        return sorted(chosen, key=_START)


_last: list = [None, None]
# The first words of every matcher's terms, and, per word of a text, its readings
# (clitic-stripped stems) that begin some term: most words begin none, so a text
# is indexed only where a match can start.
_FIRST: set[str] = set()
_READINGS_MAX = 200_000  # words remembered; a long run's vocabulary keeps growing


class _Readings(dict):
    """Word -> its readings that begin some term, worked out the first time the word is seen."""

    def __missing__(self, word: str) -> tuple[tuple[int, str], ...]:
        self[word] = found = tuple(v for v in clitic_variants(word) if v[1] in _FIRST)
        return found


_READINGS = _Readings()
# WORD as a capturing split: gap, word, gap, word, ..., gap.
_WORD_SPLIT = re.compile(f"({WORD.pattern})")


def _first_word(word: str) -> None:
    if word not in _FIRST:
        _FIRST.add(word)
        _READINGS.clear()  # readings computed before may have missed this word
        _last[0] = None


def _tokens(norm: Normalised):
    """Word bounds, words, and for each stem that begins a term the ``(clitic
    length, word index)`` of the words that read as it, of a normalised text.

    Words and bounds come from ``scan.split_tokens`` (word i spans
    ``bounds[2i]:bounds[2i+1]``). The last text's are kept: every recogniser
    matches the same article in turn.
    """
    if _last[0] is not norm:
        toks, bounds = split_tokens(_WORD_SPLIT, norm.text)
        if len(_READINGS) > _READINGS_MAX:
            _READINGS.clear()
        # Per word its readings, looked up in C; only words with one are visited.
        read = list(map(_READINGS.__getitem__, toks))
        by_stem: dict[str, list[tuple[int, int]]] = {}
        for i in compress(range(len(read)), read):
            for cut, stem in read[i]:
                by_stem.setdefault(stem, []).append((cut, i))
        _last[0], _last[1] = norm, (bounds, toks, by_stem)
    return _last[1]
