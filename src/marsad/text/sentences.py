"""Sentence spans of a clean text.

Arabic news separates sentences with a full stop, a line break, or (in
scraped pages) a stop surrounded by spaces (" . "). The Arabic comma does
not end a sentence. Spans are offsets into the text; nothing is copied.
"""
from __future__ import annotations

import re

from ..model import Span

# A stop (., !, ?, ؟) followed by a space, or a run of line breaks. (A stop is
# matched, not looked behind for: a look-behind is tried at every character.)
_BOUNDARY = re.compile(r"[.!?؟](?=\s)|\n+")
# A sentence longer than this is cut at its next Arabic comma or semicolon:
# scraped pages run paragraphs together, and the coder reads roles per clause.
_MAX_LEN = 600


def split_sentences(text: str) -> list[Span]:
    """Non-empty, whitespace-trimmed sentence spans, in order."""
    spans: list[Span] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        a, b = m.span()
        _add(text, pos, a if text[a] == "\n" else b, spans)  # a stop stays in its sentence
        pos = b
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    kept = piece.strip()  # str.strip drops what isspace() calls blank, in C
    if not kept:
        return
    start += len(piece) - len(piece.lstrip())
    end = start + len(kept)
    if end - start > _MAX_LEN:
        cut = _soft_cut(text, start, end)
        if cut:
            _add(text, start, cut, spans)
            _add(text, cut, end, spans)
            return
    spans.append(Span(start, end, kept))


def _soft_cut(text: str, start: int, end: int) -> int | None:
    """A cut point after a comma near the middle of an over-long sentence."""
    middle = start + (end - start) // 2
    best = None
    for m in re.finditer(r"[،,;؛]\s", text[start:end]):
        pos = start + m.end()
        if best is None or abs(pos - middle) < abs(best - middle):
            best = pos
    return best
