"""Lexicons and resolution rules for the date recogniser (see ``dates.py``).

Every word list is written in ordinary Arabic spelling and folded with
``marsad.text.normalise.fold`` at import, so the grammar compares folded
tokens only (أ/إ/آ→ا, ى→ي, ة→ه, Eastern digits → ASCII).

Conventions (CODEBOOK 5; ACLED points week-level dates at mid-week and
month-level dates at the 15th):

* one day: ``start == end``, precision ``day``.
* a night ("الليلة الماضية", "ليلة أمس"): the evening before to the morning of
  publication, ``(p-1, p)``, precision ``day`` — it is under 24 hours.
* "ليل/ليلة + weekday": that weekday; "ليل السبت - الأحد": both days.
* a month: the 15th; "مطلع/أوائل/بداية" the 5th, "منتصف/أواسط" the 15th,
  "أواخر/نهاية" the 25th; precision ``month``.
* part of a year ("أواخر عام 2016"): the 15th of January / June / December,
  precision ``month``; a whole year: 1 Jan .. 31 Dec, precision ``year``.
* "الأسبوع الماضي": the Thursday of the previous Monday–Sunday week (mid-week,
  as ACLED points weeks; the dev gold codes it so), one date, precision ``week``.
* a span of hours ("خلال الـ24 ساعة الماضية", "قبل ساعات") up to a day:
  ``(p-1, p)``, precision ``day``.
* other ranges ("منذ 48 ساعة", "خلال الأيام الماضية", "قبل أكثر من أسبوع")
  take the precision their length gives: one date ``day``, ≤ 14 days
  ``week``, ≤ 93 days ``month``, longer ``year``.
* "قبل N أيام/أسابيع/أشهر": the point N days (7N, 30N) back, precision
  day/week/month; "قبل N سنوات": that whole calendar year (as the coders do);
  "قبل أكثر من X": from X + X/2 back to X back ("قبل أكثر من أسبوع" on
  21 March 2018 → 10–14 March).
* a point relative to the current month or year (the 15th of this month)
  never falls after the publication date: it is clamped to it.
"""
from __future__ import annotations

import math
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from marsad.text.normalise import fold

# A day and month with no year take the year that puts them on or before the
# publication date; a date up to this many days after it still counts as this
# year (a report written just before a dateline, or an announced date).
FUTURE_TOLERANCE_DAYS = 7
# "اليوم الجمعة" / "أمس الخميس" on a page dated a day or two later: the weekday
# wins, since pages often go up (or get their URL date) after they were written.
# A bigger gap is more likely a wrong weekday, and the relative word wins.
WEEKDAY_LAG_DAYS = 2
# Day of the month used for "early / middle / late" and for a bare month.
EARLY_DAY, MID_DAY, LATE_DAY = 5, 15, 25
PART_DAY = {"early": EARLY_DAY, "mid": MID_DAY, "late": LATE_DAY}
# Month used for "early / middle / late" of a year (its 15th).
PART_MONTH = {"early": 1, "mid": 6, "late": 12}
# Days after the week's Monday for "early / middle / late" of a week; mid = Thursday.
PART_WEEKDAY = {"early": 1, "mid": 3, "late": 5}
# "قبل أيام" / "منذ أيام": a few days ago, from a week back to two days back.
FEW_DAYS = (7, 2)
# "خلال الأيام الماضية": the last week, not counting the publication day (as the dev gold codes it).
RECENT_DAYS = 7

Resolved = tuple[date, date, str]


