"""Actor mentions: registry aliases, generic roles by the story's country, back-references."""
from __future__ import annotations

import pytest

from marsad.recognise.actors import find_actors


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("شن تنظيم داعش هجوما", "SY", ["Islamic State"]),
        ("قصفت قوات النظام البلدة", "SY", ["Military Forces of Syria"]),
        ("هاجم الجيش الحر مواقع", "SY", ["Free Syrian Army"]),
        ("شنت الطائرات الحربية الروسية غارات", "SY", ["Military Forces of Russia"]),
        ("غارة أمريكية على المدينة", "SY", ["Military Forces of the United States"]),
        ("قتل ثلاثة مدنيين", "IQ", ["Civilians (Iraq)"]),
        ("هاجم مسلحون مجهولون الحاجز", "IQ", ["Unidentified Armed Group (Iraq)"]),
        ("استهدف المسلحين الحي", "SY", ["Opposition Rebels (Syria)"]),
    ],
)
def test_actors_resolve_names_roles_and_nationalities(text, country, expected):
    mentions = find_actors(text, country=country)
    assert [m.value.name for m in mentions] == expected
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_actors_generic_words_need_the_story_country():
    assert find_actors("قتل ثلاثة مدنيين", country=None) == []


def test_actors_back_reference_takes_the_nearest_fitting_actor():
    text = "أعلن تنظيم داعش مسؤوليته، وقال التنظيم إنه قتل عشرة"
    names = [m.value.name for m in find_actors(text, country="SY")]
    assert names == ["Islamic State", "Islamic State"]


def test_actors_back_reference_without_an_antecedent_is_dropped():
    assert find_actors("وقال التنظيم في بيان", country="SY") == []
