"""The pure centre of marsad: ``extract(article) -> Document``.

Readers make Articles; this module recognises what the text names and codes
the events; writers, stores and engines wrap it and never change what it
returns. ``extract_many`` is the serial reference for a batch: one bad
article becomes a Failure with its reason and the batch goes on.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Iterable, Iterator

from .coder.assemble import code_events
from .coder.frames import Recognised
from .model import Article, Document, Failure
from .recognise.actors import find_actors
from .recognise.claimants import claimant_for, find_claimants
from .recognise.dates import find_dates
from .recognise.places import find_places, story_country
from .recognise.quantities import find_quantities
from .text.language import arabic_share, detect_language
from .text.normalise import normalise
from .text.sentences import split_sentences

log = logging.getLogger(__name__)


class NotArabic(ValueError):
    """The article's text is not Arabic; marsad reads Arabic only."""


def recognise(article: Article) -> tuple[Recognised, list, object]:
    """Every mention in the article: places first, since they tell the story's country."""
    norm = normalise(article.text)
    first = find_places(article.text, norm)
    country = story_country(first)
    places = find_places(article.text, norm, country=country) if country else first
    actors = find_actors(article.text, norm, country=country)
    # A name inside an actor's name ("فيلق القدس", "جيش الإسلام") is not a place.
    places = [p for p in places if not any(a.start < p.end and p.start < a.end for a in actors)]
    reference = reference_date(article, norm)
    rec = Recognised(
        reference=reference,
        actors=actors,
        places=places,
        dates=find_dates(article.text, reference, norm),
        quantities=find_quantities(article.text, norm),
        claimants=find_claimants(article.text, norm),
        country=country,
    )
    return rec, split_sentences(article.text), norm


def reference_date(article: Article, norm=None) -> date | None:
    """The day relative dates count back from.

    The publication date when known. Else the latest full date (day, month and
    year) the text itself gives (CODEBOOK 5: without one, relative dates stay
    unresolved). Else, when the text dates its items by day and month and names
    a year elsewhere ("السبت 20 آب" in a report that says 2016), the latest such day in that year.
    """
    if article.published is not None:
        return article.published
    undated = find_dates(article.text, None, norm)
    days = [d.value.end for d in undated if d.value.precision == "day" and d.value.end is not None]
    if days:
        return max(days)
    years = [d.value.start.year for d in undated if d.value.precision == "year" and d.value.start is not None]
    if not years:
        return None
    year = max(set(years), key=years.count)
    partial = {(d.start, d.end) for d in undated if d.value.start is None}
    in_year = [d.value.end for d in find_dates(article.text, date(year, 12, 31), norm)
               if (d.start, d.end) in partial and d.value.precision == "day"
               and d.value.end is not None and d.value.end.year == year
               and not _is_relative(d.text)]
    return max(in_year) if in_year else None


def _is_relative(text: str) -> bool:
    """Whether a date expression moves with the reference day (أمس، الاثنين), as
    opposed to a day and month that stay put whatever the year ("20 آب")."""
    a = find_dates(text, date(2020, 6, 17))
    b = find_dates(text, date(2021, 2, 3))
    if not (a and b and a[0].value.end and b[0].value.end):
        return True
    return (a[0].value.end.month, a[0].value.end.day) != (b[0].value.end.month, b[0].value.end.day)


def extract(article: Article) -> Document:
    """Code one article's events (pure: the same article always gives the same document)."""
    if detect_language(article.text) != "ar":
        raise NotArabic(f"not Arabic ({arabic_share(article.text):.0%} Arabic letters)")
    rec, sentences, norm = recognise(article)
    fallback = article.outlet or ""
    claimant_mentions = rec.claimants

    def claimant_of(position: int) -> str:
        sentence = next(((s.start, s.end) for s in sentences if s.start <= position < s.end), (position, position))
        return claimant_for(position, claimant_mentions, sentence) or fallback

    events = code_events(article, norm, sentences, rec, claimant_of)
    return Document(article, events)


def extract_many(items: Iterable[Article | Failure]) -> Iterator[Document | Failure]:
    """Extract each article; a failure of one is reported and the rest go on."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield extract(item)
        except NotArabic as exc:
            yield Failure(item.id, "extract", str(exc))
        except Exception as exc:  # one article must never sink a batch; the reason is kept
            log.exception("extract failed for %s", item.id)
            yield Failure(item.id, "extract", f"{type(exc).__name__}: {exc}")
