"""ingest/readers.py: every input kind in, Articles or Failures out, never an exception."""
from __future__ import annotations

import gzip
import io
import json
import logging
from datetime import date
from pathlib import Path

import pytest

from marsad import defaults
from marsad.ingest import RawInput, parse_published, read_inputs, read_raw, to_article
from marsad.model import Article, Failure
from marsad.text.language import (
    arabic_letter_count,
    letter_counts,
    sampled_letter_counts,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGE_HTML = FIXTURES / "ingest" / "page.html"

# A short report written for these tests.
TITLE = "سقوط قذائف على سوق شعبي في مدينة ساحلية"
S1 = "قالت مصادر طبية إن ثلاثة مدنيين أصيبوا بجروح صباح اليوم جراء سقوط قذائف على سوق شعبي في المدينة."
S2 = "وأوضحت المصادر أن المصابين نقلوا إلى المستشفى الوطني، وأن حالة أحدهم خطيرة بحسب الأطباء هناك."
REPORT = f"{TITLE}\n{S1}\n\n{S2}\n\nالتعليقات (0)\nالأكثر قراءة\n"
HTML = (
    "<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'><title>{title}</title></head>"
    "<body><nav><a>الرئيسية</a> <a>سياسة</a></nav><article><h1>{title}</h1><p>{s1}</p><p>{s2}</p>"
    "</article><footer>جميع الحقوق محفوظة</footer></body></html>"
).format(title=TITLE, s1=S1, s2=S2)
EN = "The army said on Monday that it had taken control of the town after heavy fighting with the rebels. " * 5
FR = "L'armée a annoncé lundi avoir pris le contrôle de la ville après de violents combats avec les rebelles. " * 5


def _all(paths, **kw) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], **kw))


def _one(path, **kw):
    items = _all([path], **kw)
    assert len(items) == 1, items
    return items[0]


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


# Input kinds --------------------------------------------------------------------------


def test_readers_seed_text_file(seed_page):
    art = _one(seed_page)
    assert isinstance(art, Article)
    assert art.id == "000_28f75ed6b0d49b5e"
    assert art.title == 'داعش يعدم قياديا في ميليشيا "ذراع الأسد" جنوب دمشق (صور)'
    assert art.text.endswith("بحسب وسائل الإعلام الموالية لميليشيا النظام.")
    assert art.raw.startswith(art.title) and "الأكثر قراءة" in art.raw  # raw is what was read
    assert art.language == "ar" and art.published is None


@pytest.mark.parametrize(
    "name, data, expected_id",
    [
        ("report.txt", REPORT, "report"),
        ("report", REPORT, "report"),
        ("report.txt.gz", REPORT, "report"),
        ("page.html", HTML, "page"),
        ("page.htm", HTML, "page"),
        ("page", HTML, "page"),  # sniffed
        ("page.html.gz", HTML, "page"),
        ("reports.jsonl", _jsonl({"id": "r1", "text": REPORT}), "r1"),
        ("reports.jsonl.gz", _jsonl({"id": "r1", "text": REPORT}), "r1"),
        ("reports.ndjson", _jsonl({"id": "r1", "html": HTML}), "r1"),
        ("reports.gz", _jsonl({"id": "r1", "text": REPORT}), "r1"),  # sniffed inside the gzip
        ("reports.json", json.dumps([{"id": "r1", "text": REPORT}], ensure_ascii=False), "r1"),
    ],
)
def test_readers_input_kinds(tmp_path, name, data, expected_id):
    art = _one(_write(tmp_path / name, data))
    assert isinstance(art, Article), art
    assert art.id == expected_id
    assert S1 in art.text and S2 in art.text
    assert "الأكثر قراءة" not in art.text and "الرئيسية" not in art.text
    assert art.title == TITLE and art.text.count(TITLE) == 1


@pytest.mark.parametrize(
    "stdin, kind",
    [
        (io.BytesIO(REPORT.encode("utf-8")), "text"),
        (io.StringIO(REPORT), "text"),
        (io.BytesIO(HTML.encode("utf-8")), "html"),
        (io.BytesIO(_jsonl({"id": "r1", "text": REPORT}, {"id": "r2", "text": REPORT}).encode()), "jsonl"),
        (io.StringIO("\n  " + _jsonl({"id": "r1", "text": REPORT})), "jsonl"),
    ],
)
def test_readers_stdin(stdin, kind):
    items = _all(["-"], stdin=stdin)
    assert all(isinstance(x, Article) for x in items), items
    assert [x.id for x in items] == (["r1", "r2"][: len(items)] if kind == "jsonl" else ["stdin"])
    assert all(S1 in x.text for x in items)


