"""Place mentions and their resolution: type words, anchors, common words, precision."""
from __future__ import annotations

import pytest

from marsad.geocode import haversine_km
from marsad.recognise.places import find_places, story_country


def _one(text, **kw):
    places = find_places(text, **kw)
    assert all(text[p.start:p.end] == p.text for p in places)
    return places


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("هجوم على حي القدم جنوب دمشق", "Al-Qadam", 1),
        ("قصف على ريف حماة", "Hama", 3),
        ("اشتباكات قرب مدينة منبج", "Manbij", 2),
        ("غارات على مدينة إدلب", "Idlib", 1),
    ],
)
def test_places_resolve_with_precision(text, name, precision):
    (place,) = _one(text, country="SY")
    assert place.value.name.startswith(name)
    assert place.value.precision == precision


def test_places_anchor_is_part_of_the_mention():
    (place,) = _one("هجوم على حي القدم جنوب دمشق", country="SY")
    assert place.text == "حي القدم جنوب دمشق"
    assert haversine_km(place.value.lat, place.value.lon, 33.474, 36.287) < 3


@pytest.mark.parametrize("text", ["سجل اللاعب هدفا في مباراة كرة القدم", "نشرت الوكالة صور الحادث", "في الميدان السياسي"])
def test_places_common_words_need_a_type_word(text):
    assert _one(text, country="SY") == []


def test_places_datelines_and_institutions_are_not_places():
    assert _one("موسكو - قالت وزارة الدفاع إن الطائرات قصفت", country="SY") == []
    assert _one("نقل الجرحى إلى مستشفى القدس", country="SY") == []


def test_places_story_country_is_where_most_places_lie():
    places = _one("اشتباكات في حلب وإدلب وحماة بعد اجتماع في موسكو")
    assert story_country(places) == "SY"
