"""One real-world event across reports (incidents), and near-duplicate reports.

Everything here is pure: functions of event records and texts, no database.
The store calls them to link each new event incrementally; ``partition`` is
the reference the incremental path must agree with.

Incidents are the connected components of the *compatible* graph: two events
of different reports are compatible when their types agree, they name one
place (within a distance that depends on its precision), their dates
overlap within their precision and their actors agree (``compatible``). Adding an event can only merge
components and removing one can only split its own, so the store keeps the
partition up to date without rebuilding it, and the partition (and every
canonical field, computed from the sorted members) does not depend on the
order reports arrive in.

Events too vague to identify one act never link: no coordinates, no date,
a date known only to the month or year, a place known only to the country.
Events known only to the week or to the governorate link only to each
other. A vague event compatible with two incidents would glue them
together (components are transitive): "air strikes on rural Idlib this
week" would join every Idlib strike of the week into one incident.
"""
from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from . import defaults
from .coder.fatalities import summarise
from .model import EVENT_TYPES, Claim
from .text.normalise import WORD, fold

_SUB_RANK = {sub: i for subs in EVENT_TYPES.values() for i, sub in enumerate(subs)}
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_UNIDENTIFIED = "Unidentified Armed Group"


@dataclass(frozen=True)
class EventRecord:
    """What linking and canonical fields need of one stored event.

    ``event`` is the codebook JSON of the event (``Event.to_json()``); the
    other fields are read from it and from the report (``from_json``).
    """

    id: str
    report_id: str
    event_type: str
    sub_event_type: str
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    geo_precision: int
    country: str | None
    admin1: str | None
    actor1: str | None
    actor2: str | None
    outlet: str | None = None
    published: date | None = None
    event: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_json(cls, event: dict[str, Any], report_id: str, outlet: str | None = None,
                  published: date | None = None) -> EventRecord:
        """The record of an event's codebook JSON, as stored with its report."""
        d, loc = event.get("date") or {}, event.get("location") or {}
        a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
        return cls(
            id=event["id"],
            report_id=report_id,
            event_type=event["event_type"],
            sub_event_type=event["sub_event_type"],
            date_start=_day(d.get("start")),
            date_end=_day(d.get("end")),
            date_precision=d.get("precision"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            geo_precision=int(loc.get("precision") or 3),
            country=loc.get("country"),
            admin1=loc.get("admin1"),
            actor1=a1.get("name"),
            actor2=a2.get("name"),
            outlet=outlet,
            published=published,
            event=event,
        )


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# Linking ---------------------------------------------------------------------


def link_window(rec: EventRecord) -> tuple[date, date] | None:
    """The days the event may have happened on, or None when it is too vague to link.

    A day is itself; a week-level date (stored at the middle of the week,
    CODEBOOK 5) covers three days either side. Month, year and unknown dates
    do not link (see the module docstring).
    """
    if rec.date_start is None or rec.date_end is None:
        return None
    if rec.date_precision == "day":
        lo, hi = rec.date_start, rec.date_end
    elif rec.date_precision == "week":
        lo, hi = rec.date_start - timedelta(days=3), rec.date_end + timedelta(days=3)
    else:
        return None
    if (hi - lo).days > defaults.INCIDENT_MAX_WINDOW_DAYS:
        return None
    return lo, hi


def linkable(rec: EventRecord) -> bool:
    """Whether the event can join other reports' events at all."""
    if link_window(rec) is None or rec.lat is None or rec.lon is None:
        return False
    return rec.geo_precision < 3 or bool(rec.admin1)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: EventRecord, b: EventRecord) -> bool:
    """Whether two located events name one place: the same gazetteer entry, the
    same name (GeoNames lists some towns twice), or a neighbourhood or site and
    the town the gazetteer says it belongs to. Two different towns (or a town
    and an airport outside it) are never one place, however close: every
    struck place is its own event (CODEBOOK 1)."""
    la, lb = a.event.get("location") or {}, b.event.get("location") or {}
    ida, idb = la.get("gazetteer_id"), lb.get("gazetteer_id")
    if ida and ida == idb:
        return True
    if la.get("name") and fold(la["name"]) == fold(lb.get("name") or ""):
        return True
    if not (ida and idb):
        return False
    from .knowledge import load_gazetteer

    gazetteer = load_gazetteer()
    ga, gb = gazetteer.get(ida), gazetteer.get(idb)
    if ga is None or gb is None:
        return False
    pa, pb = gazetteer.parent(ida), gazetteer.parent(idb)
    return (pa is not None and pa.id == idb) or (pb is not None and pb.id == ida)


def places_compatible(a: EventRecord, b: EventRecord) -> bool:
    """One place, close enough for the coarser of the two precisions.

    Both precision 1: the same place (``same_place``) within INCIDENT_KM_PRECISE;
    a precision 2 ("near X", coordinates of X): the same place within
    INCIDENT_KM_NEAR; precision 3 (only the governorate is known): the same
    country and admin1, and only with another precision 3 event unless
    INCIDENT_VAGUE_LINKS_PRECISE.
    """
    coarse = max(a.geo_precision, b.geo_precision)
    if coarse >= 3:
        if not defaults.INCIDENT_VAGUE_LINKS_PRECISE and min(a.geo_precision, b.geo_precision) < 3:
            return False
        return bool(a.admin1) and a.country == b.country and a.admin1 == b.admin1
    limit = defaults.INCIDENT_KM_PRECISE if coarse == 1 else defaults.INCIDENT_KM_NEAR
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit and same_place(a, b)  # type: ignore[arg-type]


