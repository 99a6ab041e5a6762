"""Real processes against one SQLite file: two ingests at once; an ingest killed with SIGKILL."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from store_fixtures import generated_reports, write_jsonl

from marsad.store import Store

INGEST = "import sys; from marsad.cli_store import ingest; ingest.main(sys.argv[1:])"


def start_ingest(path, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", INGEST, str(path), "--db", str(db), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_store_two_processes_ingesting_at_once_lose_and_duplicate_nothing(tmp_path):
    reports = generated_reports(60)
    # 20 reports in both inputs, the second in the other order: both processes race for them.
    a = write_jsonl(tmp_path / "a.jsonl", reports[:40])
    b = write_jsonl(tmp_path / "b.jsonl", list(reversed(reports[20:])))
    db = tmp_path / "shared.db"
    procs = [start_ingest(a, db), start_ingest(b, db)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with Store(db) as store:
        stats = store.stats()
        assert stats["reports"] == 60 and stats["events"] == 60
        ids = [r[0] for r in store.db.execute("SELECT id FROM reports")]
        assert sorted(ids) == sorted(r["id"] for r in reports)
        stored_by_run = store.db.execute("SELECT sum(stored), sum(skipped) FROM runs").fetchone()
        assert stored_by_run == (60, 20)  # each shared report stored by one process, skipped by the other
        assert store.check(deep=True) == []
        assert stats["incidents"] == 30  # each strike told by two outlets
        concurrent = (store.partition(), sorted(i["id"] for i in store.incidents()))
    with Store(tmp_path / "serial.db") as serial:
        from marsad.cli_store import run_ingest

        run_ingest([write_jsonl(tmp_path / "all.jsonl", reports)], serial.path)
        assert (serial.partition(), sorted(i["id"] for i in serial.incidents())) == concurrent


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_store_an_ingest_killed_mid_run_leaves_a_consistent_file_and_a_rerun_completes_it(tmp_path):
    reports = generated_reports(400)
    inputs = write_jsonl(tmp_path / "in.jsonl", reports)
    db = tmp_path / "killed.db"
    proc = start_ingest(inputs, db)
    deadline = time.monotonic() + 120
    while stored(db) < 25:
        assert proc.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        assert store.check(deep=True) == []
        partial = store.stats()
        assert 25 <= partial["reports"] < 400 and partial["events"] == partial["reports"]
        assert store.db.execute("SELECT status FROM runs").fetchall() == [("running",)]

    again = start_ingest(inputs, db)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{partial['reports']} skipped as already known" in err
    with Store(db) as store:
        stats = store.stats()
        assert stats["reports"] == 400 and stats["events"] == 400
        assert store.db.execute("SELECT count(DISTINCT id) FROM events").fetchone()[0] == 400
        assert store.check(deep=True) == []
        assert [r[0] for r in store.db.execute("SELECT status FROM runs ORDER BY run_key")] == ["interrupted", "done"]
