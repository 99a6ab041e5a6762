"""Place mentions and their resolution: type words, anchors, common words, precision."""
from __future__ import annotations

import pytest

from marsad.geocode import haversine_km
from marsad.recognise.places import candidates_country, find_places, place_candidates, story_country


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


@pytest.mark.parametrize(
    "text",
    [
        "اشتباكات في حلب وإدلب وحماة بعد اجتماع في موسكو",
        "غارات على الموصل وتلعفر وريف دمشق",
        "قصف على ريف حماة ثم على بيروت وصيدا وصور",
        "وصل الوفد إلى باريس ثم إلى لندن",
        "لا مكان هنا",
    ],
)
def test_places_story_country_read_from_candidates_is_the_one_read_from_mentions(text):
    candidates = place_candidates(text)
    assert candidates_country(candidates) == story_country(find_places(text, candidates=candidates))


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("قصفت الطائرات حي الميدان في حلب", "Aleppo"),
        ("قصفت الطائرات حي الميدان في دمشق", "Damascus"),
    ],
)
def test_places_same_named_neighbourhoods_follow_their_anchor(text, city):
    places = _one(text, country="SY")
    midan = places[0]
    assert midan.text.startswith("حي الميدان")
    assert midan.value.admin1 == city or city in midan.value.name


@pytest.mark.parametrize(
    ("text", "admin1"),
    [("اشتباكات في ريف حماة الشمالي", "Hama"), ("غارات في محافظة إدلب", "Idlib")],
)
def test_places_regions_are_precision_3_at_their_governorate(text, admin1):
    (place,) = _one(text, country="SY")
    assert place.value.precision == 3 and place.value.admin1 == admin1


def test_places_a_district_is_near_its_seat():
    (place,) = _one("هجوم في قضاء تلعفر", country="IQ")
    assert place.value.precision == 2
    assert place.value.name.replace("'", "").startswith("Tall Afar") or "Afar" in place.value.name


@pytest.mark.parametrize("text,expected", [
    ("قالت موسكو إن الغارات استهدفت مواقع التنظيم", []),          # the government speaks
    ("وأعلنت أنقرة أن جنودها يتمركزون على الحدود", []),
    ("قصفت الطائرات مدينة حلب", ["مدينة حلب"]),                    # a place that is acted on
    ("قال ناشطون في حلب إن القصف مستمر", ["حلب"]),                 # where the speakers are
])
def test_place_mentions_a_capital_that_speaks_is_its_government(text, expected):
    assert [m.text for m in find_places(text)] == expected