def test_readers_stdin_jsonl_longer_than_the_sniffed_head():
    records = [{"id": f"r{i}", "text": REPORT} for i in range(40)]  # well over 4 KB
    items = _all(["-"], stdin=io.BytesIO(_jsonl(*records).encode("utf-8")))
    assert [x.id for x in items] == [f"r{i}" for i in range(40)]


def test_readers_jsonl_one_bad_line_among_good(tmp_path):
    lines = _jsonl(
        {"id": "good-1", "text": REPORT},
        "{not json",
        {"text": REPORT},  # no id
        {"id": "no-body", "url": "https://example.org/x"},
        ["a", "list"],
        {"id": "bad-type", "text": 42},
        "",
        {"id": "good-2", "html": HTML, "outlet": "موقع", "url": "https://example.org/2"},
    )
    path = _write(tmp_path / "batch.jsonl", lines)
    items = _all([path])
    articles = [x for x in items if isinstance(x, Article)]
    failures = [x for x in items if isinstance(x, Failure)]
    assert [a.id for a in articles] == ["good-1", "good-2"]
    assert articles[1].outlet == "موقع" and articles[1].url == "https://example.org/2"
    assert [(f.id, f.reason) for f in failures] == [
        ("batch.jsonl:2", "not valid JSON (Expecting property name enclosed in double quotes)"),
        ("batch.jsonl:3", "missing id"),
        ("no-body", "neither text nor html"),
        ("batch.jsonl:5", "not a JSON object"),
        ("bad-type", "text is not a string"),
    ]
    assert [f.source for f in failures] == [f"{path}:line {n}" for n in (2, 3, 4, 5, 6)]
    assert all(f.stage == "read" for f in failures)


def test_readers_read_raw_then_to_article(tmp_path):
    path = _write(tmp_path / "report.txt", REPORT)
    (raw,) = list(read_raw([str(path)]))
    assert isinstance(raw, RawInput) and raw.kind == "text" and isinstance(raw.raw, bytes)
    assert raw.source == str(path)
    art = to_article(raw)
    assert isinstance(art, Article) and art.text.startswith(TITLE)


# Robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, stage, reason",
    [
        ("empty.txt", "", "read", "empty input"),
        ("blank.txt", "  \n\n \t\n", "read", "empty input"),
        ("empty.jsonl", "", "read", "empty input"),
        ("nul.txt", b"\x00\x01\x02\x03" * 200, "read", "binary input (not text)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "read", "binary input (not text)"),
        ("english.txt", EN, "clean", "not Arabic (0% Arabic letters)"),
        ("french.txt", FR, "clean", "not Arabic (0% Arabic letters)"),
        ("english.html", f"<html><body><article><p>{EN}</p></article></body></html>", "clean",
         "not Arabic (0% Arabic letters)"),
        ("empty.html", "<html><head><title>x</title></head><body></body></html>", "clean",
         "no main text found in HTML"),
        ("broken.html", "<html><body><div><p><span>", "clean", "no main text found in HTML"),
        ("stub.txt", "الرئيسية\nخبر\n0\n", "clean", "no article text after cleaning"),
        ("numbers.txt", "2018 / 01 / 21 | 12 : 30\n", "clean", "no article text after cleaning"),
        ("furniture.txt", "الأكثر قراءة\nجميع الحقوق محفوظة\n", "clean", "no article text after cleaning"),
    ],
)
def test_readers_robustness(tmp_path, name, data, stage, reason):
    fail = _one(_write(tmp_path / name, data))
    assert isinstance(fail, Failure), fail
    assert (fail.stage, fail.reason) == (stage, reason)
    assert fail.source == str(tmp_path / name)


# A page of 100 characters holds one or two control characters: 1% passes, more is binary.
@pytest.mark.parametrize(
    "controls, binary",
    [(0, False), (1, False), (2, True), (7, True)],
)
def test_readers_control_share_counts_characters_not_bytes(controls, binary):
    text = ("قصف مدفعي " * 10)[: 100 - controls] + "\x01" * controls  # 100 characters, ~190 UTF-8 bytes
    assert len(text) == 100
    got = to_article(RawInput("c", text, "text"))
    assert (isinstance(got, Failure) and got.reason == "binary input (not text)") == binary
    as_bytes = to_article(RawInput("c", text.encode("utf-8"), "text"))
    assert (isinstance(as_bytes, Failure) and as_bytes.reason == "binary input (not text)") == (
        controls > 0.01 * len(text.encode("utf-8"))  # bytes are judged by their own length
    )