def _w(*words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _table(pairs: list[tuple[str, object]]) -> dict[str, list[tuple[tuple[str, ...], object]]]:
    """First token → [(remaining tokens, value)], longest first."""
    out: dict[str, list[tuple[tuple[str, ...], object]]] = {}
    for phrase, value in pairs:
        toks = tuple(fold(phrase).split())
        out.setdefault(toks[0], []).append((toks[1:], value))
    for entries in out.values():
        entries.sort(key=lambda e: -len(e[0]))
    return out


# --- Gregorian months: Levantine/Iraqi, Egyptian/Gulf, Maghrebi spellings ---
MONTHS = _table([
    ("كانون الثاني", 1), ("كانون ثاني", 1), ("يناير", 1), ("جانفي", 1),
    ("شباط", 2), ("فبراير", 2), ("فيفري", 2),
    ("آذار", 3), ("مارس", 3),
    ("نيسان", 4), ("أبريل", 4), ("إبريل", 4), ("أفريل", 4),
    ("أيار", 5), ("مايو", 5),
    ("حزيران", 6), ("يونيو", 6), ("يونيه", 6), ("جوان", 6),
    ("تموز", 7), ("يوليو", 7), ("يوليه", 7), ("جويلية", 7),
    ("آب", 8), ("أغسطس", 8), ("أوت", 8),
    ("أيلول", 9), ("سبتمبر", 9),
    ("تشرين الأول", 10), ("تشرين أول", 10), ("أكتوبر", 10),
    ("تشرين الثاني", 11), ("تشرين ثاني", 11), ("نوفمبر", 11),
    ("كانون الأول", 12), ("كانون أول", 12), ("ديسمبر", 12),
])

HIJRI_MONTHS = _table([
    ("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع أول", 3),
    ("ربيع الثاني", 4), ("ربيع الآخر", 4), ("جمادى الأولى", 5), ("جمادى الأول", 5),
    ("جمادى الثانية", 6), ("جمادى الآخرة", 6), ("جمادى الآخر", 6), ("رجب", 7),
    ("شعبان", 8), ("رمضان", 9), ("شوال", 10), ("ذو القعدة", 11), ("ذي القعدة", 11),
    ("ذو الحجة", 12), ("ذي الحجة", 12),
])
# Hijri months that are also ordinary words or names: only with a year.
WEAK_HIJRI = {1, 2}
HIJRI_MARK = _w("هـ", "ه", "هجري", "هجرية", "للهجرة")
HIJRI_YEARS = (1343, 1500)  # the range hijridate converts (Umm al-Qura)

# Python's weekday(): Monday = 0.
WEEKDAYS = {fold(w): n for w, n in [
    ("الاثنين", 0), ("الإثنين", 0), ("الأثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2),
    ("الثلثاء", 1), ("الخميس", 3), ("الجمعة", 4), ("السبت", 5), ("الأحد", 6),
]}

# Parts of the day; only the night ones change the resolved date.
DAYPARTS = _table([
    ("فجر", "day"), ("قبيل فجر", "day"), ("صباح", "day"), ("صبيحة", "day"),
    ("ظهر", "day"), ("ظهيرة", "day"), ("عصر", "day"), ("مساء", "day"),
    ("نهار", "day"), ("ليل", "night"), ("ليلة", "night"),
    ("منتصف ليل", "midnight"), ("منتصف ليلة", "midnight"),
])
DAYPART_SUFFIX = _w("صباحا", "صباحاً", "مساء", "مساءا", "مساءً", "ظهرا", "عصرا", "فجرا", "ليلا")

TODAY = fold("اليوم")
TOMORROW = _w("غدا", "غداً", "غد")
# "الاثنين" is also "the two": "كلا الاثنين", "الاثنين معا".
NOT_WEEKDAY_BEFORE = _w("كلا", "بين", "أحد")
NOT_WEEKDAY_AFTER = _w("معا", "معاً")
YESTERDAY = _w("أمس", "الأمس", "البارحة")
# "اليوم" after these words is not today: "روسيا اليوم" and "المصري اليوم" are
# outlets, "ذلك اليوم" / "نفس اليوم" is a day of the story.
NOT_TODAY_BEFORE = _w("روسيا", "المصري", "أخبار", "ذلك", "نفس", "ذات", "ذاك", "هذا", "مثل", "صحف")

PAST = _w("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة",
          "المنقضي", "الأخير", "الأخيرة")
THIS = _w("الجاري", "الجارية", "الحالي", "الحالية")
FUTURE = _w("المقبل", "المقبلة", "القادم", "القادمة", "التالي", "التالية", "المقبلين", "القادمين")
BEFORE = fold("قبل")
THIS_DEM = _w("هذا", "هذه")

PARTS = _table([
    ("مطلع", "early"), ("بداية", "early"), ("بدايات", "early"), ("أوائل", "early"),
    ("مستهل", "early"), ("منتصف", "mid"), ("أواسط", "mid"), ("وسط", "mid"),
    ("أواخر", "late"), ("نهاية", "late"), ("نهايات", "late"), ("ختام", "late"),
])
MONTH_WORD = _w("شهر")
THE_MONTH = _w("الشهر")
THE_WEEK = _w("الأسبوع")
THE_YEAR = _w("العام", "السنة")
YEAR_WORD = _w("عام", "العام", "سنة", "السنة")
# A bare month or year is a date only after one of these (مارس is also a verb,
# آب also "father"): "في آذار", "خلال 2016", "منذ أيار".
BARE_PREV = _w("في", "وفي", "خلال", "وخلال", "منذ", "ومنذ", "حتى", "وحتى", "قبل", "وقبل",
               "بعد", "وبعد", "مطلع", "أواخر", "أوائل", "منتصف", "نهاية", "بداية", "بحلول")
GREG_MARK = _w("م", "ميلادي", "ميلادية")
AGREEING = _w("الموافق", "الموافقة")
RANGE_SEP = _w("-", "و", "إلى", "حتى", "–")

# Day ordinals: "السابع والعشرين من تشرين الثاني".
_UNITS_ORD = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]


def _ordinals() -> list[tuple[str, int]]:
    out = [(w, n) for n, w in enumerate(_UNITS_ORD, 1)] + [("العاشر", 10), ("أول", 1), ("غرة", 1)]
    out += [("الحادي عشر", 11)] + [(f"{w} عشر", n + 10) for n, w in enumerate(_UNITS_ORD, 1) if n > 1]
    for tens, base in (("العشرين", 20), ("العشرون", 20), ("الثلاثين", 30), ("الثلاثون", 30)):
        out.append((tens, base))
        for n, w in enumerate(["الحادي"] + _UNITS_ORD[1:], 1):
            if base + n <= 31:
                out.append((f"{w} و{tens}", base + n))
                out.append((f"{w} و {tens}", base + n))
    return out


ORDINAL_DAYS = _table(_ordinals())

NUMBER_WORDS = {fold(w): n for w, n in [
    ("واحد", 1), ("ثلاث", 3), ("ثلاثة", 3), ("أربع", 4), ("أربعة", 4), ("خمس", 5), ("خمسة", 5),
    ("ست", 6), ("ستة", 6), ("سبع", 7), ("سبعة", 7), ("ثماني", 8), ("ثمانية", 8), ("ثمان", 8),
    ("تسع", 9), ("تسعة", 9), ("عشر", 10), ("عشرة", 10),
]}
VAGUE_COUNT = _w("بضع", "بضعة", "عدة")
# Time units: (unit, count implied by the form; None for a bare plural).
UNITS = {fold(w): v for w, v in [
    ("يوم", ("d", 1)), ("يوما", ("d", 1)), ("أيام", ("d", None)), ("يومين", ("d", 2)), ("يومان", ("d", 2)),
    ("ساعة", ("h", 1)), ("ساعات", ("h", None)), ("ساعتين", ("h", 2)), ("ساعتان", ("h", 2)),
    ("أسبوع", ("w", 1)), ("أسبوعا", ("w", 1)), ("أسابيع", ("w", None)), ("أسبوعين", ("w", 2)),
    ("أسبوعان", ("w", 2)), ("شهر", ("m", 1)), ("شهرا", ("m", 1)), ("أشهر", ("m", None)),
    ("شهور", ("m", None)), ("شهرين", ("m", 2)), ("شهران", ("m", 2)), ("عام", ("y", 1)), ("عاما", ("y", 1)),
    ("أعوام", ("y", None)), ("سنة", ("y", 1)), ("سنوات", ("y", None)), ("سنين", ("y", None)),
    ("عامين", ("y", 2)), ("عامان", ("y", 2)), ("سنتين", ("y", 2)), ("سنتان", ("y", 2)),
]}
UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# Quantity hedges after منذ/قبل: "قبل أكثر من أسبوع", "منذ نحو عشرة أيام".
HEDGES = _table([
    ("نحو", "about"), ("حوالي", "about"), ("حوالى", "about"), ("قرابة", "about"), ("زهاء", "about"),
    ("ما يقارب", "about"), ("ما يقرب من", "about"), ("أكثر من", "more"), ("ما يزيد عن", "more"),
    ("ما يزيد على", "more"), ("ما لا يقل عن", "more"), ("ما يربو على", "more"), ("أقل من", "less"),
])
# "خلال الساعات الماضية", "في الأيام الأخيرة", "طوال الأسابيع الماضية".
RECENT_LEAD = _table([("خلال", 1), ("طوال", 1), ("طيلة", 1), ("على مدى", 1), ("على مدار", 1)])
RECENT_PLURAL = {fold(w): v for w, v in [
    ("الساعات", "h"), ("الأيام", "d"), ("الأسابيع", "w"), ("الأشهر", "m"), ("الشهور", "m"),
    ("اليومين", "d2"),
]}
FEW = fold("القليلة")
RECENT_PAST = _w("الماضية", "الأخيرة", "المنصرمة", "الفائتة", "السابقة", "الماضيين", "الأخيرين")


# ---------------------------------------------------------------- resolution


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def span_precision(start: date, end: date) -> str:
    """The precision a range of this length carries (see the module docstring)."""
    days = (end - start).days
    if days == 0:
        return "day"
    if days <= 14:
        return "week"
    if days <= 93:
        return "month"
    return "year"


def clamp(point: date, p: date) -> date:
    """A point in the publication's own month (or week) never lies after it."""
    return min(point, p)


def clamp_month(point: date, p: date) -> date:
    if point > p and (point.year, point.month) == (p.year, p.month):
        return p
    return point


def last_weekday(p: date, wd: int, back: int = 0) -> date:
    """The most recent weekday ``wd`` on or before ``p``; ``back`` more weeks back.

    ``back`` is 1 for "الأربعاء الماضي": strictly before ``p`` (a week back when
    ``p`` is itself a Wednesday).
    """
    delta = (p.weekday() - wd) % 7
    if back:
        delta = (delta or 7) + 7 * (back - 1)
    return p - timedelta(days=delta)


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def year_for_day(m: int, d: int, p: date) -> int | None:
    """The year putting day ``d`` of month ``m`` on or before ``p`` (plus tolerance)."""
    y = p.year
    probe = safe_date(y, m, min(d, 28 if m == 2 else d))
    if probe is None:
        return None
    if probe > p + timedelta(days=FUTURE_TOLERANCE_DAYS):
        y -= 1
    return y


def year_for_month(m: int, p: date, past: bool = False) -> int:
    """The year of a month named without one: this year if it has begun, else last.

    ``past`` ("مايو الماضي") makes the current month mean last year's.
    """
    if m < p.month or (m == p.month and not past):
        return p.year
    return p.year - 1


def hijri_to_date(y: int, m: int, d: int) -> date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def hijri_year_for(m: int, d: int, p: date) -> int | None:
    """The Hijri year that puts Hijri day ``d`` of month ``m`` on or before ``p``."""
    try:
        hy = Gregorian(p.year, p.month, p.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
    g = hijri_to_date(hy, m, d)
    if g is not None and g > p + timedelta(days=FUTURE_TOLERANCE_DAYS):
        hy -= 1
    return hy


def ago(p: date, unit: str, n: int | None, hedge: str | None) -> Resolved | None:
    """"قبل/منذ N <unit>" against publication date ``p``."""
    if unit == "h":
        hours = n if n is not None else 12  # "قبل ساعات": within the last day
        if hedge == "more":
            hours = int(hours * 1.5)
        days = max(1, math.ceil(hours / 24))
        start = p - timedelta(days=days)
        return start, p, "day" if days <= 1 else span_precision(start, p)
    if n is None:
        if unit == "d":  # "قبل أيام", "منذ بضعة أيام"
            s, e = p - timedelta(days=FEW_DAYS[0]), p - timedelta(days=FEW_DAYS[1])
            return s, e, "week"
        return None  # "منذ سنوات", "قبل أشهر": too vague to place
    if unit == "y":
        lo = p.year - n
        if hedge == "more":
            return date(lo - max(1, math.ceil(n / 2)), 1, 1), date(lo, 12, 31), "year"
        if hedge == "less":
            return date(lo, 1, 1), p, "year"
        return date(lo, 1, 1), date(lo, 12, 31), "year"
    days = n * UNIT_DAYS[unit]
    point = p - timedelta(days=days)
    if hedge == "more":
        start = point - timedelta(days=max(1, math.ceil(days / 2)))
        return start, point, span_precision(start, point)
    if hedge == "less":
        return point, p, span_precision(point, p)
    precision = {"d": "day", "w": "week", "m": "month"}[unit]
    if hedge == "about" and unit == "d" and n > 2:
        precision = "week"
    return point, point, precision


def recent(p: date, unit: str, n: int | None) -> Resolved | None:
    """"خلال الـN <unit> الماضية" / "خلال الأيام الماضية": ranges ending on ``p``."""
    if unit == "h":
        days = max(1, math.ceil((n or 24) / 24))
        start = p - timedelta(days=days)
        return start, p, "day" if days <= 1 else span_precision(start, p)
    if unit == "d2":
        return p - timedelta(days=2), p - timedelta(days=1), "week"
    if unit == "d":
        days = n or RECENT_DAYS
        return p - timedelta(days=days), p - timedelta(days=1), span_precision(p - timedelta(days=days), p)
    span = {"w": 28, "m": 180}.get(unit)
    if span is None:
        return None
    if n:
        span = n * UNIT_DAYS[unit]
    start = p - timedelta(days=span)
    return start, p - timedelta(days=1), span_precision(start, p)


def week_point(p: date, back: int, part: str | None) -> Resolved:
    """A day of the Monday-based week ``back`` weeks before ``p``'s (mid-week by default)."""
    monday = p - timedelta(days=p.weekday() + 7 * back)
    if back == 0 and part is None:  # "هذا الأسبوع": the days so far
        return monday, p, "week"
    point = monday + timedelta(days=PART_WEEKDAY[part or "mid"])
    point = clamp(point, p)
    return point, point, "week"


def month_point(y: int, m: int, part: str | None, p: date | None) -> Resolved | None:
    point = safe_date(y, m, PART_DAY[part or "mid"])
    if point is None:
        return None
    if p is not None:
        point = clamp_month(point, p)
    return point, point, "month"


def year_point(y: int, part: str | None, p: date | None) -> Resolved | None:
    if part is None:
        end = date(y, 12, 31)
        if p is not None and date(y, 1, 1) <= p < end:
            end = p
        return date(y, 1, 1), end, "year"
    point = date(y, PART_MONTH[part], 15)
    if p is not None:
        point = clamp_month(point, p)
    return point, point, "month"

# ------------------------------------------------------------ reading tokens
# The grammar in dates.py reads folded tokens through these helpers.

MIN, AL = fold("من"), fold("ال")
YEAR_WORDS = YEAR_WORD | _w("لعام", "للعام")
DATE_SEPS = ("/", "-", ".")
DROP = object()  # a resolver's answer for "this is about the future": no mention


class Stream:
    """Tokens of the normalised text; the first token may be read without its clitics."""

    __slots__ = ("toks", "n", "i0", "first", "prep")

    def __init__(self, toks: list[str]) -> None:
        self.toks, self.n = toks, len(toks)
        self.i0, self.first, self.prep = -1, "", False

    def at(self, k: int) -> str:
        if k == self.i0:
            return self.first
        return self.toks[k] if 0 <= k < self.n else ""


def read_int(tok: str, lo: int, hi: int, maxlen: int) -> int | None:
    if tok.isdecimal() and len(tok) <= maxlen:
        v = int(tok)
        if lo <= v <= hi:
            return v
    return None


def phrase(s: Stream, k: int, table: dict) -> tuple[int, object] | None:
    for rest, value in table.get(s.at(k), ()):
        j = k + 1
        for t in rest:  # a loop, not all(...): a generator per try costs more than the test
            if s.at(j) != t:
                break
            j += 1
        else:
            return j, value
    return None


def read_day(s: Stream, k: int) -> tuple[int, int] | None:
    t = s.at(k)
    v = read_int(t, 1, 31, 2)
    if v:
        return k + 1, v
    if t == AL and (v := read_int(s.at(k + 1), 1, 31, 2)):  # "الـ15 من آذار"
        return k + 2, v
    return phrase(s, k, ORDINAL_DAYS)  # type: ignore[return-value]


def read_month(s: Stream, k: int) -> tuple[int, int, bool] | None:
    """A month name, or both names of one month ("شباط / فبراير", "تموز (يوليو)")."""
    r = phrase(s, k, MONTHS)
    if not r:
        return None
    j, m = r
    opened = s.at(j) == "("
    jj = j + 1 if s.at(j) in ("/", "-", "(", ",") else j
    r2 = phrase(s, jj, MONTHS)
    if r2 and r2[1] == m:
        j2 = r2[0]
        if opened:
            if s.at(j2) != ")":
                return j, m, False  # type: ignore[return-value]
            j2 += 1
        return j2, m, True  # type: ignore[return-value]
    return j, m, False  # type: ignore[return-value]


def read_year4(s: Stream, k: int) -> tuple[int, int] | None:
    t = s.at(k)
    if len(t) != 4:
        return None
    y = read_int(t, 1900, 2100, 4)
    if y is None:
        return None
    k += 1
    if s.at(k) in GREG_MARK:
        k += 1
    return k, y


def rel_mod(s: Stream, k: int) -> tuple[int, str] | None:
    t = s.at(k)
    if t in PAST:
        return k + 1, "past"
    if t == BEFORE and s.at(k + 1) in PAST:
        return k + 2, "past2"
    if t in THIS:
        return k + 1, "this"
    if t in FUTURE:
        return k + 1, "future"
    return None


def year_spec(s: Stream, k: int) -> tuple[int, tuple[str, object]] | None:
    """What follows a month: "2018", "عام 2018", "العام الماضي", "الماضي", "الجاري"…"""
    j = k
    if s.at(j) in (",", "/", "-") and (read_year4(s, j + 1) or s.at(j + 1) in YEAR_WORDS):
        j += 1
    if s.at(j) == MIN:
        j += 1
    w = j + 1 if s.at(j) in YEAR_WORDS else j
    y = read_year4(s, w)
    if y:
        return y[0], ("year", y[1])
    if s.at(j) in THE_YEAR and (m := rel_mod(s, j + 1)):
        return m[0], ("rel", m[1])
    if s.at(j) in THIS_DEM and s.at(j + 1) in THE_YEAR:
        return j + 2, ("rel", "this")
    if j == k and (m := rel_mod(s, k)):
        return m[0], ("mod", m[1])
    return None


def year_of(spec: tuple[str, object] | None, month: int, day: int | None, p: date | None) -> int | None:
    """Resolve the year of a day/month from what followed it; None when unknowable."""
    if spec and spec[0] == "year":
        return spec[1]  # type: ignore[return-value]
    if p is None:
        return None
    if spec is None:
        return year_for_day(month, day, p) if day else year_for_month(month, p)
    kind, what = spec
    if kind == "rel":
        return p.year - {"past": 1, "past2": 2, "this": 0}[what]  # type: ignore[index]
    if what == "this":
        return p.year
    if day:  # "12 مايو الماضي": the last 12 May before publication
        cand = safe_date(p.year, month, day)
        return p.year if cand is not None and cand <= p else p.year - 1
    return year_for_month(month, p, past=True)


def not_future(got: Resolved | None, p: date | None) -> Resolved | None | object:
    """Drop a date inferred from the publication date that lands well after it."""
    if got is not None and p is not None and got[0] > p + timedelta(days=FUTURE_TOLERANCE_DAYS):
        return DROP
    return got


def is_future(spec: tuple[str, object] | None) -> bool:
    return bool(spec) and spec[1] == "future"  # type: ignore[index]



def day_range(y: int, m: int, d1: int, d2: int | None) -> Resolved | None:
    a = safe_date(y, m, d1)
    b = safe_date(y, m, d2) if d2 else a
    return (a, b, "day") if a and b else None




def read_count(s: Stream, j: int) -> tuple[int, int | None, bool]:
    """A count before a unit: digits, a number word, or "بضعة/عدة" (vague)."""
    t = s.at(j)
    v = read_int(t, 1, 999, 3)
    if v:
        return j + 1, v, False
    if t in NUMBER_WORDS:
        return j + 1, NUMBER_WORDS[t], False
    if t in VAGUE_COUNT:
        return j + 1, None, True
    return j, None, False
