"""The read endpoints over real HTTP: a uvicorn server on loopback, a database filled by a real ingest."""
from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from api_server import REPORTS, SCRIPT, SEED, filled_db, running

from marsad.api import create_app
from marsad.export import EVENT_COLUMNS

MARKER_PROPERTIES = {"id", "event_type", "sub_event_type", "date_start", "date_end", "location", "location_ar",
                     "admin1", "country", "actor1", "actor2", "fatalities_best", "fatalities_low", "fatalities_high",
                     "n_reports", "outlets", "review_status"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = filled_db(tmp_path_factory.mktemp("api-read"))
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as c:
        yield c


def _get(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _all_events(client):
    return _get(client, "/api/events", limit=1000)["items"]


def test_api_health_counts_what_the_database_holds(client):
    h = _get(client, "/api/health")
    assert h["status"] == "ok" and h["review_enabled"] is False and h["db"].endswith("marsad.db")
    assert h["reports"] == len(REPORTS) + 1  # and the seed page
    assert h["events"] == len(_all_events(client)) and h["incidents"] == h["events"] - 1  # Saraqib told twice


def test_api_config_tells_the_dashboard_about_tiles_and_reviews(client):
    assert _get(client, "/api/config") == {"tile_url": None, "review_enabled": False, "attribution": ""}


def test_api_events_carry_their_report_and_incident_newest_first(client):
    page = _get(client, "/api/events")
    assert page["limit"] == 100 and page["offset"] == 0 and page["total"] == len(page["items"])
    for e in page["items"]:
        assert set(e["report"]) == {"id", "url", "outlet", "title", "published"}
        assert e["incident_id"].startswith("inc-")
        assert {"event_type", "sub_event_type", "date", "location", "actor1", "fatalities", "evidence"} <= set(e)
    starts = [e["date"]["start"] for e in page["items"] if e["date"]["start"]]
    assert starts == sorted(starts, reverse=True)
    saraqib = next(e for e in page["items"] if e["report"]["id"] == "api-1")
    assert saraqib["report"] == {"id": "api-1", "url": "https://sham.example/api/1", "outlet": "شبكة شام",
                                 "title": "غارات على سراقب", "published": "2018-03-21"}


@pytest.mark.parametrize("path", ["/api/events", "/api/incidents"])
def test_api_pages_split_the_results_without_gaps_or_overlaps(client, path):
    everything = _get(client, path, limit=1000)
    ids = []
    for offset in range(0, everything["total"], 3):
        page = _get(client, path, limit=3, offset=offset)
        assert page["total"] == everything["total"] and len(page["items"]) <= 3
        ids += [item["id"] for item in page["items"]]
    assert ids == [item["id"] for item in everything["items"]]
    assert _get(client, path, offset=10_000)["items"] == []


@pytest.mark.parametrize("params, expected, unexpected", [
    ({"admin1": "Idlib"}, {"api-1", "api-2"}, {"api-3", "api-4", SEED}),
    ({"admin1": "idlib"}, {"api-1", "api-2"}, {"api-3"}),
    ({"country": "SY"}, {"api-1", "api-3", "api-4", SEED}, set()),
    ({"country": "Syria"}, {"api-1", "api-3", "api-4"}, set()),
    ({"country": "IQ"}, set(), {"api-1", "api-3", "api-4", SEED}),
    ({"type": "Air/drone strike"}, {"api-1", "api-2"}, {"api-3", "api-4"}),
    ({"type": "explosions/remote violence"}, {"api-1", "api-2", "api-4"}, {"api-3"}),
    ({"type": "Battles"}, {"api-3"}, {"api-1", "api-4"}),
    ({"actor": "Russia"}, {"api-1", "api-2"}, {"api-3", "api-4"}),
    ({"actor": "داعش"}, {SEED}, {"api-1", "api-3"}),
    ({"since": "2018-03-01", "until": "2018-03-15"}, {"api-3"}, {"api-1", "api-2", "api-4"}),
    ({"since": "2018-03-20"}, {"api-1", "api-2"}, {"api-3", "api-4"}),
    ({"until": "2017-12-31"}, {"api-4"}, {"api-1", "api-3"}),
    ({"bbox": "36.7,35.8,36.9,35.95"}, {"api-1", "api-2"}, {"api-3", "api-4", SEED}),
    ({"q": "سراقب"}, {"api-1", "api-2"}, {"api-3", SEED}),
    ({"q": "بالغارات"}, {"api-1", "api-2"}, {"api-3"}),
    ({"q": "سراقب", "admin1": "Hama"}, set(), {"api-1", "api-3"}),
    ({"since": "", "until": "", "type": "", "actor": "", "q": ""}, {"api-1", "api-3", "api-4", SEED}, set()),
])
def test_api_events_filters_select_the_right_reports(client, params, expected, unexpected):
    found = {e["report"]["id"] for e in _get(client, "/api/events", **params)["items"]}
    assert expected <= found and not (unexpected & found)


@pytest.mark.parametrize("params, n", [({}, None), ({"admin1": "Idlib"}, 1), ({"type": "Battles", "admin1": "Hama"}, 1),
                                       ({"q": "سراقب"}, 1), ({"actor": "Russia"}, 1), ({"country": "IQ"}, 0)])
def test_api_incidents_filter_on_their_canonical_fields(client, params, n):
    page = _get(client, "/api/incidents", **params)
    assert page["total"] == len(page["items"]) and (n is None or page["total"] == n)
    for inc in page["items"]:
        assert inc["review"] is None and isinstance(inc["updated_at"], int)
        assert {"id", "event_type", "date", "location", "actor1", "fatalities", "claims", "outlets", "reports",
                "events", "first_seen", "last_seen", "n_events", "n_reports"} <= set(inc)


def test_api_one_incident_gathers_its_reports_and_claims(client):
    (inc,) = _get(client, "/api/incidents", admin1="Idlib")["items"]
    assert inc["n_reports"] == 2 and inc["outlets"] == sorted(["شبكة شام", "عنب بلدي"])
    assert sorted(c["count"] for c in inc["claims"]) == [7, 9]
    detail = _get(client, f"/api/incidents/{inc['id']}")
    assert {m["report"]["id"] for m in detail["members"]} == {"api-1", "api-2"}
    assert all(m["incident_id"] == inc["id"] for m in detail["members"])
    assert detail["review"] is None and detail["reviews"] == []
    assert {k: v for k, v in detail.items() if k not in ("members", "reviews")} == inc


def _check_feature_collection(fc):
    assert fc["type"] == "FeatureCollection" and isinstance(fc["features"], list)
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert all(isinstance(v, float | int) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict)


def test_api_incidents_geojson_is_what_the_map_draws(client):
    r = client.get("/api/incidents.geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    _check_feature_collection(fc)
    assert fc["total"] == len(fc["features"]) == _get(client, "/api/health")["incidents"]
    for f in fc["features"]:
        assert set(f["properties"]) == MARKER_PROPERTIES
        assert f["properties"]["review_status"] is None and isinstance(f["properties"]["outlets"], str)
    saraqib = next(f for f in fc["features"] if f["properties"]["admin1"] == "Idlib")
    assert saraqib["properties"]["outlets"] in ("شبكة شام; عنب بلدي", "عنب بلدي; شبكة شام")
    lon, lat = saraqib["geometry"]["coordinates"]
    assert (round(lat), round(lon)) == (36, 37)
    one = _get(client, "/api/incidents.geojson", limit=1, type="Air/drone strike")
    assert len(one["features"]) == 1 and one["total"] == 1 and one["limit"] == 1


def test_api_events_geojson_has_the_flat_export_columns(client):
    fc = _get(client, "/api/events.geojson", admin1="Idlib")
    _check_feature_collection(fc)
    assert len(fc["features"]) == 2
    for f in fc["features"]:
        assert list(f["properties"]) == EVENT_COLUMNS
        assert f["geometry"]["coordinates"] == [f["properties"]["longitude"], f["properties"]["latitude"]]


def test_api_report_offsets_point_into_its_clean_text(client):
    rep = _get(client, f"/api/reports/{SEED}")
    assert rep["outlet"] == "Orient News" and rep["published"] == "2018-03-21" and rep["language"] == "ar"
    assert rep["events"], "the seed page has events"
    fields = set()
    for ev in rep["events"]:
        assert ev["incident_id"].startswith("inc-")
        for span in ev["evidence"]:
            assert rep["text"][span["start"]:span["end"]] == span["text"]
            fields.add(span["field"])
    assert {"sentence", "actor1", "location"} <= fields


def test_api_report_text_with_markup_comes_back_verbatim_as_json_text(client):
    r = client.get("/api/reports/api-4")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    rep = r.json()
    assert rep["text"].endswith(SCRIPT)
    (ev,) = rep["events"]
    assert {s["field"] for s in ev["evidence"]} >= {"sentence", "location"}


def test_api_report_without_events_has_an_empty_list(client):
    assert _get(client, "/api/reports/api-5")["events"] == []


@pytest.mark.parametrize("path", ["/api/incidents/inc-000000000000", "/api/reports/nope",
                                  "/api/incidents/inc-000000000000/reviews", "/api/nothing-here", "/nothing"])
def test_api_unknown_things_are_404_in_the_error_shape(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found" and r.json()["error"]["status"] == 404


@pytest.mark.parametrize("by, keys", [("day", {"day", "event_type", "n"}), ("type", {"event_type", "sub_event_type", "n"}),
                                      ("governorate", {"country", "admin1", "n"})])
def test_api_counts_add_up_to_the_incidents(client, by, keys):
    out = _get(client, "/api/counts", by=by)
    assert out["by"] == by and all(set(item) == keys for item in out["items"])
    incidents = _get(client, "/api/incidents", limit=1000)["items"]
    dated = [i for i in incidents if by != "day" or i["date"]["start"]]
    assert sum(item["n"] for item in out["items"]) == len(dated)
    filtered = _get(client, "/api/counts", by=by, admin1="Idlib")["items"]
    assert sum(item["n"] for item in filtered) == 1


def test_api_counts_by_day_stacks_types(client):
    items = _get(client, "/api/counts", by="day", since="2018-03-20", until="2018-03-20")["items"]
    assert {"day": "2018-03-20", "event_type": "Explosions/Remote violence", "n": 1} in items
    assert _get(client, "/api/counts")["by"] == "day"


def test_api_facets_list_what_the_filters_can_take(client):
    f = _get(client, "/api/facets")
    assert {"Battles", "Explosions/Remote violence"} <= set(f["event_types"])
    assert {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"} in f["sub_event_types"]
    assert {("SY", "Idlib"), ("SY", "Hama"), ("SY", "Aleppo")} <= {(a["country"], a["admin1"]) for a in f["admin1"]}
    assert f["countries"] == ["SY"] and f["date_min"] <= "2017-11-04" and f["date_max"] >= "2018-03-20"


def test_api_docs_render_offline_from_the_openapi_document(client):
    doc = client.get("/openapi.json").json()
    assert {"/api/health", "/api/config", "/api/events", "/api/events.geojson", "/api/incidents",
            "/api/incidents.geojson", "/api/incidents/{incident_id}", "/api/reports/{report_id}", "/api/counts",
            "/api/facets", "/api/extract", "/api/incidents/{incident_id}/review",
            "/api/incidents/{incident_id}/reviews"} == set(doc["paths"])
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in r.text and "sha256-" in r.headers["content-security-policy"]
    for cdn in ("http://", "https://", "cdn", "unpkg", "jsdelivr"):
        assert cdn not in r.text.lower()
    assert client.get("/redoc").status_code == 404


def test_api_root_serves_the_dashboard_page(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "marsad" in r.text


def test_api_answers_concurrent_clients(client):
    paths = ["/api/events", "/api/incidents", "/api/incidents.geojson", "/api/counts", "/api/facets"] * 8
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert codes == [200] * len(paths)


def test_api_config_names_the_tile_server_and_lets_the_browser_reach_it(tmp_path):
    url = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
    with running(create_app(filled_db(tmp_path), tile_url=url)) as base:
        r = httpx.get(base + "/api/config")
    assert r.json() == {"tile_url": url, "review_enabled": False, "attribution": "© OpenStreetMap contributors"}
    assert "img-src 'self' data: blob: https://*.tile.openstreetmap.org;" in r.headers["content-security-policy"]


@pytest.mark.parametrize("url, source", [
    ("https://tile.example.org/{z}/{x}/{y}.png", "https://tile.example.org"),
    ("http://localhost:8080/{z}/{x}/{y}.png", "http://localhost:8080"),
    ("https://{a-c}.tiles.example/{z}/{x}/{y}.png", "https:"),
    ("/static/tiles/{z}/{x}/{y}.png", ""),
    ("https://x.example\r\nSet-Cookie: a=b/{z}", "https:"),
    ("javascript:alert(1)", ""),
])
def test_api_tile_url_gives_a_safe_csp_source(url, source):
    from marsad.api.app import _tile_source

    assert _tile_source(url) == source
