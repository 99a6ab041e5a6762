"""Arabic numbers: digit strings and number words to int. Pure, no state.

Number words are read from *folded* tokens (see ``normalise.fold``): ta
marbuta is already ه and hamza seats are bare, so "ثلاثة"، "ثلاثه" and
"ثلاثةُ" are one form, and "مئة"/"مائة" fold to "ميه"/"مايه". The grammar
covered is the one news writers use for counts:

    units 1-10 (masculine and feminine), teens (unit + عشر/عشرة),
    tens 20-90, unit + و + tens ("خمسة وعشرون"),
    hundreds (مئة، مئتان، ثلاثمئة، "ثلاث مئة") + و + the rest,
    thousands/millions/billions as a scale after a smaller number
    ("ثلاثة آلاف"، "خمسون ألفا"، "مئة ألف") or alone (ألف، ألفان، مليون),
    and + و + a smaller number after the scale ("ألف ومئتان").

Ordinals (ثاني، الثالث) are not numbers here; nor is "الأحد" (Sunday) or
"الاثنين" (Monday), since the article is never stripped.
"""
from __future__ import annotations

from .normalise import fold

# Base forms as writers spell them; folded once below.
_UNIT_FORMS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "واحدة", "أحد", "إحدى"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "ثنتين", "ثنتان"),
    3: ("ثلاثة", "ثلاث"),
    4: ("أربعة", "أربع"),
    5: ("خمسة", "خمس"),
    6: ("ستة", "ست"),
    7: ("سبعة", "سبع"),
    8: ("ثمانية", "ثماني", "ثمان"),
    9: ("تسعة", "تسع"),
    10: ("عشرة", "عشر"),
}
_TEN_FORMS: dict[int, tuple[str, ...]] = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
}
_HUNDRED_WORDS = ("مئة", "مائة", "مئه", "مائه")
_HUNDRED_FORMS: dict[int, tuple[str, ...]] = {
    100: _HUNDRED_WORDS,
    200: ("مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي"),
}
# Unit stems that fuse with مئة: ثلاثمئة، أربعمائة، ثمانمئة/ثمانيمئة ...
_HUNDRED_STEMS = {3: ("ثلاث",), 4: ("أربع",), 5: ("خمس",), 6: ("ست",), 7: ("سبع",),
                  8: ("ثمان", "ثماني"), 9: ("تسع",)}
for _u, _stems in _HUNDRED_STEMS.items():
    _HUNDRED_FORMS[_u * 100] = tuple(s + h for s in _stems for h in _HUNDRED_WORDS)

# Scale words. "plural" forms (آلاف، ملايين) follow 3-10; the others follow
# 1-2 as duals or stand alone, or follow 11+ ("خمسون ألفا").
_SCALE_FORMS: dict[str, tuple[int, int]] = {}  # folded -> (scale, value when alone; 0 = not alone)
for _s, _alone, _forms in (
    (1000, 1000, ("ألف", "ألفا")),
    (1000, 2000, ("ألفان", "ألفين", "ألفي", "ألفا")),
    (1000, 0, ("آلاف", "ألاف")),
    (1_000_000, 1_000_000, ("مليون", "مليونا")),
    (1_000_000, 2_000_000, ("مليونان", "مليونين", "مليوني")),
    (1_000_000, 0, ("ملايين",)),
    (1_000_000_000, 1_000_000_000, ("مليار", "مليارا")),
    (1_000_000_000, 2_000_000_000, ("ملياران", "مليارين")),
    (1_000_000_000, 0, ("مليارات",)),
):
    for _f in _forms:
        _SCALE_FORMS.setdefault(fold(_f), (_s, _alone))

UNITS: dict[str, int] = {fold(f): v for v, fs in _UNIT_FORMS.items() for f in fs}
TENS: dict[str, int] = {fold(f): v for v, fs in _TEN_FORMS.items() for f in fs}
HUNDREDS: dict[str, int] = {fold(f): v for v, fs in _HUNDRED_FORMS.items() for f in fs}
SCALES: dict[str, tuple[int, int]] = dict(_SCALE_FORMS)
_HUNDRED_NOUN = {fold(h) for h in _HUNDRED_WORDS}
_TEEN_SUFFIX = {fold("عشر"), fold("عشرة")}
# Forms that only occur in teens or as "one of" (احد، اثنا): allowed alone too,
# the caller decides how much to trust them.
NUMBER_WORDS: frozenset[str] = frozenset(UNITS) | frozenset(TENS) | frozenset(HUNDREDS) | frozenset(SCALES)

_CONJ = "و"
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def digit_strings(*widths: int) -> frozenset[str]:
    """Every string of 0-9 digits of the given widths ("7", "07", "2016" ...): the
    readers put them in one set with their start words, so that one look-up per
    token finds where a date or a count can start."""
    return frozenset(str(n).zfill(w) for w in widths for n in range(10 ** w))


def parse_digits(s: str) -> int | None:
    """An integer written in digits: ASCII, Arabic-Indic or Persian, with
    thousands separators (``1,500``, ``1٬500``, ``1.500`` is NOT read as a
    thousands group). Returns None for anything else (decimals included)."""
    s = s.strip().translate(_ASCII_DIGITS).replace("٬", ",")
    if not s:
        return None
    if "," in s:
        head, *groups = s.split(",")
        if not (head.isdigit() and 1 <= len(head) <= 3 and groups
                and all(len(g) == 3 and g.isdigit() for g in groups)):
            return None
        s = head + "".join(groups)
    return int(s) if s.isascii() and s.isdigit() else None


