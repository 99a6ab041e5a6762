"""marsad.dedup: which events are one incident, canonical fields, near-duplicate texts (pure)."""
from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_fixtures import PLACES, event

from marsad.dedup import (
    EventRecord,
    canonical,
    compatible,
    distance_km,
    incident_id,
    partition,
    similarity,
    sketch,
)


def rec(report: str, outlet: str = "o", **kw) -> EventRecord:
    return EventRecord.from_json(event(report, 0, **kw).to_json(), report, outlet, date(2018, 3, 21))


def test_dedup_fixture_places_are_as_far_apart_as_the_tests_say():
    assert distance_km(*PLACES["Idlib"][:2], *PLACES["Maarra"][:2]) == pytest.approx(31.6, abs=1)
    assert distance_km(*PLACES["Hamouriyah"][:2], *PLACES["Saqba"][:2]) < 2
    assert 10 < distance_km(*PLACES["Idlib"][:2], *PLACES["Saraqib"][:2]) < 25


@pytest.mark.parametrize("a, b, expected", [
    ({}, {}, True),  # same place, day, type and attacker
    ({"place": "Saqba"}, {}, False),  # another town 1 km away: its own event (CODEBOOK 1)
    ({"place": "Idlib"}, {"place": "Maarra"}, False),  # 31 km apart the same day
    ({"precision": 2}, {}, True),  # "near Hamouriyah" and Hamouriyah
    ({"place": "Idlib", "precision": 2}, {"place": "Saraqib"}, False),  # near Idlib is not Saraqib
    ({"day": date(2018, 3, 19)}, {}, False),  # the day before
    ({"day": date(2018, 3, 18), "date_precision": "week"}, {}, False),  # a week joins only a week...
    ({"day": date(2018, 3, 18), "date_precision": "week"},
     {"day": date(2018, 3, 22), "date_precision": "week"}, True),  # ... that overlaps it
    ({"day": date(2018, 3, 15), "date_precision": "month"},
     {"day": date(2018, 3, 15), "date_precision": "month"}, False),  # a month is too vague to link
    ({"etype": "Battles", "sub": "Armed clash"}, {}, False),  # the types differ
    ({"sub": "Shelling/artillery/missile attack"}, {}, True),  # sub-types may differ
    ({"attacker": "russia"}, {}, False),  # different attackers
    ({"attacker": "unknown"}, {}, True),  # one side unidentified
    ({"precision": 3}, {}, False),  # only the governorate: does not join a precise place...
    ({"precision": 3}, {"precision": 3, "place": "Duma"}, True),  # ... but another of its governorate
    ({"precision": 3}, {"precision": 3, "place": "Idlib"}, False),  # not of another governorate
])
def test_dedup_compatible_follows_type_place_date_and_actor_rules(a, b, expected):
    assert compatible(rec("r1", **a), rec("r2", **b)) is expected
    assert compatible(rec("r2", **b), rec("r1", **a)) is expected  # symmetric


def test_dedup_events_of_one_report_never_link_directly():
    assert not compatible(rec("r1"), rec("r1", place="Saqba"))


def test_dedup_battle_sides_named_the_other_way_round_agree():
    a = EventRecord.from_json(event("r1", 0, etype="Battles", sub="Armed clash").to_json() |
                              {"actor2": {"name": "HTS: Hayat Tahrir al-Sham"}}, "r1")
    b_json = event("r2", 0, etype="Battles", sub="Armed clash", attacker="hts").to_json()
    b_json["actor2"] = {"name": "Military Forces of Syria"}
    assert compatible(a, EventRecord.from_json(b_json, "r2"))


def test_dedup_partition_is_connected_components():
    # A regime and a Russian strike are not compatible, but an unidentified attacker's
    # strike at the same place and day is compatible with both: one incident.
    recs = [rec("r1"), rec("r2", attacker="unknown"), rec("r3", attacker="russia"), rec("r4", place="Idlib")]
    assert not compatible(recs[0], recs[2])
    groups = [sorted(r.report_id for r in g) for g in partition(recs)]
    assert sorted(groups) == [["r1", "r2", "r3"], ["r4"]]


