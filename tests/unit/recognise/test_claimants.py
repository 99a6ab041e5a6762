"""Claimants: who gave a figure, found by cue words and source nouns, with exact spans."""
from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Mention
from marsad.recognise.claimants import claimant_for, find_claimants, load_cues
from marsad.text.normalise import normalise


def found(text):
    return [(m.text, m.value) for m in find_claimants(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # prepositions
        ("قتل ثلاثة مدنيين بحسب مصادر محلية", [("مصادر محلية", "مصادر محلية")]),
        ("وبحسب ناشطين فإن القصف استمر", [("ناشطين", "ناشطين")]),
        ("قتل خمسة حسب وكالة مؤتة", [("وكالة مؤتة", "وكالة مؤتة")]),
        ("حسبما أفاد مراسل أورينت في المنطقة", [("مراسل أورينت", "مراسل أورينت")]),
        ("بحسب ما ذكرت وكالة سانا فإن الهجوم فشل", [("وكالة سانا", "وكالة سانا")]),
        ("وفق مصدر عسكري فإن الطائرة سقطت", [("مصدر عسكري", "مصدر عسكري")]),
        ("وفقا لـ وكالة الأناضول قتل أربعة", [("وكالة الأناضول", "وكالة الأناضول")]),
        ("وفقاً لوكالة الأناضول قتل أربعة", [("وكالة الأناضول", "وكالة الأناضول")]),
        ("وفقا للمرصد السوري لحقوق الإنسان قتل عشرة",
         [("للمرصد السوري لحقوق الإنسان", "المرصد السوري لحقوق الإنسان")]),
        ("نقلاً عن مصدر أمني قوله إن", [("مصدر أمني", "مصدر أمني")]),
        ("على لسان المتحدث باسم الجيش", [("المتحدث باسم الجيش", "المتحدث باسم الجيش")]),
        ("بحسب \" صوت العاصمة \" فإن الحملة مستمرة", [("صوت العاصمة", "صوت العاصمة")]),
        ("وبحسب تقرير لوكالة رويترز فإن الاشتباكات توقفت", [("وكالة رويترز", "وكالة رويترز")]),
        # reporting verbs: the subject after the verb, not the verb
        ("وقالت وكالة مؤتة إن خمسة عناصر قتلوا", [("وكالة مؤتة", "وكالة مؤتة")]),
        ("قال ناشطون إن الطيران قصف البلدة", [("ناشطون", "ناشطون")]),
        ("وأكدت مصادر ميدانية أن الهجوم فشل", [("مصادر ميدانية", "مصادر ميدانية")]),
        ("وأفاد مراسل الجزيرة بأن القصف استمر", [("مراسل الجزيرة", "مراسل الجزيرة")]),
        ("وذكر التلفزيون الرسمي أن الجيش تقدم", [("التلفزيون الرسمي", "التلفزيون الرسمي")]),
        ("وأعلنت وزارة الدفاع الروسية أن الطائرات أغارت",
         [("وزارة الدفاع الروسية", "وزارة الدفاع الروسية")]),
        ("وأوضح مصدر طبي أن الجرحى نقلوا", [("مصدر طبي", "مصدر طبي")]),
        ("وأشارت مصادر خاصة إلى أن القائد قتل", [("مصادر خاصة", "مصادر خاصة")]),
        ("وكشفت مصادر إعلامية عن هجوم جديد", [("مصادر إعلامية", "مصادر إعلامية")]),
        ("وأعلن تنظيم الدولة مسؤوليته عن الهجوم", [("تنظيم الدولة", "تنظيم الدولة")]),
        ("وقال العقيد أحمد الخالد قائد الفوج إن", [("العقيد أحمد الخالد قائد الفوج", "العقيد أحمد الخالد قائد الفوج")]),
        ("وقال مصدر أمني لوكالة سبوتنيك إن الانفجار وقع",
         [("مصدر أمني", "مصدر أمني"), ("وكالة سبوتنيك", "وكالة سبوتنيك")]),
        ("ونقلت وكالة سبوتنيك عن مصدر عسكري قوله",
         [("وكالة سبوتنيك", "وكالة سبوتنيك"), ("مصدر عسكري", "مصدر عسكري")]),
        ("ونشر تنظيم الدولة صورا للقتلى", [("تنظيم الدولة", "تنظيم الدولة")]),
        ("وبث التنظيم تسجيلا مصورا للهجوم", [("التنظيم", "التنظيم")]),
        ("وأظهرت صور نشرتها شبكة \" شام \" دمارا كبيرا", [("شام", "شام")]),
        ("وقالت قناة \" الميادين \" الإيرانية إن الحصار كسر",
         [("قناة \" الميادين \" الإيرانية", "قناة الميادين الإيرانية")]),
        # pages and networks: the quoted or bracketed name alone
        ("ونشرت صفحة (غرفة عمليات الجيش العربي السوري) صورا",
         [("غرفة عمليات الجيش العربي السوري", "غرفة عمليات الجيش العربي السوري")]),
        ("ذكرت صفحة « صوت العاصمة » أن الحملة مستمرة", [("صوت العاصمة", "صوت العاصمة")]),
        # self-standing source nouns
        ("مصادر محلية أكدت مقتل اثنين", [("مصادر محلية", "مصادر محلية")]),
        ("شهود عيان رأوا الطائرة", [("شهود عيان", "شهود عيان")]),
        ("فرق الدفاع المدني انتشلت الجثث", [("الدفاع المدني", "الدفاع المدني")]),
        ("مصدر عسكري سوري صرح بأن", [("مصدر عسكري سوري", "مصدر عسكري سوري")]),
        ("وسائل إعلام موالية تحدثت عن الهجوم", [("وسائل إعلام موالية", "وسائل إعلام موالية")]),
        ("مصادر مقربة من الحكومة تحدثت عن الهجوم",
         [("مصادر مقربة من الحكومة", "مصادر مقربة من الحكومة")]),
        ("مصدر في الجيش تحدث عن الهجوم", [("مصدر في الجيش", "مصدر في الجيش")]),
        ("المتحدث باسم الدفاع المدني تحدث", [("المتحدث باسم الدفاع المدني", "المتحدث باسم الدفاع المدني")]),
        ("وأفاد مراسلنا بسقوط قذائف", [("مراسلنا", "مراسلنا")]),
        ("المصدر : ( أ ف ب )", [("أ ف ب", "أ ف ب")]),
    ],
)
def test_claimants_finds_the_name_not_the_cue(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقال مصدر أمني إن الهجوم فشل. وأضاف المصدر أن القتلى ثلاثة",
         [("مصدر أمني", "مصدر أمني"), ("المصدر", "مصدر أمني")]),
        ("قالت وزارة الدفاع الروسية إن الطائرات أغارت. وتابعت الوزارة أن الهدف دمر",
         [("وزارة الدفاع الروسية", "وزارة الدفاع الروسية"), ("الوزارة", "وزارة الدفاع الروسية")]),
        ("قالت مصادر محلية إن القصف استمر، بحسب المصادر نفسها",
         [("مصادر محلية", "مصادر محلية"), ("المصادر نفسها", "مصادر محلية")]),
    ],
)
def test_claimants_anaphors_take_the_earlier_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وأضاف المصدر أن القتلى ثلاثة",  # an anaphor with nothing before it
        "وقال إن الهجوم أسفر عن مقتل ثلاثة",
        "وقال في بيان إن الهجوم فشل",
        "وانقطعت شبكة الكهرباء عن المدينة",
        "وتعد المياه مصدر قلق للسكان",
        "مصادر مالية للتنظيم",
        "وفق الاتفاق الموقع بين الطرفين",
        "بحسب المعلومات المتوفرة",
        "ونقلت سيارات الإسعاف الجرحى إلى المستشفى",
        "ونشرت روسيا قوات في المنطقة",
        "الفصيل الذي قال إنه انسحب",
        "اشترك في نشرة الأخبار",
        "قصف الطيران مواقع \" جبهة النصرة \" في الريف",
    ],
)
def test_claimants_none_where_no_one_is_cited(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "وقالت وكالةُ مؤتةَ إنّ خمسةً قتلوا",
        "وقال مصدرٌ أمنيٌّ إن الهجوم فشل",
        "ذكرت صفحة «صوت العاصمة» أن",
        "وفقاً للمرصدِ السوريِّ لحقوق الإنسان",
        "نقلاً عن\u00a0ناشطين محليين",
    ],
)
def test_claimants_offsets_point_into_the_original(text):
    ms = find_claimants(text)
    assert ms
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert m.kind == "claimant"
        assert isinstance(m.value, str) and m.value


