"""The database commands (ingest, events, incidents), run through click's test runner."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from store_fixtures import ENGLISH, HAMOURIYAH, IDLIB, MAARRA, write_jsonl

from marsad.cli_store import events, incidents, ingest
from marsad.export import ACLED_COLUMNS
from marsad.store import Store


def run(command, *args):
    return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "marsad.db"
    result = run(ingest, write_jsonl(tmp_path / "in.jsonl", [*HAMOURIYAH, IDLIB, MAARRA]), "--db", path)
    assert result.exit_code == 0, result.output
    return path


def test_cli_store_ingest_summarises_and_fails_with_reasons(tmp_path):
    inputs = write_jsonl(tmp_path / "in.jsonl", [*HAMOURIYAH, ENGLISH])
    first = run(ingest, inputs, "--db", tmp_path / "m.db")
    assert first.exit_code == 1  # one input failed
    assert "4 reports read" in first.stderr and "3 stored" in first.stderr and "1 failed" in first.stderr
    assert "3 events" in first.stderr and "1 incidents" in first.stderr
    assert "clean: not Arabic" in first.stderr
    again = run(ingest, inputs, "--db", tmp_path / "m.db")
    assert "0 stored" in again.stderr and "3 skipped as already known" in again.stderr
    with Store(tmp_path / "m.db") as store:
        assert store.stats()["reports"] == 3
        runs = store.db.execute("SELECT status, stored, skipped, failed FROM runs ORDER BY run_key").fetchall()
        assert runs == [("done", 3, 0, 1), ("done", 0, 3, 1)]
        assert store.db.execute("SELECT count(*) FROM failures WHERE reason LIKE 'not Arabic%'").fetchone()[0] == 2


def test_cli_store_ingest_reads_a_text_file_with_its_date_and_outlet(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(IDLIB["text"], "utf-8")
    result = run(ingest, page, "--db", tmp_path / "m.db", "--published", "2018-03-21", "--outlet", "شبكة شام")
    assert result.exit_code == 0
    with Store(tmp_path / "m.db") as store:
        (event,) = list(store.events())
        assert event["date"]["start"] == "2018-03-20" and event["report"]["outlet"] == "شبكة شام"


def test_cli_store_events_filters_and_writes_jsonl(db):
    result = run(events, "--db", db, "--admin1", "Idlib", "--since", "2018-03-20", "--until", "2018-03-20")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["location"]["name"] for r in rows) == ["Idlib", "Ma'arrat an Nu'man"]
    assert "marsad: 2 events" in result.stderr


def test_cli_store_incidents_as_acled_csv(db, tmp_path):
    out = tmp_path / "acled.csv"
    result = run(incidents, "--db", db, "--country", "Syria", "--type", "Air/drone strike", "--format", "acled",
                 "-o", out)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 3
    assert sorted(r["fatalities"] for r in rows) == ["4", "5", "9"]


@pytest.mark.parametrize("fmt, check", [
    ("geojson", lambda b: json.loads(b)["type"] == "FeatureCollection"),
    ("parquet", lambda b: b[:4] == b"PAR1"),
    ("csv", lambda b: b.decode("utf-8").startswith("incident_id,")),
])
def test_cli_store_incidents_formats_on_stdout(db, fmt, check):
    result = run(incidents, "--db", db, "--q", "حمورية", "--format", fmt)
    assert result.exit_code == 0 and check(result.stdout_bytes)


@pytest.mark.parametrize("args, message", [
    (["--bbox", "36,33,35"], "minlon,minlat,maxlon,maxlat"),
    (["--bbox", "37,33,36,34"], "minlon,minlat,maxlon,maxlat"),
    (["--country", "Narnia"], "no country"),
    (["--since", "yesterday"], "YYYY-MM-DD"),
    (["--since", "2018-03-21", "--until", "2018-03-01"], "--since is after --until"),
    (["--format", "xml"], "xml"),
])
def test_cli_store_bad_options_are_usage_errors(db, args, message):
    result = run(events, "--db", db, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_cli_store_query_without_a_database_is_a_usage_error(tmp_path):
    result = run(events, "--db", tmp_path / "none.db")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_cli_store_bbox_selects_by_coordinates(db):
    result = run(events, "--db", db, "--bbox", "36.0,33.0,37.0,34.0")  # around Damascus
    assert {json.loads(line)["location"]["name"] for line in result.stdout.splitlines()} == {"Hamouriyah"}
