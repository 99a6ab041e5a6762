"""marsad.export: JSON Lines, CSV, GeoJSON, Parquet and ACLED's layout."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from store_fixtures import HAMOURIYAH, IDLIB

from marsad.export import (
    ACLED_COLUMNS,
    EVENT_COLUMNS,
    INCIDENT_COLUMNS,
    acled_date,
    acled_row,
    country_code,
    interaction,
    write,
)
from marsad.model import Article
from marsad.pipeline import extract
from marsad.store import Store


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("export") / "m.db") as store:
        for r in [*HAMOURIYAH, IDLIB]:
            store.add(extract(Article(id=r["id"], text=r["text"], url=r["url"], outlet=r["outlet"],
                                      published=date.fromisoformat(r["published"]))))
        return {"events": list(store.events()), "incidents": list(store.incidents())}


def _out(records, kind, fmt) -> bytes:
    buffer = io.BytesIO()
    assert write(records[kind], kind, fmt, buffer) == len(records[kind])
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["events", "incidents"])
def test_export_jsonl_is_one_record_per_line_arabic_unescaped(records, kind):
    data = _out(records, kind, "jsonl").decode("utf-8")
    assert [json.loads(line) for line in data.splitlines()] == records[kind]
    assert "حمورية" in data and "\\u" not in data


@pytest.mark.parametrize("kind, columns", [("events", EVENT_COLUMNS), ("incidents", INCIDENT_COLUMNS)])
def test_export_csv_has_the_flat_columns(records, kind, columns):
    rows = list(csv.DictReader(io.StringIO(_out(records, kind, "csv").decode("utf-8"))))
    assert list(rows[0]) == columns and len(rows) == len(records[kind])
    assert {r["location"] for r in rows} == {"Hamouriyah", "Idlib"}


def test_export_geojson_points_are_lon_lat(records):
    fc = json.loads(_out(records, "incidents", "geojson"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    idlib = next(f for f in fc["features"] if f["properties"]["location"] == "Idlib")
    lon, lat = idlib["geometry"]["coordinates"]
    assert (round(lat), round(lon)) == (36, 37)


@pytest.mark.parametrize("kind", ["events", "incidents"])
def test_export_parquet_is_typed(records, kind):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(_out(records, kind, "parquet")))
    assert table.num_rows == len(records[kind])
    assert table.schema.field("date_start").type == pa.date32()
    assert table.schema.field("fatalities_best").type == pa.int64()
    assert table.schema.field("latitude").type == pa.float64()


def test_export_empty_results_still_have_a_header():
    buffer = io.BytesIO()
    assert write([], "events", "acled", buffer) == 0
    assert buffer.getvalue().decode().strip() == ",".join(ACLED_COLUMNS)


def test_export_acled_rows_sit_beside_acled_data(records):
    rows = list(csv.DictReader(io.StringIO(_out(records, "incidents", "acled").decode("utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    row = next(r for r in rows if r["location"] == "Hamouriyah")
    assert row["event_id_cnty"].startswith("SYR-inc-")
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2018-03-20", "2018", "1")
    assert (row["iso"], row["region"], row["country"], row["admin1"]) == ("760", "Middle East", "Syria", "Rif Dimashq")
    assert (row["disorder_type"], row["inter1"], row["inter2"]) == ("Political violence", "State forces", "Civilians")
    assert row["interaction"] == "State forces-Civilians" and row["civilian_targeting"] == "Civilian targeting"
    assert row["fatalities"] == "9" and row["geo_precision"] == "1"
    assert set(row["source"].split("; ")) >= {"شبكة شام", "المرصد السوري", "عنب بلدي", "الدفاع المدني"}
    assert int(row["timestamp"]) > 1_700_000_000


def test_export_acled_event_rows_name_the_report_outlet_and_claimants(records):
    row = acled_row(next(e for e in records["events"] if e["report"]["id"] == "obs-7"))
    assert row["source"] == "المرصد السوري; الدفاع المدني"
    assert row["event_id_cnty"] == "SYR-" + next(e["id"] for e in records["events"] if e["report"]["id"] == "obs-7")


@pytest.mark.parametrize("kind1, kind2, expected", [
    ("state", None, "State forces only"),
    ("rebel", "state", "State forces-Rebel group"),
    ("protesters", None, "Protesters only"),
    ("external", "civilians", "External/Other forces-Civilians"),
    ("political_militia", "civilians", "Political militia-Civilians"),
])
def test_export_interaction_is_acleds_label(kind1, kind2, expected):
    assert interaction(kind1, kind2) == expected


@pytest.mark.parametrize("d, expected", [
    ({"start": "2018-03-20", "end": "2018-03-20", "precision": "day"}, date(2018, 3, 20)),
    ({"start": "2018-03-12", "end": "2018-03-18", "precision": "week"}, date(2018, 3, 15)),
    ({"start": "2018-03-15", "end": "2018-03-15", "precision": "week"}, date(2018, 3, 15)),
    ({"start": "2018-03-01", "end": "2018-03-31", "precision": "month"}, date(2018, 3, 15)),
    ({"start": None, "end": None, "precision": None}, None),
])
def test_export_acled_date_is_one_day(d, expected):
    assert acled_date(d) == expected


@pytest.mark.parametrize("value, code", [("SY", "SY"), ("syr", "SY"), ("Syria", "SY"), ("iraq", "IQ"),
                                         ("Narnia", None)])
def test_export_country_code_accepts_codes_and_names(value, code):
    assert country_code(value) == code
