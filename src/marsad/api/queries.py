"""What the API reads from the database: pages, GeoJSON, one incident, one report, counts.

Filters are ``marsad.store.query.where`` (bound parameters only), with exact
comparisons where they let the covering filter indexes (schema v4) serve. Lists
come newest first (NULL dates last), so a limited map or page shows what is
recent. Pages splice the stored JSON instead of parsing it; the GeoJSON of
incidents reads only the columns it needs and SQLite writes its JSON.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any

from ..export import flat_event
from ..model import EVENT_TYPES
from ..store import Query, connect
from ..store.query import EVENT_SELECT, event_of_row, report_of_row, where
from ..store.reviews import REVIEW_STATUS, incident_reviews, latest_reviews, with_review
from .errors import ApiError

_NEWEST_EVENTS = "ORDER BY e.date_start DESC, e.id"
_NEWEST_INCIDENTS = "ORDER BY i.date_start DESC, i.id"


class Readers:
    """One read-only connection per worker thread (sqlite3 connections stay in their thread).

    ``query_only`` makes a read connection unable to write, whatever SQL it is handed.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path, timeout=10.0)
            db.execute("PRAGMA query_only = ON")
            # Read through a memory map: threads share the OS's page cache instead of each
            # copying pages into its own (the rows are wide: each holds its JSON).
            db.execute("PRAGMA mmap_size = 1073741824")
            self._local.db = db
        return db


def _run(db: sqlite3.Connection, sql: str, params: list[Any]) -> list[tuple]:
    """Rows of ``sql``; a full-text query SQLite cannot parse is the client's 400."""
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise ApiError(400, f"q: not a search SQLite understands ({exc})") from None
        raise


def health(db: sqlite3.Connection) -> dict[str, int]:
    """How many reports, events and incidents the database holds."""
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("reports", "events", "incidents")}


def _with(data: str, extra: dict[str, Any]) -> str:
    """The stored JSON object ``data`` with ``extra``'s keys appended, as text: a page of
    rows is sent without parsing and re-encoding each row's JSON."""
    more = json.dumps(extra, ensure_ascii=False, separators=(",", ":"))
    body = data.rstrip()
    return more if body == "{}" else body[:-1] + "," + more[1:]


def _page(items: list[str], limit: int, offset: int, total: int) -> str:
    return f'{{"items":[{",".join(items)}],"limit":{limit},"offset":{offset},"total":{total}}}'


def events_page(db: sqlite3.Connection, q: Query, limit: int, offset: int) -> str:
    """A page of events (JSON text): codebook JSON plus ``report`` and ``incident_id``."""
    cond, params = where(q, "e")
    total = _run(db, f"SELECT count(*) FROM events e WHERE {cond}", params)[0][0]
    rows = _run(db, f"{EVENT_SELECT} WHERE {cond} {_NEWEST_EVENTS} LIMIT ? OFFSET ?", [*params, limit, offset])
    items = [_with(r[0], {"report": report_of_row(*r[1:6]), "incident_id": r[6]}) for r in rows]
    return _page(items, limit, offset, total)


def incidents_page(db: sqlite3.Connection, q: Query, limit: int, offset: int) -> str:
    """A page of incidents (JSON text): canonical JSON plus ``updated_at`` and ``review``."""
    cond, params = where(q, "i")
    total = _run(db, f"SELECT count(*) FROM incidents i WHERE {cond}", params)[0][0]
    rows = _run(db, f"SELECT i.id, i.data, i.updated_at FROM incidents i WHERE {cond} {_NEWEST_INCIDENTS} "
                    f"LIMIT ? OFFSET ?", [*params, limit, offset])
    latest = latest_reviews(db)
    items = []
    for incident_id, data, stamp in rows:
        if incident_id in latest:  # the review says whether the events changed since: it needs them
            incident = with_review({**json.loads(data), "updated_at": stamp}, latest)
            items.append(json.dumps(incident, ensure_ascii=False, separators=(",", ":")))
        else:
            items.append(_with(data, {"updated_at": stamp, "review": None}))
    return _page(items, limit, offset, total)