def test_readers_lone_surrogates_are_text():
    art = to_article(RawInput("s", f"{S1}\ud800\n{S2}", "text"))
    assert isinstance(art, Article) and S2 in art.text


def _long_page(arabic_line: str) -> str:
    """Over 20,000 characters of symbol 'words' with one Arabic line in the
    gap between the first two stretches the language sample reads."""
    filler = " ".join(["$$"] * 25)
    return "\n".join([filler] * 70 + [arabic_line] + [filler] * 230)


def test_readers_long_text_counts_letters_beyond_the_sample():
    art = to_article(RawInput("long", _long_page(S1), "text"))
    assert isinstance(art, Article), art
    assert len(art.text) > 20000 and S1 in art.text
    # The sample misses the Arabic line: the whole text was counted.
    assert sampled_letter_counts(art.text)[0] < defaults.MIN_ARABIC_LETTERS <= arabic_letter_count(art.text)


@pytest.mark.parametrize(
    "raw",
    [
        REPORT,  # a furniture tail
        f"{TITLE}\n{TITLE}\n{S1}\n{S2} جميع الحقوق محفوظة 2018",  # a title twice, a glued footer
        f"الرئيسية | سياسة | اقتصاد | رياضة\n\u200b{S1}\r\n{S2}\n",
    ],
)
def test_readers_clean_text_letter_counts_are_the_texts(raw):
    # The counts kept for extract are the page's less what cleaning dropped:
    # they must be the clean text's own.
    art = to_article(RawInput("c", raw, "text", title=TITLE))
    assert isinstance(art, Article), art
    assert sampled_letter_counts(art.text) == letter_counts(art.text)


def test_readers_long_text_with_too_few_arabic_letters_fails():
    fail = to_article(RawInput("long", _long_page("قصف " * 10), "text"))
    assert isinstance(fail, Failure)
    assert (fail.stage, fail.reason) == ("clean", "no article text after cleaning")


def test_readers_malformed_html_still_gives_its_text(tmp_path):
    broken = f"<html><head><title>{TITLE}</title><body><div><p>{S1}<p>{S2}<div><span>نص غير <b>مغلق</i>"
    art = _one(_write(tmp_path / "broken.html", broken))
    assert isinstance(art, Article) and S1 in art.text


def test_readers_oversize_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # a sparse 20 MB file of NULs: reading it would say "binary"
        f.truncate(20 * 1024 * 1024)
    fail = _one(path)
    assert isinstance(fail, Failure)
    assert fail.reason == "input too large (20.0 MB > 5.0 MB limit)"


def test_readers_oversize_real_file(tmp_path):
    path = _write(tmp_path / "big.txt", (REPORT * 20000).encode("utf-8")[: 6 * 1024 * 1024])
    fail = _one(path)
    assert isinstance(fail, Failure) and fail.reason == "input too large (6.0 MB > 5.0 MB limit)"


def test_readers_oversize_jsonl_line_skips_that_line_only(tmp_path, monkeypatch):
    monkeypatch.setattr(defaults, "MAX_INPUT_BYTES", 4096)
    big = {"id": "big", "text": REPORT * 20}
    path = _write(tmp_path / "batch.jsonl", _jsonl({"id": "a", "text": REPORT}, big, {"id": "b", "text": REPORT}))
    items = _all([path])
    assert [x.id for x in items] == ["a", "batch.jsonl:2", "b"]
    assert isinstance(items[1], Failure) and items[1].reason.startswith("input too large (")
    assert items[1].source == f"{path}:line 2"


@pytest.mark.parametrize(
    "name, reason",
    [("missing.txt", "cannot read file"), ("folder", "is a directory, not a file")],
)
def test_readers_unreadable_paths(tmp_path, name, reason):
    if name == "folder":
        (tmp_path / name).mkdir()
    fail = _one(tmp_path / name)
    assert isinstance(fail, Failure) and fail.reason.startswith(reason)


def test_readers_truncated_gzip_keeps_what_it_read(tmp_path):
    data = gzip.compress(_jsonl(*[{"id": f"r{i}", "text": REPORT} for i in range(50)]).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _all([path])
    assert isinstance(items[-1], Failure) and items[-1].reason.startswith("cannot read the rest of the file")
    assert all(isinstance(x, Article) for x in items[:-1])


def test_readers_one_bad_file_does_not_stop_the_batch(tmp_path):
    good = _write(tmp_path / "good.txt", REPORT)
    items = _all([tmp_path / "missing.txt", good, _write(tmp_path / "e.txt", "")])
    assert [type(x).__name__ for x in items] == ["Failure", "Article", "Failure"]


# Encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        REPORT.encode("utf-8"),
        b"\xef\xbb\xbf" + REPORT.encode("utf-8"),
        REPORT.encode("cp1256"),
        REPORT.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1256", "utf-16-bom"],
)
def test_readers_encodings(tmp_path, data):
    art = _one(_write(tmp_path / "report.txt", data))
    assert isinstance(art, Article), art
    assert art.text.startswith(TITLE + "\n" + S1)


