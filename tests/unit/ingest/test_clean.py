"""ingest/clean.py: whitespace, page furniture and the title, the author's words untouched."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ingest.clean import (
    classify_line,
    clean,
    clean_text,
    normalise_whitespace,
    strip_furniture,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED_TITLE = 'داعش يعدم قياديا في ميليشيا "ذراع الأسد" جنوب دمشق (صور)'

# Sentences written for these tests.
S1 = "قالت مصادر طبية إن ثلاثة مدنيين أصيبوا بجروح صباح اليوم جراء سقوط قذائف على سوق شعبي في المدينة."
S2 = "وأوضحت المصادر أن المصابين نقلوا إلى المستشفى الوطني، وأن حالة أحدهم خطيرة بحسب الأطباء هناك."
S3 = "وأدانت فعاليات محلية القصف، وطالبت بتحييد الأسواق والأحياء السكنية عن المعارك الدائرة في المنطقة."
S4 = "وكانت البلدة قد شهدت اشتباكات متقطعة خلال الأسبوع الماضي بين الفصائل المسلحة وقوات الحكومة."


@pytest.fixture(scope="module")
def seed_clean(seed_page) -> tuple[str, str | None]:
    return clean(seed_page.read_text("utf-8"))


# The seed page ------------------------------------------------------------------


def test_clean_seed_starts_with_the_title_once(seed_clean):
    text, title = seed_clean
    assert title == SEED_TITLE
    assert text.startswith(SEED_TITLE + "\n")
    assert text.count(SEED_TITLE) == 1


def test_clean_seed_ends_with_the_last_sentence(seed_clean):
    assert seed_clean[0].endswith("بحسب وسائل الإعلام الموالية لميليشيا النظام.")


@pytest.mark.parametrize("furniture", ["التعليقات (0)", "الأكثر قراءة", "💡 أهم المواضيع", "✨ أهم التصنيفات"])
def test_clean_seed_cuts_the_furniture(seed_clean, furniture):
    assert furniture not in seed_clean[0]
    assert "\n0" not in seed_clean[0]


def test_clean_seed_keeps_every_paragraph_and_subhead(seed_page, seed_clean):
    raw = seed_page.read_text("utf-8")
    body = raw[: raw.index("التعليقات (0)")]
    kept = seed_clean[0].split("\n")
    for line in body.split("\n"):
        if line.strip():
            assert line.rstrip() in kept
    assert "التهجير" in kept
    assert "تعاون النظام وتنظيم داعش" in kept


def test_clean_seed_keeps_the_authors_spacing(seed_clean):
    # The page has a no-break space and a space inside a sentence: kept as written.
    assert "جنوب دمشق\u00a0 خرجت" in seed_clean[0]


# Whitespace -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("سطر أول\r\nسطر ثان", "سطر أول\nسطر ثان"),
        ("سطر أول\rسطر ثان", "سطر أول\nسطر ثان"),
        ("سطر أول   \nسطر ثان\t", "سطر أول\nسطر ثان"),
        ("سطر أول\n\n\n\n\nسطر ثان", "سطر أول\n\nسطر ثان"),
        ("سطر \u200bأول\u200f\ufeff", "سطر أول"),
        ("\n\n  سطر أول  \n\n", "سطر أول"),
        ("كلمتان  بينهما فراغان", "كلمتان  بينهما فراغان"),
    ],
)
def test_clean_normalise_whitespace(raw, expected):
    assert normalise_whitespace(raw) == expected


# Furniture ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("", "blank"),
        (S1, "content"),
        ("التهجير", "short"),
        ("سقوط قذائف على سوق شعبي في مدينة ساحلية", "short"),
        ("0", "furniture"),
        ("شارك", "furniture"),
        ("تابعونا على فيسبوك", "furniture"),
        ("الرئيسية أخبار سياسة اقتصاد رياضة", "furniture"),
        ("أخبار | سياسة | اقتصاد | رياضة", "furniture"),
        ("نستخدم ملفات تعريف الارتباط لتحسين تجربتك", "furniture"),
        ("اقرأ أيضاً: عنوان مقال آخر", "furniture"),
        ("💡 أهم المواضيع", "end"),
        ("التعليقات (0)", "end"),
        ("الأكثر قراءة", "end"),
        ("مواضيع ذات صلة", "end"),
        ("الوسوم: قصف، سوق", "end"),
        ("جميع الحقوق محفوظة © 2024", "end"),
    ],
)
def test_clean_classify_line(line, kind):
    assert classify_line(line) == kind


def test_clean_furniture_page_fixture():
    raw = (FIXTURES / "ingest" / "furniture_page.txt").read_text("utf-8")
    text, title = clean(raw)
    assert title == "سقوط قذائف على سوق شعبي في مدينة ساحلية"
    lines = text.split("\n")
    assert lines[0] == title and text.count(title) == 1
    assert "ردود الفعل" in lines  # a sub-head between paragraphs is content
    assert lines[-1].startswith("وأدانت فعاليات محلية القصف")
    for furniture in ("الرئيسية", "فيسبوك", "اقرأ أيضاً", "الوسوم", "التعليقات", "الأكثر قراءة",
                      "عنوان خبر أول", "جميع الحقوق", "ملفات تعريف الارتباط", "تخطي"):
        assert furniture not in text


@pytest.mark.parametrize(
    "sentence",
    [
        "شارك عشرات المقاتلين في الهجوم على البلدة، بحسب ما قال ناشطون على تويتر وفيسبوك.",
        "قال ناشطون إن آخر الأخبار الواردة من البلدة تشير إلى مقتل مدنيين في القصف.",
        "وأعلنت الوزارة في بيان نشرته على موقعها أن التعليقات على القرار ستنشر لاحقاً.",
        "وذكرت الصحيفة الأكثر قراءة في البلاد أن المفاوضات توقفت منذ يومين.",
    ],
)
@pytest.mark.parametrize("position", [0, 1, 2])
def test_clean_never_cuts_a_sentence_with_furniture_words(sentence, position):
    lines = [S1, S2, S3]
    lines.insert(position, sentence)
    raw = "\n\n".join(lines)
    assert sentence in clean_text(raw)


def test_clean_keeps_the_report_after_a_related_box_in_the_middle():
    raw = "\n".join([S1, "أخبار ذات صلة", "عنوان خبر آخر في الصندوق", S2, S3, S4])
    text = clean_text(raw)
    for sentence in (S1, S2, S3, S4):
        assert sentence in text
    assert "أخبار ذات صلة" not in text


def test_clean_cuts_everything_after_an_end_marker_at_the_end():
    tail = ["مواضيع ذات صلة", "وقالت مصادر إن الطيران الحربي شن غارات على مواقع في ريف المحافظة الشمالي."]
    text = clean_text("\n".join([S1, S2, S3, *tail]))
    assert text.endswith(S3)


@pytest.mark.parametrize(
    "footer",
    ["جميع الحقوق محفوظة 2018 موقع الأخبار", "مواضيع ذات صلة عنوان آخر عنوان ثالث", "كلمات مفتاحية : قصف , سوق"],
)
def test_clean_cuts_a_footer_glued_to_the_last_line(footer):
    raw = S1 + "\n" + S2 + " " + S3 + " " + footer
    text = clean_text(raw)
    assert text.endswith(S3)


def test_clean_cuts_a_trailing_list_of_headlines():
    heads = ["عنوان خبر أول عن موضوع مختلف تماما", "عنوان خبر ثان عن حدث آخر في مكان بعيد",
             "عنوان خبر ثالث عن قضية أخرى لا صلة لها"]
    assert clean_text("\n".join([S1, S2, S3, *heads])).endswith(S3)
    # A single short line after the report (a source line) stays.
    assert clean_text("\n".join([S1, S2, "المصدر: وكالات"])).endswith("المصدر: وكالات")


@pytest.mark.parametrize(
    "raw",
    ["", "\n\n", "الرئيسية\nأخبار | سياسة | اقتصاد\nجميع الحقوق محفوظة", "0\n💡 أهم المواضيع"],
)
def test_clean_furniture_only_gives_empty_text(raw):
    assert clean(raw) == ("", None)


# Title ----------------------------------------------------------------------------


def test_clean_given_title_appears_once():
    title = "سقوط قذائف على سوق شعبي"
    text, got = clean("\n".join([title, title, S1, S2]), title=title)
    assert got == title
    assert text == "\n".join([title, S1, S2])


def test_clean_given_title_not_in_text_leaves_text_alone():
    text, got = clean("\n".join([S1, S2]), title="عنوان من البيانات الوصفية")
    assert got == "عنوان من البيانات الوصفية"
    assert text == "\n".join([S1, S2])


@pytest.mark.parametrize(
    "first, title",
    [
        ("سقوط قذائف على سوق شعبي", "سقوط قذائف على سوق شعبي"),
        ("هل تتوقف المعارك في الشمال؟", "هل تتوقف المعارك في الشمال؟"),
        (S4, None),  # a sentence is no headline
    ],
)
def test_clean_infers_the_title_from_a_headline_first_line(first, title):
    assert clean("\n".join([first, S1, S2]))[1] == title


# Invariants -------------------------------------------------------------------------

_LINES = st.sampled_from(
    [S1, S2, S3, S4, "", "التهجير", "0", "شارك", "الأكثر قراءة", "التعليقات (2)",
     "الرئيسية أخبار سياسة", "جميع الحقوق محفوظة", "اقرأ أيضاً: عنوان", "  مسافات  ",
     "عنوان خبر في قائمة الروابط الجانبية"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=14))
def test_clean_output_lines_are_input_lines_in_order(lines):
    raw = "\n".join(lines)
    source = normalise_whitespace(raw).split("\n")
    out = [line for line in clean_text(raw).split("\n") if line]
    it = iter(source)
    for line in out:
        # Each kept line is an input line (the last may lose a glued footer), in order.
        assert any(src == line or src.startswith(line) for src in it)


def test_clean_strip_furniture_matches_clean_without_title(seed_page):
    raw = seed_page.read_text("utf-8")
    assert strip_furniture(raw).endswith("بحسب وسائل الإعلام الموالية لميليشيا النظام.")
    assert "الأكثر قراءة" not in strip_furniture(raw)


