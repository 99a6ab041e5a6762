"""The SQLite store: one file, safe for several processes at once.

Every report is written in one ``BEGIN IMMEDIATE`` transaction: the report,
its events and claims, its full-text entry, its near-duplicate relations and
the incidents its events join. A process killed mid-way leaves the file at
the last whole report (WAL journal); two processes writing at once queue on
the write lock (``busy_timeout``) and each re-checks, inside its
transaction, whether the report is already known.

Incidents are kept incrementally (marsad.dedup): a new event looks up
candidate events of the same type by its link window and a box around its
place (an index), links to the compatible ones, and the incidents those
belong to merge. Replacing a report removes its events and splits what
they held together. The partition always equals ``dedup.partition`` over
all stored events, whatever the order reports came in.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Self

from .. import defaults
from ..dedup import (
    EventRecord,
    candidate_box,
    canonical,
    compatible,
    link_window,
    linkable,
    partition,
    similarity,
    sketch,
)
from ..model import SUB_EVENT_TYPE_PARENT, Document, Failure
from ..text.normalise import fold
from . import query as _query
from .query import Query
from .reviews import (
    REVIEW_SELECT,
    check_review,
    incident_reviews,
    latest_reviews,
    review_dict,
    short_text,
    with_review,
)
from .schema import (
    FTS_PROBE,
    fts_entry,
    index_text,
    migrate,
    pack_sketch,
    unpack_sketch,
)


@dataclass(frozen=True)
class Added:
    """What ``Store.add`` did with one document."""

    status: str  # stored | replaced | skipped
    report_key: int
    events: int = 0
    duplicate_of: tuple[str, ...] = ()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def connect(path: str | Path, timeout: float = defaults.DB_BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection in autocommit mode with WAL, foreign keys and a busy timeout."""
    db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    db.execute("PRAGMA foreign_keys = ON")
    deadline = time.monotonic() + timeout
    while True:  # switching a new file to WAL needs a moment alone with it
        try:
            db.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    db.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable against a killed process
    return db


def _actors_search(ev: dict[str, Any]) -> str:
    """The sides' canonical names, English and Arabic, folded: what --actor searches
    (aliases are resolved through the actor registry at query time)."""
    names: list[str] = []
    for a in [ev.get("actor1"), ev.get("actor2"), *ev.get("assoc_actor1", []), *ev.get("assoc_actor2", [])]:
        if a:
            names += [a.get("name") or "", a.get("name_ar") or ""]
    return "|" + "|".join(fold(n) for n in dict.fromkeys(names) if n) + "|"


def _event_row(ev: dict[str, Any]) -> dict[str, Any]:
    d, loc, fat = ev["date"], ev["location"], ev["fatalities"]
    a1, a2 = ev.get("actor1") or {}, ev.get("actor2") or {}
    rec = EventRecord.from_json(ev, report_id="")
    window = link_window(rec) if linkable(rec) else None
    return {
        "id": ev["id"], "event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"],
        "reported": int(bool(ev.get("reported"))),
        "date_start": d.get("start"), "date_end": d.get("end"), "date_precision": d.get("precision"),
        "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "location": loc.get("name"), "location_ar": loc.get("name_ar"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "geo_precision": loc.get("precision"), "gazetteer_id": loc.get("gazetteer_id"),
        "actor1": a1.get("name"), "actor1_kind": a1.get("kind"), "actor2": a2.get("name"), "actor2_kind": a2.get("kind"),
        "actors_search": _actors_search(ev),
        "fatalities_best": fat.get("best", 0), "fatalities_low": fat.get("low", 0), "fatalities_high": fat.get("high", 0),
        "confidence": ev.get("confidence"), "notes": ev.get("notes"), "data": json.dumps(ev, ensure_ascii=False),
        "link_start": window[0].isoformat() if window else None,
        "link_end": window[1].isoformat() if window else None,
    }


_EVENT_COLS = ("id", "report_key", "ordinal", "event_type", "sub_event_type", "reported", "date_start", "date_end",
               "date_precision", "country", "admin1", "admin2", "location", "location_ar", "lat", "lon",
               "geo_precision", "gazetteer_id", "actor1", "actor1_kind", "actor2", "actor2_kind", "actors_search",
               "fatalities_best", "fatalities_low", "fatalities_high", "confidence", "notes", "data",
               "link_start", "link_end")
