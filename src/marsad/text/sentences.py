"""Sentence spans of a clean text.

Arabic news separates sentences with a full stop, a line break, or (in
scraped pages) a stop surrounded by spaces (" . "). The Arabic comma does
not end a sentence. Spans are offsets into the text; nothing is copied.
"""
from __future__ import annotations

import re

from ..model import Span

# A boundary is a stop (., !, ?, ؟) followed by a blank, or a run of line breaks;
# the stop stays in its sentence, and blanks around a sentence are trimmed
# (``\s`` and ``\S`` are what ``str.isspace`` calls blank, as ``str.strip`` does).
# One match is one trimmed sentence, so no Python code runs per boundary or blank.
_SENTENCE = re.compile(
    r"""
      [.!?؟](?=\s)                            # a sentence that is only its stop
    | (?:[^\s.!?؟]|[.!?؟](?!\s))              # else a character that is no blank and ends nothing,
      [^.!?؟\n]*(?:[.!?؟](?!\s)[^.!?؟\n]*)*   # then all up to the boundary,
      (?:[.!?؟](?=\s)|(?<=\S))                # ending at its stop, or back at the last non-blank
    """,
    re.VERBOSE,
)
# A sentence longer than this is cut at its next Arabic comma or semicolon:
# scraped pages run paragraphs together, and the coder reads roles per clause.
_MAX_LEN = 600


def split_sentences(text: str) -> list[Span]:
    """Non-empty, whitespace-trimmed sentence spans, in order."""
    spans: list[Span] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        if end - start > _MAX_LEN:
            _add(text, start, end, spans)
        else:
            spans.append(Span(start, end, m.group()))
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
