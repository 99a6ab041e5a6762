"""Actor mentions: registry aliases, generic roles by the story's country, role words, back-references."""
from __future__ import annotations

import pytest

from marsad.recognise.actors import _NATIONALITY_RE, _nationality_phrases, find_actors
from marsad.text.normalise import fold


def _found(text: str, country: str | None = "SY") -> list[tuple[str, str]]:
    mentions = find_actors(text, country=country)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    return [(m.text, m.value.name) for m in mentions]


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
        ("قصفت مجموعات إرهابية الحي بالقذائف", "SY", ["Opposition Rebels (Syria)"]),
        ("وجه سلاح الجو ضربات على مواقعهم", "SY", ["Military Forces of Syria"]),
        ("اشتبكت قوات الدعم السريع مع الجيش السوداني", "SD", ["RSF: Rapid Support Forces", "Military Forces of Sudan"]),
        ("هاجمت قوة الردع الخاصة مقرا لكتيبة النواصي", "LY", ["Rada Special Deterrence Force", "Nawasi Brigade"]),
        ("اندلعت اشتباكات بين المسيرية والرزيقات", "SD",
         ["Misseriya Ethnic Militia (Sudan)", "Rizeigat Ethnic Militia (Sudan)"]),
    ],
)
def test_actors_resolve_names_roles_and_nationalities(text, country, expected):
    assert [name for _, name in _found(text, country)] == expected


def test_actors_generic_words_need_the_story_country():
    assert find_actors("قتل ثلاثة مدنيين", country=None) == []


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("قتل عناصر من تنظيم داعش في الكمين", "عناصر من تنظيم داعش", "Islamic State"),
        ("أسر عناصر داعش ثلاثة جنود", "عناصر داعش", "Islamic State"),
        ("قال مقاتلو الجيش الحر إنهم صدوا الهجوم", "مقاتلو الجيش الحر", "Free Syrian Army"),
        ("استهدف الطيران مقاتلي هيئة تحرير الشام", "مقاتلي هيئة تحرير الشام", "HTS: Hayat Tahrir al-Sham"),
        ("اغتيل القيادي في ميليشيا ذراع الأسد", "القيادي في ميليشيا ذراع الأسد", "Liwa Dhira al-Assad"),
        ("قتل القيادي البارز في فيلق الشام", "القيادي البارز في فيلق الشام", "Faylaq al-Sham"),
        ("أصيب قائد في جيش الإسلام", "قائد في جيش الإسلام", "Jaysh al-Islam"),
        ("أعدم التنظيم أحد عناصر قوات النظام", "أحد عناصر قوات النظام", "Military Forces of Syria"),
        ("سيطرت ميليشيا لواء الباقر على التلة", "ميليشيا لواء الباقر", "Liwa al-Baqir"),
        ("تقدمت قوات حزب الله نحو البلدة", "قوات حزب الله", "Hezbollah"),
        ("طردت قسد مسلحي داعش من القرية", "مسلحي داعش", "Islamic State"),
        ("هاجمت عناصر مسلحة لتنظيم داعش القرية", "عناصر مسلحة لتنظيم داعش", "Islamic State"),
        ("قتل خمسة عناصر من الشرطة", "عناصر من الشرطة", "Police Forces of Syria"),
    ],
)
def test_actors_role_words_widen_the_span_to_the_group(text, span, name):
    mentions = find_actors(text, country="SY")
    hit = [m for m in mentions if m.text == span]
    assert [m.value.name for m in hit] == [name]
    # The role words make no mention of their own ("مسلحي" is no Opposition Rebels here).
    assert [m for m in mentions if m is not hit[0] and m.start < hit[0].end and hit[0].start < m.end] == []


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("قصفت جبهة النصرة مواقع في البلدة", "SY", "HTS: Hayat Tahrir al-Sham"),
        ("أعلنت جبهة فتح الشام مسؤوليتها", "SY", "HTS: Hayat Tahrir al-Sham"),
        ("تبنى تنظيم القاعدة في بلاد الرافدين التفجير", "IQ", "Islamic State"),
        ("هاجمت جماعة أنصار بيت المقدس كمينا", "EG", "Islamic State (Sinai)"),
        ("قصفت ميليشيا الحوثي وصالح الأحياء", "YE", "Ansar Allah (Houthis)"),
        ("هاجم الجنجويد القرية", "SD", "RSF: Rapid Support Forces"),
    ],
)
def test_actors_old_names_are_coded_as_the_latest(text, country, expected):
    assert [name for _, name in _found(text, country)] == [expected]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("أعلن تنظيم داعش مسؤوليته، وقال التنظيم إنه قتل عشرة", "SY", ["Islamic State", "Islamic State"]),
        ("أعلن تنظيم داعش الهجوم، ونشر التنظيم الإرهابي صورا", "SY", ["Islamic State", "Islamic State"]),
        ("هاجمت ميليشيا الدفاع الوطني البلدة، ثم انسحبت الميليشيا", "SY",
         ["NDF: National Defence Forces", "NDF: National Defence Forces"]),
        ("قصفت ميليشيا الحوثي الحي، واستهدفت الميليشيات المدينة", "YE",
         ["Ansar Allah (Houthis)", "Ansar Allah (Houthis)"]),
        ("تقدم جيش الإسلام في الغوطة، وقالت الفصائل إنها", "SY", ["Jaysh al-Islam", "Jaysh al-Islam"]),
        ("أعلنت حركة أحرار الشام أن الحركة صدت هجوما", "SY", ["Ahrar al-Sham", "Ahrar al-Sham"]),
        ("بايعت جماعة أنصار الإسلام التنظيم ثم أعلنت الجماعة", "IQ",
         ["Ansar al-Islam", "Ansar al-Islam"]),
        ("اتهمت هيئة تحرير الشام خصومها، وقالت الهيئة إن", "SY",
         ["HTS: Hayat Tahrir al-Sham", "HTS: Hayat Tahrir al-Sham"]),
        ("تقدمت وحدات حماية الشعب، وأعلنت الوحدات السيطرة", "SY",
         ["YPG: People's Protection Units", "YPG: People's Protection Units"]),
        ("دخلت قوات سوريا الديمقراطية البلدة، وقالت القوات إنها", "SY",
         ["SDF: Syrian Democratic Forces", "SDF: Syrian Democratic Forces"]),
        ("قصف حزب الله المواقع، وأعلن الحزب مقتل اثنين", "LB", ["Hezbollah", "Hezbollah"]),
        ("اشتباكات بين قوات النظام وقوات الأسايش سيطرت الأخيرة على الحي", "SY",
         ["Military Forces of Syria", "Asayish (Kurdish Internal Security Forces)",
          "Asayish (Kurdish Internal Security Forces)"]),
    ],
)
def test_actors_back_reference_takes_the_nearest_fitting_actor(text, country, expected):
    assert [name for _, name in _found(text, country)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقال التنظيم في بيان",  # nothing named before
        "قصفت قوات النظام البلدة، وقالت الحركة إنها",  # no movement named before
        "أعلنت حركة حماس أن الحركة الإصلاحية في إيران",  # an adjective makes another name
        "دخلت قوات قسد المدينة، ووصلت القوات الخاصة",
        "قصفت قوات النظام البلدة في الساعات الأخيرة",  # "الأخيرة" as an adjective
    ],
)
def test_actors_back_reference_without_a_fitting_antecedent_is_dropped(text):
    found = _found(text)
    assert all(span not in ("التنظيم", "الحركة", "القوات", "الأخيرة") for span, _ in found)


