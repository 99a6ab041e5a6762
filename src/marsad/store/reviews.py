"""Analysts' reviews of incidents: checking them, and finding the ones that apply.

A review is stored beside the machine's output (table ``reviews``), never over
it. Incident ids change when incidents merge or split, so a review keeps the
ids of the member events it saw and applies to every current incident that
holds one of them; the latest such review is the incident's review status.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from .. import defaults
from ..model import EVENT_TYPES, SUB_EVENT_TYPE_PARENT

REVIEW_STATUS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
REVIEW_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "date", "fatalities")
REVIEW_SELECT = "SELECT review_key, incident_id, events, action, corrections, analyst, note, at FROM reviews"
_TYPES = {t.lower(): t for t in EVENT_TYPES}
_SUB_TYPES = {t.lower(): t for t in SUB_EVENT_TYPE_PARENT}


def short_text(value: Any, name: str, limit: int) -> str | None:
    """``value`` stripped (None when empty); ValueError when it is no text or longer than ``limit``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(f"{name}: expected text of at most {limit} characters")
    return value.strip() or None


def check_review(action: str, corrections: dict[str, Any] | None) -> dict[str, Any]:
    """The corrections of a review, checked and in canonical spelling; ValueError says what is wrong.

    Only ``correct`` carries corrections, and at least one; types must be the
    codebook's (a sub-type must belong to the type given with it), ``date`` is
    YYYY-MM-DD, ``fatalities`` a whole number, the rest short text.
    """
    if action not in REVIEW_STATUS:
        raise ValueError(f"action: expected confirm, correct or reject, got {action!r}")
    fixes = {k: v for k, v in (corrections or {}).items() if v is not None and v != ""}
    unknown = sorted(set(fixes) - set(REVIEW_FIELDS))
    if unknown:
        raise ValueError(f"corrections: unknown field {', '.join(unknown)}; expected {', '.join(REVIEW_FIELDS)}")
    if action == "correct" and not fixes:
        raise ValueError("corrections: action 'correct' needs at least one corrected field")
    if action != "correct" and fixes:
        raise ValueError(f"corrections: only with action 'correct', not {action!r}")
    for k, v in fixes.items():
        if k == "fatalities":
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 1_000_000:
                raise ValueError(f"corrections.fatalities: expected a whole number from 0 to 1000000, got {v!r}")
        else:
            fixes[k] = short_text(v, f"corrections.{k}", defaults.API_MAX_PARAM)
            if fixes[k] is None:
                raise ValueError(f"corrections.{k}: empty")
    if "event_type" in fixes:
        if fixes["event_type"].lower() not in _TYPES:
            raise ValueError(f"corrections.event_type: {fixes['event_type']!r} is no codebook event type")
        fixes["event_type"] = _TYPES[fixes["event_type"].lower()]
    if "sub_event_type" in fixes:
        sub = _SUB_TYPES.get(fixes["sub_event_type"].lower())
        if sub is None:
            raise ValueError(f"corrections.sub_event_type: {fixes['sub_event_type']!r} is no codebook sub-event type")
        if "event_type" in fixes and SUB_EVENT_TYPE_PARENT[sub] != fixes["event_type"]:
            raise ValueError(f"corrections.sub_event_type: {sub!r} is a sub-type of {SUB_EVENT_TYPE_PARENT[sub]!r}, "
                             f"not of {fixes['event_type']!r}")
        fixes["sub_event_type"] = sub
    if "date" in fixes:
        try:
            if len(fixes["date"]) != 10:
                raise ValueError
            date.fromisoformat(fixes["date"])
        except ValueError:
            raise ValueError(f"corrections.date: expected YYYY-MM-DD, got {fixes['date']!r}") from None
    return fixes


def review_dict(key: int, incident_id: str, events: str, action: str, corrections: str, analyst: str | None,
            note: str | None, at: str) -> dict[str, Any]:
    return {"id": key, "incident_id": incident_id, "action": action, "status": REVIEW_STATUS[action],
            "corrections": json.loads(corrections), "analyst": analyst, "note": note, "at": at,
            "events": json.loads(events)}


def latest_reviews(db: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """The latest review of every reviewed current incident, by incident id: a review
    applies to each incident that now holds one of the events it saw."""
    if db.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is None:
        return {}
    latest = dict(db.execute(
        "SELECT i.id, max(r.review_key) FROM reviews r, json_each(r.events) j "
        "JOIN events e ON e.id = j.value JOIN incident_members m ON m.event_key = e.event_key "
        "JOIN incidents i ON i.incident_key = m.incident_key GROUP BY i.incident_key").fetchall())
    keys = sorted(set(latest.values()))
    by_key = {}
    for start in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
        chunk = keys[start:start + 500]
        for row in db.execute(f"{REVIEW_SELECT} WHERE review_key IN ({','.join('?' * len(chunk))})", chunk):
            by_key[row[0]] = review_dict(*row)
    return {inc: by_key[k] for inc, k in latest.items()}


def with_review(incident: dict[str, Any], latest: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``incident`` with its latest review (or None) under ``review``; ``members_changed``
    says its events are no longer the ones the analyst saw."""
    review = latest.get(incident["id"])
    if review is not None:
        review = {**review, "members_changed": set(review["events"]) != set(incident.get("events") or [])}
    incident["review"] = review
    return incident


def incident_reviews(db: sqlite3.Connection, incident_id: str) -> list[dict[str, Any]]:
    """Every review of the current incident ``incident_id`` (through its events), newest first;
    for an id no current incident has, the reviews recorded under it."""
    row = db.execute("SELECT incident_key FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        rows = db.execute(f"{REVIEW_SELECT} WHERE incident_id = ? ORDER BY review_key DESC", (incident_id,))
    else:
        rows = db.execute(
            f"{REVIEW_SELECT} WHERE review_key IN (SELECT r.review_key FROM reviews r, json_each(r.events) j "
            f"WHERE j.value IN (SELECT e.id FROM incident_members m JOIN events e ON e.event_key = m.event_key "
            f"WHERE m.incident_key = ?)) ORDER BY review_key DESC", (row[0],))
    return [review_dict(*r) for r in rows]