@pytest.mark.parametrize("a, b, expected", [
    ("geonames:170654", "geonames:170654", True),  # the same entry
    ("marsad:sy-al-qadam", "geonames:170654", True),  # a neighbourhood and its city
    ("marsad:sy-hamouriyah", "geonames:169372", False),  # two towns of the Ghouta
])
def test_dedup_same_place_uses_the_gazetteer(a, b, expected):
    from marsad.dedup import same_place
    from marsad.knowledge import load_gazetteer

    g = load_gazetteer()
    if g.get(a) is None or g.get(b) is None:
        pytest.skip("gazetteer entry missing")

    def located(pid):
        e = g.get(pid)
        r = rec("r" + pid)
        return EventRecord.from_json({**r.event, "location": {**r.event["location"], "gazetteer_id": pid,
                                                               "name": e.name}}, "r" + pid)

    assert same_place(located(a), located(b)) is expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(PLACES)), st.integers(18, 22), st.sampled_from(["regime", "unknown",
                                                                                                "russia"])),
                min_size=1, max_size=14), st.randoms())
def test_dedup_partition_and_canonical_fields_do_not_depend_on_order(specs, rnd):
    recs = [rec(f"r{i}", place=p, day=date(2018, 3, d), attacker=a, killed=(i + 1,))
            for i, (p, d, a) in enumerate(specs)]
    shuffled = recs[:]
    rnd.shuffle(shuffled)
    first, second = partition(recs), partition(shuffled)
    assert first == second
    for group in first:
        members = list(group)
        rnd.shuffle(members)
        assert canonical(members) == canonical(group)
    assert sorted(r.id for g in first for r in g) == sorted(r.id for r in recs)


def test_dedup_canonical_takes_the_most_precise_place_and_the_lowest_credible_toll():
    members = [rec("r1", precision=2, killed=(12,), outlet="شبكة شام"),
               rec("r2", place="Saqba", killed=(15,), outlet="المرصد السوري"),
               rec("r3", killed=(9,), outlet="عنب بلدي")]
    c = canonical(members)
    assert c["location"]["precision"] == 1
    assert c["fatalities"] == {"best": 9, "low": 9, "high": 15}
    assert [cl["outlet"] for cl in c["claims"]] == ["شبكة شام", "المرصد السوري", "عنب بلدي"]
    assert c["outlets"] == sorted(["شبكة شام", "المرصد السوري", "عنب بلدي"])
    assert c["n_reports"] == 3 and c["first_seen"] == c["last_seen"] == "2018-03-21"
    assert c["id"] == incident_id(members) == canonical(list(reversed(members)))["id"]


def test_dedup_canonical_prefers_an_identified_attacker():
    c = canonical([rec("r1", attacker="unknown"), rec("r2")])
    assert c["actor1"]["name"] == "Military Forces of Syria"


@pytest.mark.parametrize("other, low, high", [
    ("same", 1.0, 1.0),
    ("one word more", 0.85, 1.0),
    ("unrelated", 0.0, 0.2),
])
def test_dedup_sketch_similarity_estimates_jaccard(other, low, high):
    base = " ".join(f"كلمة{i}" for i in range(400))
    texts = {"same": base, "one word more": base + " إضافة", "unrelated": " ".join(f"لفظ{i}" for i in range(400))}
    assert low <= similarity(sketch(base), sketch(texts[other])) <= high


def test_dedup_sketch_is_stable_and_folds_spelling():
    assert sketch("قُتل في إدلب اليوم") == sketch("قتل في ادلب اليوم")
    assert sketch("نص") == sketch("نص") and sketch("") == ()
    rnd = random.Random(1)
    words = [f"w{rnd.randint(0, 10**6)}" for _ in range(300)]
    assert len(sketch(" ".join(words))) == 64
