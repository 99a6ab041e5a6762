"""Quantities: every count a report writes, in digits or words, with its hedge.

``find_quantities`` returns ``Mention(kind="quantity", value=Quantity(n, q))``
for digits (ASCII, Arabic-Indic, Persian, with thousands separators), number
words (``marsad.text.numbers``), vague counts (عشرات، مئات، عدة، العديد من)
and a few dual nouns of people ("شخصين" is two people). It does not decide
what is counted: "7 كيلومترات" is returned too, and the casualty coder reads
the noun after the span. It skips what is not a count: years, dates, times,
percentages and the numbers that name a unit or a model (اللواء 137، عيار 23،
سوخوي 22، F-16).

Vague counts follow CODEBOOK 6: several = 3, tens (عشرات) = 12, hundreds = 100.
Two choices of ours, since the codebook has no word for them:
- a vague word before a scale multiplies it: "عشرات الآلاف" = 12,000 (tens),
  "مئات الآلاف" = 100,000 (hundreds), "عدة آلاف" = 3,000 (several);
- "آلاف"/"الآلاف" alone is 1,000 with qualifier ``at_least`` (ACLED's lowest
  credible reading of "thousands"); "ملايين" likewise 1,000,000.

Hedges before the number (نحو، حوالي، أكثر من، ما لا يقل عن …) are part of the
span. "على الأقل"/"تقريبا" right after the number join the span too; after
the counted noun ("سبعة أشخاص على الأقل") they set the qualifier but the span
stays on the number, so the noun still follows it.

Speed: the text is split into tokens once (shared with the claimant
recogniser, ``token_bounds``); a set look-up per token finds where a count can
start, and only there do the rules run.
Scraped text spaces out decimals ("4 . 6 درجات"): "D . D" is read as one
decimal, so the rare "قتل 5 . 3 آخرون" across a full stop is lost.
"""
from __future__ import annotations

import re
from itertools import compress, count

from ..model import Mention, Quantity
from ..text.normalise import Normalised, fold, normalise
from ..text.numbers import NUMBER_WORDS, PROCLITICS, SCALES, digit_strings, parse_digits, parse_folded
from ..text.scan import split_tokens

# Tokens of the normalised text: Arabic words (first: the commonest), digit
# groups (with thousands separators or a decimal part), Latin words, or one
# other character.
_ARABIC = "[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]"
_TOKEN = re.compile(
    _ARABIC + r"+"
    r"|[0-9]+(?:[,٬][0-9]{3})+(?![0-9])(?:[.٫][0-9]+)?"
    r"|[0-9]+(?:[.٫][0-9]+)?"
    r"|[a-z]+"
    r"|\S"
)
# The same tokens, for the split in ``token_bounds``: every token begins with a
# non-space, so the pattern takes that first character with one class and a
# look-behind tells which kind it began. ``re`` then skips the blanks in C
# instead of trying five alternatives at each one (a third faster).
_TOKEN_FAST = (
    r"\S(?:(?<=" + _ARABIC + r")" + _ARABIC + r"*"
    r"|(?<=[0-9])[0-9]*(?:[,٬][0-9]{3})+(?![0-9])(?:[.٫][0-9]+)?"
    r"|(?<=[0-9])[0-9]*(?:[.٫][0-9]+)?"
    r"|(?<=[a-z])[a-z]*"
    r"|)"
)
# Dates (15/3/2018, 2018-03-15) and clock times (21:30, "21 : 30 : 00").
_DATE_TIME = re.compile(
    r"(?<![0-9])[0-9]{1,4}\s*[/.\-]\s*[0-9]{1,2}\s*[/.\-]\s*[0-9]{1,4}(?![0-9])"
    r"|(?<![0-9])[0-9]{1,2}\s*/\s*[0-9]{1,2}(?![0-9])"
    r"|(?<![0-9])[0-9]{1,2}\s*:\s*[0-9]{2}(?:\s*:\s*[0-9]{2})?(?![0-9])"
)
# What every date or time above holds: a cheap test before the full pattern.
_DIGIT_SEP_DIGIT = re.compile(r"[0-9]\s*[/.\-:]\s*[0-9]")


