"""Reading a marsad database: filtered events and incidents, counts, a consistency check."""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from ..model import EVENT_TYPES, SUB_EVENT_TYPE_PARENT
from ..text.normalise import fold
from .schema import fts_query


@dataclass(frozen=True)
class Query:
    """Filters of ``events`` and ``incidents``; None means no filter.

    Dates select what overlaps [since, until]; ``country`` is ISO alpha-2;
    ``admin1`` the governorate's English name; ``event_type`` matches the
    type or the sub-event type; ``actor`` is part of any name or alias of
    either side or an associated actor (Arabic or English); ``bbox`` is (min lon, min lat, max lon,
    max lat); ``text`` is searched in the reports (normalised full text).
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    limit: int | None = None


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``"minlon,minlat,maxlon,maxlat"`` in degrees, each min at most its max; ValueError otherwise."""
    try:
        box = tuple(float(v) for v in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
        raise ValueError(f"expected minlon,minlat,maxlon,maxlat in degrees (e.g. 35.5,32.3,42.4,37.4), "
                         f"got {value!r}")
    return box  # type: ignore[return-value]


_TYPE_NAMES = {t.lower(): t for t in (*EVENT_TYPES, *SUB_EVENT_TYPE_PARENT)}


def type_name(value: str) -> str | None:
    """The codebook's spelling of an event type or sub-event type given in any case, else None."""
    return _TYPE_NAMES.get(value.lower())


@cache
def _admin1_names() -> dict[str, str]:
    from ..knowledge import load_gazetteer

    return {e.admin1.lower(): e.admin1 for e in load_gazetteer().entries if e.admin1}


def admin1_name(value: str) -> str | None:
    """A governorate's name as the gazetteer (and so the store) spells it, from any case; else None."""
    return _admin1_names().get(value.lower())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actor_names(term: str) -> list[str]:
    """The folded words to look for in stored actor names: the term itself, and the
    canonical name of every registry actor with a name or alias containing it
    ("داعش" gives "islamic state", "قوات الأسد" the Syrian army)."""
    from ..knowledge import load_actors

    t = fold(term).strip()
    if not t:
        return []
    names = {t}
    for e in load_actors().entries:
        if any(t in fold(n) for n in (e.name, e.name_ar, *e.aliases) if n):
            names.add(fold(e.name))
    return sorted(names)


def where(q: Query, t: str) -> tuple[str, list[Any]]:
    """The WHERE clause of ``q`` over table alias ``t`` (events or incidents: same column names)."""
    sql, params = ["1"], []
    if q.since:
        sql.append(f"{t}.date_end >= ?")
        params.append(q.since.isoformat())
    if q.until:
        sql.append(f"{t}.date_start <= ?")
        params.append(q.until.isoformat())
    if q.country:
        sql.append(f"{t}.country = ?")
        params.append(q.country.upper())
    # Names marsad knows are compared exactly, in the stored spelling, so the filter
    # indexes serve them; a case-blind comparison cannot use an index.
    if q.admin1:
        known = admin1_name(q.admin1)
        sql.append(f"{t}.admin1 = ?" if known else f"{t}.admin1 = ? COLLATE NOCASE")
        params.append(known or q.admin1)
    if q.event_type:
        known = type_name(q.event_type)
        if known:
            sql.append(f"{t}.{'event_type' if known in EVENT_TYPES else 'sub_event_type'} = ?")
            params.append(known)
        else:
            sql.append(f"({t}.event_type = ? COLLATE NOCASE OR {t}.sub_event_type = ? COLLATE NOCASE)")
            params += [q.event_type, q.event_type]
    if q.actor:
        names = actor_names(q.actor) or [""]
        sql.append("(" + " OR ".join([f"{t}.actors_search LIKE ? ESCAPE '\\'"] * len(names)) + ")")
        params += [_like(n) for n in names]
    if q.bbox:
        minlon, minlat, maxlon, maxlat = q.bbox
        sql.append(f"{t}.lon BETWEEN ? AND ? AND {t}.lat BETWEEN ? AND ?")
        params += [minlon, maxlon, minlat, maxlat]
    if q.text:
        match = fts_query(q.text)
        if not match:
            sql.append("0")
        else:
            hits = "SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?"
            if t == "e":
                sql.append(f"e.report_key IN ({hits})")
            else:
                sql.append(f"{t}.incident_key IN (SELECT m.incident_key FROM incident_members m "
                           f"JOIN events x ON x.event_key = m.event_key WHERE x.report_key IN ({hits}))")
            params.append(match)
    return " AND ".join(sql), params


def _limit(q: Query) -> tuple[str, list[Any]]:
    return (" LIMIT ?", [q.limit]) if q.limit else ("", [])


# An event with its report and incident: the row ``event_of_row`` reads.
EVENT_SELECT = ("SELECT e.data, r.id, r.url, r.outlet, r.title, r.published, i.id "
                "FROM events e JOIN reports r ON r.report_key = e.report_key "
                "LEFT JOIN incident_members m ON m.event_key = e.event_key "
                "LEFT JOIN incidents i ON i.incident_key = m.incident_key")


def report_of_row(rid: str, url: str | None, outlet: str | None, title: str | None,
                  published: str | None) -> dict[str, Any]:
    return {"id": rid, "url": url, "outlet": outlet, "title": title, "published": published}


def event_of_row(row: tuple) -> dict[str, Any]:
    """The codebook JSON of an ``EVENT_SELECT`` row, plus ``report`` and ``incident_id``."""
    event = json.loads(row[0])
    event["report"] = report_of_row(*row[1:6])
    event["incident_id"] = row[6]
    return event


def events(db: sqlite3.Connection, q: Query) -> Iterator[dict[str, Any]]:
    """Events matching ``q``, by date: the codebook JSON plus ``report`` and ``incident_id``."""
    cond, params = where(q, "e")
    lim, lp = _limit(q)
    rows = db.execute(f"{EVENT_SELECT} WHERE {cond} ORDER BY e.date_start IS NULL, e.date_start, e.id{lim}",
                      params + lp)
    for row in rows:
        yield event_of_row(row)


def incidents(db: sqlite3.Connection, q: Query) -> Iterator[dict[str, Any]]:
    """Incidents matching ``q`` (on their canonical fields), by date."""
    cond, params = where(q, "i")
    lim, lp = _limit(q)
    rows = db.execute(f"SELECT i.data, i.updated_at FROM incidents i WHERE {cond} "
                      f"ORDER BY i.date_start IS NULL, i.date_start, i.id{lim}", params + lp)
    for data, stamp in rows:
        incident = json.loads(data)
        incident["updated_at"] = stamp
        yield incident


def stats(db: sqlite3.Connection, path: str | None = None) -> dict[str, Any]:
    """Counts of what the database holds, and its size on disk (with the WAL)."""
    one = lambda sql: db.execute(sql).fetchone()[0]
    out = {
        "reports": one("SELECT count(*) FROM reports"),
        "events": one("SELECT count(*) FROM events"),
        "claims": one("SELECT count(*) FROM claims"),
        "incidents": one("SELECT count(*) FROM incidents"),
        "incidents_multi_report": one("SELECT count(*) FROM incidents WHERE n_reports > 1"),
        "near_duplicates": one("SELECT count(*) FROM report_duplicates"),
        "failures": one("SELECT count(*) FROM failures"),
        "runs": one("SELECT count(*) FROM runs"),
    }
    if path and path != ":memory:" and os.path.exists(path):
        out["bytes"] = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    return out


def partition(db: sqlite3.Connection) -> set[frozenset[str]]:
    """The stored incidents as sets of event ids (for comparing orders and processes)."""
    groups: dict[int, set[str]] = {}
    for inc, eid in db.execute("SELECT m.incident_key, e.id FROM incident_members m "
                               "JOIN events e ON e.event_key = m.event_key"):
        groups.setdefault(inc, set()).add(eid)
    return {frozenset(g) for g in groups.values()}


def check(db: sqlite3.Connection, deep: bool = False) -> list[str]:
    """Problems with the file: SQLite's integrity and foreign keys, events in no
    incident or in several, empty incidents, reports missing from the search
    index. ``deep`` also recomputes every incident from scratch and compares."""
    problems = [f"integrity: {r[0]}" for r in db.execute("PRAGMA integrity_check") if r[0] != "ok"]
    problems += [f"foreign key: {r}" for r in db.execute("PRAGMA foreign_key_check")]
    checks = {
        "events in no incident": "SELECT count(*) FROM events WHERE event_key NOT IN "
                                 "(SELECT event_key FROM incident_members)",
        "incidents without members": "SELECT count(*) FROM incidents WHERE incident_key NOT IN "
                                     "(SELECT incident_key FROM incident_members)",
        "incidents not refreshed": "SELECT count(*) FROM incidents WHERE id LIKE 'pending:%' "
                                   "OR n_events <> (SELECT count(*) FROM incident_members m "
                                   "WHERE m.incident_key = incidents.incident_key)",
        "reports missing from search": "SELECT count(*) FROM reports WHERE report_key NOT IN "
                                       "(SELECT rowid FROM reports_fts)",
        "search entries without report": "SELECT count(*) FROM reports_fts WHERE rowid NOT IN "
                                         "(SELECT report_key FROM reports)",
        "reports with a wrong event count": "SELECT count(*) FROM reports r WHERE n_events <> "
                                            "(SELECT count(*) FROM events e WHERE e.report_key = r.report_key)",
    }
    for name, sql in checks.items():
        n = db.execute(sql).fetchone()[0]
        if n:
            problems.append(f"{name}: {n}")
    if deep:
        from ..dedup import EventRecord, canonical
        from ..dedup import partition as reference

        recs = {}
        for data, rid, outlet, published in db.execute(
                "SELECT e.data, r.id, r.outlet, r.published FROM events e JOIN reports r USING (report_key)"):
            rec = EventRecord.from_json(json.loads(data), rid, outlet,
                                        date.fromisoformat(published) if published else None)
            recs[rec.id] = rec
        expected = {frozenset(r.id for r in g): g for g in reference(recs.values())}
        if set(expected) != partition(db):
            problems.append("incidents differ from the reference partition")
        stored = {json.loads(d)["id"]: json.loads(d) for (d,) in db.execute("SELECT data FROM incidents")}
        for group in expected.values():
            c = canonical(group)
            if stored.get(c["id"]) != c:
                problems.append(f"incident {c['id']} differs from its canonical fields")
                break
    return problems
