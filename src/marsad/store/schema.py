"""The SQLite schema of a marsad database, and the migrations that build it.

A database records its schema version in ``PRAGMA user_version``. Each
migration is a function that takes the database from version N-1 to N; on
open, every migration above the file's version runs in order, each in its
own transaction, so an old file is upgraded in place and a crash mid-way
leaves it at the last whole version. A file newer than this marsad is
refused rather than guessed at.

Tables (every key is an INTEGER rowid; ``id`` columns are the public names):

``runs``
    one row per ``marsad ingest``: when, which inputs, its counts, and its
    status (``running`` until it finishes; a killed run stays ``running``
    until a later ingest sees that its process is gone: ``interrupted``).
``reports``
    one row per report: metadata, the clean text every offset points into,
    the SHA-256 of that text (a changed text is a changed report), the
    unresolved place names as JSON.
``events``
    one row per coded event: the codebook fields as columns for queries,
    ``data`` the event's codebook JSON exactly, ``link_start``/``link_end``
    the days it may be on (NULL: too vague to join an incident).
``claims``
    every casualty figure of an event, with its claimant.
``incidents``
    one real-world event across reports: canonical fields as columns,
    ``data`` the whole incident as JSON (claims with outlets, members).
``incident_members``
    which events make each incident (each event is in exactly one).
``failures``
    inputs a run could not code, with stage and reason.
``reports_fts``
    contentless FTS5 over the *normalised* title and text (``index_text``):
    SQLite's tokenizer folds neither hamza nor clitics, so both sides of a
    search are folded (marsad.text.normalise.fold) and light-stemmed first.
``report_sketches``, ``report_shingles``, ``report_duplicates``
    MinHash sketches of report texts, the index that finds candidates, and
    the near-duplicate relation (syndicated copies of one text).
``meta``
    key/value notes (e.g. ``relink``: events need linking into incidents).
``reviews``
    an analyst's verdict on an incident (confirm, correct, reject) and the
    corrections, beside the machine's output and never over it. Incident
    ids change as incidents merge and split, so a review keeps the member
    event ids it saw: it applies to every current incident holding one.
"""
from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from ..text.normalise import WORD, clitic_variants, fold


class Migration(NamedTuple):
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


class SchemaTooNew(RuntimeError):
    """The database was written by a newer marsad than this one."""


# Text for the full-text index ------------------------------------------------------


@lru_cache(maxsize=200_000)
def index_form(word: str) -> str:
    """A folded word with its proclitics (و ف ب ل ك ال) removed: the form the index keeps.

    The same function runs on the indexed text and on the query, so "وبالقصف"
    and "القصف" both find "قصف", and "إدلب" finds "ادلب".
    """
    variants = clitic_variants(word)
    return max(variants, key=lambda v: v[0])[1]


def index_text(text: str | None) -> str:
    """The normalised, light-stemmed words of ``text``, space separated."""
    if not text:
        return ""
    return " ".join(map(index_form, WORD.findall(fold(text))))


# The index keeps no copy of the text (contentless FTS5), so removing a report's
# entry needs the very words it was indexed with: index_text of the stored text.
# If a new marsad folds words differently, this probe's form changes and the
# store rebuilds the index (Store._repair) before it deletes anything.
FTS_PROBE = "وبالقصف لِلقدم إدلب أُصيب ٣ الغارات بريف حماةَ ومصرعهم فالجيش كالأسود"


def fts_entry(title: str | None, text: str | None) -> tuple[str, str]:
    """The (title, body) columns a report has in ``reports_fts``."""
    return index_text(title), index_text(text)


def pack_sketch(sk: tuple[int, ...]) -> bytes:
    """A sketch as a BLOB: big-endian signed 8-byte integers."""
    return struct.pack(f">{len(sk)}q", *sk)


def unpack_sketch(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f">{len(blob) // 8}q", blob)


_OPERATORS = {"OR", "AND", "NOT"}


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for a user's words: each word folded and stemmed
    like the index, quoted (so FTS syntax in the words is inert); OR, AND and NOT
    in capitals stay operators, a trailing * stays a prefix search."""
    parts: list[str] = []
    for raw in query.split():
        if raw in _OPERATORS and parts and parts[-1] not in _OPERATORS:
            parts.append(raw)
            continue
        prefix = raw.endswith("*")
        words = WORD.findall(fold(raw))
        for i, w in enumerate(words):
            form = index_form(w) if not (prefix and i == len(words) - 1) else w
            parts.append('"' + form.replace('"', '""') + '"' + ("*" if prefix and i == len(words) - 1 else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return " ".join(parts)


# Migrations ----------------------------------------------------------------------


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the current transaction.

    (``executescript`` would COMMIT first, and a migration must be atomic.)
    """
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        db.execute(buffer)


