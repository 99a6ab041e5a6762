"""ingest/clean.py: whitespace, page furniture and the title, the author's words untouched."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ingest import clean as clean_module
from marsad.ingest.clean import (
    _ANCHOR_SPAN,
    _END,
    _FOLD_PAIRS,
    _FOOTER_RE,
    _INLINE_TAIL_EXTRA,
    _INTERESTING,
    _LINK_SEP,
    _MIN_SENTENCE_WORDS,
    _SENT_END,
    _WORD,
    CONTENT,
    _classify,
    _few_furniture_words,
    _fold,
    _kept_lines,
    _Line,
    _plain_paragraph,
    _tokens,
    _trim_last_line,
    classify_line,
    clean,
    clean_and_dropped,
    clean_text,
    normalise_whitespace,
    strip_furniture,
)
from marsad.text.language import letter_counts

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


_INVISIBLE = [0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
              *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]


@pytest.mark.parametrize("code", _INVISIBLE)
def test_clean_normalise_whitespace_drops_each_invisible_character(code):
    ch = chr(code)
    assert normalise_whitespace(f"{ch}قصف{ch}{ch} مدفعي{ch}") == "قصف مدفعي"


@pytest.mark.parametrize("code", [0x200A, 0x2010, 0x2065, 0x061B, 0x00AC, 0xFEFE, 0x180D])
def test_clean_normalise_whitespace_keeps_visible_neighbours(code):
    text = f"قصف{chr(code)}مدفعي"
    assert normalise_whitespace(text) == text


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


@pytest.mark.parametrize(
    "line, kind",
    [
        ("تعليقات (3)", "end"),
        ("💬 التعليقات [12]", "end"),
        ("أضاف في تعليق له أن القصف استمر ساعات.", "content"),
        # A long line thick with buttons is furniture; one menu word in a sentence is not.
        (("شارك فيسبوك تويتر واتساب تلغرام طباعة إرسال البريد الإلكتروني شارك فيسبوك تويتر"
          " واتساب تلغرام طباعة"), "furniture"),
        (("وقال المتحدث في مؤتمر صحفي عقده اليوم إن الأخبار الواردة من المنطقة تشير إلى مقتل"
          " 12 مدنيا وإصابة 30 آخرين في القصف."), "content"),
        ("2017 - 08 - 26", "furniture"),
        ("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22", "furniture"),
        ("وقع الانفجار في عام 2013 . وقتل فيه 3 أشخاص .", "content"),
        ("بلغت النسبة 3 . 2 في المائة خلال العام الماضي بحسب تقرير رسمي صدر اليوم", "short"),
        ("( )", "furniture"),
    ],
)
def test_clean_classify_line_counts_words_and_sentence_ends(line, kind):
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line, ends",
    [
        ("قتل ثلاثة. وجرح آخرون!", [".", "!"]),
        ("هل انتهى القصف؟» سأل أحدهم…", ["؟»", "…"]),
        ("في عام 2013 . وبعده", ["."]),
        ("النسبة 3 . 2 و 26 . 08 . 2017", []),
        ("النسبة 3.2 والرقم 5. ثم", ["."]),
        ("انتهى...\"", ['...\"']),
    ],
)
def test_clean_sentence_ends(line, ends):
    assert _SENT_END.findall(line) == ends


# The patterns as first written (every position tried): the factored ones
# above must find the very same spans.
_SENT_END_PLAIN = re.compile(r"(?:(?<!\d)(?<!\d )[.!?؟…]+|[.!?؟…]+(?!\s?\d))[\"'»”’)\]]*(?=\s|$)")
_LINK_SEP_PLAIN = re.compile(r"\s[|•·»]\s|(?<!\d)\s/\s(?!\d)")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(". !?؟…1٣\n\t\"'»)]|•/قa")), max_size=40))
def test_clean_factored_patterns_find_the_same_spans(text):
    for fast, plain in ((_SENT_END, _SENT_END_PLAIN), (_LINK_SEP, _LINK_SEP_PLAIN)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


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




# Fast paths against the plain references they replace ---------------------------------

_FOLD_ALPHABET = st.sampled_from(
    list("أإآاىيةهقصفAZaz19٣ \n\t") + [a for a, _ in _FOLD_PAIRS] + ["\u0130", "\u03a3", "\u212a", "ß"]
)


def _fold_chain(text: str) -> str:
    for a, b in _FOLD_PAIRS:
        text = text.replace(a, b)
    return text.lower()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_FOLD_ALPHABET, max_size=90))
def test_clean_fold_table_and_chain_agree(text):
    # Short texts take str.translate, long ones the chain of replacements.
    assert _fold(text) == _fold_chain(text)


# Report words, and furniture words, end markers, digits and punctuation
# among them: lines near every threshold of the rules.
_WORDS = st.one_of(
    st.sampled_from(["قصف", "مدفعي", "على", "البلدة", "في", "المدينة", "وقال", "مصدر", "إن", "الطيران"]),
    st.sampled_from(
        ["أخبار", "الأخبار", "سياسة", "شارك", "فيسبوك", "تويتر", "طباعة", "الأكثر", "قراءة", "جميع",
         "الحقوق", "محفوظة", "اقرأ", "أيضاً", "تعليقات", "2017", "12", "٣", "(3)", "|", ":", ".", "،",
         "—", "الرئيسية", "بحث", "البحث", "بحثا", "home", "News"]
    ),
)
_LONGISH = st.one_of(
    st.lists(_WORDS, max_size=8), st.lists(_WORDS, min_size=15, max_size=45)
).map(" ".join)


def _few_exact(toks, inter, chars):
    counts = [toks.count(t) for t in inter]
    bound = sum(n * _ANCHOR_SPAN.get(t, len(t) + 1) for n, t in zip(counts, inter))
    return bound < 0.5 * chars and sum(counts) < 0.6 * len(toks)


@settings(max_examples=300, deadline=None)
@given(_LONGISH)
def test_clean_few_furniture_words_bound_gives_the_exact_answer(line):
    folded = _fold(line)
    toks = folded.split()
    inter = _INTERESTING.intersection(toks)
    chars = len("".join(toks))
    assert _few_furniture_words(folded, toks, inter, chars) == _few_exact(toks, inter, chars)


@settings(max_examples=300, deadline=None)
@given(_LONGISH, st.booleans())
def test_clean_plain_paragraph_is_content(line, comments):
    folded = _fold(line)
    if _plain_paragraph(line, folded, folded.split(), comments):
        assert _classify(_Line(line)) == CONTENT


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LONGISH, _LINES), max_size=12))
def test_clean_kept_lines_same_without_the_plain_paragraph_shortcut(lines):
    page = "\n".join(lines)
    fast = _kept_lines(lines, page)
    with mock.patch.object(clean_module, "_plain_paragraph", lambda *args: False):
        assert _kept_lines(lines, page) == fast


def _trim_last_line_plain(lines):
    """_trim_last_line as first written: every sentence end's window folded."""
    if not lines:
        return lines
    last = lines[-1]
    for m in _SENT_END.finditer(last):
        toks = _tokens(last[m.end() : m.end() + 60])
        if (
            toks
            and (_END.match_at(toks, 0) or _INLINE_TAIL_EXTRA.match_at(toks, 0))
            and len(_WORD.findall(last[: m.start()])) >= _MIN_SENTENCE_WORDS
        ):
            return lines[:-1] + [last[: m.end()]]
    m = _FOOTER_RE.search(last)
    if m and m.start() > len(last) - m.start() and len(_WORD.findall(last[: m.start()])) >= 3:
        head = last[: m.start()].rstrip(" -|:،,/")
        return lines[:-1] + [head]
    return lines


