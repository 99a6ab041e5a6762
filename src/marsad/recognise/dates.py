"""The date recogniser: Arabic date expressions → ``Mention(kind="date")``.

It reads the normalised view of the text token by token (words, digit runs and
single punctuation marks) with a small hand-written grammar, so one pass finds
absolute dates in both month-name systems ("15 آذار 2018", "السبت 20 أغسطس /
آب", "السابع والعشرين من تشرين الثاني", "15/3/2018"), Hijri dates ("15 رجب
1439 هـ"), and relative ones resolved against the publication date ("فجر
اليوم الاثنين", "أمس", "الأربعاء الماضي", "قبل أكثر من أسبوع", "منتصف كانون
الأول العام الماضي"). At each token the longest expression wins, so mentions
never overlap. Expressions about the future ("الأيام المقبلة", "الشهر القادم")
are read and dropped. A relative expression without a publication date keeps
its text with ``start``/``end``/``precision`` None: never guess.

The conventions for points and precisions are in ``_date_rules``' docstring.
dateparser is not used: the grammar covers what it parses, plus the Levantine
months and vague forms it misses, at a fraction of its cost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import compress
from typing import Callable

from marsad.model import DateValue, Mention
from marsad.text.normalise import Normalised, clitic_variants, fold, normalise
from marsad.text.numbers import digit_strings

from . import _date_rules as R
from ._date_rules import (
    AL, DATE_SEPS, DROP, MIN, YEAR_WORDS, Stream, day_range, is_future, not_future, phrase, read_count,
    read_day, read_int, read_month, read_year4, rel_mod, year_of, year_spec,
)

# Tokens of the normalised text: digit runs, letter runs, single other marks, as a
# capturing split (blank, token, blank, ..., blank): plain strings, no match objects;
# offsets are rebuilt from the running lengths. Letter runs are tried first: most
# tokens are words, and the three kinds cannot start with the same character.
_TOK_SPLIT = re.compile(r"([^\W\d_]+|\d+|[^\w\s])")
# A decimal digit other than 0-9 (the normaliser maps Arabic-Indic and Persian ones).
_OTHER_DIGIT = re.compile(r"[^\D0-9]")
_DIGITS = "0123456789"
_CLITICS = "وفبلك"
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.-]+@[\w.-]+")

Resolver = Callable[[date | None], "R.Resolved | None"]

YAWM, AWWAL, MUNDHU, LAST = (fold(w) for w in ("يوم", "أول", "منذ", "آخر"))
FIRST_OF = fold("الأول")
NIGHT_DEF = fold("الليلة")
NIGHT_RANGE_SEP = R._w("على", "إلى", "-", "/", "و")
MIDNIGHT = fold("منتصف")
_AB = fold("آب")
NOT_TODAY_AFTER = (R.PAST | R.FUTURE | R._w("العالمي", "الوطني", "الدولي", "العربي", "الأول", "الموعود",
                   "الموالي", "المشهود", "الواحد", "الآخر") | set(R.ORDINAL_DAYS))


@dataclass(frozen=True)
class _Hit:
    end: int  # token index just after the expression
    resolve: Resolver | None  # None: a future expression, read and dropped
    weekday: int | None = None  # a weekday also named, to check the date against
    confidence: float = 1.0


# ------------------------------------------------------------------ absolute


def _abs(s: Stream, k: int) -> tuple[int, Resolver | None] | None:
    """Day + month (+ year): "15 آذار 2018", "10 - 11 كانون الأول", "15/3/2018"."""
    d = read_day(s, k)
    if not d:
        return None
    j, day = d
    if s.at(j) in DATE_SEPS:  # numeric: 15/3/2018, 15-03-2018
        sep, mm = s.at(j), read_int(s.at(j + 1), 1, 12, 2)
        if mm and s.at(j + 2) == sep and (y := read_year4(s, j + 3)) and s.at(k).isdecimal():
            return y[0], lambda p, yy=y[1], m=mm: day_range(yy, m, day, None)
    day2 = None
    if s.at(j) in R.RANGE_SEP and (d2 := read_day(s, j + 1)) and d2[1] > day:
        j, day2 = d2
    if s.at(j) == MIN:
        j += 1
    if s.at(j) in R.MONTH_WORD:
        j += 1
    if s.at(j) in DATE_SEPS and s.at(j + 1) not in DATE_SEPS:  # "27 / أغسطس / 2017"
        j += 1
    m = read_month(s, j)
    if not m:
        return None
    j, month, _ = m
    spec = None
    ys = year_spec(s, j)
    if ys:
        j, spec = ys
    if is_future(spec):
        return j, None

    def resolve(p: date | None) -> R.Resolved | None:
        y = year_of(spec, month, day, p)
        got = None if y is None else day_range(y, month, day, day2)
        return got if spec and spec[0] == "year" else not_future(got, p)

    return j, resolve


def _p_iso(s: Stream, k: int) -> _Hit | None:
    """2018-03-15, 2018/3/15."""
    y = read_int(s.at(k), 1900, 2100, 4)
    sep = s.at(k + 1)
    if y is None or len(s.at(k)) != 4 or sep not in DATE_SEPS or s.at(k + 3) != sep:
        return None
    m, d = read_int(s.at(k + 2), 1, 12, 2), read_int(s.at(k + 4), 1, 31, 2)
    if not (m and d):
        return None
    return _Hit(k + 5, lambda p: day_range(y, m, d, None))


def _p_hijri(s: Stream, k: int) -> _Hit | None:
    """"15 رجب 1439 هـ", "رمضان 1438", optionally "… الموافق 1 نيسان 2018"."""
    j, day = k, None
    d = read_day(s, k)
    if d:
        j, day = d
        if s.at(j) == MIN:
            j += 1
    hm = phrase(s, j, R.HIJRI_MONTHS)
    if not hm:
        return None
    j, month = hm
    year = read_int(s.at(j), R.HIJRI_YEARS[0] - 100, R.HIJRI_YEARS[1], 4)
    if year:
        j += 1
        if s.at(j) in R.HIJRI_MARK:
            j += 1
    elif day is None or month in R.WEAK_HIJRI:
        return None
    jj = j + 1 if s.at(j) == "," else j
    if s.at(jj) in R.AGREEING and (g := _abs(s, jj + 1)):  # the Gregorian date given beside it
        return _Hit(g[0], g[1])

    def resolve(p: date | None) -> R.Resolved | None:
        y = year or (R.hijri_year_for(month, day, p) if p else None)  # type: ignore[arg-type]
        g = R.hijri_to_date(y, month, day or 15) if y else None  # type: ignore[arg-type]
        return (g, g, "day" if day else "month") if g else None

    return _Hit(j, resolve)


# ------------------------------------------------------------------ days


def _p_day(s: Stream, k: int) -> _Hit | None:
    """[part of day] [يوم] [اليوم|أمس|أول أمس] [(weekday [الماضي])] [date]."""
    k0, part, rel, wd, back = k, None, None, None, 0
    if r := phrase(s, k, R.DAYPARTS):
        k, part = r
    if s.at(k) == YAWM:
        k += 1
    t = s.at(k)
    if t in R.TOMORROW:  # "غدا الأحد": about the future, read and dropped
        j = k + 1
        return _Hit(j + 1 if s.at(j) in R.WEEKDAYS else j, None)
    if t == R.TODAY:
        if s.at(k0 - 1) in R.NOT_TODAY_BEFORE or s.at(k + 1) in NOT_TODAY_AFTER:
            return None
        rel, k = 0, k + 1
    elif t in R.YESTERDAY:
        rel, k = 1, k + 1
        if s.at(k) == FIRST_OF:  # "أمس الأول"
            rel, k = 2, k + 1
    elif t == AWWAL and s.at(k + 1) in R.YESTERDAY:
        rel, k = 2, k + 2
    elif t == AWWAL and s.at(k + 1) == MIN and s.at(k + 2) in R.YESTERDAY:
        rel, k = 2, k + 3
    elif t == R.BEFORE and s.at(k + 1) in R.YESTERDAY:
        rel, k = 2, k + 2
    j = k + 1 if s.at(k) == "(" else k
    if s.at(j) == YAWM and rel is not None:
        j += 1
    if s.at(j) in R.WEEKDAYS:
        if j == k0 and (s.at(j - 1) in R.NOT_WEEKDAY_BEFORE or s.at(j + 1) in R.NOT_WEEKDAY_AFTER):
            return None  # "كلا الاثنين", "الاثنين معا": "both"
        wd, j = R.WEEKDAYS[s.at(j)], j + 1
        if m := rel_mod(s, j):
            j, mod = m
            if mod == "future":
                return _Hit(j, None)
            back = {"past": 1, "past2": 2}.get(mod, 0)
        if s.at(k) == "(":
            if s.at(j) == ")":
                k = j + 1
            else:
                wd = None
        else:
            k = j
    wd2 = None
    if wd is not None and part in ("night", "midnight"):  # "ليل السبت - الأحد"
        jj = k + 1 if s.at(k) in NIGHT_RANGE_SEP else k
        if s.at(jj) in R.WEEKDAYS and (R.WEEKDAYS[s.at(jj)] - wd) % 7 == 1:
            wd2, k = R.WEEKDAYS[s.at(jj)], jj + 1
    if s.at(k) in R.DAYPART_SUFFIX:
        k += 1
    # An explicit date after the head wins: "الاثنين 15 أغسطس / آب", "اليوم الأربعاء 27 ديسمبر".
    j = k + 1 if s.at(k) == "," else k
    if s.at(j) in R.AGREEING:
        j += 1
    if s.at(j) == YAWM:
        j += 1
    a = _abs(s, j)
    if a:
        end = a[0] + (1 if s.at(a[0]) in R.DAYPART_SUFFIX else 0)
        return _Hit(end, a[1], weekday=wd)
    if rel is None and wd is None:
        return None

    def resolve(p: date | None) -> R.Resolved | None:
        if p is None:
            return None
        if rel is not None:
            day = p - timedelta(days=rel)
            if wd is not None and 0 < (day.weekday() - wd) % 7 <= R.WEEKDAY_LAG_DAYS:
                # "اليوم (الجمعة)" on a Saturday page: written a day before it went up
                day = R.last_weekday(day, wd)
            if part == "night" and rel == 1:  # "ليلة أمس": from yesterday evening
                return day, p, "day"
            if part == "midnight" and rel == 1:  # "منتصف ليل أمس": this morning
                return p, p, "day"
            return day, day, "day"
        day = R.last_weekday(p, wd, back)  # type: ignore[arg-type]
        if wd2 is not None:
            end = R.last_weekday(p, wd2, back)
            return end - timedelta(days=1), end, "day"
        return day, day, "day"

    return _Hit(k, resolve, confidence=0.8 if wd is not None and rel is not None else 1.0)


def _p_night(s: Stream, k: int) -> _Hit | None:
    """"الليلة الماضية/الفائتة", "الليلة قبل الماضية", "منتصف الليلة الماضية"."""
    k0 = k
    mid = s.at(k) == MIDNIGHT
    if mid:
        k += 1
    if s.at(k) != NIGHT_DEF:
        return None
    m = rel_mod(s, k + 1)
    if not m or m[1] not in ("past", "past2"):
        return None
    back = 1 if m[1] == "past" else 2
    if k0 == k and s.at(k + 1) == fold("السابقة"):
        return None  # "الليلة السابقة": the night before some day of the story

    def resolve(p: date | None) -> R.Resolved | None:
        if p is None:
            return None
        later = p - timedelta(days=back - 1)
        return (later, later, "day") if mid else (later - timedelta(days=1), later, "day")

    return _Hit(m[0], resolve)


# ------------------------------------------------------------------ periods


def _p_period(s: Stream, k: int) -> _Hit | None:
    """Months, years, weeks, with "early/mid/late": "أواخر عام 2016", "الشهر الماضي"."""
    k0, part, shahr = k, None, False
    if r := phrase(s, k, R.PARTS):
        k, part = r
    if s.at(k) in R.MONTH_WORD:
        k, shahr = k + 1, True
    m = read_month(s, k)
    if m:
        j, month, dual = m
        spec = None
        if ys := year_spec(s, j):
            j, spec = ys
        context = part or shahr or dual or s.prep or s.at(k0 - 1) in R.BARE_PREV
        if spec is None and not context:
            return None  # a bare "مارس" may be the verb, "آب" the word for father
        if is_future(spec):
            return _Hit(j, None)

        def resolve_month(p: date | None) -> R.Resolved | None:
            y = year_of(spec, month, None, p)
            got = None if y is None else R.month_point(y, month, part, p)
            return got if spec and spec[0] == "year" else not_future(got, p)

        return _Hit(j, resolve_month)
    if shahr:
        return None
    w = k + 1 if s.at(k) in YEAR_WORDS else k
    y = read_year4(s, w)
    if y and (w > k or part or s.prep or s.at(k0 - 1) in R.BARE_PREV):
        return _Hit(y[0], lambda p, yy=y[1]: R.year_point(yy, part, p))
    # the relative month / week / year
    t = s.at(k)
    if t in R.THIS_DEM and s.at(k + 1) in (R.THE_MONTH | R.THE_WEEK | R.THE_YEAR):
        unit, j, mod = s.at(k + 1), k + 2, "this"
    elif t in (R.THE_MONTH | R.THE_WEEK | R.THE_YEAR):
        mm = rel_mod(s, k + 1)
        if mm:
            j, mod = mm
        elif part:
            j, mod = k + 1, "this"
        else:
            return None
        unit = t
    else:
        return None
    if mod == "future":
        return _Hit(j, None)
    back = {"past": 1, "past2": 2, "this": 0}[mod]

    def resolve(p: date | None) -> R.Resolved | None:
        if p is None:
            return None
        if unit in R.THE_WEEK:
            return R.week_point(p, back, part)
        if unit in R.THE_YEAR:
            return not_future(R.year_point(p.year - back, part, p), p)  # "نهاية العام" in March
        yy, mo = R.add_months(p.year, p.month, -back)
        if back == 0 and part is None:  # "هذا الشهر": the days so far
            return date(yy, mo, 1), p, "month"
        return R.month_point(yy, mo, part, p)

    return _Hit(j, resolve)


# ------------------------------------------------------------------ spans of time


def _p_ago(s: Stream, k: int) -> _Hit | None:
    """"منذ يومين", "قبل ثلاثة أيام", "منذ 48 ساعة", "قبل أكثر من أسبوع", "قبل أيام"."""
    if s.at(k) not in (MUNDHU, R.BEFORE):
        return None
    j, hedge = k + 1, None
    if h := phrase(s, j, R.HEDGES):
        j, hedge = h
    j, n, vague = read_count(s, j)
    u = R.UNITS.get(s.at(j))
    if not u:
        return None
    unit, implied = u
    if n is None and not vague:
        n = implied
        # "منذ عام 2011", "منذ يوم الجمعة": the unit word begins another date.
        if implied is not None and (_p_day(s, j) or _p_period(s, j)):
            return None
    if n is None and unit not in ("d", "h"):
        return None  # "منذ سنوات", "قبل أشهر": too vague to place
    return _Hit(j + 1, lambda p: R.ago(p, unit, n, hedge) if p else None)


def _p_recent(s: Stream, k: int) -> _Hit | None:
    """"خلال الساعات الماضية", "الأيام الأخيرة", "خلال الـ24 ساعة الماضية", "آخر 24 ساعة"."""
    j = k
    if lead := phrase(s, j, R.RECENT_LEAD):
        j = lead[0]
    t = s.at(j)
    if t in R.RECENT_PLURAL:
        unit, n, j = R.RECENT_PLURAL[t], None, j + 1
        if s.at(j) == R.FEW:
            j += 1
    elif t in (AL, LAST):
        jj = j + 2 if s.at(j + 1) == "-" else j + 1
        jj, n, vague = read_count(s, jj)
        u = R.UNITS.get(s.at(jj))
        if n is None or not u:
            return None
        unit, j = u[0], jj + 1
    else:
        return None
    if s.at(j) in R.FUTURE:
        return _Hit(j + 1, None)
    if s.at(j) in R.RECENT_PAST:
        j += 1
    elif t != LAST:
        return None
    return _Hit(j, lambda p: R.recent(p, unit, n) if p else None)


_PARSERS = (_p_day, _p_period, _p_ago, _p_recent, _p_night, _p_hijri, _p_iso)
# The first words each parser can start at ("digit": a number), read off the
# tables its first step looks in. Most candidate words are numbers, "على" (of
# "على مدى") or "هذا", and most parsers cannot start there, so they are not tried.
_STARTS: dict[Callable, frozenset[str]] = {
    # part of day, "يوم", today / yesterday / tomorrow, a weekday, or a day number (_abs)
    _p_day: frozenset({"digit", AL, YAWM, AWWAL, R.TODAY, R.BEFORE, *R.DAYPARTS, *R.TOMORROW,
                       *R.YESTERDAY, *R.WEEKDAYS, *R.ORDINAL_DAYS}),
    # early/mid/late, "شهر", a month, "عام 2016", "هذا الشهر", "الشهر الماضي"
    _p_period: frozenset({"digit", *R.PARTS, *R.MONTH_WORD, *R.MONTHS, *YEAR_WORDS, *R.THIS_DEM,
                          *R.THE_MONTH, *R.THE_WEEK, *R.THE_YEAR}),
    _p_ago: frozenset({MUNDHU, R.BEFORE}),
    _p_recent: frozenset({*R.RECENT_LEAD, *R.RECENT_PLURAL, AL, LAST}),
    _p_night: frozenset({MIDNIGHT, NIGHT_DEF}),
    _p_hijri: frozenset({"digit", AL, *R.ORDINAL_DAYS, *R.HIJRI_MONTHS}),
    _p_iso: frozenset({"digit"}),
}


@lru_cache(maxsize=4096)
def _parsers_for(stem: str) -> tuple[Callable, ...]:
    """The parsers that can read an expression starting with ``stem``, in order."""
    key = "digit" if stem[0] in _DIGITS else stem
    return tuple(p for p in _PARSERS if p not in _STARTS or key in _STARTS[p])


def _first_tokens(*tables: object) -> frozenset[str]:
    out: set[str] = set()
    for t in tables:
        out.update(t)  # type: ignore[arg-type]
    return frozenset(out)


_TRIGGERS = _first_tokens(
    R.DAYPARTS, R.WEEKDAYS, R.YESTERDAY, R.PARTS, R.MONTH_WORD, R.MONTHS, R.THE_MONTH, R.THE_WEEK,
    R.THE_YEAR, YEAR_WORDS, R.THIS_DEM, R.HIJRI_MONTHS, R.ORDINAL_DAYS, R.RECENT_LEAD,
    R.RECENT_PLURAL, R.TOMORROW, {R.TODAY, YAWM, AWWAL, R.BEFORE, MUNDHU, AL, LAST, NIGHT_DEF, MIDNIGHT},
)


def _with_clitics(words: frozenset[str]) -> frozenset[str]:
    """Every trigger as it can be written with proclitics ("وبالأمس", "للشهر")."""
    out = set(words)
    for w in words:
        forms = {w} | {p + w for p in "بلك"}
        if w.startswith("ال"):
            forms.add("ل" + w[1:])  # ل + ال is written لل
        out |= forms | {c + f for c in "وف" for f in forms}
    return frozenset(out)


_TRIGGERS_CLITIC = _with_clitics(_TRIGGERS)
# The tokens a date can start with, digits written 0-9 only: a lookup per token in C.
_START_TOKENS = _TRIGGERS_CLITIC | digit_strings(1, 2, 4)



# ------------------------------------------------------------------ public


class _Ends:
    """Where each token ends in the normalised text, worked out on demand.

    Only the tokens at the edges of expressions are asked for, in text order, so
    the running length is carried forward from the last one asked (summed in C)
    instead of being computed for every token of the page.
    """

    __slots__ = ("parts", "k", "pos")

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts  # the token split: token k is parts[2k + 1]
        self.k = self.pos = 0  # self.pos: where token self.k - 1 ends

    def at(self, k: int) -> int:
        if k < self.k - 1:  # asked backwards: count again from the start
            self.k = self.pos = 0
        if k >= self.k:
            self.pos += sum(map(len, self.parts[2 * self.k : 2 * k + 2]))
            self.k = k + 1
        return self.pos


def _start_indexes(toks: list[str], nt: str) -> list[int]:
    """The tokens a date expression can start at: a trigger word, or a number that
    can be a day (one or two digits) or a year (four) and begins with 0-9."""
    if _OTHER_DIGIT.search(nt) is None:
        return list(compress(range(len(toks)), map(_START_TOKENS.__contains__, toks)))
    # "1٢" (a digit the normaliser does not map) is a day too: the set holds 0-9 spellings only
    return [k for k, t in enumerate(toks) if t in _TRIGGERS_CLITIC or (t[0] in _DIGITS and len(t) in (1, 2, 4))]


def find_dates(text: str, published: date | None, norm: Normalised | None = None) -> list[Mention]:
    """Find the date expressions of ``text`` and resolve them against ``published``.

    Returns ``Mention(kind="date")`` objects sorted by start and never
    overlapping, with ``text[m.start:m.end] == m.text`` and ``m.value`` a
    ``DateValue``. Relative expressions with ``published=None``, and day-month
    dates without a year, keep their text with ``start``/``end`` None.
    ``norm`` is ``normalise(text)`` when the caller already has it.
    """
    norm = norm if norm is not None and norm.original == text else normalise(text)
    nt = norm.text
    parts = _TOK_SPLIT.split(nt)
    toks = parts[1::2]
    if _AB in toks:  # "أب" (father) folds to "اب" (August): keep it out
        ends = _Ends(parts)
        for k, t in enumerate(toks):
            if t == _AB and text[norm.source[ends.at(k) - 2]] in "أإ":
                toks[k] = "أب"
    ends = _Ends(parts)
    urls = [m.span() for m in _URL.finditer(nt)] if ("http" in nt or "www" in nt or "@" in nt) else []
    s = Stream(toks)
    out: list[Mention] = []
    i = -1
    starts = _start_indexes(toks, nt)
    for c in starts:
        if c < i:
            continue  # inside the last expression
        i = c
        tok = toks[i]
        best: _Hit | None = None
        best_cut = 0
        for cut, stem in clitic_variants(tok) if tok[0] in _CLITICS else ((0, tok),):
            if not (stem in _TRIGGERS or stem[0] in _DIGITS):
                continue
            clitics = tok[:cut]
            s.i0, s.first, s.prep = i, stem, "ب" in clitics or "ل" in clitics
            for parse in _parsers_for(stem):
                hit = parse(s, i)
                if hit is not None and hit.end > i and (best is None or hit.end > best.end):
                    # "للشهر" was read as ل + الشهر: the span keeps the whole "لل"
                    best, best_cut = hit, cut if tok.endswith(stem) else cut - 1
        s.i0 = -1
        if best is None:
            continue
        a = ends.at(i) - len(tok) + best_cut
        b = ends.at(best.end - 1)
        i = best.end
        if best.resolve is None or any(a < ue and ua < b for ua, ue in urls):
            continue
        start, end = norm.to_original(a, b)
        mention = _mention(text, start, end, best, published)
        if mention is not None:
            out.append(mention)
    return out


def _mention(text: str, start: int, end: int, hit: _Hit, published: date | None) -> Mention | None:
    while end < len(text) and text[end] == "\u0640":  # keep the tatweel of "هـ"
        end += 1
    surface = text[start:end]
    try:
        got = hit.resolve(published) if hit.resolve else None
    except (ValueError, OverflowError):  # a date outside what datetime can hold
        got = None
    if got is DROP:
        return None
    if got is None:
        return Mention("date", start, end, surface, DateValue(None, None, None, surface), 0.5)
    a, b, precision = got
    confidence = hit.confidence
    if hit.weekday is not None and a == b and a.weekday() != hit.weekday:
        confidence = 0.6  # the weekday named does not fall on the date: one of them is wrong
    return Mention("date", start, end, surface, DateValue(a, b, precision, surface), confidence)


# Two reference days far apart: an expression that names the same day against
# both is absolute; one that moves with them is relative ("أمس", "الاثنين").
_PROBE_A = date(2020, 6, 17)
_PROBE_B = date(2021, 2, 3)


def _probe(text: str, ref: date) -> DateValue | None:
    found = find_dates(text, ref)
    return found[0].value if found and found[0].value.end is not None else None


@lru_cache(maxsize=4096)
def month_day(text: str) -> tuple[int, int] | None:
    """The (month, day) a written day names whatever its year ("20 آب"), else None."""
    a, b = _probe(text, _PROBE_A), _probe(text, _PROBE_B)
    if a is None or b is None or a.precision != "day":
        return None
    key = (a.end.month, a.end.day)
    return key if key == (b.end.month, b.end.day) else None


@lru_cache(maxsize=4096)
def relative_age_days(text: str) -> int | None:
    """How many days back a relative expression reaches ("قبل أكثر من أسبوع" → 7),
    whatever the publication date; None for absolute or unreadable expressions."""
    a, b = _probe(text, _PROBE_A), _probe(text, _PROBE_B)
    if a is None or b is None:
        return None
    age_a, age_b = (_PROBE_A - a.end).days, (_PROBE_B - b.end).days
    return age_a if abs(age_a - age_b) <= 3 else None


def resolve_relative(mentions: list[Mention], reference: date) -> list[Mention]:
    """Mentions found without a reference day, resolved against one.

    Only unresolved mentions are read again, each on its own words, which is
    much cheaper than reading the whole text a second time.
    """
    out = []
    for m in mentions:
        if m.value.start is None:
            again = _read_alone(m.text, reference)
            if again is not None:
                m = Mention(m.kind, m.start, m.end, m.text, again.value, again.confidence)
        out.append(m)
    return out


@lru_cache(maxsize=4096)
def _read_alone(text: str, reference: date) -> Mention | None:
    """The date ``text`` names on its own against ``reference``, when it reads whole.
    Kept: a report says "أمس" or "اليوم" many times."""
    found = find_dates(text, reference)
    return found[0] if found and found[0].start == 0 and found[0].end == len(text) else None