def dates_compatible(a: EventRecord, b: EventRecord) -> bool:
    """The two events' windows (``link_window``) share a day. A window of more
    than one day (a week-level date, "on Monday and Tuesday") joins only another
    such window unless INCIDENT_VAGUE_LINKS_PRECISE: it would bridge the
    incidents of different days."""
    wa, wb = link_window(a), link_window(b)
    if wa is None or wb is None:
        return False
    if not defaults.INCIDENT_VAGUE_LINKS_PRECISE and (wa[0] == wa[1]) != (wb[0] == wb[1]):
        return False
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _unknown(name: str | None) -> bool:
    return not name or name.startswith(_UNIDENTIFIED)


@lru_cache(maxsize=4096)
def _lineage(name: str) -> tuple[str, ...]:
    """The actor and the groups it belongs to, by canonical name (registry parents)."""
    from .knowledge import load_actors

    registry = load_actors()
    entry, names = registry.by_name(name), [name]
    seen = set()
    while entry is not None and entry.id not in seen:
        seen.add(entry.id)
        names.append(entry.name)
        entry = registry.parent(entry)
    return tuple(dict.fromkeys(names))


def actors_compatible(a: EventRecord, b: EventRecord) -> bool:
    """The same attacker, a group and its own unit, or one side unidentified.

    In a battle the sides may be named the other way round by another
    outlet ("clashes between A and B"), so swapped sides agree too.
    """
    if _unknown(a.actor1) or _unknown(b.actor1):
        return True
    if a.actor1 == b.actor1:
        return True
    if a.actor1 in _lineage(b.actor1) or b.actor1 in _lineage(a.actor1):  # type: ignore[arg-type]
        return True
    return a.event_type == "Battles" and a.actor1 == b.actor2 and (
        a.actor2 == b.actor1 or _unknown(a.actor2) or _unknown(b.actor2))


def compatible(a: EventRecord, b: EventRecord) -> bool:
    """Whether two events of different reports describe one real-world event."""
    if a.report_id == b.report_id or a.event_type != b.event_type:
        return False
    if not (linkable(a) and linkable(b)):
        return False
    return dates_compatible(a, b) and places_compatible(a, b) and actors_compatible(a, b)


def candidate_box(rec: EventRecord) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) holding every place compatible with ``rec``
    at precision 1 or 2: the store's index lookup, before ``compatible`` decides."""
    km = defaults.INCIDENT_KM_NEAR + 1.0
    dlat = km / 110.574
    dlon = km / max(1e-6, 111.320 * math.cos(math.radians(min(89.0, abs(rec.lat or 0.0)))))
    return rec.lat - dlat, rec.lat + dlat, rec.lon - dlon, rec.lon + dlon  # type: ignore[operator]


def partition(records: Iterable[EventRecord]) -> list[tuple[EventRecord, ...]]:
    """The incidents of ``records``: connected components of ``compatible``.

    The reference the store's incremental linking must equal. Each incident's
    members are sorted by id and the incidents by their first member's id.
    """
    recs = sorted(records, key=lambda r: r.id)
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = {}
    for i, r in enumerate(recs):
        if linkable(r):
            by_type.setdefault(r.event_type, []).append(i)
    for members in by_type.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if compatible(recs[i], recs[j]):
                    parent[find(i)] = find(j)
    groups: dict[int, list[EventRecord]] = {}
    for i, r in enumerate(recs):
        groups.setdefault(find(i), []).append(r)
    return sorted((tuple(g) for g in groups.values()), key=lambda g: g[0].id)


# Canonical fields ---------------------------------------------------------------


def incident_id(members: Sequence[EventRecord]) -> str:
    """A name that depends only on the members: a hash of the smallest event id."""
    first = min(m.id for m in members)
    return "inc-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:12]


def _span(m: EventRecord) -> int:
    return (m.date_end - m.date_start).days if m.date_start and m.date_end else 10**6


def _most_common(values: Iterable[Any], key=lambda v: v) -> Any:
    """The commonest value; ties go to the smallest ``key``."""
    counts = Counter(values)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], key(v)))


