"""marsad.store against a real SQLite file: reports, incidents, replacement, copies, order."""
from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fixtures import (
    CLASH,
    HAMOURIYAH,
    IDLIB,
    IDLIB_AGAIN,
    IED,
    MAARRA,
    RUSSIAN,
    document,
    event,
)

from marsad.dedup import EventRecord
from marsad.dedup import partition as reference_partition
from marsad.model import Article
from marsad.pipeline import extract
from marsad.store import Query, Store


def article(r: dict, **changes) -> Article:
    r = {**r, **changes}
    return Article(id=r["id"], text=r["text"], url=r.get("url"), outlet=r.get("outlet"),
                   published=date.fromisoformat(r["published"]) if r.get("published") else None)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "marsad.db") as s:
        yield s


def add(store: Store, *records: dict, **changes):
    return [store.add(extract(article(r, **changes))) for r in records]


def incident_of(store: Store, report_id: str) -> dict:
    found = [i for i in store.incidents() if report_id in i["reports"]]
    assert len(found) == 1
    return found[0]


def test_store_three_outlets_one_strike_make_one_incident_with_three_claims(store):
    add(store, *HAMOURIYAH)
    incidents = list(store.incidents())
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc["n_reports"] == 3 and inc["n_events"] == 3
    assert sorted((c["count"], c["claimant"], c["outlet"]) for c in inc["claims"]) == [
        (9, "عنب بلدي", "عنب بلدي"), (12, "شبكة شام", "شبكة شام"), (15, "الدفاع المدني", "المرصد السوري")]
    # The codebook's rule: the lowest credible figure; the range spans the claims.
    assert inc["fatalities"] == {"best": 9, "low": 9, "high": 15}
    assert inc["outlets"] == sorted(["شبكة شام", "المرصد السوري", "عنب بلدي"])
    assert (inc["first_seen"], inc["last_seen"]) == ("2018-03-21", "2018-03-22")
    assert inc["location"]["name"] == "Hamouriyah" and inc["date"]["start"] == "2018-03-20"
    assert store.check(deep=True) == []


def test_store_two_strikes_30_km_apart_the_same_day_stay_two_incidents(store):
    add(store, IDLIB, MAARRA, IDLIB_AGAIN)
    by_place = {i["location"]["name"]: i for i in store.incidents()}
    assert set(by_place) == {"Idlib", "Ma'arrat an Nu'man"}
    assert by_place["Idlib"]["reports"] == ["sham-2", "smart-4"]
    assert by_place["Ma'arrat an Nu'man"]["reports"] == ["obs-8"]


def test_store_the_same_report_twice_is_stored_once(store):
    first, again = add(store, HAMOURIYAH[0]), add(store, HAMOURIYAH[0])
    assert first[0].status == "stored" and again[0].status == "skipped"
    assert store.stats()["reports"] == 1 and store.stats()["events"] == 1
    assert store.known("sham-1", None, HAMOURIYAH[0]["text"])


def test_store_a_changed_report_replaces_its_events_and_leaves_its_incident(store):
    add(store, *HAMOURIYAH, IDLIB)
    changed = HAMOURIYAH[0]["text"].replace("بلدة حمورية في الغوطة الشرقية", "مدينة إدلب")
    result = add(store, HAMOURIYAH[0], text=changed)[0]
    assert result.status == "replaced"
    assert store.stats()["reports"] == 4 and store.stats()["events"] == 4
    assert incident_of(store, "sham-1")["reports"] == ["sham-1", "sham-2"]  # now with the Idlib strike
    assert incident_of(store, "obs-7")["reports"] == ["enab-3", "obs-7"]  # the Hamouriyah one shrank
    assert incident_of(store, "obs-7")["fatalities"]["high"] == 15
    assert [e["id"] for e in store.events(Query(text="حمورية"))] == sorted(
        e["id"] for e in store.events() if e["report"]["id"] in ("obs-7", "enab-3"))
    assert store.check(deep=True) == []


def test_store_a_known_url_under_a_new_id_is_the_same_report(store):
    add(store, IDLIB)
    again = add(store, IDLIB, id="sham-2-amp")[0]
    assert again.status == "skipped" and store.stats()["reports"] == 1
    newer = add(store, IDLIB, id="sham-2-v2", text=IDLIB["text"].replace("5 مدنيين", "7 مدنيين"))[0]
    assert newer.status == "replaced"
    assert [e["report"]["id"] for e in store.events()] == ["sham-2-v2"]


def test_store_a_syndicated_copy_is_recorded_as_a_near_duplicate(store):
    add(store, HAMOURIYAH[0])
    copy = add(store, HAMOURIYAH[0], id="copy-1", url="https://mirror.example/a", outlet="مرآة")[0]
    assert copy.status == "stored" and copy.duplicate_of == ("sham-1",)
    other = add(store, IDLIB)[0]
    assert other.duplicate_of == ()
    assert store.stats()["near_duplicates"] == 1
    assert incident_of(store, "copy-1")["reports"] == ["copy-1", "sham-1"]


def test_store_full_text_search_finds_arabic_whatever_the_spelling(store):
    add(store, *HAMOURIYAH, IDLIB, MAARRA)
    ids = lambda q: sorted({e["report"]["id"] for e in store.events(Query(text=q))})
    assert ids("ادلب") == ids("إدلب") == ids("بإدلب") == ["sham-2"]
    assert ids("الغارات") == ids("غارات") == ["enab-3", "obs-7"]
    assert ids("قُتلوا") == ["obs-7"]
    assert ids("حمورية OR معرة") == ["enab-3", "obs-7", "obs-8", "sham-1"]
    assert ids("حموري*") == ["enab-3", "obs-7", "sham-1"]
    assert ids('"; DROP TABLE') == []


