"""Event frames: what one sentence says happened, before frames are merged into events.

A frame is one trigger's reading of its sentence: the type, the acting and
acted-upon sides, the place(s), the date, the casualty claims and the
evidence. ``assemble`` merges frames that tell of the same event.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter

from ..model import Claim, Mention, Span
from ..text.normalise import fold
from .triggers import TriggerHit


@dataclass(frozen=True)
class Recognised:
    """Everything the recognisers found in one article, each list in text order."""

    actors: list[Mention]
    places: list[Mention]
    dates: list[Mention]
    quantities: list[Mention]
    claimants: list[Mention]
    country: str | None
    reference: date | None = None  # the publication date, or the latest full date the text gives
    unresolved: list = field(default_factory=list)  # UnresolvedPlace: named, but not in the gazetteer


@dataclass
class Frame:
    event_type: str
    sub_event_type: str
    sentence: Span
    trigger: TriggerHit
    place: Mention
    actor1: Mention | None
    actor2: Mention | None
    actor1_weight: float = 0.0
    actor2_direct: bool = False
    assoc2: list[Mention] = field(default_factory=list)
    date: Mention | None = None
    claims: list[Claim] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    background_cue: bool = False
    civilian_target: bool = False
    shared_places: int = 1  # how many places the sentence's figures are spread over


_ARMED_KINDS = {"state", "rebel", "political_militia", "identity_militia", "external"}
# Words that put what follows in the background ("يذكر أن", "وكان ... قد"):
# these openers tell earlier events in Arabic news. Dates override them.
_BACKGROUND_OPENERS = re.compile(
    r"^\W*(?:و)?(?:يذكر|يشار|سبق|كان(?:ت)?\s+\S+\s+قد|كان(?:ت)?\s+قد|في وقت سابق|وفي وقت سابق)"
)
# Prepositions that mark a place as where people went, not where the act was.
_DESTINATION = re.compile(r"(?:باتجاه|نحو|الي|صوب|حتي)\s*$")  # folded forms
_ORIGIN = re.compile(r"(?:من|انطلاقا من|مواقعها في|مواقعه في)\s*$")
# Where aircraft or missiles came from is never where they struck.
_LAUNCH = re.compile(r"(?:انطلقت|اقلعت|انطلقت|اطلقت|تنطلق|تقلع)\s+(?:\S+\s+)?من\s*(?:قاعده|مطار)?\s*$")
_CIVILIAN_WORDS = re.compile(
    r"مدني|المدني|اطفال|الاطفال|نساء|النساء|الاهالي|اهالي|السكان|سوق|مستشفي|مدرسه|منازل|منزل|احياء سكنيه|مناطق سكنيه"
)


def within(items: list, span: Span) -> list:
    """The items (sorted by start) lying inside ``span``, found by bisection, so that
    reading every sentence of a long page stays linear."""
    if isinstance(items, Sorted):
        return items.within(span)
    starts = [m.start for m in items]
    lo, hi = bisect_left(starts, span.start), bisect_left(starts, span.end)
    return [m for m in items[lo:hi] if m.end <= span.end]


class Sorted(list):
    """A list of mentions sorted by start, with the starts kept for bisection."""

    def __init__(self, items):
        super().__init__(sorted(items, key=_start))
        self.starts = [m.start for m in self]

    def within(self, span: Span) -> list:
        """The items lying inside ``span``."""
        starts, end = self.starts, span.end
        lo = bisect_left(starts, span.start)
        return [m for m in self[lo:bisect_left(starts, end, lo)] if m.end <= end]


_start = attrgetter("start")


def sentences_holding(sentences: list[Span], *mentions: list) -> list[Span]:
    """The sentences (in text order, not overlapping) in which one of ``mentions`` starts,
    found from the mentions' side: most sentences of a page hold none."""
    starts = [s.start for s in sentences]
    holding = set()
    for items in mentions:
        for m in items:
            k = bisect_right(starts, m.start) - 1
            if k >= 0 and m.start < sentences[k].end:
                holding.add(k)
    return [sentences[k] for k in sorted(holding)]


@lru_cache(maxsize=64)
def folded_sentence(sentence: Span) -> str:
    """``fold(sentence.text)``, kept: each trigger and place of a sentence asks again."""
    return fold(sentence.text)


def armed(m: Mention) -> bool:
    return m.value.kind in _ARMED_KINDS


# "كانت قد سيطرت": the pluperfect tells what had happened before the news.
_PLUPERFECT = re.compile(r"(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,2}قد\s+(?:\S+\s+)?$")


def is_background(sentence: Span, trigger: TriggerHit | None = None, text: str = "") -> bool:
    if _BACKGROUND_OPENERS.match(folded_sentence(sentence)):
        return True
    if trigger is not None and text:
        return bool(_PLUPERFECT.search(fold(text[max(sentence.start, trigger.start - 40) : trigger.start])))
    return False


# An actor named in an affiliation ("الموالية لنظام الأسد", "التابعة للتنظيم") describes
# someone else; it is neither side of the act.
_AFFILIATION = re.compile(r"(?:الموالي|الموالين|الموالون|مواليه|الموالي[ةه]|موالي[ةه]?|التابع[ةه]?|تابع[ةه]?|المدعوم[ةه]?|المقرب[ةه]? من|المحسوب[ةه]? علي)\s*\S{0,2}$")
# Words that make the actor after a trigger its agent: "هجوم شنه التنظيم", "غارات نفذتها طائرات".
_AGENTIVE = re.compile(r"^\W*(?:\S+\s+)?(?:شن\S*|نفذ\S*|من قبل|علي يد|اطلق\S*|تبنا\S*|تبني\S*)\s*$")