def _slim(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    """An incident's actor: who, not which words named it (members keep those)."""
    if not actor:
        return None
    return {k: actor.get(k) for k in ("name", "name_ar", "kind", "country")}


def canonical(members: Sequence[EventRecord]) -> dict[str, Any]:
    """The incident of ``members``: canonical fields, every claim, outlets, reports.

    Place: the most precise member place, ties to the commonest, then by id.
    Date: the most precise, then the narrowest, commonest, earliest.
    Actors: the commonest identified actor1 (and actor2). Fatalities: the
    codebook rule (``summarise``) over every killed claim of every member;
    ``low``/``high`` span the claims. Deterministic in the members alone.
    """
    ms = sorted(members, key=lambda m: m.id)
    ev = {m.id: m.event for m in ms}
    place_counts = Counter(m.event["location"].get("gazetteer_id") or m.event["location"].get("name") for m in ms)
    loc_m = min(ms, key=lambda m: (m.geo_precision, -place_counts[m.event["location"].get("gazetteer_id")
                                                                  or m.event["location"].get("name")], m.id))
    dated = [m for m in ms if m.date_start is not None]
    date_counts = Counter((m.date_start, m.date_end) for m in dated)
    date_m = min(dated, key=lambda m: (_DATE_RANK.get(m.date_precision or "", 9), _span(m),
                                       -date_counts[(m.date_start, m.date_end)], m.date_start, m.id)) if dated else ms[0]
    known1 = [m for m in ms if not _unknown(m.actor1)] or ms
    actor1_name = _most_common(m.actor1 for m in known1)
    actor1 = _slim(next(ev[m.id]["actor1"] for m in known1 if m.actor1 == actor1_name))
    with2 = [m for m in ms if m.actor2]
    known2 = [m for m in with2 if not _unknown(m.actor2)] or with2
    actor2_name = _most_common(m.actor2 for m in known2) if known2 else None
    actor2 = _slim(next((ev[m.id]["actor2"] for m in known2 if m.actor2 == actor2_name), None))
    sub = _most_common((m.sub_event_type for m in ms), key=lambda s: _SUB_RANK.get(s, 99))

    claims, claim_objs = [], []
    for m in ms:
        for c in m.event.get("claims") or []:
            claims.append({**c, "outlet": m.outlet, "report_id": m.report_id, "event_id": m.id})
            claim_objs.append(Claim(int(c["count"]), c["qualifier"], c.get("claimant") or "", c.get("text") or "",
                                    c.get("kind") or "killed"))
    if any(c.kind == "killed" for c in claim_objs):
        fat = summarise(claim_objs)
        fatalities = {"best": fat.best, "low": fat.low, "high": fat.high}
    else:  # no figure anywhere: the members' own (codebook defaults for deaths without a number)
        bests = [int(m.event["fatalities"]["best"]) for m in ms if m.event["fatalities"]["best"] > 0]
        fatalities = {"best": min(bests, default=0),
                      "low": min((int(m.event["fatalities"]["low"]) for m in ms), default=0),
                      "high": max((int(m.event["fatalities"]["high"]) for m in ms), default=0)}
    reports = sorted({m.report_id for m in ms})
    seen = sorted({m.published for m in ms if m.published is not None})
    lead = max(ms, key=lambda m: m.event.get("confidence") or 0)  # ties: the smallest id
    return {
        "id": incident_id(ms),
        "event_type": ms[0].event_type,
        "sub_event_type": sub,
        "date": ev[date_m.id]["date"],
        "location": ev[loc_m.id]["location"],
        "actor1": actor1,
        "actor2": actor2,
        "fatalities": fatalities,
        "claims": claims,
        "outlets": sorted({m.outlet for m in ms if m.outlet}),
        "reports": reports,
        "events": [m.id for m in ms],
        "first_seen": seen[0].isoformat() if seen else None,
        "last_seen": seen[-1].isoformat() if seen else None,
        "n_events": len(ms),
        "n_reports": len(reports),
        "tags": sorted({t for m in ms for t in m.event.get("tags") or []}),
        "notes": lead.event.get("notes") or "",
    }


# Near-duplicate reports ----------------------------------------------------------


def shingles(text: str, n: int = 3) -> set[str]:
    """Word n-grams of the folded text (the words alone for very short texts)."""
    words = WORD.findall(fold(text))
    if len(words) < n:
        return set(words)
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


_MASK = (1 << 64) - 1
# Odd 64-bit multipliers (from splitmix64/murmur3): a 3-gram's hash mixes its words' hashes by position.
_MIX = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    # Stable across processes (unlike hash()): sketches are stored and compared later.
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


def sketch(text: str, k: int | None = None) -> tuple[int, ...]:
    """A bottom-k MinHash sketch of the text's word 3-grams: the k smallest hashes.

    One hash per 3-gram (not k), made from cached word hashes, so a long page
    costs about a millisecond; texts with fewer than k 3-grams keep them all
    and compare exactly. Values fit in 63 bits (SQLite's signed INTEGER).
    """
    k = k or defaults.SKETCH_SIZE
    hs = [_word_hash(w) for w in WORD.findall(fold(text))]
    a, b, c = _MIX
    if len(hs) < 3:
        grams = {h >> 1 for h in hs}
    else:
        grams = {((x * a + y * b + z * c) & _MASK) >> 1 for x, y, z in zip(hs, hs[1:], hs[2:])}
    return tuple(heapq.nsmallest(k, grams))


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches."""
    if not a or not b:
        return 0.0
    k = min(max(len(a), len(b)), defaults.SKETCH_SIZE)
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(k, sa | sb)
    both = sum(1 for h in union if h in sa and h in sb)
    return both / len(union)
