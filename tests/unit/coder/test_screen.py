"""Screening: a report whose sentences can give no frame is coded eventless early,
and screening never changes what extract returns."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import marsad.pipeline as pipeline
from marsad.model import Article
from marsad.pipeline import extract
from marsad.text.normalise import normalise

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"

# (text, whether some sentence can give a frame)
CASES = [
    # a strong trigger and a place in one sentence
    ("قصفت طائرات النظام أمس مدينة إدلب ما أدى إلى مقتل خمسة مدنيين.", True),
    # a trigger with no place anywhere
    ("قصفت الطائرات مواقع عديدة أمس وقتل خمسة مدنيين.", False),
    # trigger and place in different sentences
    ("زار الوزير مدينة حلب أمس. وفي مكان آخر قصفت الطائرات مواقع عديدة.", False),
    # the trigger word is part of an actor's name ("هيئة تحرير الشام")
    ("عقدت هيئة تحرير الشام اجتماعا في مدينة إدلب أمس.", False),
    # a place the gazetteer lacks, named with its type word, can fold into the place before it
    ("في ريف حلب الشمالي. قصفت طائرات النظام قرية بليلخ أمس.", True),
]


@pytest.mark.parametrize(("text", "codable"), CASES)
def test_screen_knows_which_reports_can_give_a_frame(text, codable):
    article = Article(id="s", text=text, published=date(2018, 3, 21))
    norm = normalise(text)
    located = pipeline._locate(article, norm)
    triggers = pipeline.find_triggers(norm)
    got = pipeline.may_have_events(located.sentences, triggers, located.actors, located.places,
                                   located.unresolved, located.country)
    assert got is codable


def _articles():
    out = [Article(id=f"c{i}", text=t, published=date(2018, 3, 21)) for i, (t, _) in enumerate(CASES)]
    for path in sorted(SEED.glob("*.txt")):
        out.append(Article(id=path.stem, text=path.read_text("utf-8"), published=date(2018, 3, 21)))
    return out


@pytest.mark.parametrize("article", _articles(), ids=lambda a: a.id)
def test_screen_never_changes_the_document(article, monkeypatch):
    screened = extract(article)
    monkeypatch.setattr(pipeline, "may_have_events", lambda *args: True)
    assert extract(article) == screened
