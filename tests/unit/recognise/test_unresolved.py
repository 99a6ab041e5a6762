"""Places the gazetteer lacks are kept with their words and a reason."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.model import Article
from marsad.pipeline import extract
from marsad.recognise.places import find_places
from marsad.recognise.unresolved import NOT_IN_GAZETTEER, find_unresolved


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سيطرت قوات النظام على قرية زعفرانكو بعد معارك", ["قرية زعفرانكو"]),
        ("قصفت الطائرات بلدتي خربشو وعين الملوح", ["بلدتي خربشو وعين"]),
        ("قصف على حي سكني في المدينة", []),
        ("دخلت القوات المدينة السورية المتاخمة للحدود", []),
        ("هجوم على حي القدم جنوب دمشق", []),
    ],
)
def test_unresolved_named_places_not_in_the_gazetteer(text, expected):
    places = find_places(text, country="SY")
    found = find_unresolved(text, places)
    assert [u.text for u in found] == expected
    assert all(u.reason == NOT_IN_GAZETTEER and text[u.start:u.end] == u.text for u in found)


def test_unresolved_places_reach_the_output_and_fold_into_a_known_place():
    text = ("تدور معارك في ريف حماة الشمالي منذ أيام. "
            "وسيطرت قوات النظام أمس على قرية زعفرانكو بعد معارك مع تنظيم داعش.")
    doc = extract(Article(id="u", text=text, published=date(2018, 3, 21)))
    assert [u["text"] for u in doc.to_json()["unresolved_places"]] == ["قرية زعفرانكو"]
    (event,) = [e for e in doc.events if e.sub_event_type == "Government regains territory"]
    assert event.location.name == "Hama" and event.location.precision >= 2
    assert event.location.text == "قرية زعفرانكو"
