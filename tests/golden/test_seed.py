"""The seed page, coded exactly as its gold: the founding promise of marsad."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.evaluate import evaluate
from marsad.model import Article
from marsad.pipeline import extract
from marsad.ingest.clean import clean
from marsad.schema import validate_document


def _extract(record: dict):
    text, title = clean(record["text"])
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    article = Article(id=record["id"], text=text, raw=record["text"], outlet=record.get("outlet"),
                      title=title, published=published)
    return extract(article)


@pytest.mark.parametrize("variant", ["seed", "seed-undated"])
def test_seed_reported_events_match_gold_exactly(variant, seed_inputs, seed_gold):
    record = next(r for r in seed_inputs if r["id"] == variant)
    gold = next(g for g in seed_gold if g["id"] == variant)
    doc = _extract(record)
    report = evaluate([gold], {variant: [e.to_json() for e in doc.events]})
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0), report
    for field in ("sub_event_type", "actor1", "actor2", "place", "date", "fatalities"):
        score = report.fields[field]
        assert score.n == 2 and score.right == 2, (field, score)


@pytest.mark.parametrize("variant", ["seed", "seed-undated"])
def test_seed_output_validates_against_the_shipped_schema(variant, seed_inputs):
    record = next(r for r in seed_inputs if r["id"] == variant)
    doc = _extract(record)
    validate_document(doc.to_json())
    for event in doc.events:
        for span in event.evidence:
            assert doc.article.text[span.start:span.end] == span.text


def test_seed_execution_keeps_the_victims_militia_and_claimant(seed_inputs):
    doc = _extract(seed_inputs[0])
    vac = [e for e in doc.events if e.event_type == "Violence against civilians"]
    assert len(vac) == 1
    assert vac[0].actor2.name == "Civilians (Syria)"
    assert [a.name for a in vac[0].assoc_actor2] == ["Liwa Dhira al-Assad"]
    assert "execution" in vac[0].tags


def test_seed_battle_keeps_both_rival_casualty_claims(seed_inputs):
    doc = _extract(seed_inputs[0])
    battle = next(e for e in doc.events if e.event_type == "Battles" and e.reported)
    counts = sorted(c.count for c in battle.fatalities.claims if c.kind == "killed")
    assert 110 in counts and 12 in counts
    assert battle.fatalities.best == 110


def test_seed_background_events_are_not_reported(seed_inputs):
    doc = _extract(seed_inputs[0])
    tadamon = [e for e in doc.events if e.location.name_ar.endswith("التضامن")]
    assert tadamon and all(not e.reported for e in tadamon)
