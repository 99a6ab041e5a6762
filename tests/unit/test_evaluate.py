"""CODEBOOK 9 scoring on hand-made gold and predictions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluate import (
    EvalReport,
    evaluate,
    evaluate_files,
    format_report,
    haversine_km,
    read_predictions,
    same_actor,
)

DAMASCUS = (33.5138, 36.2765)
KM_PER_DEG_LAT = 111.195  # one degree of latitude on a sphere of radius 6371 km


def north(km: float) -> tuple[float, float]:
    """A point ``km`` due north of Damascus."""
    return (DAMASCUS[0] + km / KM_PER_DEG_LAT, DAMASCUS[1])


def actor(name, aliases=()):
    return {"name": name, "name_ar": "", "aliases": list(aliases), "kind": "state",
            "country": "SY", "text": ""}


def ev(
    event_type="Battles", sub="Armed clash", at=DAMASCUS, start="2018-03-19", end=None,
    actor1=None, actor2="none", fat=(0, 0, 0), reported=True, place="Damascus",
):
    """An event dict shaped like Document.to_json()['events'][i] (and like gold)."""
    lat, lon = at if at else (None, None)
    return {
        "event_type": event_type,
        "sub_event_type": sub,
        "reported": reported,
        "date": {"start": start, "end": end or start, "precision": "day" if start else None,
                 "text": "يوم الاثنين"},
        "location": {"name": place, "name_ar": "", "country": "SY", "admin1": None,
                     "admin2": None, "lat": lat, "lon": lon, "precision": 1,
                     "gazetteer_id": None, "text": ""},
        "actor1": actor1 or actor("Military Forces of Syria", ["قوات النظام"]),
        "actor2": actor("Opposition Rebels (Syria)") if actor2 == "none" else actor2,
        "assoc_actor1": [], "assoc_actor2": [],
        "fatalities": None if fat is None else dict(zip(("best", "low", "high"), fat)),
        "claims": [], "claimants": [], "evidence": [], "tags": [], "confidence": 0.5, "notes": "",
    }


def run(gold_events, pred_events) -> EvalReport:
    return evaluate([{"id": "r1", "events": gold_events}], {"r1": pred_events})


MATCHING = [
    ("exact match", [ev()], [ev()], (1, 0, 0, 0)),
    ("9 km apart matches", [ev()], [ev(at=north(9))], (1, 0, 0, 0)),
    ("12 km apart does not match", [ev()], [ev(at=north(12))], (0, 1, 1, 0)),
    ("dates do not overlap", [ev(start="2018-03-19")], [ev(start="2018-03-21")], (0, 1, 1, 0)),
    ("date inside a gold range", [ev(start="2018-03-17", end="2018-03-23")],
     [ev(start="2018-03-21")], (1, 0, 0, 0)),
    ("ranges touching on one day", [ev(start="2018-03-10", end="2018-03-19")],
     [ev(start="2018-03-19", end="2018-03-25")], (1, 0, 0, 0)),
    ("unknown predicted date matches", [ev()], [ev(start=None)], (1, 0, 0, 0)),
    ("unknown gold date matches", [ev(start=None)], [ev(start="2016-01-01")], (1, 0, 0, 0)),
    ("type mismatch", [ev()], [ev("Explosions/Remote violence", "Air/drone strike")], (0, 1, 1, 0)),
    ("one gold two predictions", [ev()], [ev(), ev(at=north(2))], (1, 1, 0, 0)),
    ("background match ignored", [ev(reported=False)], [ev()], (0, 0, 0, 1)),
    ("reported gold preferred over background", [ev(reported=False), ev(at=north(4))],
     [ev()], (1, 0, 0, 0)),
    ("unmatched predicted background is a false positive", [], [ev(reported=False)], (0, 1, 0, 0)),
    ("predicted without coordinates matches nothing", [ev()], [ev(at=None)], (0, 1, 1, 0)),
    ("gold without coordinates matches nothing", [ev(at=None)], [ev()], (0, 1, 1, 0)),
    ("nothing predicted", [ev(), ev(at=north(30))], [], (0, 0, 2, 0)),
    # A greedy nearest-first pairing gives p1-g1 and leaves p2 alone; the optimal one pairs both.
    ("optimal, not greedy, assignment", [ev(at=north(0)), ev(at=north(8))],
     [ev(at=north(1)), ev(at=north(-6))], (2, 0, 0, 0)),
    ("two events a day apart pair by date",
     [ev(start="2018-03-18"), ev(start="2018-03-19")],
     [ev(start="2018-03-19"), ev(start="2018-03-18")], (2, 0, 0, 0)),
]


@pytest.mark.parametrize("name,gold,pred,expected", MATCHING, ids=[m[0] for m in MATCHING])
def test_evaluate_matching(name, gold, pred, expected):
    r = run(gold, pred)
    assert (r.tp, r.fp, r.fn, r.ignored) == expected
    only = r.reports[0]
    assert (only.tp, only.fp, only.fn, only.ignored) == expected
    assert len(only.missed) == r.fn and len(only.false) == r.fp


@pytest.mark.parametrize("gold_events,expected", [
    ([], (0, 2, 0, 0)),  # no gold event at all: every prediction is false
    ([ev(reported=False)], (0, 1, 0, 1)),  # background only: its match is still ignored
])
def test_evaluate_no_event_report_counts_false_positives(gold_events, expected):
    preds = [ev(), ev("Protests", "Peaceful protest", actor2=None)]
    r = evaluate([{"id": "quiet", "events": gold_events}, {"id": "busy", "events": [ev()]}],
                 {"quiet": preds, "busy": [ev()]})
    assert (r.tp - 1, r.fp, r.fn, r.ignored) == expected
    assert (r.no_event_reports_with_fp, r.no_event_reports) == (1, 1)
    assert r.no_event_fp_rate == 1.0
    assert r.precision == pytest.approx(1 / (1 + expected[1]))
    assert "no-event reports with a false event: 1 / 1" in format_report(r)


def test_evaluate_micro_averages_over_reports():
    gold = [{"id": "a", "events": [ev(), ev(at=north(50))]},
            {"id": "b", "events": [ev()]},
            {"id": "c", "events": []}]
    pred = {"a": [ev()], "c": [], "x": [ev()]}  # b missing: predicts nothing; x not in gold
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (1, 0, 2)
    assert (r.precision, r.recall) == (1.0, pytest.approx(1 / 3))
    assert r.f1 == pytest.approx(0.5)
    assert r.unscored == ("x",)
    assert (r.no_event_reports, r.no_event_reports_with_fp) == (1, 0)
    assert [x.id for x in r.reports] == ["a", "b", "c"]


def test_evaluate_nothing_to_find_and_nothing_found_is_perfect():
    r = evaluate([{"id": "a", "events": []}], {})
    assert (r.precision, r.recall, r.f1) == (1.0, 1.0, 1.0)
    assert all(s.n == 0 and s.accuracy is None for s in r.fields.values())


IS = actor("Islamic State", ["داعش", "تنظيم الدولة", "الدولة الإسلامية", "ISIS"])

FIELDS = [
    ("same sub type", "sub_event_type", {}, {}, True),
    ("other sub type", "sub_event_type", {}, {"sub": "Government regains territory"}, False),
    ("actor by name", "actor1", {"actor1": IS}, {"actor1": actor("Islamic State")}, True),
    ("actor by gold alias", "actor1", {"actor1": IS}, {"actor1": actor("داعش")}, True),
    ("actor by predicted alias", "actor1", {"actor1": IS},
     {"actor1": actor("IS fighters", ["Islamic State"])}, True),
    ("actor ignoring case", "actor1", {"actor1": IS}, {"actor1": actor("isis")}, True),
    ("actor ignoring hamza and spaces", "actor1", {"actor1": IS},
     {"actor1": actor(" الدولة  الاسلامية ")}, True),
    ("other actor", "actor1", {"actor1": IS},
     {"actor1": actor("Unidentified Armed Group (Syria)")}, False),
    ("aliases shared but names differ", "actor1", {"actor1": actor("A", ["x"])},
     {"actor1": actor("B", ["x"])}, False),
    ("both actor2 null", "actor2", {"actor2": None}, {"actor2": None}, True),
    ("predicted actor2 null", "actor2", {}, {"actor2": None}, False),
    ("gold actor2 null", "actor2", {"actor2": None}, {}, False),
    ("place 2 km off", "place", {}, {"at": north(2)}, True),
    ("place 5 km off", "place", {}, {"at": north(5)}, False),
    ("same date", "date", {}, {}, True),
    ("one day inside a gold week", "date", {"start": "2018-03-17", "end": "2018-03-23"},
     {"start": "2018-03-19"}, False),
    ("both dates unknown", "date", {"start": None}, {"start": None}, True),
    ("one date unknown", "date", {}, {"start": None}, False),
    ("fatalities inside the range", "fatalities", {"fat": (6, 0, 13)}, {"fat": (13, 13, 13)}, True),
    ("fatalities at the low end", "fatalities", {"fat": (6, 0, 13)}, {"fat": (0, 0, 0)}, True),
    ("fatalities above the range", "fatalities", {"fat": (6, 0, 13)}, {"fat": (14, 14, 14)}, False),
    ("predicted fatalities missing", "fatalities", {"fat": (3, 3, 3)}, {"fat": None}, False),
    ("gold fatalities missing", "fatalities", {"fat": None}, {"fat": (3, 3, 3)}, None),
]


@pytest.mark.parametrize("name,field,gold_kw,pred_kw,right", FIELDS, ids=[f[0] for f in FIELDS])
def test_evaluate_field_accuracy(name, field, gold_kw, pred_kw, right):
    r = run([ev(**gold_kw)], [ev(**pred_kw)])
    assert r.tp == 1
    score = r.fields[field]
    if right is None:
        assert (score.right, score.n, score.accuracy) == (0, 0, None)
    else:
        assert (score.right, score.n) == (int(right), 1)
        wrong = r.reports[0].matched[0].wrong
        assert any(w.startswith(field) for w in wrong) is (not right)


def test_evaluate_fields_scored_on_reported_pairs_only():
    r = run([ev(reported=False, sub="Government regains territory")], [ev()])
    assert r.ignored == 1
    assert all(s.n == 0 for s in r.fields.values())


def test_evaluate_prefers_the_pair_that_agrees_when_places_tie():
    gold = [ev(actor1=IS), ev(actor1=actor("Free Syrian Army"))]
    pred = [ev(actor1=actor("Free Syrian Army")), ev(actor1=actor("داعش"))]
    assert run(gold, pred).fields["actor1"].right == 2


@pytest.mark.parametrize("pred,gold,expected", [
    (None, None, True), (IS, None, False), (None, IS, False),
    (actor("ISIS"), IS, True), (actor("Daesh", ["Islamic State"]), IS, True),
    (actor(""), actor("", [""]), False),  # empty names never match
])
def test_evaluate_same_actor(pred, gold, expected):
    assert same_actor(pred, gold) is expected


@pytest.mark.parametrize("a,b,km", [
    (DAMASCUS, DAMASCUS, 0.0),
    (DAMASCUS, north(12), 12.0),
    ((0.0, 0.0), (0.0, 1.0), 111.195),
])
def test_evaluate_haversine(a, b, km):
    assert haversine_km(a, b) == pytest.approx(km, abs=0.01)
    assert haversine_km(b, a) == pytest.approx(km, abs=0.01)


def test_evaluate_report_explains_misses_and_false_events():
    gold = [ev(place="Harasta", start="2018-03-19"),
            ev("Explosions/Remote violence", "Air/drone strike", place="Douma")]
    pred = [ev(place="Saqba", at=north(12)),
            ev("Riots", "Mob violence", place="Jobar"),
            ev("Explosions/Remote violence", "Air/drone strike", place="Douma", at=north(1),
               start="2018-03-19", actor1=actor("Military Forces of Russia"))]
    r = run(gold, pred)
    text = format_report(r)
    assert "precision 0.333   recall 0.500" in text
    assert "missed: Battles / Armed clash @ Harasta, 2018-03-19" in text
    assert "nearest predicted event of this type is 12.0 km away (Saqba)" in text
    assert "false:  Riots / Mob violence @ Jobar" in text
    assert "no gold event of this type" in text
    assert "actor1: gold 'Military Forces of Syria' / predicted 'Military Forces of Russia'" in text
    summary = format_report(r, per_report=False)
    assert "missed:" not in summary and "F1 0.400" in summary
    assert json.loads(json.dumps(r.to_json()))["fields"]["actor1"]["accuracy"] == 0.0


def test_evaluate_files_reads_extract_output(tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "a", "events": [ev()]}, {"id": "b", "events": []}]) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"article": {"id": "a", "text": "…"}, "events": [ev(), ev(at=north(40))]},
        {"id": "b", "stage": "clean", "reason": "not Arabic", "source": None},  # a failure line
    ]) + "\n\n", encoding="utf-8")
    assert set(read_predictions(pred)) == {"a"}
    r = evaluate_files(gold, pred)
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)


@pytest.mark.parametrize("lines,message", [
    ([{"article": {"id": "a"}, "events": []}, {"article": {"id": "a"}, "events": []}], "twice"),
    ([{"article": {}, "events": []}], "no article id"),
])
def test_evaluate_files_refuses_bad_predictions(tmp_path: Path, lines, message):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_predictions(pred)


def test_evaluate_refuses_duplicate_gold_ids():
    with pytest.raises(ValueError, match="twice"):
        evaluate([{"id": "a", "events": []}, {"id": "a", "events": []}], {})


SHARED_GOLD = Path(__file__).parents[2] / ".." / "shared" / "gold" / "dev.jsonl"


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="../shared/gold is not available here")
def test_evaluate_gold_against_itself_is_perfect():
    r = evaluate_files(SHARED_GOLD, SHARED_GOLD)
    assert (r.precision, r.recall, r.f1) == (1.0, 1.0, 1.0)
    assert r.fp == r.fn == 0 and r.tp > 0
    for name, score in r.fields.items():
        assert score.n > 0 and score.accuracy == 1.0, name
    assert r.no_event_reports > 0 and r.no_event_reports_with_fp == 0


def _best_counts(gold, pred, compatible):
    """Brute force: the most (reported, total) matches any one-to-one pairing reaches."""
    best = (0, 0)

    def walk(i, used, reported, total):
        nonlocal best
        if i == len(pred):
            best = max(best, (reported, total))
            return
        walk(i + 1, used, reported, total)
        for j, g in enumerate(gold):
            if j not in used and compatible(pred[i], g):
                walk(i + 1, used | {j}, reported + g["reported"], total + 1)

    walk(0, frozenset(), 0, 0)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_evaluate_assignment_is_optimal(seed):
    import random

    rng = random.Random(seed)
    days = ["2018-03-18", "2018-03-19", "2018-03-20", None]

    def rand_event(reported=True):
        # Positions 3 km apart on one meridian: distances are never near the 10 km edge.
        return ev(at=north(3 * rng.randrange(8)), start=rng.choice(days), reported=reported)

    gold = [rand_event(rng.random() < 0.7) for _ in range(rng.randrange(1, 5))]
    pred = [rand_event() for _ in range(rng.randrange(1, 5))]

    def compatible(p, g):
        km = abs(p["location"]["lat"] - g["location"]["lat"]) * KM_PER_DEG_LAT
        ds, dg = p["date"]["start"], g["date"]["start"]
        return km <= 10 and (ds is None or dg is None or ds == dg)

    r = run(gold, pred)
    assert (r.tp, r.tp + r.ignored) == _best_counts(gold, pred, compatible)
    assert r.fp == len(pred) - r.tp - r.ignored
    assert r.fn == sum(g["reported"] for g in gold) - r.tp