def _v1(db: sqlite3.Connection) -> None:
    """Reports, events, claims, failures, runs."""
    _script(
        db,
        """
        CREATE TABLE runs (
            run_key      INTEGER PRIMARY KEY,
            started_at   TEXT NOT NULL,              -- UTC, ISO 8601
            finished_at  TEXT,
            status       TEXT NOT NULL DEFAULT 'running'
                         CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
            inputs       TEXT NOT NULL DEFAULT '[]', -- JSON list of the paths given
            pid          INTEGER,
            host         TEXT,
            version      TEXT,
            reports_read INTEGER NOT NULL DEFAULT 0,
            stored       INTEGER NOT NULL DEFAULT 0, -- new reports
            replaced     INTEGER NOT NULL DEFAULT 0, -- known reports with a new text
            skipped      INTEGER NOT NULL DEFAULT 0, -- known reports, same text
            duplicates   INTEGER NOT NULL DEFAULT 0, -- near-duplicates of a stored report
            failed       INTEGER NOT NULL DEFAULT 0,
            events       INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE reports (
            report_key   INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            url          TEXT,
            outlet       TEXT,
            title        TEXT,
            published    TEXT,                       -- YYYY-MM-DD
            language     TEXT,
            text         TEXT NOT NULL,              -- the clean text offsets point into
            text_sha256  TEXT NOT NULL,
            unresolved_places TEXT NOT NULL DEFAULT '[]',
            n_events     INTEGER NOT NULL DEFAULT 0,
            first_run    INTEGER REFERENCES runs(run_key) ON DELETE SET NULL,
            last_run     INTEGER REFERENCES runs(run_key) ON DELETE SET NULL,
            stored_at    TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        );
        CREATE INDEX reports_url ON reports(url) WHERE url IS NOT NULL;
        CREATE INDEX reports_published ON reports(published);
        CREATE INDEX reports_outlet ON reports(outlet);
        CREATE TABLE events (
            event_key    INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            report_key   INTEGER NOT NULL REFERENCES reports(report_key) ON DELETE CASCADE,
            ordinal      INTEGER NOT NULL,           -- position in the report's events
            event_type   TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            reported     INTEGER NOT NULL,
            date_start   TEXT, date_end TEXT, date_precision TEXT,
            country      TEXT, admin1 TEXT, admin2 TEXT,
            location     TEXT, location_ar TEXT,
            lat          REAL, lon REAL,
            geo_precision INTEGER,
            gazetteer_id TEXT,
            actor1       TEXT, actor1_kind TEXT, actor2 TEXT, actor2_kind TEXT,
            actors_search TEXT NOT NULL DEFAULT '',  -- folded names and aliases, for --actor
            fatalities_best INTEGER NOT NULL DEFAULT 0,
            fatalities_low  INTEGER NOT NULL DEFAULT 0,
            fatalities_high INTEGER NOT NULL DEFAULT 0,
            confidence   REAL,
            notes        TEXT,
            data         TEXT NOT NULL               -- the codebook JSON of the event
        );
        CREATE INDEX events_report ON events(report_key);
        CREATE INDEX events_date ON events(date_start);
        CREATE INDEX events_place ON events(country, admin1, date_start);
        CREATE INDEX events_type_date ON events(event_type, date_start);
        CREATE INDEX events_lat ON events(lat, lon);
        CREATE TABLE claims (
            claim_key    INTEGER PRIMARY KEY,
            event_key    INTEGER NOT NULL REFERENCES events(event_key) ON DELETE CASCADE,
            ordinal      INTEGER NOT NULL,
            kind         TEXT NOT NULL,              -- killed | wounded | missing | captured
            count        INTEGER NOT NULL,
            qualifier    TEXT NOT NULL,
            claimant     TEXT,
            text         TEXT
        );
        CREATE INDEX claims_event ON claims(event_key);
        CREATE TABLE failures (
            failure_key  INTEGER PRIMARY KEY,
            run_key      INTEGER REFERENCES runs(run_key) ON DELETE CASCADE,
            report_id    TEXT NOT NULL,
            stage        TEXT NOT NULL,              -- read | clean | extract | store
            reason       TEXT NOT NULL,
            source       TEXT,
            at           TEXT NOT NULL
        );
        CREATE INDEX failures_run ON failures(run_key);
        CREATE INDEX failures_report ON failures(report_id);
        """,
    )