def test_readers_html_declared_charset(tmp_path):
    page = HTML.replace("charset='utf-8'", "charset='windows-1256'")
    art = _one(_write(tmp_path / "page.html", page.encode("cp1256")))
    assert isinstance(art, Article) and S1 in art.text


# Metadata -----------------------------------------------------------------------------


def test_readers_html_title_and_date_from_the_page():
    art = _one(PAGE_HTML)
    assert isinstance(art, Article)
    assert art.title == "قصف مدفعي يستهدف بلدة في ريف المدينة"
    assert art.published == date(2019, 12, 16)
    assert art.outlet == "موقع الأخبار التجريبي"
    assert art.url == "https://example.org/news/2019/12/16/qasf"
    assert art.text.startswith(art.title + "\n")
    assert "مخاوف السكان" in art.text
    for furniture in ("التعليقات", "تعليق من قارئ", "الأكثر قراءة", "جميع الحقوق", "ملفات تعريف", "اقرأ أيضاً"):
        assert furniture not in art.text


def test_readers_user_values_win_for_files():
    art = _one(PAGE_HTML, published=date(2020, 1, 2), outlet="منفذ المستخدم")
    assert art.published == date(2020, 1, 2) and art.outlet == "منفذ المستخدم"


@pytest.mark.parametrize(
    "record, published, outlet",
    [
        ({"id": "a", "text": REPORT, "published": "2018-03-21", "outlet": "Orient"}, date(2018, 3, 21), "Orient"),
        ({"id": "a", "text": REPORT}, date(2020, 1, 2), "cli"),
        ({"id": "a", "html": HTML, "published": "2018-03-21T10:00:00Z"}, date(2018, 3, 21), "cli"),
    ],
)
def test_readers_jsonl_records_keep_their_own_metadata(tmp_path, record, published, outlet):
    art = _one(_write(tmp_path / "r.jsonl", _jsonl(record)), published=date(2020, 1, 2), outlet="cli")
    assert (art.published, art.outlet) == (published, outlet)


@pytest.mark.parametrize("value", ["2018-13-45", "yesterday", 20180321, ["2018"]])
def test_readers_bad_date_keeps_the_article(tmp_path, caplog, value):
    path = _write(tmp_path / "r.jsonl", _jsonl({"id": "a", "text": REPORT, "published": value}))
    with caplog.at_level(logging.WARNING, logger="marsad.ingest.readers"):
        art = _one(path)
    assert isinstance(art, Article) and art.published is None
    assert "is not a date" in caplog.text and f"{path}:line 1" in caplog.text


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2018-03-21", date(2018, 3, 21)),
        ("2018-03-21T10:00:00Z", date(2018, 3, 21)),
        ("2018-03-21T23:30:00+03:00", date(2018, 3, 21)),
        ("2018-03-21 10:00", date(2018, 3, 21)),
        (date(2018, 3, 21), date(2018, 3, 21)),
        (None, None),
        ("", None),
        ("21/03/2018", None),
    ],
)
def test_readers_parse_published(value, expected):
    assert parse_published(value) == expected


def test_readers_seed_jsonl_inputs(seed_inputs, tmp_path):
    path = _write(tmp_path / "seed.jsonl", _jsonl(*seed_inputs))
    dated, undated = _all([path])
    assert (dated.id, dated.published, dated.outlet) == ("seed", date(2018, 3, 21), "Orient News")
    assert (undated.id, undated.published) == ("seed-undated", None)
    assert dated.text == undated.text
    assert dated.text.endswith("بحسب وسائل الإعلام الموالية لميليشيا النظام.")


def test_readers_real_pages_never_raise(shared_dir, tmp_path):
    """A slice of the unlabeled corpus goes through: every line an Article or a Failure."""
    src = shared_dir / "corpus" / "syria-news-unlabeled.jsonl.gz"
    if not src.exists():
        pytest.skip("corpus not present")
    with gzip.open(src, "rt", encoding="utf-8") as f:
        lines = [next(f) for _ in range(300)]
    path = _write(tmp_path / "slice.jsonl.gz", "".join(lines))
    items = _all([path])
    assert len(items) == 300
    assert all(isinstance(x, (Article, Failure)) for x in items)
    assert sum(isinstance(x, Article) for x in items) >= 295