_INSERT_EVENT = (f"INSERT INTO events ({', '.join(_EVENT_COLS)}) "
                 f"VALUES ({', '.join(':' + c for c in _EVENT_COLS)})")
# What loading an event for linking needs: its JSON and its report's name, outlet and date.
_RECORD_SELECT = ("SELECT e.event_key, e.data, r.id, r.outlet, r.published, e.actors_search, e.report_key "
                  "FROM events e JOIN reports r ON r.report_key = e.report_key")


def _record(data: str, report_id: str, outlet: str | None, published: str | None) -> EventRecord:
    return EventRecord.from_json(json.loads(data), report_id, outlet, date.fromisoformat(published) if published else None)


def _signature(rows: Iterable[tuple]) -> set[tuple]:
    """A report's events as (type, place, day): two copies of one text share them."""
    return {(t, place, day) for t, place, day in rows}


class Store:
    """A marsad database: ``Store(path)`` opens (creating or upgrading) the file."""

    def __init__(self, path: str | Path = defaults.DB_PATH, timeout: float = defaults.DB_BUSY_TIMEOUT) -> None:
        self.path = str(path)
        self.db = connect(self.path, timeout)
        self.migrations = migrate(self.db)
        self._repair()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction; other writers wait for it (busy_timeout)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # Runs and failures ------------------------------------------------------------

    def begin_run(self, inputs: Iterable[str] = ()) -> int:
        """Record a new ingest run; marks runs whose process died as interrupted."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            ver = version("marsad")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            ver = None
        host = socket.gethostname()
        with self._write():
            for key, pid in self.db.execute(
                    "SELECT run_key, pid FROM runs WHERE status = 'running' AND host = ?", (host,)).fetchall():
                if pid and not _alive(pid):
                    self.db.execute("UPDATE runs SET status = 'interrupted' WHERE run_key = ?", (key,))
            cur = self.db.execute(
                "INSERT INTO runs (started_at, inputs, pid, host, version) VALUES (?, ?, ?, ?, ?)",
                (_now(), json.dumps([str(p) for p in inputs], ensure_ascii=False), os.getpid(), host, ver))
        return int(cur.lastrowid)

    def finish_run(self, run: int, counts: dict[str, int], status: str = "done") -> None:
        """Close a run with its counts (reports_read, stored, replaced, skipped, duplicates, failed, events)."""
        cols = [c for c in ("reports_read", "stored", "replaced", "skipped", "duplicates", "failed", "events")
                if c in counts]
        with self._write():
            self.db.execute(
                f"UPDATE runs SET finished_at = ?, status = ?{''.join(f', {c} = ?' for c in cols)} WHERE run_key = ?",
                (_now(), status, *(counts[c] for c in cols), run))

    def add_failure(self, failure: Failure, run: int | None = None) -> None:
        with self._write():
            self.db.execute(
                "INSERT INTO failures (run_key, report_id, stage, reason, source, at) VALUES (?, ?, ?, ?, ?, ?)",
                (run, failure.id, failure.stage, failure.reason, failure.source, _now()))

    # Reports -----------------------------------------------------------------------

    def _find(self, rid: str, url: str | None) -> tuple[int, str] | None:
        row = self.db.execute("SELECT report_key, text_sha256 FROM reports WHERE id = ?", (rid,)).fetchone()
        if row is None and url:
            row = self.db.execute("SELECT report_key, text_sha256 FROM reports WHERE url = ? "
                                  "ORDER BY report_key LIMIT 1", (url,)).fetchone()
        return row

    def known(self, report_id: str, url: str | None, text: str) -> bool:
        """Whether this report (same id, or same URL) is stored with this very text."""
        row = self._find(report_id, url)
        return row is not None and row[1] == text_sha256(text)

    def add(self, doc: Document, run: int | None = None) -> Added:
        """Store one extracted document and link its events, in one transaction.

        A known report (same id, else same URL) with the same text is skipped;
        with a new text its old events are replaced.
        """
        art = doc.article
        sha = text_sha256(art.text)
        now = _now()
        # The costly pure parts before taking the write lock, so other writers wait less.
        entry, sk = fts_entry(art.title, art.text), sketch(art.text)
        with self._write():
            found = self._find(art.id, art.url)
            if found is not None and found[1] == sha:
                self.db.execute("UPDATE reports SET last_run = ? WHERE report_key = ?", (run, found[0]))
                return Added("skipped", found[0])
            meta = (art.id, art.url, art.outlet, art.title, art.published.isoformat() if art.published else None,
                    art.language, art.text, sha, json.dumps([u.to_json() for u in doc.unresolved], ensure_ascii=False),
                    len(doc.events))
            affected: set[int] = set()
            if found is not None:
                key, status = found[0], "replaced"
                affected = {k for (k,) in self.db.execute(
                    "SELECT m.incident_key FROM incident_members m JOIN events e ON e.event_key = m.event_key "
                    "WHERE e.report_key = ?", (key,))}
                old_title, old_text = self.db.execute("SELECT title, text FROM reports WHERE report_key = ?",
                                                      (key,)).fetchone()
                self.db.execute("INSERT INTO reports_fts (reports_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                                (key, *fts_entry(old_title, old_text)))
                for sql in ("DELETE FROM events WHERE report_key = ?",
                            "DELETE FROM report_sketches WHERE report_key = ?",
                            "DELETE FROM report_shingles WHERE report_key = ?",
                            "DELETE FROM report_duplicates WHERE report_key = ?1 OR duplicate_of = ?1"):
                    self.db.execute(sql, (key,))
                self.db.execute(
                    "UPDATE reports SET id = ?, url = ?, outlet = ?, title = ?, published = ?, language = ?, text = ?, "
                    "text_sha256 = ?, unresolved_places = ?, n_events = ?, last_run = ?, updated_at = ? "
                    "WHERE report_key = ?", (*meta, run, now, key))
            else:
                status = "stored"
                key = int(self.db.execute(
                    "INSERT INTO reports (id, url, outlet, title, published, language, text, text_sha256, "
                    "unresolved_places, n_events, first_run, last_run, stored_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*meta, run, run, now, now)).lastrowid)
            self.db.execute("INSERT INTO reports_fts (rowid, title, body) VALUES (?, ?, ?)", (key, *entry))
            new = self._insert_events(key, doc)
            self.db.execute("INSERT INTO report_sketches (report_key, sketch) VALUES (?, ?)", (key, pack_sketch(sk)))
            self.db.executemany("INSERT OR IGNORE INTO report_shingles (hash, report_key) VALUES (?, ?)",
                                [(h, key) for h in sk[: defaults.SKETCH_INDEXED]])
            dups = self._duplicates(key, sk)
            dirty = self._split(affected) if affected else set()
            for event_key, rec in new:
                dirty.add(self._link(event_key, rec, key))
            self._refresh(dirty)
        return Added(status, key, len(new), dups)

    def _insert_events(self, key: int, doc: Document) -> list[tuple[int, EventRecord]]:
        art = doc.article
        out, seen = [], set()
        for i, event in enumerate(doc.events):
            ev = event.to_json()
            if ev["id"] in seen:  # two events with one id would break the UNIQUE key: number the second
                ev["id"] = f"{ev['id']}#{i}"
            seen.add(ev["id"])
            row = _event_row(ev)
            row.update(report_key=key, ordinal=i)
            event_key = int(self.db.execute(_INSERT_EVENT, row).lastrowid)
            self.db.executemany(
                "INSERT INTO claims (event_key, ordinal, kind, count, qualifier, claimant, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(event_key, j, c["kind"], c["count"], c["qualifier"], c.get("claimant"), c.get("text"))
                 for j, c in enumerate(ev["claims"])])
            out.append((event_key, EventRecord.from_json(ev, art.id, art.outlet, art.published)))
        return out

    def _duplicates(self, key: int, sk: tuple[int, ...], below: int | None = None) -> tuple[str, ...]:
        """Record which stored reports hold the same text as report ``key`` (near-duplicates).

        Candidates share at least two indexed hashes; the sketch estimate
        decides, and reports that both have events must share one.
        """
        probe = sk[: defaults.SKETCH_INDEXED]
        if not probe:
            return ()
        need = min(2, len(probe))
        marks = ",".join("?" * len(probe))
        rows = self.db.execute(
            f"SELECT s.report_key, s.sketch FROM report_sketches s WHERE s.report_key IN ("
            f"SELECT report_key FROM report_shingles WHERE hash IN ({marks}) AND report_key <> ? "
            f"AND report_key < ? GROUP BY report_key HAVING count(*) >= ?)",
            (*probe, key, below if below is not None else 2**62, need)).fetchall()
        found = []
        mine = None
        for other, blob in rows:
            sim = similarity(sk, unpack_sketch(blob))
            if sim < defaults.NEAR_DUPLICATE_SIMILARITY:
                continue
            if mine is None:
                mine = self._report_signature(key)
            theirs = self._report_signature(other)
            if bool(mine) != bool(theirs) or (mine and not mine & theirs):
                continue
            self.db.execute("INSERT OR REPLACE INTO report_duplicates (report_key, duplicate_of, similarity) "
                            "VALUES (?, ?, ?)", (key, other, round(sim, 4)))
            found.append(self.db.execute("SELECT id FROM reports WHERE report_key = ?", (other,)).fetchone()[0])
        return tuple(sorted(found))

    def _report_signature(self, key: int) -> set[tuple]:
        return _signature(self.db.execute(
            "SELECT event_type, coalesce(gazetteer_id, location), date_start FROM events WHERE report_key = ?", (key,)))

    # Incidents ------------------------------------------------------------------------

    def _new_incident(self, event_keys: Iterable[int]) -> int:
        """An incident row for ``event_keys``; its fields are filled by ``_refresh``."""
        key = int(self.db.execute(
            "INSERT INTO incidents (id, event_type, sub_event_type, n_events, n_reports, n_claims, data, updated_at) "
            "VALUES ('pending:' || hex(randomblob(8)), '', '', 0, 0, 0, '{}', 0)").lastrowid)
        self.db.executemany("INSERT OR REPLACE INTO incident_members (incident_key, event_key) VALUES (?, ?)",
                            [(key, ek) for ek in event_keys])
        return key

    def _link(self, event_key: int, rec: EventRecord, report_key: int) -> int:
        """Put a new event into an incident: the union of the incidents of every
        compatible stored event, or a new one. Returns the incident's key."""
        if not linkable(rec):
            return self._new_incident([event_key])
        lo, hi = link_window(rec)  # type: ignore[misc]
        # Link windows are at most INCIDENT_MAX_WINDOW_DAYS long, which bounds link_start from below.
        params: list[Any] = [rec.event_type, (lo - timedelta(days=defaults.INCIDENT_MAX_WINDOW_DAYS)).isoformat(),
                             hi.isoformat(), lo.isoformat(), report_key]
        region = "(e.country = ? AND e.admin1 = ?{})".format(
            "" if defaults.INCIDENT_VAGUE_LINKS_PRECISE else " AND e.geo_precision >= 3")
        if rec.geo_precision < 3:
            place = "(e.geo_precision < 3 AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?)"
            lat0, lat1, lon0, lon1 = candidate_box(rec)
            params += [lat0, lat1, lon0, lon1]
            if defaults.INCIDENT_VAGUE_LINKS_PRECISE and rec.admin1:
                place = f"({place} OR {region})"
                params += [rec.country, rec.admin1]
        else:
            place = region
            params += [rec.country, rec.admin1]
        rows = self.db.execute(
            f"{_RECORD_SELECT} JOIN incident_members m ON m.event_key = e.event_key "
            f"WHERE e.event_type = ? AND e.link_start IS NOT NULL AND e.link_start BETWEEN ? AND ? "
            f"AND e.link_end >= ? AND e.report_key <> ? AND {place}", params).fetchall()
        incidents = sorted({self._incident_of(row[0]) for row in rows if compatible(rec, _record(*row[1:5]))})
        if not incidents:
            return self._new_incident([event_key])
        keep = incidents[0]
        for other in incidents[1:]:  # the new event joins them: one incident
            self.db.execute("UPDATE incident_members SET incident_key = ? WHERE incident_key = ?", (keep, other))
            self.db.execute("DELETE FROM incidents WHERE incident_key = ?", (other,))
        self.db.execute("INSERT INTO incident_members (incident_key, event_key) VALUES (?, ?)", (keep, event_key))
        return keep

    def _incident_of(self, event_key: int) -> int:
        return self.db.execute("SELECT incident_key FROM incident_members WHERE event_key = ?",
                               (event_key,)).fetchone()[0]

    def _members(self, incident_key: int) -> list[tuple[int, EventRecord, str]]:
        rows = self.db.execute(f"{_RECORD_SELECT} JOIN incident_members m ON m.event_key = e.event_key "
                               f"WHERE m.incident_key = ? ORDER BY e.id", (incident_key,)).fetchall()
        return [(row[0], _record(*row[1:5]), row[5]) for row in rows]

    def _split(self, incidents: Iterable[int]) -> set[int]:
        """After events left ``incidents``: split each into its remaining components."""
        dirty = set()
        for inc in sorted(incidents):
            members = self._members(inc)
            dirty.add(inc)
            if not members:
                continue
            key_of = {rec.id: ek for ek, rec, _ in members}
            for group in partition([rec for _, rec, _ in members])[1:]:
                dirty.add(self._new_incident(key_of[r.id] for r in group))
        return dirty

    def _refresh(self, incidents: Iterable[int]) -> None:
        """Recompute the canonical fields of ``incidents`` from their members (or drop empty ones)."""
        incidents = sorted(set(incidents))
        # Free the ids first: a merged or split incident may take an id another one held.
        self.db.executemany("UPDATE incidents SET id = 'pending:' || incident_key WHERE incident_key = ?",
                            [(k,) for k in incidents])
        stamp = int(time.time())
        for inc in incidents:
            members = self._members(inc)
            if not members:
                self.db.execute("DELETE FROM incidents WHERE incident_key = ?", (inc,))
                continue
            c = canonical([rec for _, rec, _ in members])
            loc, d = c["location"], c["date"]
            searches = sorted({s for _, _, search in members for s in search.strip("|").split("|") if s})
            self.db.execute(
                "UPDATE incidents SET id = ?, event_type = ?, sub_event_type = ?, date_start = ?, date_end = ?, "
                "date_precision = ?, country = ?, admin1 = ?, admin2 = ?, location = ?, location_ar = ?, lat = ?, "
                "lon = ?, geo_precision = ?, actor1 = ?, actor2 = ?, actors_search = ?, fatalities_best = ?, "
                "fatalities_low = ?, fatalities_high = ?, n_events = ?, n_reports = ?, n_claims = ?, outlets = ?, "
                "first_seen = ?, last_seen = ?, data = ?, updated_at = ? WHERE incident_key = ?",
                (c["id"], c["event_type"], c["sub_event_type"], d.get("start"), d.get("end"), d.get("precision"),
                 loc.get("country"), loc.get("admin1"), loc.get("admin2"), loc.get("name"), loc.get("name_ar"),
                 loc.get("lat"), loc.get("lon"), loc.get("precision"), (c["actor1"] or {}).get("name"),
                 (c["actor2"] or {}).get("name"), "|" + "|".join(searches) + "|", c["fatalities"]["best"],
                 c["fatalities"]["low"], c["fatalities"]["high"], c["n_events"], c["n_reports"], len(c["claims"]),
                 json.dumps(c["outlets"], ensure_ascii=False), c["first_seen"], c["last_seen"],
                 json.dumps(c, ensure_ascii=False), stamp, inc))

    def _repair(self) -> None:
        """Finish what a migration left for the store: link events stored before
        incidents existed, find near-duplicates among reports stored before sketches."""
        flags = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if flags.get("fts_probe") != index_text(FTS_PROBE):
            with self._write():  # words fold differently now: re-index every report
                self.db.execute("INSERT INTO reports_fts (reports_fts) VALUES ('delete-all')")
                for key, title, text in self.db.execute("SELECT report_key, title, text FROM reports").fetchall():
                    self.db.execute("INSERT INTO reports_fts (rowid, title, body) VALUES (?, ?, ?)",
                                    (key, *fts_entry(title, text)))
                self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_probe', ?)",
                                (index_text(FTS_PROBE),))
        if flags.get("relink") == "1":
            with self._write():
                if self.db.execute("SELECT value FROM meta WHERE key = 'relink'").fetchone()[0] == "1":
                    rows = self.db.execute(
                        f"{_RECORD_SELECT} WHERE e.event_key NOT IN "
                        f"(SELECT event_key FROM incident_members) ORDER BY e.event_key").fetchall()
                    dirty = {self._link(row[0], _record(*row[1:5]), row[6]) for row in rows}
                    self._refresh(dirty)
                    self.db.execute("UPDATE meta SET value = '0' WHERE key = 'relink'")
        if flags.get("redupe") == "1":
            with self._write():
                if self.db.execute("SELECT value FROM meta WHERE key = 'redupe'").fetchone()[0] == "1":
                    for key, blob in self.db.execute(
                            "SELECT report_key, sketch FROM report_sketches ORDER BY report_key").fetchall():
                        self._duplicates(key, unpack_sketch(blob), below=key)
                    self.db.execute("UPDATE meta SET value = '0' WHERE key = 'redupe'")

    # Reading ---------------------------------------------------------------------------

    def events(self, q: Query | None = None) -> Iterator[dict[str, Any]]:
        """Events matching ``q`` (all by default): codebook JSON plus ``report`` and ``incident_id``."""
        return _query.events(self.db, q or Query())

    def incidents(self, q: Query | None = None) -> Iterator[dict[str, Any]]:
        """Incidents matching ``q`` (all by default): canonical fields, claims with outlets,
        members, and ``review``: the latest analyst review (None when unreviewed)."""
        latest = latest_reviews(self.db)
        for incident in _query.incidents(self.db, q or Query()):
            yield with_review(incident, latest)

    def stats(self) -> dict[str, Any]:
        """Counts and size on disk."""
        return _query.stats(self.db, self.path)

    def partition(self) -> set[frozenset[str]]:
        """The incidents as sets of event ids."""
        return _query.partition(self.db)

    def check(self, deep: bool = False) -> list[str]:
        """Consistency problems (none: an empty list)."""
        return _query.check(self.db, deep)

    # Reviews ---------------------------------------------------------------------------

    def add_review(self, incident_id: str, action: str, corrections: dict[str, Any] | None = None,
                   analyst: str | None = None, note: str | None = None) -> dict[str, Any]:
        """Record an analyst's ``action`` (confirm | correct | reject) on the current
        incident ``incident_id``, with its member event ids; the machine's fields
        stay as they are. KeyError: no such incident; ValueError: a bad review."""
        fixes = check_review(action, corrections)
        analyst, note = short_text(analyst, "analyst", defaults.API_MAX_PARAM), short_text(note, "note",
                                                                                  defaults.REVIEW_MAX_NOTE)
        with self._write():
            row = self.db.execute("SELECT data FROM incidents WHERE id = ?", (incident_id,)).fetchone()
            if row is None:
                raise KeyError(incident_id)
            incident = json.loads(row[0])
            sub = fixes.get("sub_event_type")
            if sub and "event_type" not in fixes and SUB_EVENT_TYPE_PARENT[sub] != incident["event_type"]:
                fixes["event_type"] = SUB_EVENT_TYPE_PARENT[sub]  # a sub-type of another type moves the type too
            key = self.db.execute(
                "INSERT INTO reviews (incident_id, events, action, corrections, analyst, note, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (incident_id, json.dumps(incident["events"], ensure_ascii=False), action,
                 json.dumps(fixes, ensure_ascii=False), analyst, note, _now())).lastrowid
            out = self.db.execute(f"{REVIEW_SELECT} WHERE review_key = ?", (key,)).fetchone()
        return review_dict(*out)

    def reviews(self, incident_id: str) -> list[dict[str, Any]]:
        """Every review that applies to the incident ``incident_id``, newest first."""
        return incident_reviews(self.db, incident_id)

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (after a big ingest) and refresh planner statistics."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("PRAGMA optimize")


def _alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True