def _link_window_of(data: str) -> tuple[str | None, str | None]:
    from ..dedup import EventRecord, link_window, linkable

    rec = EventRecord.from_json(json.loads(data), report_id="")
    if not linkable(rec):
        return None, None
    lo, hi = link_window(rec)  # type: ignore[misc]
    return lo.isoformat(), hi.isoformat()


def _v2(db: sqlite3.Connection) -> None:
    """Incidents and their members; the link window of every event."""
    _script(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        ALTER TABLE events ADD COLUMN link_start TEXT;
        ALTER TABLE events ADD COLUMN link_end TEXT;
        CREATE INDEX events_link ON events(event_type, link_start) WHERE link_start IS NOT NULL;
        CREATE TABLE incidents (
            incident_key INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,       -- from the members alone (dedup.incident_id)
            event_type   TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            date_start   TEXT, date_end TEXT, date_precision TEXT,
            country      TEXT, admin1 TEXT, admin2 TEXT,
            location     TEXT, location_ar TEXT,
            lat          REAL, lon REAL,
            geo_precision INTEGER,
            actor1       TEXT, actor2 TEXT,
            actors_search TEXT NOT NULL DEFAULT '',
            fatalities_best INTEGER NOT NULL DEFAULT 0,
            fatalities_low  INTEGER NOT NULL DEFAULT 0,
            fatalities_high INTEGER NOT NULL DEFAULT 0,
            n_events     INTEGER NOT NULL,
            n_reports    INTEGER NOT NULL,
            n_claims     INTEGER NOT NULL,
            outlets      TEXT NOT NULL DEFAULT '[]', -- JSON list
            first_seen   TEXT, last_seen TEXT,       -- earliest and latest publication date
            data         TEXT NOT NULL,              -- the incident JSON (dedup.canonical)
            updated_at   INTEGER NOT NULL            -- unix time
        );
        CREATE INDEX incidents_date ON incidents(date_start);
        CREATE INDEX incidents_place ON incidents(country, admin1, date_start);
        CREATE INDEX incidents_type_date ON incidents(event_type, date_start);
        CREATE INDEX incidents_lat ON incidents(lat, lon);
        CREATE TABLE incident_members (
            incident_key INTEGER NOT NULL REFERENCES incidents(incident_key) ON DELETE CASCADE,
            event_key    INTEGER NOT NULL UNIQUE REFERENCES events(event_key) ON DELETE CASCADE,
            PRIMARY KEY (incident_key, event_key)
        ) WITHOUT ROWID;
        """,
    )
    rows = db.execute("SELECT event_key, data FROM events").fetchall()
    db.executemany("UPDATE events SET link_start = ?, link_end = ? WHERE event_key = ?",
                   [(*_link_window_of(data), key) for key, data in rows])
    # The store links these events into incidents the next time it opens the file.
    db.execute("INSERT INTO meta (key, value) VALUES ('relink', ?)", ("1" if rows else "0",))


def _v3(db: sqlite3.Connection) -> None:
    """Full-text search over normalised text; near-duplicate sketches."""
    from .. import defaults
    from ..dedup import sketch

    _script(
        db,
        """
        CREATE VIRTUAL TABLE reports_fts USING fts5(    -- contentless: the text is in reports
            title, body, content = '', tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE TABLE report_sketches (
            report_key   INTEGER PRIMARY KEY REFERENCES reports(report_key) ON DELETE CASCADE,
            sketch       BLOB NOT NULL               -- bottom-k MinHash (dedup.sketch), 8-byte ints
        );
        CREATE TABLE report_shingles (
            hash         INTEGER NOT NULL,           -- one of the smallest hashes of a sketch
            report_key   INTEGER NOT NULL REFERENCES reports(report_key) ON DELETE CASCADE,
            PRIMARY KEY (hash, report_key)
        ) WITHOUT ROWID;
        CREATE INDEX report_shingles_report ON report_shingles(report_key);
        CREATE TABLE report_duplicates (
            report_key   INTEGER NOT NULL REFERENCES reports(report_key) ON DELETE CASCADE,
            duplicate_of INTEGER NOT NULL REFERENCES reports(report_key) ON DELETE CASCADE,
            similarity   REAL NOT NULL,              -- estimated Jaccard of word 3-grams
            PRIMARY KEY (report_key, duplicate_of),
            CHECK (report_key <> duplicate_of)
        ) WITHOUT ROWID;
        CREATE INDEX report_duplicates_of ON report_duplicates(duplicate_of);
        """,
    )
    for key, title, text in db.execute("SELECT report_key, title, text FROM reports").fetchall():
        db.execute("INSERT INTO reports_fts (rowid, title, body) VALUES (?, ?, ?)", (key, *fts_entry(title, text)))
        sk = sketch(text)
        db.execute("INSERT INTO report_sketches (report_key, sketch) VALUES (?, ?)", (key, pack_sketch(sk)))
        db.executemany("INSERT OR IGNORE INTO report_shingles (hash, report_key) VALUES (?, ?)",
                       [(h, key) for h in sk[: defaults.SKETCH_INDEXED]])
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_probe', ?)", (index_text(FTS_PROBE),))
    # Near-duplicates among reports stored before this version are found by
    # the store when it next opens the file (it needs their events).
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('redupe', '1')")


# Filters the API and the CLI apply to events and incidents (marsad.store.query.where),
# each led by the column it compares for equality (or the date), then every other
# filter column: a count of what matches reads the index alone, never the wide rows
# (each holds its JSON). They replace the narrower indexes they begin with.
_FILTER_INDEXES = {
    "type": "event_type, date_start, date_end, sub_event_type, country, admin1, lat, lon",
    "sub": "sub_event_type, date_start, date_end, event_type, country, admin1, lat, lon",
    "place": "country, admin1, date_start, date_end, event_type, sub_event_type, lat, lon",
    "admin1": "admin1, date_start, date_end, event_type, sub_event_type, country, lat, lon",
    "date": "date_start, date_end, event_type, sub_event_type, country, admin1, lat, lon",
}


def _v4(db: sqlite3.Connection) -> None:
    """Analysts' reviews of incidents; covering indexes for filtered counts and pages."""
    for table in ("events", "incidents"):
        for old in ("date", "place", "type_date"):
            db.execute(f"DROP INDEX IF EXISTS {table}_{old}")
        for name, columns in _FILTER_INDEXES.items():
            db.execute(f"CREATE INDEX {table}_filter_{name} ON {table}({columns})")
    _script(
        db,
        """
        CREATE TABLE reviews (
            review_key   INTEGER PRIMARY KEY,
            incident_id  TEXT NOT NULL,              -- the incident's id when reviewed
            events       TEXT NOT NULL,              -- JSON list of its member event ids then
            action       TEXT NOT NULL CHECK (action IN ('confirm', 'correct', 'reject')),
            corrections  TEXT NOT NULL DEFAULT '{}', -- JSON: the analyst's values of corrected fields
            analyst      TEXT,
            note         TEXT,
            at           TEXT NOT NULL               -- UTC, ISO 8601
        );
        CREATE INDEX reviews_incident ON reviews(incident_id);
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports, events, claims, failures, runs", _v1),
    Migration(2, "incidents and incident members; event link windows", _v2),
    Migration(3, "full-text search over normalised text; near-duplicate sketches", _v3),
    Migration(4, "analysts' reviews of incidents; covering filter indexes", _v4),
)
VERSION = MIGRATIONS[-1].version


def version_of(db: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = VERSION) -> list[Migration]:
    """Bring ``db`` (in autocommit mode) up to ``target``; returns the migrations run.

    Each migration runs in a ``BEGIN IMMEDIATE`` transaction that re-reads the
    version first, so two processes opening one old file upgrade it once.
    """
    done: list[Migration] = []
    current = version_of(db)
    if current > VERSION:
        raise SchemaTooNew(f"database schema version {current} is newer than this marsad's ({VERSION}); "
                           "upgrade marsad to open it")
    for m in MIGRATIONS:
        if m.version <= current or m.version > target:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if version_of(db) >= m.version:  # another process got here first
                db.execute("ROLLBACK")
                continue
            m.apply(db)
            db.execute(f"PRAGMA user_version = {m.version:d}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        done.append(m)
    return done
