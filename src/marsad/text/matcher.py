"""A phrase matcher for Arabic dictionaries: normalised, clitic-aware, offset-exact.

Dictionary terms are normalised and split into words. A term matches the text
when its first word equals a word of the text read with or without its
proclitics (و ف ب ل ك، لل), and its other words follow exactly. Matches come
back as spans of the *original* text, so evidence is always the author's words.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from .normalise import WORD, Normalised, clitic_variants, fold, normalise, words

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
        spans, toks, by_stem = _tokens(norm)
        found: list[Match[T]] = []
        index = self._index
        # Only stems that begin some entry are visited: a set intersection in C.
        for stem in by_stem.keys() & index.keys():
            entries = index[stem]
            for cut, indices in by_stem[stem]:
                for i in indices:
                    for rest, value, term in entries:
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
    """Word spans, words, and for each clitic-stripped stem the words that read as it,
    of a normalised text. The last text's are kept: every recogniser matches the
    same article in turn."""
    if _last[0] is not norm:
        found = list(WORD.finditer(norm.text))
        spans = [m.span() for m in found]
        toks = [m.group() for m in found]
        where: dict[str, list[int]] = {}
        for i, tok in enumerate(toks):
            where.setdefault(tok, []).append(i)
        by_stem: dict[str, list[tuple[int, list[int]]]] = {}
        for tok, indices in where.items():  # each distinct word once
            for cut, stem in clitic_variants(tok):
                by_stem.setdefault(stem, []).append((cut, indices))
        _last[0], _last[1] = norm, (spans, toks, by_stem)
    return _last[1]