_PIECES = st.sampled_from(
    [S1, S2, S3, "جميع الحقوق محفوظة 2018", "اقرأ أيضاً: عنوان", "«مواضيع ذات صلة»", "الأكثر قراءة",
     "تابعونا على تويتر", "ـــ", "ًٌ", "...", "؟", "!", " ", ":", "Copyright 2019", "كلمات مفتاحية : قصف"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map(" ".join))
def test_clean_trim_last_line_matches_the_plain_reference(last):
    assert _trim_last_line(["سطر", last]) == _trim_last_line_plain(["سطر", last])


_RAW_LINES = st.one_of(_LINES, _LONGISH, st.sampled_from(["\u200bشارك\u200f", "  \t", "\r", "\u2028"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_RAW_LINES, max_size=14), st.sampled_from([None, "", "التهجير", S1]))
def test_clean_and_dropped_share_every_character(lines, title):
    raw = "\n".join(lines)
    text, got_title, dropped = clean_and_dropped(raw, title)
    assert (text, got_title) == clean(raw, title)
    # Cleaning moves characters, whitespace and invisible ones aside, to one
    # text or the other: the letters of the two add up to the page's.
    visible = Counter(ch for ch in raw if not ch.isspace() and normalise_whitespace(ch))
    assert Counter(ch for ch in text + dropped if not ch.isspace()) == visible
    both = letter_counts(text), letter_counts(dropped)
    assert letter_counts(raw) == (both[0][0] + both[1][0], both[0][1] + both[1][1])