def test_claimants_value_is_cleaned_of_diacritics_and_quotes():
    (m,) = find_claimants("وقالت وكالةُ \" سبوتنيك \" الروسيةُ إن")
    assert m.value == "وكالة سبوتنيك الروسية"


def test_claimants_accepts_a_precomputed_normalisation():
    text = "وقال مصدر أمني إن"
    assert find_claimants(text, normalise(text)) == find_claimants(text)


def _m(start, end, value):
    return Mention("claimant", start, end, "x" * (end - start), value)


@pytest.mark.parametrize(
    "position, sentence, expected",
    [
        (50, (0, 100), "B"),  # the nearest one before the fact
        (15, (0, 100), "A"),
        (5, (0, 100), "A"),  # none before: the nearest after
        (50, (40, 100), "C"),  # B lies in the sentence before
        (90, (70, 100), None),  # the sentence names none
    ],
)
def test_claimants_claimant_for(position, sentence, expected):
    mentions = [_m(10, 14, "A"), _m(30, 38, "B"), _m(60, 66, "C"), Mention("quantity", 44, 46, "xx", None)]
    assert claimant_for(position, mentions, sentence) == expected


def test_claimants_claimant_for_on_real_mentions():
    text = "قال ناشطون إن القصف قتل 5 مدنيين. وذكرت وكالة سانا أن 3 جنود قتلوا."
    ms = find_claimants(text)
    first = (0, text.index(".") + 1)
    second = (first[1], len(text))
    assert claimant_for(text.index("5"), ms, first) == "ناشطون"
    assert claimant_for(text.index("3"), ms, second) == "وكالة سانا"


