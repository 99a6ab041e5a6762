"""The pure centre of marsad: ``extract(article) -> Document``.

Readers make Articles; this module recognises what the text names and codes
the events; writers, stores and engines wrap it and never change what it
returns. ``extract_many`` is the serial reference for a batch: one bad
article becomes a Failure with its reason and the batch goes on.
"""
from __future__ import annotations

import gc
import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain
from typing import Iterable, Iterator

from .coder.assemble import code_events
from .coder.frames import Recognised
from .coder.screen import may_have_events
from .coder.triggers import find_triggers
from .model import Article, Document, Failure
from .recognise.actors import find_actors
from .recognise.claimants import claimant_for, find_claimants
from .recognise.dates import find_dates, month_day, resolve_relative
from .recognise.places import find_places, candidates_country, place_candidates, story_focus
from .recognise.quantities import find_quantities
from .recognise.unresolved import find_unresolved
from .text.language import arabic_share, detect_language
from .text.normalise import Normalised, fold, normalise
from .text.offsets import RangeChain
from .text.sentences import split_sentences
from .text.spans import SpanIndex

log = logging.getLogger(__name__)


class NotArabic(ValueError):
    """The article's text is not Arabic; marsad reads Arabic only."""


# Words of death and harm (folded): a sentence without one and without a trigger
# gives no casualty claim, so numbers and sources need not be read there. A search
# tries a match at every letter that can begin one, and alef and mim are common:
# the words that begin with them are found from a rarer letter inside them, the
# letters before it checked by a look-behind. (Only whether a sentence holds a word
# matters, and a word, all letters, never spans two sentences.)
_HARM = re.compile(
    r"قتل|قتيل|شهيد|شهدا|ضحاي|ضحيه|جرح|جريح|جثث|جثه|حتف"
    r"|ص(?<=[ام]ص)اب|ص(?<=مص)رع|س(?<=اس)ري|س(?<=اس)ير|ق(?<=مفق)ود|د(?<=اعد)ام|ح(?<=نح)ر"
)


# A blanked stretch of the claim view keeps at most this many spaces in its
# normalised form: more than any window the number and source readers look
# through (48 characters), so they read the same, and skip the rest unscanned.
_BLANK_KEPT = 64


def _claim_view(norm: Normalised, sentences: list, triggers: list) -> Normalised:
    """The text with every sentence that can hold no claim blanked out, offsets kept.

    Numbers and claimants only matter in sentences with a trigger or a word of harm
    (the coder reads claims nowhere else); blanking the rest halves their cost. The
    view is cut from the article's own normalised text and offset map; its
    normalised form shortens each blanked stretch to ``_BLANK_KEPT`` spaces.
    """
    source, nt, original = norm.source, norm.text, norm.original
    same = type(source) is range  # nothing was deleted: normalised offsets are original ones
    # Triggers and words of harm, at original offsets, each marks the sentence it is in
    # (one pass over the text, and work only for the sentences kept).
    harm = [m.start() for m in _HARM.finditer(nt)]
    marks = [t.start for t in triggers] + (harm if same else [source[i] for i in harm])
    starts = [s.start for s in sentences]
    kept = set()
    for pos in marks:
        k = bisect_right(starts, pos) - 1
        if k >= 0 and pos < sentences[k].end:
            kept.add(k)
    raw, folded = [], []
    runs = []  # the stretches of the normalised text the view is made of, in order
    done = done_n = 0  # how far the view has been written, in the text and in its normalised form
    for k in sorted(kept):
        s = sentences[k]
        a, b = (s.start, s.end) if same else (bisect_left(source, s.start), bisect_left(source, s.end))
        keep = min(a - done_n, _BLANK_KEPT)
        raw += [" " * (s.start - done), original[s.start:s.end]]
        folded += [" " * keep, nt[a:b]]
        runs += [(done_n, done_n + keep), (a, b)]
        done, done_n = s.end, b
    raw.append(" " * (len(original) - done))
    keep = min(len(nt) - done_n, _BLANK_KEPT)
    folded.append(" " * keep)
    runs.append((done_n, done_n + keep))
    # The view's offset map is those stretches of the article's map: runs of the
    # identity when nothing was deleted, kept as runs (no int per character).
    view_source = RangeChain(runs) if same else tuple(chain.from_iterable(source[a:b] for a, b in runs))
    return Normalised("".join(raw), "".join(folded), view_source)


# Clocks and time zones: an event may be dated a day after the outlet's date line.
_AFTER_PUBLICATION = timedelta(days=1)


@dataclass(frozen=True)
class _Located:
    """What is read before deciding whether a report can give events at all."""

    sentences: list
    places: list
    actors: list
    country: str | None
    unresolved: list


def _locate(article: Article, norm: Normalised) -> _Located:
    """Sentences, places, actors and unplaced names: places first, since they tell the
    story's country."""
    sentences = split_sentences(article.text)
    candidates = place_candidates(article.text, norm)
    country = candidates_country(candidates)
    focus = story_focus(candidates, country)
    places = find_places(article.text, norm, country=country, focus=focus, candidates=candidates)
    actors = find_actors(article.text, norm, country=country)
    # A name inside an actor's name ("فيلق القدس", "جيش الإسلام") is not a place.
    named_actors = SpanIndex(actors)
    places = [p for p in places if not named_actors.overlaps(p.start, p.end)]
    return _Located(sentences, places, actors, country, find_unresolved(article.text, places, norm))


