"""Reviews over real HTTP: a token set at start-up allows writing; corrections sit beside the
machine's output (never over it), show in the API and in exports, and follow an incident's events."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import httpx
import pytest
from api_server import REPORTS, filled_db, running
from click.testing import CliRunner

from marsad.api import create_app
from marsad.cli import main
from marsad.model import Actor, Article, DateValue, Document, Event, Location
from marsad.pipeline import extract
from marsad.store import Store

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return filled_db(tmp_path_factory.mktemp("api-review"))


@pytest.fixture(scope="module")
def open_client(db):
    """A server started without a token: reviews are off."""
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def client(db):
    """A server on the same database, started with a token."""
    with running(create_app(db, token=TOKEN)) as base, httpx.Client(base_url=base, timeout=30) as c:
        yield c


def _incident(client, **filters) -> dict:
    (inc,) = client.get("/api/incidents", params=filters).json()["items"]
    return inc


def _machine(db) -> tuple[list, list]:
    with Store(db) as store:
        return (store.db.execute("SELECT data, updated_at FROM incidents ORDER BY id").fetchall(),
                store.db.execute("SELECT data FROM events ORDER BY id").fetchall())


def test_api_review_is_forbidden_when_no_token_was_configured(open_client):
    inc = _incident(open_client, admin1="Idlib")
    r = open_client.post(f"/api/incidents/{inc['id']}/review", json={"action": "confirm"}, headers=AUTH)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert "start marsad serve with --token" in r.json()["error"]["message"]
    assert open_client.get("/api/config").json()["review_enabled"] is False


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": TOKEN}])
def test_api_review_needs_the_right_token(client, headers):
    inc = _incident(client, admin1="Idlib")
    r = client.post(f"/api/incidents/{inc['id']}/review", json={"action": "confirm"}, headers=headers)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


def test_api_a_correction_is_stored_beside_the_machine_output(client, open_client, db):
    inc = _incident(client, admin1="Idlib")
    machine = _machine(db)
    fixes = {"fatalities": 8, "date": "2018-03-19", "actor1": "Military Forces of Syria", "location": "Saraqib"}
    r = client.post(f"/api/incidents/{inc['id']}/review", headers=AUTH,
                    json={"action": "correct", "analyst": "رنا", "note": "الحصيلة من الدفاع المدني",
                          "corrections": fixes})
    assert r.status_code == 201, r.text
    review = r.json()
    assert review["incident_id"] == inc["id"] and review["action"] == "correct" and review["status"] == "corrected"
    assert review["corrections"] == fixes and review["analyst"] == "رنا"
    assert sorted(review["events"]) == sorted(inc["events"]) and isinstance(review["id"], int) and review["at"]

    assert _machine(db) == machine  # not one machine field changed
    for c in (client, open_client):  # reading needs no token
        detail = c.get(f"/api/incidents/{inc['id']}").json()
        assert detail["review"]["status"] == "corrected" and detail["review"]["members_changed"] is False
        assert [x["id"] for x in detail["reviews"]] == [review["id"]]
        assert detail["fatalities"] == inc["fatalities"] and detail["date"] == inc["date"]
        assert detail["actor1"] == inc["actor1"]
        listed = _incident(c, admin1="Idlib")
        assert listed["review"]["corrections"] == fixes
        assert {k: v for k, v in listed.items() if k != "review"} == {k: v for k, v in inc.items() if k != "review"}
        markers = c.get("/api/incidents.geojson").json()["features"]
        status = {f["properties"]["id"]: f["properties"]["review_status"] for f in markers}
        assert status[inc["id"]] == "corrected"
        assert sum(s is not None for s in status.values()) == 1


def test_api_the_latest_review_wins_and_all_are_kept(client):
    inc = _incident(client, admin1="Hama")
    for action in ("confirm", "reject"):
        r = client.post(f"/api/incidents/{inc['id']}/review", json={"action": action}, headers=AUTH)
        assert r.status_code == 201 and r.json()["corrections"] == {}
    assert _incident(client, admin1="Hama")["review"]["status"] == "rejected"
    items = client.get(f"/api/incidents/{inc['id']}/reviews").json()["items"]
    assert [x["action"] for x in items] == ["reject", "confirm"]


@pytest.mark.parametrize("body, says", [
    ({"action": "approve"}, "action:"),
    ({"action": "correct"}, "needs at least one corrected field"),
    ({"action": "correct", "corrections": {}}, "needs at least one corrected field"),
    ({"action": "confirm", "corrections": {"fatalities": 3}}, "only with action 'correct'"),
    ({"action": "correct", "corrections": {"date": "2018-02-30"}}, "corrections.date: expected YYYY-MM-DD"),
    ({"action": "correct", "corrections": {"date": "March 3"}}, "corrections.date"),
    ({"action": "correct", "corrections": {"fatalities": -1}}, "corrections.fatalities"),
    ({"action": "correct", "corrections": {"fatalities": "many"}}, "corrections.fatalities"),
    ({"action": "correct", "corrections": {"event_type": "Bombing"}}, "no codebook event type"),
    ({"action": "correct", "corrections": {"event_type": "Battles", "sub_event_type": "Air/drone strike"}},
     "is a sub-type of"),
    ({"action": "correct", "corrections": {"colour": "red"}}, "corrections.colour"),
    ({"action": "correct", "corrections": {"actor1": "x" * 501}}, "corrections.actor1"),
    ({"action": "confirm", "note": "x" * 5000}, "note:"),
])
def test_api_bad_reviews_are_422_and_store_nothing(client, body, says):
    inc = _incident(client, type="Remote explosive/landmine/IED")
    r = client.post(f"/api/incidents/{inc['id']}/review", json=body, headers=AUTH)
    assert r.status_code == 422, r.text
    assert says in r.json()["error"]["message"]
    assert client.get(f"/api/incidents/{inc['id']}/reviews").json()["items"] == []


def test_api_a_sub_type_correction_of_another_type_brings_its_type(client):
    inc = _incident(client, type="Remote explosive/landmine/IED")
    r = client.post(f"/api/incidents/{inc['id']}/review", headers=AUTH,
                    json={"action": "correct", "corrections": {"sub_event_type": "suicide bomb"}})
    assert r.status_code == 201
    assert r.json()["corrections"] == {"sub_event_type": "Suicide bomb"}  # the same type: nothing to add
    r = client.post(f"/api/incidents/{inc['id']}/review", headers=AUTH,
                    json={"action": "correct", "corrections": {"sub_event_type": "Attack"}})
    assert r.json()["corrections"] == {"sub_event_type": "Attack", "event_type": "Violence against civilians"}


def test_api_review_of_an_unknown_incident_is_404(client):
    r = client.post("/api/incidents/inc-000000000000/review", json={"action": "confirm"}, headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_api_reviews_are_exported_with_a_flag_beside_the_machine_fields(client, db, tmp_path, fmt):
    inc = _incident(client, admin1="Idlib")
    if inc["review"] is None:  # run alone: review it here
        client.post(f"/api/incidents/{inc['id']}/review", headers=AUTH,
                    json={"action": "correct", "corrections": {"fatalities": 8}})
    out = tmp_path / f"incidents.{fmt}"
    result = CliRunner().invoke(main, ["incidents", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
        row = rows[inc["id"]]
        assert row["review"]["status"] == "corrected" and row["review"]["corrections"]["fatalities"] == 8
        assert row["fatalities"] == inc["fatalities"]  # the machine's figure, untouched
        unreviewed = [r for r in rows.values() if r["review"] is None]
        assert unreviewed
        return
    if fmt == "csv":
        rows = {r["incident_id"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    else:
        import pyarrow.parquet as pq

        rows = {r["incident_id"]: r for r in pq.read_table(out).to_pylist()}
    row = rows[inc["id"]]
    assert row["review_status"] == "corrected" and json.loads(row["review_corrections"])["fatalities"] == 8
    assert int(row["fatalities_best"]) == inc["fatalities"]["best"]
    assert all(r["review_status"] in ("", None, "confirmed", "corrected", "rejected") for r in rows.values())


# A review follows its incident's events (store level) --------------------------------------------


def _doc(rid: str, text: str | None = None):
    r = next(r for r in REPORTS if r["id"] == rid)
    return extract(Article(id=rid, text=text or r["text"], url=r["url"], outlet=r["outlet"],
                           published=date.fromisoformat(r["published"])))


def test_api_a_review_follows_its_incident_when_it_merges(tmp_path):
    with Store(tmp_path / "m.db") as store:
        store.add(_doc("api-2"))
        (alone,) = store.incidents()
        store.add_review(alone["id"], "correct", {"fatalities": 9}, analyst="a")
        store.add(_doc("api-1"))  # the same strike told by another outlet: the incident grows
        (merged,) = store.incidents()
        assert merged["id"] != alone["id"] and merged["n_reports"] == 2
        assert merged["review"]["corrections"] == {"fatalities": 9} and merged["review"]["members_changed"] is True
        assert [r["incident_id"] for r in store.reviews(merged["id"])] == [alone["id"]]
        assert store.reviews(alone["id"]) == store.reviews(merged["id"])  # the old id keeps its history


def _weekly(report: str, day: date, text: str = "تقرير") -> Document:
    """A report of one Russian strike on Saraqib dated to the week around ``day`` (built, not extracted)."""
    event = Event(
        id=f"{report}:1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", reported=True,
        date=DateValue(day, day, "week", "الأسبوع الماضي"),
        location=Location("Saraqib", "سراقب", "SY", "Idlib", None, 35.864, 36.806, 1, "test:saraqib", "سراقب"),
        actor1=Actor("Military Forces of Russia", "القوات الروسية", "external", "RU", (), "روسية"), actor2=None)
    return Document(Article(id=report, text=f"{text} {report}", outlet=report, published=day), (event,))


def test_api_a_review_applies_to_both_halves_of_a_split_incident(tmp_path):
    with Store(tmp_path / "m.db") as store:
        # Weeks around the 1st and the 8th do not overlap; the week around the 4th overlaps both.
        for rid, day in (("a", 1), ("b", 8), ("c", 4)):
            store.add(_weekly(rid, date(2018, 3, day)))
        (chain,) = store.incidents()
        store.add_review(chain["id"], "reject")
        store.add(Document(Article(id="c", text="تقرير معدل بلا حدث", outlet="c", published=date(2018, 3, 4))))
        halves = list(store.incidents())
        assert sorted(h["events"] for h in halves) == [["a:1"], ["b:1"]]
        assert all(h["review"]["status"] == "rejected" and h["review"]["members_changed"] for h in halves)
        assert store.check() == []
