"""The coder, specified by short reports written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.model import Article
from marsad.pipeline import extract

WED = date(2018, 3, 21)


def _events(text: str, published: date | None = WED):
    return extract(Article(id="t", text=text, published=published, outlet="منفذ")).events


def test_coder_air_strike_by_a_named_air_force_on_civilians():
    (event,) = _events("قصفت الطائرات الحربية الروسية يوم الاثنين مدينة إدلب ما أدى إلى مقتل 12 مدنيا.")
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert event.actor1.name == "Military Forces of Russia"
    assert event.actor2.name == "Civilians (Syria)"
    assert event.location.name == "Idlib"
    assert (event.date.start, event.date.precision) == (date(2018, 3, 19), "day")
    assert event.fatalities.best == 12
    assert event.reported


def test_coder_clash_between_two_named_sides():
    (event,) = _events("اندلعت أمس اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة البوكمال.")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert {event.actor1.name, event.actor2.name} == {"Military Forces of Syria", "Islamic State"}
    assert event.date.start == date(2018, 3, 20)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("سيطرت قوات النظام أمس على مدينة الميادين بعد معارك مع تنظيم داعش.", "Government regains territory"),
        ("سيطر تنظيم داعش أمس على مدينة الميادين بعد معارك مع قوات النظام.", "Non-state actor overtakes territory"),
        ("سيطر تنظيم داعش أمس لساعات على مدينة الميادين قبل أن ينسحب منها.", "Armed clash"),
    ],
)
def test_coder_territory_depends_on_who_takes_it_and_for_how_long(text, sub):
    events = _events(text)
    assert [e.sub_event_type for e in events] == [sub]


def test_coder_each_place_struck_is_its_own_event():
    events = _events("قصفت طائرات النظام أمس بلدتي حمورية وعربين في الغوطة الشرقية.")
    assert len(events) == 2
    assert {e.location.text for e in events} == {"بلدتي حمورية", "عربين"}


def test_coder_execution_of_a_captured_fighter_is_violence_against_civilians():
    (event,) = _events("أعدم تنظيم داعش أمس قياديا في ميليشيا الدفاع الوطني في حي التضامن جنوب دمشق.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor2.name == "Civilians (Syria)"
    assert [a.name for a in event.assoc_actor2] == ["NDF: National Defence Forces"]
    assert event.fatalities.best == 1


def test_coder_old_events_are_background():
    events = _events(
        "اشتبكت قوات النظام أمس مع تنظيم داعش في حي القدم جنوب دمشق. "
        "وكان تنظيم داعش قد هاجم حي التضامن في منتصف كانون الأول العام الماضي وقاتل ميليشيا الدفاع الوطني."
    )
    by_place = {e.location.name_ar: e.reported for e in events}
    assert by_place["القدم"] is True
    assert all(not reported for name, reported in by_place.items() if name != "القدم")


@pytest.mark.parametrize(
    "text",
    [
        "دعا وزير الخارجية إلى وقف القتال في سوريا واستئناف المفاوضات في جنيف.",
        "فاز المنتخب السوري على نظيره العراقي في مباراة كرة القدم في دمشق.",
        "تخوض قوات سوريا الديمقراطية معارك في الرقة منذ أشهر.",
        "البراميل المتفجرة التي يلقيها النظام فوق حلب تقتل المدنيين.",
    ],
)
def test_coder_statements_sport_and_habits_are_no_events(text):
    assert _events(text) == ()


def test_coder_without_a_publication_date_relative_dates_stay_unknown():
    (event,) = _events("اندلعت أمس اشتباكات بين قوات النظام وتنظيم داعش في مدينة البوكمال.", published=None)
    assert event.date.start is None
    assert event.date.text == "أمس"


def test_coder_every_event_has_evidence_and_a_note():
    for event in _events("قصفت طائرات النظام أمس بلدة حمورية ما أدى إلى مقتل 17 شخصا."):
        assert event.evidence and event.notes.endswith(".")
        assert 0 < event.confidence <= 1


@pytest.mark.parametrize(
    ("second", "best"),
    [
        ("وأحصى ناشطون سقوط 15 قتيلا في حي القدم.", 15),  # a toll told apart joins the act at its place
        ("وأحصى ناشطون سقوط 15 قتيلا في مدينة حلب.", 0),  # elsewhere: not this event's toll
        ("وأحصى ناشطون سقوط 15 جريحا في حي القدم.", 0),  # wounded are no deaths
    ],
)
def test_coder_a_toll_in_a_sentence_without_an_act_joins_the_act_at_its_place(second, best):
    (event,) = _events("قصفت طائرات النظام أمس حي القدم جنوب دمشق. " + second)
    assert event.location.name == "Al-Qadam"
    assert event.fatalities.best == best