def recognise(article: Article, norm: Normalised, triggers: list,
              located: _Located) -> tuple[Recognised, list, Normalised]:
    """Every mention in the article, given what ``extract`` has read already."""
    reference, dates = resolve_dates(article, norm)
    if reference is not None:
        # A day after publication is no event's day: a page header (the day it was read),
        # a teaser of a later story, or a plan. It dates nothing here.
        dates = [d for d in dates if d.value.start is None or d.value.start <= reference + _AFTER_PUBLICATION]
    claim_norm = _claim_view(norm, located.sentences, triggers)
    claim_text = claim_norm.original
    rec = Recognised(
        reference=reference,
        actors=located.actors,
        places=located.places,
        dates=dates,
        quantities=find_quantities(claim_text, claim_norm),
        claimants=find_claimants(claim_text, claim_norm),
        country=located.country,
        unresolved=located.unresolved,
    )
    return rec, located.sentences, norm


def resolve_dates(article: Article, norm=None) -> tuple[date | None, list]:
    """The report's date mentions, and the day relative ones count back from.

    That day is the publication date when known. Else the latest full date (day,
    month and year) the text itself gives, unless the text names a year well after
    it, which makes it history and leaves the report undated (CODEBOOK 5: relative
    dates then stay unresolved). Else, when the text dates its items by day and month
    and names a year elsewhere ("السبت 20 آب" in a report that says 2016), the
    latest such day in that year.
    """
    if article.published is not None:
        return article.published, find_dates(article.text, article.published, norm)
    undated = find_dates(article.text, None, norm)
    if any(d.value.precision == "day" and d.value.end is not None for d in undated):
        reference = _latest_full_day(undated, article.text)  # None when those days are history
    else:
        reference = _latest_day_in_named_year(undated)
    if reference is None:
        return None, undated
    return reference, resolve_relative(undated, reference)


# A full date more than this many years before another year the text names is
# history the report recalls ("5 حزيران 1967" in a report that also says 2010),
# not the day it was written (a year or two later may be a plan or a forecast).
_HISTORY_GAP_YEARS = 5


# Words that make a year a horizon, not a time the report has seen: "بحلول عام 2023",
# "تمتد إلى 2025", "تستحق في 2026".
_HORIZON = re.compile(r"(?:بحلول|حتي|الي|لغايه|غايه|تستحق|يستحق|تمتد|يمتد)\s+(?:\S+\s+)?$")


def _later_year_named(mentions, text: str, year: int) -> bool:
    """Whether the text names, other than as a horizon, a year more than the gap after ``year``."""
    for d in mentions:
        if d.value.start is not None and d.value.start.year > year + _HISTORY_GAP_YEARS:
            if not _HORIZON.search(fold(text[max(0, d.start - 30):d.start])):
                return True
    return False


def _latest_full_day(mentions, text: str) -> date | None:
    days = [d.value.end for d in mentions if d.value.precision == "day" and d.value.end is not None]
    if not days:
        return None
    latest = max(days)
    return None if _later_year_named(mentions, text, latest.year) else latest


def _latest_day_in_named_year(mentions) -> date | None:
    years = [d.value.start.year for d in mentions if d.value.precision == "year" and d.value.start is not None]
    if not years:
        return None
    year = max(set(years), key=years.count)
    days = []
    for d in mentions:
        if d.value.start is None and month_day(d.text) is not None:
            month, day = month_day(d.text)
            try:
                days.append(date(year, month, day))
            except ValueError:  # 29 February of a common year
                continue
    return max(days) if days else None


def extract(article: Article) -> Document:
    """Code one article's events (pure: the same article always gives the same document)."""
    if detect_language(article.text) != "ar":
        raise NotArabic(f"not Arabic ({arabic_share(article.text):.0%} Arabic letters)")
    norm = normalise(article.text)
    triggers = find_triggers(norm)
    if not triggers:
        return Document(article, ())  # no word of any event: nothing to recognise
    located = _locate(article, norm)
    if not may_have_events(located.sentences, triggers, located.actors, located.places,
                           located.unresolved, located.country):
        # No sentence can give a frame: dates, numbers and sources would change nothing.
        return Document(article, (), tuple(located.unresolved))
    rec, sentences, norm = recognise(article, norm, triggers, located)
    fallback = article.outlet or ""
    claimant_mentions = rec.claimants

    sentence_starts = [s.start for s in sentences]

    def claimant_of(position: int) -> str:
        k = bisect_right(sentence_starts, position) - 1
        s = sentences[k] if k >= 0 and position < sentences[k].end else None
        span = (s.start, s.end) if s else (position, position)
        return claimant_for(position, claimant_mentions, span) or fallback

    events = code_events(article, sentences, rec, claimant_of, triggers)
    return Document(article, events, tuple(rec.unresolved))


_settled = [False]


def settle() -> None:
    """Once per process, after the first extraction: hide the loaded knowledge from
    the garbage collector.

    The gazetteer, actor registry and matchers are ~150k objects that live as long
    as the process; every full collection would walk them again (about a seventh
    of extract's time on a long run). ``gc.freeze`` moves what exists now out of
    the collector's view; later garbage is collected as usual.
    """
    if not _settled[0]:
        _settled[0] = True
        gc.freeze()


def extract_many(items: Iterable[Article | Failure]) -> Iterator[Document | Failure]:
    """Extract each article; a failure of one is reported and the rest go on."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            doc = extract(item)
            settle()
            yield doc
        except NotArabic as exc:
            yield Failure(item.id, "extract", str(exc))
        except Exception as exc:  # one article must never sink a batch; the reason is kept
            log.exception("extract failed for %s", item.id)
            yield Failure(item.id, "extract", f"{type(exc).__name__}: {exc}")
