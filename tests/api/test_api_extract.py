"""POST /api/extract over real HTTP: a posted report is coded and returned, never stored."""
from __future__ import annotations

import httpx
import pytest
from api_server import filled_db, running

from marsad.api import create_app

STRIKE = "قصفت طائرات حربية روسية أمس مدينة سراقب في ريف إدلب ما أدى إلى مقتل 7 مدنيين بينهم طفلان."
ENGLISH = "The army said on Monday that it had taken the town after heavy fighting with rebels in the north. " * 3


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = filled_db(tmp_path_factory.mktemp("api-extract"))
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=60) as c:
        yield c


def test_api_extract_codes_arabic_text_without_storing_it(client):
    before = client.get("/api/health").json()
    r = client.post("/api/extract", json={"text": STRIKE, "id": "posted-1", "outlet": "شبكة شام",
                                          "published": "2018-03-21", "url": "https://sham.example/p/1"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert set(doc) == {"article", "events", "unresolved_places"}
    assert doc["article"]["id"] == "posted-1" and doc["article"]["text"] == STRIKE
    assert doc["article"]["published"] == "2018-03-21" and doc["article"]["outlet"] == "شبكة شام"
    (event,) = doc["events"]
    assert (event["sub_event_type"], event["location"]["name"], event["date"]["start"]) == (
        "Air/drone strike", "Saraqib", "2018-03-20")
    assert event["actor1"]["name"] == "Military Forces of Russia" and event["fatalities"]["best"] == 7
    for span in event["evidence"]:
        assert STRIKE[span["start"]:span["end"]] == span["text"]
    assert client.get("/api/health").json() == before
    assert client.get("/api/reports/posted-1").status_code == 404


def test_api_extract_reads_html(client):
    html = f"<html><head><title>خبر</title></head><body><article><p>{STRIKE}</p></article></body></html>"
    r = client.post("/api/extract", json={"html": html, "published": "2018-03-21"})
    assert r.status_code == 200, r.text
    assert [e["location"]["name"] for e in r.json()["events"]] == ["Saraqib"]


def test_api_extract_a_report_with_no_event_gives_no_events(client):
    text = "عقد مجلس المحافظة اجتماعه الدوري أمس لمناقشة واقع الخدمات والمياه في المدينة وسبل تحسينها."
    r = client.post("/api/extract", json={"text": text})
    assert r.status_code == 200 and r.json()["events"] == [] and r.json()["article"]["id"] == "posted"


@pytest.mark.parametrize("body, says", [
    ({"text": ENGLISH}, "not Arabic"),
    ({"text": "قصف"}, "no article text"),
    ({"text": "   "}, "give the report's text"),
    ({}, "give the report's text"),
    ({"text": STRIKE, "published": "yesterday"}, "published: expected YYYY-MM-DD"),
    ({"text": STRIKE, "colour": "red"}, "colour:"),
    ({"text": STRIKE, "id": "x" * 600}, "id:"),
])
def test_api_extract_refuses_what_it_cannot_code_with_the_reason(client, body, says):
    r = client.post("/api/extract", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "bad_parameter" and says in r.json()["error"]["message"]


def test_api_extract_returns_markup_in_the_text_as_text(client):
    text = STRIKE + " <script>alert(1)</script><img src=x onerror=alert(2)>"
    r = client.post("/api/extract", json={"text": text})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert "<script>alert(1)</script>" in r.json()["article"]["text"]
