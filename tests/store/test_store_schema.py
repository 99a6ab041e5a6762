"""The database schema: versions, in-place upgrades, the normalised full-text index."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from store_fixtures import HAMOURIYAH, IDLIB

from marsad.model import Article
from marsad.pipeline import extract
from marsad.store import (
    SCHEMA_VERSION,
    Query,
    Store,
    connect,
    fts_query,
    index_text,
    text_sha256,
)
from marsad.store.schema import MIGRATIONS, migrate, version_of
from marsad.store.sqlite import _event_row


def _doc(r: dict, **changes):
    r = {**r, **changes}
    return extract(Article(id=r["id"], text=r["text"], url=r["url"], outlet=r["outlet"],
                           published=date.fromisoformat(r["published"])))


def _store_as_v1(db: sqlite3.Connection, doc) -> None:
    """What marsad with schema version 1 wrote for a report."""
    a = doc.article
    key = db.execute(
        "INSERT INTO reports (id, url, outlet, published, language, text, text_sha256, n_events, stored_at, "
        "updated_at) VALUES (?, ?, ?, ?, 'ar', ?, ?, ?, '2018-03-21T00:00:00+00:00', '2018-03-21T00:00:00+00:00')",
        (a.id, a.url, a.outlet, a.published.isoformat(), a.text, text_sha256(a.text), len(doc.events))).lastrowid
    for i, ev in enumerate(doc.events):
        row = {k: v for k, v in _event_row(ev.to_json()).items() if k not in ("link_start", "link_end")}
        row.update(report_key=key, ordinal=i)
        ek = db.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})",
                        row).lastrowid
        for j, c in enumerate(ev.fatalities.claims):
            db.execute("INSERT INTO claims (event_key, ordinal, kind, count, qualifier, claimant, text) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (ek, j, c.kind, c.count, c.qualifier, c.claimant, c.text))


def test_schema_a_new_file_gets_every_table_at_the_latest_version(tmp_path):
    with Store(tmp_path / "m.db") as store:
        assert version_of(store.db) == SCHEMA_VERSION == MIGRATIONS[-1].version
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"reports", "events", "claims", "incidents", "incident_members", "failures", "runs",
                "reports_fts", "report_duplicates"} <= tables
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        plan = " ".join(r[3] for r in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM events WHERE event_type = 'Battles' AND date_start >= '2018-01-01'"))
        assert "USING INDEX" in plan


def test_schema_a_version_1_database_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    db = connect(path)
    migrate(db, target=1)
    db.execute("BEGIN")
    for r in HAMOURIYAH:
        _store_as_v1(db, _doc(r))
    _store_as_v1(db, _doc(HAMOURIYAH[0], id="copy", url="https://mirror.example/1"))
    db.execute("COMMIT")
    assert version_of(db) == 1
    db.close()

    with Store(path) as store:
        assert [m.version for m in store.migrations] == [2, 3, 4]
        assert version_of(store.db) == SCHEMA_VERSION
        assert store.check(deep=True) == []
        (incident,) = list(store.incidents())
        assert incident["n_reports"] == 4 and incident["fatalities"]["best"] == 9
        assert {e["report"]["id"] for e in store.events(Query(text="الغارات"))} == {"obs-7", "enab-3"}
        assert store.stats()["near_duplicates"] == 1
        # and it goes on working: a new report joins the upgraded data
        store.add(_doc(IDLIB))
        assert store.stats()["incidents"] == 2
    with Store(path) as store:  # opening again migrates nothing
        assert store.migrations == []


def test_schema_migrations_are_atomic(tmp_path, monkeypatch):
    from marsad.store import schema

    path = tmp_path / "m.db"
    db = connect(path)
    migrate(db, target=1)

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], schema.Migration(2, "broken", broken)))
    with pytest.raises(RuntimeError):
        schema.migrate(db)
    assert version_of(db) == 1
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


@pytest.mark.parametrize("written, indexed", [
    ("وبالقصف", "قصف"),
    ("القصف", "قصف"),
    ("إدلب", "ادلب"),
    ("بإدلب", "ادلب"),
    ("قُتِلَ", "قتل"),
    ("للمدنيين", "مدنيين"),
    ("حمورية", "حموريه"),
    ("٣", "3"),
])
def test_schema_index_text_folds_spelling_and_strips_clitics(written, indexed):
    assert index_text(written) == indexed


@pytest.mark.parametrize("query, match", [
    ("إدلب", '"ادلب"'),
    ("غارات إدلب", '"غارات" "ادلب"'),
    ("حمورية OR دوما", '"حموريه" OR "دوما"'),
    ("قصف*", '"قصف"*'),
    ('x"y', '"x" "y"'),
    ("حمورية OR", "\"حموريه\""),  # a dangling operator is dropped
])
def test_schema_fts_query_folds_the_user_words_like_the_index(query, match):
    assert fts_query(query) == match


def test_schema_fts_index_is_rebuilt_when_folding_changes(tmp_path):
    path = tmp_path / "m.db"
    with Store(path) as store:
        store.add(_doc(IDLIB))
        store.db.execute("UPDATE meta SET value = 'old folding' WHERE key = 'fts_probe'")
        store.db.execute("INSERT INTO reports_fts (reports_fts) VALUES ('delete-all')")
    with Store(path) as store:
        assert [e["report"]["id"] for e in store.events(Query(text="إدلب"))] == ["sham-2"]
        assert store.check() == []
