"""Merging frames into events: one set of actors, one place, one day (CODEBOOK 1).

Frames of one type at one place on compatible days are one event; a vague place
("جنوب دمشق", a city) folds into a precise one of the same event; remote violence
by the side that fights a battle at the same place and day is part of the battle;
forces entering a place they fought for took it (no separate handover).
"""
from __future__ import annotations

from ..geocode import haversine_km
from ..knowledge import load_gazetteer
from ..recognise.dates import month_day
from .frames import Frame


def same_place(a: Frame, b: Frame) -> bool:
    return a.place.value.gazetteer_id == b.place.value.gazetteer_id


def dates_agree(a: Frame, b: Frame) -> bool:
    if a.date is None or b.date is None:
        return True
    da, db = a.date.value, b.date.value
    if da.start is None or db.start is None:
        # Unresolved, but "السبت 20 آب" and "الجمعة 19 آب" are still two days.
        ka, kb = month_day(da.text), month_day(db.text)
        return ka is None or kb is None or ka == kb
    return da.start <= db.end and db.start <= da.end


def _mergeable(a: Frame, b: Frame) -> bool:
    """Frames of one event: one type at one place on compatible days.

    Explosions keep their sub-types apart (an air strike and a shelling are two
    acts); other types merge whatever trigger told them.
    """
    if a.event_type != b.event_type or not same_place(a, b) or not dates_agree(a, b):
        return False
    separate = ("Explosions/Remote violence", "Strategic developments")
    return a.event_type not in separate or a.sub_event_type == b.sub_event_type


def merge(frames: list[Frame]) -> list[list[Frame]]:
    groups: list[list[Frame]] = []
    for f in frames:
        for g in groups:
            if all(_mergeable(x, f) for x in g):
                g.append(f)
                break
        else:
            groups.append([f])
    groups = _fold_vague_places(groups)
    # Forces entering a place they fought for took it: that is the battle's outcome, not a
    # handover (CODEBOOK 2 keeps "Non-violent transfer" for places emptied under a deal).
    fought = [g for g in groups if g[0].event_type == "Battles"]
    groups = [g for g in groups if g[0].sub_event_type != "Non-violent transfer of territory"
              or not any(same_place(g[0], b[0]) and all(dates_agree(x, y) for x in g for y in b)
                         and vote_actor1(b) == vote_actor1(g) for b in fought)]
    # An air strike or shelling by a side during its battle at the same place and day is the battle.
    battles = [g for g in groups if g[0].event_type == "Battles"]
    kept = []
    for g in groups:
        if g[0].event_type == "Explosions/Remote violence":
            host = next((b for b in battles if same_place(g[0], b[0])
                         and all(dates_agree(x, y) for x in g for y in b)
                         and vote_actor1(g) in (None, vote_actor1(b))), None)
            if host is not None:
                host.extend(g)
                continue
        kept.append(g)
    return kept


# A vague place ("جنوب دمشق", "ريف حلب") folds into a precise place of the same event
# within this distance, as does a city into one of its own neighbourhoods:
# Damascus or Aleppo are 10-15 km across.
_FOLD_KM = 15.0


def _fold_vague_places(groups: list[list[Frame]]) -> list[list[Frame]]:
    gazetteer = load_gazetteer()

    def parent_id(g):
        parent = gazetteer.parent(g[0].place.value.gazetteer_id)
        return parent.id if parent else None

    out = list(groups)
    for g in sorted(groups, key=lambda g: -g[0].place.value.precision):
        loc = g[0].place.value
        for h in out:
            hl = h[0].place.value
            if h is g or hl.precision != 1 or hl.gazetteer_id == loc.gazetteer_id:
                continue
            if (h[0].event_type, h[0].sub_event_type) != (g[0].event_type, g[0].sub_event_type):
                continue
            inside = parent_id(h) == loc.gazetteer_id
            near = loc.precision > 1 and haversine_km(loc.lat, loc.lon, hl.lat, hl.lon) <= _FOLD_KM
            if (inside or near) and all(dates_agree(x, y) for x in g for y in h):
                h.extend(g)
                out.remove(g)
                break
    return out


def vote_actor1(group: list[Frame]) -> str | None:
    """The acting side most frames name, agents named as such counting double."""
    votes: dict[str, float] = {}
    for f in group:
        if f.actor1 is not None:
            votes[f.actor1.value.name] = votes.get(f.actor1.value.name, 0.0) + f.actor1_weight
    return max(votes, key=lambda n: votes[n]) if votes else None
