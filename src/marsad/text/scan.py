"""Fast scans: tokens without match objects, and patterns that begin with a look-behind.

Tokens come from a capturing split (blank, token, blank, ..., blank) as plain
strings, their offsets from the running lengths of the parts: no match object
per token.

A pattern like ``(?<!\\w)[وفبل]?(?:قوات|طيران)...`` is tried by ``re`` at every
character of the text, since nothing tells it where a match can begin. Its
literal core (the nouns) can be scanned for in C many times faster; the full
pattern is then tried only in the few characters before each core word.
"""
from __future__ import annotations

import re
from itertools import accumulate


def split_tokens(splitter: re.Pattern, text: str) -> tuple[list[str], list[int]]:
    """The tokens of ``text`` and their bounds: token i spans ``bounds[2i]:bounds[2i+1]``.

    ``splitter`` is the token pattern inside one capturing group, ``(...)``.
    """
    parts = splitter.split(text)
    return parts[1::2], list(accumulate(map(len, parts)))


def finditer_near(pattern: re.Pattern, core: re.Pattern, room: int, text: str) -> list[re.Match]:
    """``list(pattern.finditer(text))``, trying ``pattern`` only at most ``room``
    characters before a match of ``core``.

    Exact when every match of ``pattern`` begins after a non-letter (a look-behind)
    and holds a match of ``core`` that starts at most ``room`` letters after its own
    start: then a core word skipped by ``core``'s scan lies inside an earlier core
    word, has a letter before it, and its phrase can only start where that earlier
    word's phrase would.
    """
    out: list[re.Match] = []
    done = 0  # where the last match ended: no match starts before it
    tried = 0  # positions before this were tried already
    for m in core.finditer(text):
        y = m.start()
        # Core matches come in order, so the positions tried stay in order.
        for x in range(max(tried, y - room, done), y + 1):
            if x < done:
                continue
            found = pattern.match(text, x)  # a look-behind still sees the text before x
            if found:
                out.append(found)
                done = found.end()
        tried = y + 1
    return out


def trie_pattern(words, loose_spaces: bool = True) -> str:
    """A regex alternation of ``words`` as a trie, so matching costs one pass
    however many words there are (a flat alternation tries every word in turn
    where one can start). With ``loose_spaces`` a space in a word matches any run
    of spaces and quotes (multi-word names written with quotes inside); else
    just a space."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts, optional = [], False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            piece = r"[\s\"'«»“”]+" if ch == " " and loose_spaces else re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        if optional:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)
