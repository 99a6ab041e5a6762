"""The records marsad passes between stages.

Every record is a frozen dataclass; stages build new ones with
``dataclasses.replace`` instead of mutating. One object, ``Article``, owns the
clean text; mentions, evidence and events point into it by character offsets.
This module imports nothing else from marsad.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
# Highest first: when two types describe one act, the earlier one wins (CODEBOOK 2).
EVENT_TYPE_RANK = {name: rank for rank, name in enumerate(EVENT_TYPES)}
SUB_EVENT_TYPE_PARENT = {sub: top for top, subs in EVENT_TYPES.items() for sub in subs}

ACTOR_KINDS = (
    "state",
    "rebel",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external",
)
DATE_PRECISIONS = ("day", "week", "month", "year")
QUALIFIERS = ("exact", "at_least", "about", "several", "dozens", "hundreds", "tens")
CLAIM_KINDS = ("killed", "wounded", "missing", "captured")


@dataclass(frozen=True)
class Article:
    """One news report. ``text`` is the clean text every offset points into."""

    id: str
    text: str
    raw: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = "ar"

    def span(self, start: int, end: int) -> "Span":
        return Span(start, end, self.text[start:end])


@dataclass(frozen=True)
class Span:
    """A stretch of ``Article.text``: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class ActorEntry:
    """A canonical actor of the registry (CODEBOOK 3)."""

    id: str
    name: str
    name_ar: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None  # the group a militia or wing belongs to, by id


@dataclass(frozen=True)
class PlaceEntry:
    """A place of the gazetteer."""

    id: str  # "geonames:170654" or "marsad:..." for curated places
    name: str
    name_ar: str
    country: str
    feature: str  # city | neighbourhood | admin1 | admin2 | site | country
    lat: float
    lon: float
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    names: tuple[str, ...] = ()  # every spelling the matcher should know


@dataclass(frozen=True)
class DateValue:
    """A resolved date (CODEBOOK 5). start/end/precision are None when unresolvable."""

    start: date | None
    end: date | None
    precision: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "text": self.text,
        }


@dataclass(frozen=True)
class Quantity:
    """A number as written: 110, "العشرات" (tens), "نحو 40" (about)."""

    value: int
    qualifier: str  # one of QUALIFIERS


@dataclass(frozen=True)
class Mention:
    """Something a recogniser found in ``Article.text``.

    ``value`` is the resolved thing: an ActorEntry, a PlaceEntry, a DateValue,
    a Quantity or, for claimants, the claimant's name as a str.
    """

    kind: str  # actor | place | date | quantity | claimant
    start: int
    end: int
    text: str
    value: Any = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Actor:
    """An actor as coded in one event: the registry entry plus the words that named it."""

    name: str
    name_ar: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    text: str

    @classmethod
    def from_entry(cls, entry: ActorEntry, text: str) -> "Actor":
        return cls(entry.name, entry.name_ar, entry.kind, entry.country, entry.aliases, text)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "country": self.country,
            "text": self.text,
        }


@dataclass(frozen=True)
class Location:
    """An event's place (CODEBOOK 4)."""

    name: str
    name_ar: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    precision: int  # 1 the place itself, 2 near it / part of a region, 3 only a region
    gazetteer_id: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": None if self.lat is None else round(self.lat, 4),
            "lon": None if self.lon is None else round(self.lon, 4),
            "precision": self.precision,
            "gazetteer_id": self.gazetteer_id,
            "text": self.text,
        }


@dataclass(frozen=True)
class Claim:
    """One figure the report gives, with who gave it (CODEBOOK 6)."""

    count: int
    qualifier: str
    claimant: str
    text: str
    kind: str = "killed"
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "qualifier": self.qualifier,
            "claimant": self.claimant,
            "kind": self.kind,
            "text": self.text,
        }


@dataclass(frozen=True)
class Fatalities:
    best: int
    low: int
    high: int
    claims: tuple[Claim, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "claims": [c.to_json() for c in self.claims],
        }


@dataclass(frozen=True)
class Event:
    """One event in the codebook's sense (CODEBOOK 1-7)."""

    id: str
    event_type: str
    sub_event_type: str
    reported: bool
    date: DateValue
    location: Location
    actor1: Actor
    actor2: Actor | None
    assoc_actor1: tuple[Actor, ...] = ()
    assoc_actor2: tuple[Actor, ...] = ()
    fatalities: Fatalities = field(default_factory=lambda: Fatalities(0, 0, 0))
    claimants: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    tags: tuple[str, ...] = ()
    confidence: float = 0.5
    notes: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "reported": self.reported,
            "date": self.date.to_json(),
            "location": self.location.to_json(),
            "actor1": self.actor1.to_json(),
            "actor2": self.actor2.to_json() if self.actor2 else None,
            "assoc_actor1": [a.to_json() for a in self.assoc_actor1],
            "assoc_actor2": [a.to_json() for a in self.assoc_actor2],
            "fatalities": self.fatalities.to_json(),
            "claims": [c.to_json() for c in self.fatalities.claims],
            "claimants": list(self.claimants),
            "evidence": [s.to_json() for s in self.evidence],
            "tags": list(self.tags),
            "confidence": round(self.confidence, 2),
            "notes": self.notes,
        }


@dataclass(frozen=True)
class UnresolvedPlace:
    """Words that name a place the gazetteer does not know, kept with the reason."""

    start: int
    end: int
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class Document:
    """An article and the events read from it; ``to_json`` is CODEBOOK 8 exactly,
    plus ``unresolved_places``: place names it read but could not locate."""

    article: Article
    events: tuple[Event, ...] = ()
    unresolved: tuple[UnresolvedPlace, ...] = ()

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "article": {
                "id": a.id,
                "url": a.url,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "language": a.language,
                "text": a.text,
            },
            "events": [e.to_json() for e in self.events],
            "unresolved_places": [u.to_json() for u in self.unresolved],
        }


@dataclass(frozen=True)
class Failure:
    """An input that could not be coded, and why. The batch goes on."""

    id: str
    stage: str  # read | clean | extract
    reason: str
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "stage": self.stage, "reason": self.reason, "source": self.source}