def _collection(features: list[dict[str, Any]], total: int, limit: int) -> dict[str, Any]:
    # "total" and "limit" are foreign members (RFC 7946, 6.1): how many a larger limit would show.
    return {"type": "FeatureCollection", "features": features, "total": total, "limit": limit}


def events_geojson(db: sqlite3.Connection, q: Query, limit: int) -> dict[str, Any]:
    """The FeatureCollection of events with coordinates, newest first; properties as ``flat_event``."""
    cond, params = where(q, "e")
    cond += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
    total = _run(db, f"SELECT count(*) FROM events e WHERE {cond}", params)[0][0]
    features = []
    for row in _run(db, f"{EVENT_SELECT} WHERE {cond} {_NEWEST_EVENTS} LIMIT ?", [*params, limit]):
        props = flat_event(event_of_row(row))
        point = [props["longitude"], props["latitude"]]
        features.append({"type": "Feature", "id": props["event_id"],
                         "geometry": {"type": "Point", "coordinates": point}, "properties": props})
    return _collection(features, total, limit)


_MARKER_COLUMNS = ("id", "event_type", "sub_event_type", "date_start", "date_end", "location", "location_ar",
                   "admin1", "country", "actor1", "actor2", "fatalities_best", "fatalities_low", "fatalities_high",
                   "n_reports")
# Each marker is written by SQLite (json_object) from the incident's columns: no JSON
# blob is parsed and no Python object built per incident. The review status is the
# latest review of an incident through its events (as store.reviews.latest_reviews).
_STATUS = "CASE r.action " + " ".join(f"WHEN '{a}' THEN '{s}'" for a, s in REVIEW_STATUS.items()) + " END"
_LATEST_REVIEW = (
    "WITH latest AS (SELECT m.incident_key AS k, max(r.review_key) AS rk FROM reviews r, json_each(r.events) j "
    "JOIN events e ON e.id = j.value JOIN incident_members m ON m.event_key = e.event_key GROUP BY m.incident_key), "
    f"rv AS (SELECT latest.k, {_STATUS} AS status FROM latest JOIN reviews r ON r.review_key = latest.rk) ")
_MARKER = ("json_object('type', 'Feature', 'id', i.id, "
           "'geometry', json_object('type', 'Point', 'coordinates', json_array(i.lon, i.lat)), "
           "'properties', json_object("
           + ", ".join(f"'{c}', i.{c}" for c in _MARKER_COLUMNS)
           + ", 'outlets', coalesce((SELECT group_concat(value, '; ') FROM json_each(i.outlets)), ''), "
             "'review_status', {status}))")


def incidents_geojson(db: sqlite3.Connection, q: Query, limit: int) -> str:
    """The FeatureCollection of incidents with coordinates, newest first, as JSON text."""
    cond, params = where(q, "i")
    cond += " AND i.lat IS NOT NULL AND i.lon IS NOT NULL"
    total = _run(db, f"SELECT count(*) FROM incidents i WHERE {cond}", params)[0][0]
    if db.execute("SELECT 1 FROM reviews LIMIT 1").fetchone():
        head, marker = f"{_LATEST_REVIEW}SELECT ", _MARKER.format(status="rv.status")
        source = "incidents i LEFT JOIN rv ON rv.k = i.incident_key"
    else:
        head, marker, source = "SELECT ", _MARKER.format(status="NULL"), "incidents i"
    rows = _run(db, f"{head}{marker} FROM {source} WHERE {cond} {_NEWEST_INCIDENTS} LIMIT ?", [*params, limit])
    features = ",\n".join(r[0] for r in rows)
    return f'{{"type":"FeatureCollection","features":[{features}],"total":{total},"limit":{limit}}}'


