"""Trigger words: the words that say an event happened, from knowledge/data/triggers.tsv."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..model import EVENT_TYPES
from ..text.matcher import PhraseMatcher
from ..text.normalise import Normalised, fold

# Words that, just before a trigger, say the act did not (or not yet) happen.
_NEGATORS = {"لم", "لن", "لا", "عدم", "سوف", "دون", "بدون", "ينفي", "نفي", "نفت", "نفى"}


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str  # or "territory": decided by the acting side
    strong: bool
    tags: tuple[str, ...]
    verb: bool = False  # a verb's subject may follow it ("أعدم التنظيم ...")


@dataclass(frozen=True)
class TriggerHit:
    start: int
    end: int
    text: str
    trigger: Trigger


def _load() -> list[tuple[str, Trigger]]:
    raw = files("marsad.knowledge").joinpath("data/triggers.tsv").read_text("utf-8")
    pairs = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 5
        term, etype, sub, strength, tags = cols[:5]
        if etype not in EVENT_TYPES or (sub != "territory" and sub not in EVENT_TYPES[etype]):
            raise ValueError(f"triggers.tsv: unknown type {etype!r} / {sub!r} for {term!r}")
        labels = tuple(t for t in tags.split(",") if t and t != "verb")
        pairs.append((term, Trigger(etype, sub, strength == "strong", labels, "verb" in tags.split(","))))
    return pairs


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher[Trigger]:
    return PhraseMatcher(_load())


def find_triggers(norm: Normalised) -> list[TriggerHit]:
    """Trigger hits in the text, longest reading first, negated ones dropped."""
    hits = []
    for m in _matcher().find(norm):
        before = norm.original[max(0, m.start - 12) : m.start].split()
        if before and fold(before[-1]) in _NEGATORS:
            continue
        hits.append(TriggerHit(m.start, m.end, m.text, m.value))
    return hits