# How far a verb's subject may stand from it (characters; a few words).
_SUBJECT_CHARS = 30


def affiliated(text: str, m: Mention) -> bool:
    return bool(_AFFILIATION.search(fold(text[max(0, m.start - 16) : m.start])))


def pick_actor1(actors: list[Mention], trigger: TriggerHit, text: str = "", nominal_object: bool = False) -> tuple[Mention | None, float]:
    """The acting side and how sure we are of it.

    In order: an actor linked to the trigger as its agent ("شنه التنظيم"); the
    nearest armed actor before the trigger; the actor right after it with ل
    ("غارات للطيران الروسي"), unless the trigger's object follows it
    (``nominal_object``: "إعدام القيادي في X" — X is the victim's group).
    """
    candidates = [a for a in actors if armed(a) and not affiliated(text, a)]
    for a in candidates:
        if a.start >= trigger.end and a.start - trigger.end < 40:
            if _AGENTIVE.match(fold(text[trigger.end : a.start])):
                return a, 2.0
    before = [a for a in candidates if a.end <= trigger.start]
    if trigger.trigger.verb:
        # Subject before the verb and close to it ("قوات النظام سيطرت"), else right after it
        # ("سيطرت قوات النظام", "أعدم التنظيم قياديا").
        if before and trigger.start - before[-1].end < _SUBJECT_CHARS:
            return before[-1], 1.5
        after = [a for a in candidates if a.start >= trigger.end and a.start - trigger.end < _SUBJECT_CHARS]
        if after:
            return after[0], 1.5
    if before:
        return before[-1], 1.0
    if not nominal_object:
        after = [a for a in candidates if a.start >= trigger.end and a.start - trigger.end < 25]
        if after:
            return after[0], 0.5
    return None, 0.0


def pick_actor2(actors: list[Mention], trigger: TriggerHit, actor1: Mention | None,
                text: str = "") -> tuple[Mention | None, bool]:
    """The side acted upon, and whether the text ties it to the trigger.

    The first armed actor after the trigger that is not the actor ("هجوم على
    قوات النظام") is direct; failing that, another armed actor of the sentence.
    """
    name1 = actor1.value.name if actor1 else None
    others = [a for a in actors if armed(a) and a.value.name != name1 and not affiliated(text, a)]
    for a in others:
        if a.start >= trigger.end:
            return a, True
    for a in reversed(others):
        if a.end <= trigger.start:
            return a, False
    return None, False


def event_places(text: str, places: list[Mention], trigger: TriggerHit) -> list[Mention]:
    """Where the act happened: the places named after the trigger, else the nearest before.

    Places people went to ("باتجاه الشمال") and places attacks came from ("من مواقعها في")
    are not where the event was.
    """
    usable = []
    for p in places:
        destination, launch, origin = _led_in(text, p.start)
        if destination or launch or (p.start > trigger.end and origin and len(places) > 1):
            continue
        usable.append(p)
    if not usable:
        # Places the report names but that cannot be located fold into the nearest place
        # it does locate (CODEBOOK 1): "تقدم ... باتجاه X" is coded at X.
        usable = [p for p in places if not _led_in(text, p.start)[1]]
    after = [p for p in usable if p.start >= trigger.end]
    if after:
        # Each place struck is its own event (CODEBOOK 1), but only the places listed
        # together: a list ends where the clause moves on (a second verb, "بينما").
        first = after[0]
        group = [first]
        for p in after[1:]:
            gap = fold(text[group[-1].end : p.start])
            if len(gap) <= 12 and re.fullmatch(r"[\s,،و]*(?:و|و\s*في|وفي|وب)?[\s,،]*", gap):
                group.append(p)
            else:
                break
        return group
    # A place before the trigger is where it happened only when close to it:
    # "في حلب قصفت الطائرات" yes; "قال مسؤول في موسكو ... إن الطائرات قصفت" no.
    before = [p for p in usable if p.end <= trigger.start and trigger.start - p.end <= _BEFORE_CHARS]
    if before:
        return before[-1:]
    # The sentence's only place, however far: nothing competes with it.
    return usable if len(usable) == 1 else []


@lru_cache(maxsize=64)
def _led_in(text: str, start: int) -> tuple[bool, bool, bool]:
    """Whether the words before the place at ``start`` make it a destination, a launch
    site or an origin. Kept: each trigger of a sentence asks about the same places."""
    lead = fold(text[max(0, start - 16) : start])
    wide = fold(text[max(0, start - 40) : start])
    return bool(_DESTINATION.search(lead)), bool(_LAUNCH.search(wide)), bool(_ORIGIN.search(lead))


# How far before its trigger a place may stand (characters); about eight words.
_BEFORE_CHARS = 60


def nearest_date(dates: list[Mention], trigger: TriggerHit) -> Mention | None:
    """The date closest to the trigger in its sentence."""
    if not dates:
        return None
    return min(dates, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))


# Aircraft words: a "قصف" or "استهداف" by aircraft is an air strike, not shelling.
_AIR = re.compile(r"طاير|طيران|مقاتلات|مروحي|غار[اه]|جوي|قاذف|مسير")  # folded: ئ is ي


def by_air(sentence: Span) -> bool:
    return bool(_AIR.search(folded_sentence(sentence)))


def civilian_target(sentence: Span, trigger: TriggerHit) -> bool:
    return bool(_CIVILIAN_WORDS.search(folded_sentence(sentence)))