@pytest.mark.parametrize("query, expected", [
    (Query(), ["enab-3", "obs-7", "obs-8", "orient-5", "orient-6", "sham-1", "sham-2", "zaman-9"]),
    (Query(since=date(2018, 3, 20), until=date(2018, 3, 20)),
     ["enab-3", "obs-7", "obs-8", "orient-5", "orient-6", "sham-1", "sham-2"]),
    (Query(until=date(2018, 3, 19)), ["zaman-9"]),
    (Query(admin1="idlib"), ["obs-8", "sham-2"]),
    (Query(country="SY", event_type="Battles"), ["orient-5"]),
    (Query(event_type="Remote explosive/landmine/IED"), ["orient-6"]),
    (Query(actor="الطيران الروسي"), ["zaman-9"]),  # an alias, Arabic
    (Query(actor="russia"), ["zaman-9"]),  # part of the English name, any case
    (Query(actor="قوات الأسد"), ["enab-3", "obs-7", "obs-8", "orient-5", "sham-1", "sham-2"]),
    (Query(actor="هيئة تحرير"), []),
    (Query(bbox=(36.0, 33.0, 37.0, 34.0)), ["enab-3", "obs-7", "sham-1", "zaman-9"]),
    (Query(text="عبوة"), ["orient-6"]),
    (Query(country="IQ"), []),
])
def test_store_events_filters(store, query, expected):
    add(store, *HAMOURIYAH, IDLIB, MAARRA, CLASH, IED, RUSSIAN)
    assert sorted({e["report"]["id"] for e in store.events(query)}) == expected


def test_store_incident_filters_use_canonical_fields_and_member_text(store):
    add(store, *HAMOURIYAH, IDLIB, MAARRA)
    assert len(list(store.incidents(Query(admin1="Rif Dimashq")))) == 1
    assert [i["location"]["name"] for i in store.incidents(Query(text="معرة"))] == ["Ma'arrat an Nu'man"]
    assert len(list(store.incidents(Query(limit=2)))) == 2


def test_store_event_records_keep_the_codebook_json(store):
    doc = extract(article(HAMOURIYAH[0]))
    store.add(doc)
    stored = next(store.events())
    assert {k: v for k, v in stored.items() if k not in ("report", "incident_id")} == doc.events[0].to_json()
    assert stored["report"]["outlet"] == "شبكة شام" and stored["incident_id"].startswith("inc-")


# Order does not matter ----------------------------------------------------------------

SPECS = st.lists(st.tuples(st.sampled_from(["Hamouriyah", "Saqba", "Duma", "Harasta", "Idlib", "Maarra", "Saraqib"]),
                           st.integers(19, 21), st.sampled_from(["regime", "unknown", "russia"]),
                           st.sampled_from([1, 1, 2, 3])),
                 min_size=1, max_size=4)


def _docs(reports):
    return [document(f"r{i}", [event(f"r{i}", j, place=p, day=date(2018, 3, d), attacker=a, precision=pr,
                                     killed=(i + j + 1,)) for j, (p, d, a, pr) in enumerate(specs)],
                     outlet=f"outlet{i % 3}") for i, specs in enumerate(reports)]


def _snapshot(store: Store):
    incidents = sorted(json.dumps({k: v for k, v in i.items() if k != "updated_at"}, sort_keys=True)
                        for i in store.incidents())
    return store.partition(), incidents


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SPECS, min_size=2, max_size=7), st.randoms())
def test_store_incidents_do_not_depend_on_ingest_order(tmp_path_factory, reports, rnd):
    docs = _docs(reports)
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    snaps = []
    for order in (docs, shuffled):
        with Store(tmp_path_factory.mktemp("order") / "m.db") as s:
            for d in order:
                s.add(d)
            snaps.append(_snapshot(s))
            records = [EventRecord.from_json(e.to_json(), d.article.id, d.article.outlet, d.article.published)
                       for d in docs for e in d.events]
            assert s.partition() == {frozenset(r.id for r in g) for g in reference_partition(records)}
            assert s.check(deep=True) == []
    assert snaps[0] == snaps[1]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SPECS, min_size=2, max_size=6), st.lists(SPECS, min_size=1, max_size=3), st.randoms())
def test_store_replacing_reports_equals_ingesting_the_final_versions(tmp_path_factory, reports, changes, rnd):
    old = _docs(reports)
    new = _docs(changes)  # r0.. again, with other events and texts
    new = [document(d.article.id, list(d.events), d.article.outlet, text=d.article.text + " تحديث") for d in new]
    final = {d.article.id: d for d in old} | {d.article.id: d for d in new}
    with Store(tmp_path_factory.mktemp("upd") / "a.db") as a, Store(tmp_path_factory.mktemp("upd") / "b.db") as b:
        for d in old + new:
            a.add(d)
        fresh = list(final.values())
        rnd.shuffle(fresh)
        for d in fresh:
            b.add(d)
        assert _snapshot(a) == _snapshot(b)
        assert a.check(deep=True) == []


def test_store_refuses_a_database_from_a_newer_marsad(tmp_path):
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    from marsad.store import SchemaTooNew

    with pytest.raises(SchemaTooNew, match="newer"):
        Store(path)


def test_store_records_runs_and_failures(store):
    from marsad.model import Failure

    run = store.begin_run(["a.jsonl"])
    store.add_failure(Failure("x", "read", "empty input", "a.jsonl:line 3"), run)
    store.finish_run(run, {"reports_read": 1, "failed": 1})
    row = store.db.execute("SELECT status, reports_read, failed, finished_at IS NOT NULL FROM runs").fetchone()
    assert row == ("done", 1, 1, 1)
    assert store.db.execute("SELECT report_id, stage, reason FROM failures").fetchall() == [
        ("x", "read", "empty input")]