def incident(db: sqlite3.Connection, incident_id: str) -> dict[str, Any] | None:
    """One incident with its member events (each with its report), its latest review and all reviews."""
    row = db.execute("SELECT incident_key, data, updated_at FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        return None
    key, data, stamp = row
    out = json.loads(data)
    out["updated_at"] = stamp
    rows = db.execute(
        "SELECT e.data, r.id, r.url, r.outlet, r.title, r.published, ? FROM incident_members m "
        "JOIN events e ON e.event_key = m.event_key JOIN reports r ON r.report_key = e.report_key "
        "WHERE m.incident_key = ? ORDER BY e.date_start, e.id", (incident_id, key)).fetchall()
    out["members"] = [event_of_row(r) for r in rows]
    reviews = incident_reviews(db, incident_id)
    with_review(out, {incident_id: reviews[0]} if reviews else {})
    out["reviews"] = reviews
    return out


def _evidence(text: str, event: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's evidence sentences, then each field's words found inside them (first occurrence)."""
    out, sentences = [], []
    for s in event.get("evidence") or []:
        a, b = s.get("start"), s.get("end")
        if isinstance(a, int) and isinstance(b, int) and 0 <= a <= b <= len(text) and text[a:b] == s.get("text"):
            out.append({"field": "sentence", "start": a, "end": b, "text": s["text"]})
            sentences.append((a, b))
    fields = [("actor1", (event.get("actor1") or {}).get("text")), ("actor2", (event.get("actor2") or {}).get("text")),
              ("location", (event.get("location") or {}).get("text")), ("date", (event.get("date") or {}).get("text"))]
    fields += [("claim", c.get("text")) for c in event.get("claims") or []]
    for field, words in fields:
        if not words:
            continue
        for a, b in sentences:
            k = text.find(words, a, b)
            if k >= 0:
                out.append({"field": field, "start": k, "end": k + len(words), "text": words})
                break
    return out


def report(db: sqlite3.Connection, report_id: str) -> dict[str, Any] | None:
    """One report: its clean text, and for each event the evidence offsets into it."""
    row = db.execute("SELECT report_key, id, url, outlet, title, published, language, text FROM reports "
                     "WHERE id = ?", (report_id,)).fetchone()
    if row is None:
        return None
    key, rid, url, outlet, title, published, language, text = row
    events = []
    for data, incident_id in db.execute(
            "SELECT e.data, i.id FROM events e LEFT JOIN incident_members m ON m.event_key = e.event_key "
            "LEFT JOIN incidents i ON i.incident_key = m.incident_key WHERE e.report_key = ? ORDER BY e.ordinal",
            (key,)):
        ev = json.loads(data)
        events.append({"id": ev["id"], "event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"],
                       "incident_id": incident_id, "evidence": _evidence(text, ev)})
    return {"id": rid, "url": url, "outlet": outlet, "title": title, "published": published, "language": language,
            "text": text, "events": events}


_COUNTS = {
    "day": ("i.date_start AS day, i.event_type", "i.date_start IS NOT NULL", "1, 2", ("day", "event_type")),
    "type": ("i.event_type, i.sub_event_type", "1", "n DESC, 1, 2", ("event_type", "sub_event_type")),
    "governorate": ("i.country, i.admin1", "1", "n DESC, 1, 2", ("country", "admin1")),
}


def counts(db: sqlite3.Connection, q: Query, by: str) -> list[dict[str, Any]]:
    """Incidents matching ``q`` counted by day (and type), by type and sub-type, or by governorate."""
    cols, extra, order, names = _COUNTS[by]
    cond, params = where(q, "i")
    rows = _run(db, f"SELECT {cols}, count(*) AS n FROM incidents i WHERE {cond} AND {extra} "
                    f"GROUP BY 1, 2 ORDER BY {order}", params)
    return [{**dict(zip(names, r[:2])), "n": r[2]} for r in rows]


def facets(db: sqlite3.Connection) -> dict[str, Any]:
    """The values the filters can take in this database (for a dashboard's drop-downs)."""
    pairs = db.execute("SELECT DISTINCT event_type, sub_event_type FROM incidents ORDER BY 1, 2").fetchall()
    places = db.execute("SELECT country, admin1, count(*) FROM incidents WHERE admin1 IS NOT NULL "
                        "GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    lo, hi = db.execute("SELECT min(date_start), max(date_end) FROM incidents").fetchone()
    return {
        "event_types": sorted({t for t, _ in pairs}),
        "sub_event_types": [{"event_type": t, "sub_event_type": s} for t, s in pairs],
        "countries": sorted({c for c, _, _ in places if c}),
        "admin1": [{"country": c, "admin1": a, "n": n} for c, a, n in places],
        "date_min": lo, "date_max": hi,
        "typology": {t: list(subs) for t, subs in EVENT_TYPES.items()},
    }

