"""Bad input over real HTTP: every bad parameter is a 4xx in the one error shape, never a 500;
SQL in parameters stays data; sizes are limited."""
from __future__ import annotations

import httpx
import pytest
from api_server import filled_db, running
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import defaults
from marsad.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = filled_db(tmp_path_factory.mktemp("api-safety"))
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as c:
        yield c


def _error(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]["message"]


@pytest.mark.parametrize("path, params, says", [
    ("/api/events", {"since": "2018-13-01"}, "since: expected YYYY-MM-DD, got '2018-13-01'"),
    ("/api/events", {"since": "yesterday"}, "since: expected YYYY-MM-DD"),
    ("/api/events", {"until": "2018-02-30"}, "until: expected YYYY-MM-DD"),
    ("/api/events", {"until": "2018-3-1"}, "until: expected YYYY-MM-DD"),
    ("/api/events", {"since": "2018-03-10", "until": "2018-03-01"}, "since: 2018-03-10 is after until"),
    ("/api/incidents", {"bbox": "1,2,3"}, "bbox: expected minlon,minlat,maxlon,maxlat"),
    ("/api/incidents", {"bbox": "a,b,c,d"}, "bbox:"),
    ("/api/incidents", {"bbox": "nan,0,1,1"}, "bbox:"),
    ("/api/incidents", {"bbox": "40,30,35,32"}, "bbox:"),
    ("/api/incidents", {"bbox": "0,0,200,10"}, "bbox:"),
    ("/api/events", {"limit": "0"}, "limit:"),
    ("/api/events", {"limit": "100000"}, "limit: Input should be less than or equal to 1000"),
    ("/api/events", {"limit": "ten"}, "limit:"),
    ("/api/events", {"offset": "-1"}, "offset:"),
    ("/api/events", {"offset": str(10**30)}, "offset:"),
    ("/api/incidents.geojson", {"limit": str(10**6)}, "limit:"),
    ("/api/events", {"country": "Narnia"}, "country: 'Narnia' is no country"),
    ("/api/events", {"type": "Bombing"}, "type: 'Bombing' is no event type"),
    ("/api/counts", {"by": "week"}, "by:"),
    ("/api/events", {"type": "' OR 1=1 --"}, "type:"),
    ("/api/events", {"country": "SY' OR '1'='1"}, "country:"),
])
def test_api_bad_parameters_are_400_with_a_message_naming_them(client, path, params, says):
    assert says in _error(client.get(path, params=params), 400)


@pytest.mark.parametrize("params", [
    {"actor": "' OR 1=1 --"},
    {"actor": "%' OR '1'='1"},
    {"admin1": "Idlib' OR '1'='1"},
    {"admin1": "x'; DROP TABLE events; --"},
    {"q": "') OR 1=1; DROP TABLE events; --"},
    {"q": '" OR *'},
    {"q": "NEAR(a b"},
    {"actor": "_"},
    {"actor": "%"},
])
def test_api_sql_in_parameters_is_only_data(client, params):
    before = client.get("/api/health").json()
    for path in ("/api/events", "/api/incidents"):
        page = client.get(path, params=params)
        assert page.status_code in (200, 400), page.text
        if page.status_code == 200:
            assert page.json()["total"] == 0
    assert client.get("/api/health").json() == before


def test_api_over_long_parameters_are_refused(client):
    assert "actor: too long" in _error(client.get("/api/events", params={"actor": "x" * 501}), 400)
    ok = client.get("/api/events", params={"actor": "x" * 500})
    assert ok.status_code == 200
    long_query = "&".join(f"p{i}=" + "y" * 90 for i in range(60))
    _error(client.get(f"/api/events?{long_query}"), 414)


def test_api_bodies_over_the_limit_are_413(client):
    big = {"text": "ق" * (defaults.API_MAX_BODY // 2 + 10)}  # two bytes a letter: just over the limit
    assert "too large" in _error(client.post("/api/extract", json=big), 413)

    def chunks():  # no Content-Length: the limit still holds as the body streams in
        for _ in range(40):
            yield b"x" * 65536
    assert "too large" in _error(client.post("/api/extract", content=chunks(),
                                             headers={"content-type": "application/json"}), 413)


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/api/extract", 405),
    ("DELETE", "/api/events", 405),
    ("GET", "/api/incidents/inc-0/review", 405),
    ("GET", "/api/incidents/nope", 404),
])
def test_api_wrong_methods_and_paths_share_the_error_shape(client, method, path, status):
    _error(client.request(method, path), status)


@pytest.mark.parametrize("body, says", [
    (b'{"text": ', "body: not valid JSON"),
    (b"[1, 2]", "body:"),
    (b'{"text": 5}', "text:"),
    (b'{"txt": "x"}', "txt:"),
])
def test_api_bad_bodies_are_422(client, body, says):
    assert says in _error(client.post("/api/extract", content=body,
                                      headers={"content-type": "application/json"}), 422)


def test_api_a_body_not_sent_as_json_says_so(client):
    assert "Content-Type: application/json" in _error(client.post("/api/extract", content=b"text=x"), 422)


def test_api_every_response_carries_security_headers(client):
    for path in ("/api/health", "/api/nothing", "/docs"):
        h = client.get(path).headers
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
        assert "object-src 'none'" in h["content-security-policy"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["since", "until", "country", "admin1", "type", "actor", "bbox", "q", "limit", "offset"]),
       value=st.text(max_size=40))
def test_api_no_parameter_value_gives_a_server_error(client, name, value):
    for path in ("/api/events", "/api/incidents.geojson", "/api/counts"):
        r = client.get(path, params={name: value})
        assert r.status_code in (200, 400), (name, value, r.text)
        if r.status_code == 400:
            assert r.json()["error"]["code"] == "bad_parameter"


def test_api_filtered_counts_read_an_index_not_the_rows(client, tmp_path):
    from datetime import date

    from marsad.api.queries import where
    from marsad.store import Query, Store

    with Store(tmp_path / "m.db") as store:
        for q in (Query(country="SY", admin1="Idlib"), Query(event_type="Battles"), Query(event_type="Air/drone strike"),
                  Query(admin1="Idlib"), Query(country="SY"), Query(since=date(2018, 1, 1), until=date(2018, 6, 30))):
            for table, t in (("events", "e"), ("incidents", "i")):
                cond, params = where(q, t)
                plan = " ".join(r[3] for r in store.db.execute(
                    f"EXPLAIN QUERY PLAN SELECT count(*) FROM {table} {t} WHERE {cond}", params))
                assert "COVERING INDEX" in plan, (q, plan)
