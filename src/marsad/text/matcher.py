"""A phrase matcher for Arabic dictionaries: normalised, clitic-aware, offset-exact.

Dictionary terms are normalised and split into words. A term matches the text
when its first word equals a word of the text read with or without its
proclitics (و ف ب ل ك، لل), and its other words follow exactly. Matches come
back as spans of the *original* text, so evidence is always the author's words.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Generic, Iterable, TypeVar

from .normalise import Normalised, clitic_variants, fold, normalise, words

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # into the original text
    end: int
    text: str
    value: T
    term: str  # the dictionary term (normalised) that matched
    n_words: int


class PhraseMatcher(Generic[T]):
    """Finds dictionary terms in text. Build once, call on many texts."""

    def __init__(self, terms: Iterable[tuple[str, T]] = ()) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], T, str]]] = defaultdict(list)
        self.size = 0
        for term, value in terms:
            self.add(term, value)

    def add(self, term: str, value: T) -> None:
        key = fold(term)
        toks = tuple(key[a:b] for a, b in words(key))
        if not toks:
            return
        self._index[toks[0]].append((toks[1:], value, " ".join(toks)))
        self.size += 1

    def find_all(self, text: str | Normalised) -> list[Match[T]]:
        """Every match, overlapping ones included."""
        norm = text if isinstance(text, Normalised) else normalise(text)
        spans, toks, positions = _tokens(norm)
        found: list[Match[T]] = []
        index = self._index
        # Only the words that can start an entry are visited: a set intersection in C.
        for stem in positions.keys() & index.keys():
            for i, cut in positions[stem]:
                for rest, value, term in index[stem]:
                    n = len(rest)
                    if n and tuple(toks[i + 1 : i + 1 + n]) != rest:
                        continue
                    a = spans[i][0] + cut
                    b = spans[i + n][1]
                    start, end = norm.to_original(a, b)
                    found.append(Match(start, end, norm.original[start:end], value, term, n + 1))
        found.sort(key=lambda m: (m.start, -m.end))
        return found

    def find(self, text: str | Normalised) -> list[Match[T]]:
        """Non-overlapping matches, the longest winning, in text order."""
        found = self.find_all(text)
        if not found:
            return []
        chosen: list[Match[T]] = []
        taken = bytearray(max(m.end for m in found))  # 1 where a chosen match covers the text
        for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
            if any(taken[m.start : m.end]):
                continue
            chosen.append(m)
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        return sorted(chosen, key=lambda m: m.start)


_last: list = [None, None]


def _tokens(norm: Normalised):
    """Word spans, words, and where each clitic-stripped stem stands, of a
    normalised text. The last text's are kept: every recogniser matches the
    same article in turn."""
    if _last[0] is not norm:
        spans = words(norm.text)
        toks = [norm.text[a:b] for a, b in spans]
        positions: dict[str, list[tuple[int, int]]] = {}
        for i, tok in enumerate(toks):
            for cut, stem in clitic_variants(tok):
                positions.setdefault(stem, []).append((i, cut))
        _last[0], _last[1] = norm, (spans, toks, positions)
    return _last[1]


def make_matcher(pairs: Iterable[tuple[str, Any]]) -> PhraseMatcher[Any]:
    return PhraseMatcher(pairs)