def _word(tok: str, conj: bool) -> str | None:
    """The stem of ``tok`` when it is a number word; with ``conj`` it must carry و."""
    if conj:
        if len(tok) > 1 and tok[0] == _CONJ and tok[1:] in NUMBER_WORDS:
            return tok[1:]
        return None
    return tok if tok in NUMBER_WORDS else None


def _conj_step(toks: list[str], i: int) -> tuple[str | None, int]:
    """Read "وX" or a loose "و" then "X"; returns (stem, index after it)."""
    if i < len(toks) and toks[i] == _CONJ and i + 1 < len(toks) and toks[i + 1] in NUMBER_WORDS:
        return toks[i + 1], i + 2
    if i < len(toks):
        stem = _word(toks[i], conj=True)
        if stem:
            return stem, i + 1
    return None, i


def _first_stem(toks: list[str], i: int, conj: bool) -> tuple[str | None, int]:
    """The number word at ``i`` (after "و" when ``conj``) and the index after it."""
    if conj:
        return _conj_step(toks, i)
    return (toks[i], i + 1) if i < len(toks) and toks[i] in NUMBER_WORDS else (None, i)


def _below_100(toks: list[str], i: int, conj: bool) -> tuple[int, int] | None:
    stem, j = _first_stem(toks, i, conj)
    if stem is None:
        return None
    if stem in UNITS:
        u = UNITS[stem]
        if u < 10 and j < len(toks) and toks[j] in _TEEN_SUFFIX:
            return u + 10, j + 1
        if u < 10:
            ten, k = _conj_step(toks, j)
            if ten in TENS:
                return u + TENS[ten], k
        return u, j
    if stem in TENS:
        return TENS[stem], j
    return None


def _below_1000(toks: list[str], i: int, conj: bool) -> tuple[int, int] | None:
    stem, j = _first_stem(toks, i, conj)
    if stem is None:
        return None
    hundreds = 0
    if stem in HUNDREDS:
        hundreds = HUNDREDS[stem]
    elif stem in UNITS and 3 <= UNITS[stem] <= 9 and j < len(toks) and toks[j] in _HUNDRED_NOUN:
        hundreds, j = UNITS[stem] * 100, j + 1  # "ثلاث مئة"
    if hundreds:
        rest = _below_100(toks, j, conj=True)
        return (hundreds + rest[0], rest[1]) if rest else (hundreds, j)
    return _below_100(toks, i, conj)


def _number(toks: list[str], i: int, conj: bool, below: int | None) -> tuple[int, int] | None:
    """A full number from ``i``; ``below`` bounds it (for the part after a scale)."""
    if conj:
        stem, j = _conj_step(toks, i)
    else:
        stem, j = (toks[i], i + 1) if i < len(toks) and toks[i] in NUMBER_WORDS else (None, i)
    if stem is None:
        return None
    if stem in SCALES:  # ألف، ألفان، مليون alone
        scale, alone = SCALES[stem]
        if not alone or (below is not None and alone >= below):
            return None
        value = alone
    else:
        got = _below_1000(toks, i, conj)
        if got is None:
            return None
        value, j = got
        if j < len(toks) and toks[j] in SCALES:
            scale = SCALES[toks[j]][0]
            if below is not None and value * scale >= below:
                return (value, j) if value < below else None
            value, j = value * scale, j + 1
        else:
            return (value, j) if below is None or value < below else None
    rest = _number(toks, j, conj=True, below=scale)
    return (value + rest[0], rest[1]) if rest else (value, j)


# Proclitics a number word can carry: conjunction, then preposition.
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
# Words that look like clitic + number but are not: "لست" is "I am not".
_NOT_NUMBERS = frozenset({"لست", "ولست", "فلست"})


def strip_proclitics(tok: str) -> tuple[int, str]:
    """``(cut, stem)``: the folded token without the proclitics in front of a
    number word ("وبثلاثه" → (2, "ثلاثه")); ``(0, tok)`` when it is none."""
    if tok in NUMBER_WORDS or tok in _NOT_NUMBERS:
        return 0, tok
    for p in PROCLITICS:
        if tok.startswith(p) and tok[len(p):] in NUMBER_WORDS:
            return len(p), tok[len(p):]
    return 0, tok


def parse_number_words(tokens: list[str], start: int = 0) -> tuple[int, int] | None:
    """Read an Arabic number written in words from ``tokens[start:]``.

    ``tokens`` are words (raw or folded; they are folded here). The first may
    carry the conjunction و; later ones join with و ("وعشرون") or a loose "و".
    Returns ``(value, tokens_consumed)`` or None when ``tokens[start]`` does
    not begin a number. ``["خمسة", "وعشرون"]`` gives ``(25, 2)``;
    ``["ثلاثة", "آلاف", "قتيل"]`` gives ``(3000, 2)``.
    """
    toks = [fold(t) for t in tokens]
    if start >= len(toks):
        return None
    toks[start] = strip_proclitics(toks[start])[1]
    got = parse_folded(toks, start)
    return (got[0], got[1] - start) if got else None


def parse_folded(toks: list[str], i: int) -> tuple[int, int] | None:
    """Like ``parse_number_words`` on already folded, clitic-free tokens;
    returns ``(value, end_index)``. The fast path for recognisers."""
    return _number(toks, i, conj=False, below=None)