def test_actors_allies_named_by_pronoun_join_the_force():
    text = "اشتبكت قوات النظام والميليشيات الموالية لها مع عناصر تنظيم الدولة الإسلامية"
    assert _found(text) == [("قوات النظام والميليشيات الموالية لها", "Military Forces of Syria"),
                            ("عناصر تنظيم الدولة الإسلامية", "Islamic State")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عقد مجلس الدفاع الوطني اجتماعا", []),
        ("قال وزير الدفاع الوطني إن", []),
        ("هاجمت قوات الدفاع الوطني القرية", [("قوات الدفاع الوطني", "NDF: National Defence Forces")]),
    ],
)
def test_actors_institutions_named_after_a_group_are_not_it(text, expected):
    assert _found(text) == expected


# The fast scan for nationality phrases finds exactly the full pattern's matches.
@pytest.mark.parametrize("text", [
    "شنت الطائرات الروسية غارات على المدينة، وقصفت المدفعية التركية القرى.",
    "والطيران الحربي الروسي وللقوات الأمريكية وبالقوات الإيرانية",
    "غارةالروسية طائرات روسية،قوات تركية",  # nouns glued to words before them
    "قصفقوات روسية ثم قوات  روسية",
    "",
])
def test_actors_nationality_phrases_are_the_patterns_own_matches(text):
    folded = fold(text)
    assert [m.span() for m in _nationality_phrases(folded)] == [m.span() for m in _NATIONALITY_RE.finditer(folded)]
