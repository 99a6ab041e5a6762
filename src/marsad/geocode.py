"""From a place name's gazetteer candidates to one located place.

Choosing among same-named places uses, in order: the anchor the text gives
("جنوب دمشق" → the candidate near Damascus), the story's country, and the
gazetteer's importance order (feature rank, then population). Precision
follows CODEBOOK 4: 1 the place itself, 2 near it, 3 only its region.
A country is never a location: an event is not put at a country's centre.
"""
from __future__ import annotations

import math

from .knowledge import Gazetteer
from .model import Location, PlaceEntry

# An anchor (the city in "جنوب دمشق") vouches for candidates within this
# distance: a governorate in Syria or Iraq spans about 100-150 km.
ANCHOR_RADIUS_KM = 80.0
_REGION_FEATURES = {"admin1", "admin2"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def choose(
    entries: tuple[PlaceEntry, ...],
    *,
    anchor: tuple[PlaceEntry, ...] = (),
    country: str | None = None,
    focus: PlaceEntry | None = None,
) -> PlaceEntry | None:
    """The candidate the context points to; None when only countries are named."""
    pool = [e for e in entries if e.feature != "country"]
    if not pool:
        return None
    if anchor:
        near = [
            e
            for e in pool
            if any(
                (a.admin1 and a.admin1 == e.admin1 and a.country == e.country)
                or haversine_km(a.lat, a.lon, e.lat, e.lon) <= ANCHOR_RADIUS_KM
                for a in anchor
                if a.feature != "country"
            )
            or any(a.feature == "country" and a.country == e.country for a in anchor)
        ]
        if near:
            pool = near
    if country:
        local = [e for e in pool if e.country == country]
        if local:
            pool = local
    if focus is not None and len(pool) > 1:
        # "حي الميدان" in a story about Aleppo is Aleppo's Midan, not Damascus's.
        close = [e for e in pool if haversine_km(focus.lat, focus.lon, e.lat, e.lon) <= ANCHOR_RADIUS_KM]
        if close:
            pool = close
    return pool[0]  # the gazetteer's lookup order is its importance order


def locate(
    entries: tuple[PlaceEntry, ...],
    *,
    region: bool = False,
    near: bool = False,
    anchor: tuple[PlaceEntry, ...] = (),
    country: str | None = None,
    focus: PlaceEntry | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[PlaceEntry, int] | None:
    """The entry a place mention stands for and its precision, or None when it
    cannot be located (``resolve`` without building the Location)."""
    entry = choose(entries, anchor=anchor, country=country, focus=focus)
    if entry is None:
        return None
    precision = 1
    if entry.feature in _REGION_FEATURES:
        precision = 3
    elif region:
        # "ريف حلب": only the governorate is known; use its entry when we have it.
        precision = 3
        if gazetteer is not None and entry.admin1:
            gov = gazetteer.admin1(entry.country, entry.admin1)
            if gov is not None:
                entry = gov
    elif near:
        precision = 2
    return entry, precision


def resolve(
    entries: tuple[PlaceEntry, ...],
    *,
    text: str,
    region: bool = False,
    near: bool = False,
    anchor: tuple[PlaceEntry, ...] = (),
    country: str | None = None,
    focus: PlaceEntry | None = None,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """A ``Location`` for a place mention, or None when it cannot be located."""
    found = locate(entries, region=region, near=near, anchor=anchor, country=country, focus=focus,
                   gazetteer=gazetteer)
    if found is None:
        return None
    entry, precision = found
    return Location(
        name=entry.name,
        name_ar=entry.name_ar,
        country=entry.country,
        admin1=entry.admin1,
        admin2=entry.admin2,
        lat=entry.lat,
        lon=entry.lon,
        precision=precision,
        gazetteer_id=entry.id,
        text=text,
    )