def test_claimants_cue_file_loads_and_names_its_source():
    raw = resources.files("marsad.knowledge").joinpath("data/claimant_cues.tsv").read_text("utf-8")
    assert raw.startswith("#") and "marsad curators" in raw.splitlines()[0]
    for line in raw.splitlines():
        assert line.startswith("#") or line.count("\t") == 1, line
    cues = load_cues()
    assert cues.verbs and cues.preps and cues.heads and cues.sources and cues.stops


def test_claimants_load_cues_from_text():
    cues = load_cues("# test\nprep\tبحسب\nverb\tقال\nsource\tالمرصد السوري\n")
    assert "بحسب" in cues.preps and "قال" in cues.verbs and cues.sources == ("المرصد السوري",)


_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوىيةءأإآؤئ0123456789 ,.:()\"«»“”'ـًٌٍَُِّْ\u00a0")
    + ["قال ", "وقالت ", "بحسب ", "وفقا ل", "نقلا عن ", "وكالة ", "صفحة ", "مصادر ", "مصدر ",
       "محلية ", "أمني ", "ناشطون ", "المصدر ", "الوزارة ", "عن ", "إن ", "للمرصد السوري لحقوق الإنسان",
       "شبكة ", "مراسل ", "باسم ", "المتحدث "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=50).map("".join))
def test_claimants_never_raise_and_offsets_are_exact(text):
    for m in find_claimants(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_claimants_never_raise_on_any_text(text):
    for m in find_claimants(text):
        assert text[m.start : m.end] == m.text