# Harakat, tatweel and Quranic marks after a letter (normalisation drops them).
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]*")


def _folds(*words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _with_article(words: frozenset[str]) -> frozenset[str]:
    return words | frozenset("ال" + w for w in words)


_MONTHS = _folds(
    "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين",
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
    "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    "جانفي", "فيفري", "أفريل", "جوان", "جويلية", "أوت",
    "محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان", "رمضان", "شوال",
)
# A number right after these names a unit, a model, an article or an hour.
_NAMING = _with_article(_folds(
    "لواء", "فرقة", "فوج", "كتيبة", "فيلق", "عيار", "رقم", "مادة", "قرار", "بند", "فقرة",
    "ساعة", "دقيقة", "جولة", "صفحة", "حلقة", "نسخة", "دورة", "موسم", "عدد",
)) | _folds("سوخوي", "سو", "ميغ", "ميج", "طراز", "إف", "اف", "تي", "إس", "اس", "بي", "ام")
# Digits right after these are a year or a day of the month.
_YEAR_OR_DAY = _folds("عام", "العام", "عامي", "سنة", "السنة", "يوم")
_ERA = _folds("ه", "هـ", "م", "هجري", "هجرية", "للهجرة", "ميلادي", "ميلادية", "للميلاد")
_PERCENT = _folds("%", "٪", "بالمئة", "بالمائة", "بالميه")
_HUNDRED_NOUNS = _folds("المئة", "المائة")
_ORDINALS = _folds(
    "حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع",
)
_TEN_WORDS = _folds("عشر", "عشرة")
_TWO = _folds("اثنين", "اثنان", "اثنتين", "اثنتان")
# "أحد" after these is "no one"/"any one"/a Sunday, not a count.
_NOT_ONE_BEFORE = _folds("لا", "أي", "يوم", "صباح", "مساء")
_ONE_OF = _folds("أحد", "إحدى")

# Vague counts: key -> (value, qualifier). Scale words after a vague
# multiplier multiply it (see the module docstring).
_VAGUE_BASE = {
    fold("عشرات"): (12, "tens"),
    fold("مئات"): (100, "hundreds"),
    fold("آلاف"): (1000, "at_least"),
    fold("ألوف"): (1000, "at_least"),
    fold("ملايين"): (1_000_000, "at_least"),
    fold("عدة"): (3, "several"),
    fold("بضعة"): (3, "several"),
    fold("بضع"): (3, "several"),
}
_SEVERAL_OF = _folds("عدد", "عددا", "العديد", "عديد")  # need a following من
_SEVERAL_OF_ADJ = _folds("كبير", "كبيرا", "آخر", "اخر")
_OF = _folds("من", "منهم", "منها", "منهما")
_VAGUE_SCALE = {fold("مئات"): 100, fold("آلاف"): 1000, fold("ألوف"): 1000, fold("ملايين"): 1_000_000}
_VAGUE_SCALE.update({"ال" + k: v for k, v in list(_VAGUE_SCALE.items())})

# Dual nouns of people and bodies: two people. Plurals that look like duals
# (مدنيين، مسلحين، مقاتلين، عسكريين، إرهابيين) are left out on purpose.
_DUAL_BASE = _folds(
    "شخصين", "شخصان", "طفلين", "طفلان", "طفلتين", "طفلتان", "عنصرين", "عنصران",
    "جنديين", "جنديان", "قتيلين", "قتيلان", "جريحين", "جريحان", "رجلين", "رجلان",
    "امرأتين", "امرأتان", "سيدتين", "فتاتين", "شقيقين", "شقيقان", "شابين", "شابان",
    "ضابطين", "ضابطان", "شهيدين", "شهيدان", "جثتين", "جثتان", "رهينتين",
)

# Hedges. Longest first so "ما يزيد عن" wins over "يزيد عن".
_ABOUT = ("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "يقارب", "ما يقرب من",
          "يقرب من", "ما يناهز", "يناهز", "تقريبا")
_AT_LEAST = ("أكثر من", "ما لا يقل عن", "لا يقل عن", "أزيد من", "ما يزيد عن", "ما يزيد على",
             "يزيد عن", "يزيد على", "ما يربو على", "يربو على", "ما يفوق", "يفوق")
_HEDGE = {fold(p): "about" for p in _ABOUT} | {fold(p): "at_least" for p in _AT_LEAST}


def _alternation(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_PREFIX = re.compile(
    r"(?:^|(?<=[\s\"'(«]))(?:[وف]?[بل]?)(?P<q>" + _alternation(_HEDGE) + r")\s*$"
)
# The last words of the hedges: the text before a hedged number ends with one.
_HEDGE_ENDS = tuple(sorted({p.split()[-1] for p in _HEDGE}))
_AFTER_HEDGE = {fold("على الأقل"): "at_least", fold("على أقل تقدير"): "at_least",
                fold("تقريبا"): "about", fold("أو أكثر"): "at_least"}
_SUFFIX = re.compile(r"\s*(?P<q>" + _alternation(_AFTER_HEDGE) + r")(?![\u0621-\u064a])")
_SUFFIX_AFTER_NOUN = re.compile(
    r"\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?\s+(?P<q>"
    + _alternation(k for k in _AFTER_HEDGE if not k.startswith("او")) + r")(?![\u0621-\u064a])"
)


def _clitic_forms(stems, article: bool) -> dict[str, tuple[int, str]]:
    """Every folded spelling of ``stems`` with proclitics (and ال when asked)
    -> (cut, stem): cut is how many leading letters are proclitics."""
    out: dict[str, tuple[int, str]] = {}
    stems = sorted(stems)  # a set's order changes with the hash seed; the output must not
    bases = [(s, s) for s in stems]
    if article:
        bases += [("ال" + s, s) for s in stems]
    # A word that is itself a stem reads as that stem ("واحد" is one, not و + "احد"):
    # bare forms first, so a clitic reading never takes their place.
    for form, stem in bases:
        out.setdefault(form, (0, stem))
    for form, stem in bases:
        for p in PROCLITICS:
            if p.endswith("ل") and form.startswith("ال"):
                out.setdefault(p + form[1:], (len(p), stem))  # لل: ل + ال
            else:
                out.setdefault(p + form, (len(p), stem))
    return out


_NUM_FIRST = {k: v for k, v in _clitic_forms(NUMBER_WORDS, article=False).items()
              if k not in _folds("لست", "ولست", "فلست")}
_VAGUE = _clitic_forms(list(_VAGUE_BASE) + list(_SEVERAL_OF - _folds("العديد")), article=True)
_VAGUE.update(_clitic_forms([fold("العديد")], article=False))
_DUALS = _clitic_forms(_DUAL_BASE, article=True)
_STRIP = _clitic_forms(_NAMING | _YEAR_OR_DAY | _MONTHS | _NOT_ONE_BEFORE, article=False)


def _stem(tok: str) -> str:
    """A context word without its proclitics (لعام → عام)."""
    hit = _STRIP.get(tok)
    return hit[1] if hit else tok


def _is_digit(tok: str) -> bool:
    return tok[:1].isdigit()


class _Scan:
    """One pass over one text; holds the tokens so the rules stay short."""

    def __init__(self, text: str, norm: Normalised, out: list[Mention]) -> None:
        self.text = text
        self.norm = norm
        self.starts, self.ends, self.toks = token_bounds(norm)
        self.out = out

    # --- context -------------------------------------------------------
    def tok(self, i: int) -> str:
        return self.toks[i] if 0 <= i < len(self.toks) else ""

    def in_date_or_time(self, i: int) -> bool:
        a = self.starts[i]
        # Every date or time holds a digit, a separator and a digit: most windows have none.
        if _DIGIT_SEP_DIGIT.search(self.norm.text, max(0, a - 24), a + 24) is None:
            return False
        for m in _DATE_TIME.finditer(self.norm.text, max(0, a - 24), a + 24):
            if m.start() <= a < m.end():
                return True
        return False

    def names_something(self, i: int) -> bool:
        """The number at token i names a unit, model or hour (اللواء 137، F-16)."""
        prev = self.tok(i - 1)
        if prev in ("-", "–") and i >= 2:
            p2 = self.tok(i - 2)
            return p2.isascii() and p2.isalpha() or _stem(p2) in _NAMING
        if prev.isascii() and prev.isalpha():
            touching = self.ends[i - 1] == self.starts[i]
            return touching or len(prev) <= 3
        return _stem(prev) in _NAMING

    def followed_by_month(self, j: int) -> bool:
        nxt = _stem(self.tok(j))
        if nxt in _MONTHS:
            return True
        return nxt == "من" and (_stem(self.tok(j + 1)) in _MONTHS or self.tok(j + 1) == fold("الشهر"))

    def percent(self, j: int) -> bool:
        nxt = self.tok(j)
        return nxt in _PERCENT or (nxt == "في" and self.tok(j + 1) in _HUNDRED_NOUNS)

    # --- output --------------------------------------------------------
    def emit(self, a: int, b: int, value: int, qualifier: str, confidence: float, hedge: bool = True) -> None:
        """Add a mention for normalised span [a, b), reading hedges around it."""
        if hedge:
            a, b, qualifier = self.hedge(a, b, qualifier)
        start, end = self.norm.to_original(a, b)
        end = _MARKS.match(self.text, end).end()  # the last letter's harakat belong to it
        self.out.append(Mention("quantity", start, end, self.text[start:end],
                                Quantity(value, qualifier), confidence))

    def hedge(self, a: int, b: int, qualifier: str) -> tuple[int, int, str]:
        nt = self.norm.text
        vague = qualifier != "exact"
        lo = max(0, a - 32)
        # Most numbers have no hedge before them: try the regex only when the text
        # before ends like one (the regex has nothing to skip ahead with).
        m = (_PREFIX.search(nt, lo, a)  # lookbehind sees before lo, so words stay whole
             if nt[lo:a].rstrip().endswith(_HEDGE_ENDS) else None)
        if m:
            a = m.start("q")
            if not vague:
                qualifier = _HEDGE[re.sub(r"\s+", " ", m.group("q"))]
        m = _SUFFIX.match(nt, b, b + 24)
        if m:
            b = m.end("q")
            if not vague:
                qualifier = _AFTER_HEDGE[re.sub(r"\s+", " ", m.group("q"))]
        elif not vague:
            m = _SUFFIX_AFTER_NOUN.match(nt, b, b + 48)
            if m:
                qualifier = _AFTER_HEDGE[re.sub(r"\s+", " ", m.group("q"))]
        return a, b, qualifier

    # --- readers -------------------------------------------------------
    def spaced_decimal(self, i: int) -> bool:
        """"4 . 6": scraped text spaces out the decimal point."""
        return (self.tok(i + 1) == "." and _is_digit(self.tok(i + 2))
                and self.starts[i + 2] - self.ends[i] <= 3)

    def digits(self, i: int) -> int:
        tok = self.toks[i]
        j = i + 1
        if self.tok(i - 1) == "." and _is_digit(self.tok(i - 2)) and self.spaced_decimal(i - 2):
            return j  # the fraction of "4 . 6"
        if self.spaced_decimal(i):
            tok, j = tok + "." + self.toks[i + 2], i + 3
        scale = SCALES.get(self.tok(j), (0, 0))[0] or _VAGUE_SCALE.get(self.tok(j), 0)
        if "." in tok or "٫" in tok:
            if not scale:
                return j  # a measurement (4.6 درجات), not a count
            try:
                value = round(float(tok.replace(",", "").replace("٬", "").replace("٫", ".")) * scale)
            except ValueError:
                return j
            j += 1
        else:
            value = parse_digits(tok)
            if value is None or (len(tok) > 1 and tok[0] == "0"):
                return j  # phone numbers, clock times
            if scale:
                value, j = value * scale, j + 1
            elif len(tok) == 4 and 1900 <= value <= 2100:
                return j  # a year
        nxt = self.tok(j)
        if (self.in_date_or_time(i) or self.names_something(i) or self.percent(j)
                or self.followed_by_month(j) or self.tok(i - 1) == "+"
                or _stem(self.tok(i - 1)) in _YEAR_OR_DAY
                or (nxt in _ERA and 1000 <= value <= 2100)
                or (nxt.isascii() and nxt.isalpha() and self.starts[j] == self.ends[j - 1])
                or (1000 <= value <= 2100 and self.after_month(i))):
            return j  # a year, a date, a time, a percentage, a model or unit number, a URL part
        self.emit(self.starts[i], self.ends[j - 1], value, "exact", 1.0)
        return j

    def after_month(self, i: int) -> bool:
        """A month name one or two words before: "4 جمادى الأولى 1439"."""
        return _stem(self.tok(i - 1)) in _MONTHS or _stem(self.tok(i - 2)) in _MONTHS

    def words(self, i: int, cut: int, stem: str) -> int:
        window = [stem] + self.toks[i + 1 : i + 9]
        got = parse_folded(window, 0)
        if got is None:
            return i + 1
        value, used = got
        j = i + used
        prev = self.tok(i - 1)
        if stem in _TEN_WORDS and used == 1 and (prev.startswith("ال") or prev in _ORDINALS):
            return j  # "التاسع عشر": the ordinal nineteenth
        if self.followed_by_month(j) or self.percent(j) or self.names_something(i):
            return j
        confidence = 1.0
        if used == 1 and stem in _ONE_OF:
            if _stem(prev) in _NOT_ONE_BEFORE:
                return j
            confidence = 0.6  # "one of the members": one person, but often not a count
        self.emit(self.starts[i] + cut, self.ends[j - 1], value, "exact", confidence)
        return j

    def vague(self, i: int, cut: int, base: str) -> int:
        j = i + 1
        if base in _SEVERAL_OF:
            if self.tok(j) in _SEVERAL_OF_ADJ:
                j += 1
            if self.tok(j) not in _OF:
                return i + 1  # "عدد القتلى" is "the number of", not "a number of"
            value, qualifier = 3, "several"
            j += 1
        else:
            value, qualifier = _VAGUE_BASE[base]
            scale = _VAGUE_SCALE.get(self.tok(j))
            if scale and base in (fold("عشرات"), fold("مئات"), fold("عدة"), fold("بضعة"), fold("بضع")):
                value, j = value * scale, j + 1
        self.emit(self.starts[i] + cut, self.ends[j - 1], value, qualifier, 0.8)
        return j

    def dual(self, i: int, cut: int) -> int:
        if self.tok(i + 1) in _TWO or (i > 0 and (_is_digit(self.tok(i - 1)) or self.tok(i - 1) in _NUM_FIRST)):
            return i + 1  # "شخصين اثنين": the number word carries it
        self.emit(self.starts[i] + cut, self.ends[i], 2, "exact", 0.8, hedge=False)
        return i + 1

    def read(self, i: int) -> int:
        """Read the count starting at token ``i``; the index after it."""
        tok = self.toks[i]
        if _is_digit(tok):
            return self.digits(i)
        if tok in _VAGUE:
            return self.vague(i, *_VAGUE[tok])
        if tok in _NUM_FIRST:
            cut, stem = _NUM_FIRST[tok]
            if stem in SCALES and SCALES[stem][1] == 0:
                return i + 1
            return self.words(i, cut, stem)
        if tok in _DUALS:
            return self.dual(i, _DUALS[tok][0])
        return i + 1


# Where a count can start: a token that begins with 0-9, or a whole word of the
# lexicons. Looking the tokens up in a set is several times cheaper than a regex
# over the text (the test keeps that regex and checks the two agree). Numbers of
# one to four digits share the set, so one look-up a token finds nearly all.
_START_WORDS = frozenset(_NUM_FIRST) | frozenset(_VAGUE) | frozenset(_DUALS)
_STARTS = _START_WORDS | digit_strings(1, 2, 3, 4)
# A digit token the set lacks: five digits or more, or a separator ("1,500", "4.6").
_LONG_NUMBER = re.compile(r"[0-9](?:[0-9]{4}|[,٬.٫][0-9])")


def whole_word(nt: str, a: int, b: int) -> bool:
    """No word character touches ``nt[a:b]``: ``\\b`` holds at both ends of a word
    (``\\w`` is a letter, digit or mark of any script, or _). A token ends before
    tatweel, a digit or Latin, which ``\\b`` counts as part of the word."""
    before = nt[a - 1] if a else " "
    after = nt[b] if b < len(nt) else " "
    return not (before.isalnum() or after.isalnum() or before == "_" or after == "_")


def _start_indexes(nt: str, starts: list[int], ends: list[int], toks: list[str]) -> list[int]:
    """The tokens a count can start at, in order: lexicon words and digit tokens."""
    # a hit starting with a digit is a number; a word must stand whole
    out = [i for i in compress(count(), map(_STARTS.__contains__, toks))
           if toks[i][0] <= "9" or whole_word(nt, starts[i], ends[i])]
    if _LONG_NUMBER.search(nt) is None:
        return out
    # "/" < t < ":" is a token starting with 0-9 ("/" is a token of its own)
    longer = [i for i in compress(count(), map(":".__gt__, toks)) if toks[i] > "/" and toks[i] not in _STARTS]
    return sorted(out + longer)


_TOKEN_SPLIT = re.compile(f"({_TOKEN_FAST})")
_last_tokens: tuple[Normalised | None, list[int], list[int], list[str]] = (None, [], [], [])


def token_bounds(norm: Normalised) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and strings of the tokens of ``norm.text`` (words, digit
    groups, single other characters). The last result is kept, so the
    recognisers that run on one article tokenise it once."""
    global _last_tokens
    last = _last_tokens
    if last[0] is norm:
        return last[1], last[2], last[3]
    toks, bounds = split_tokens(_TOKEN_SPLIT, norm.text)
    # bounds run start, end, start, ..., end, len(text): two slices, no pair per token
    starts, ends = bounds[:-1:2], bounds[1::2]
    _last_tokens = (norm, starts, ends, toks)
    return starts, ends, toks


def find_quantities(text: str, norm: Normalised | None = None) -> list[Mention]:
    """Every count in ``text``, in text order.

    ``norm`` is ``normalise(text)`` when the caller already has it (pass the
    same object to ``find_claimants`` and the text is tokenised once). Each
    mention's ``value`` is a ``Quantity(value, qualifier)``; ``start``/``end``
    index ``text`` exactly (``text[m.start:m.end] == m.text``). ``confidence``
    is 1.0 for a written number, 0.8 for a vague count or a dual noun, 0.6 for
    "أحد/إحدى" alone (often "one of", not a count).
    """
    if norm is None:
        norm = normalise(text)
    nt = norm.text
    out: list[Mention] = []
    starts, ends, toks = token_bounds(norm)
    done = 0
    scan: _Scan | None = None
    for i in _start_indexes(nt, starts, ends, toks):
        a = starts[i]
        if a < done:
            continue  # inside the count read last ("ثلاثة آلاف" holds two start words)
        if scan is None:
            scan = _Scan(text, norm, out)
        j = scan.read(i)
        done = ends[j - 1] if j > i else a + 1
    return out
