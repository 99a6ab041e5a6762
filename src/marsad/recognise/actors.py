"""Actor mentions: registry aliases, generic roles, role words and back-references.

Four kinds of words name an actor:
- an alias of a registry actor ("قوات النظام", "داعش", "الطيران الروسي"); an old
  name of a renamed group is coded as its latest name ("جبهة النصرة" → HTS);
- a generic role word whose actor depends on the story's country
  ("المدنيين" → Civilians (Syria), "مسلحون مجهولون" → Unidentified Armed Group (Iraq));
- role words in front of a name ("عناصر من X", "القيادي في X", "مقاتلو X"): the
  mention widens over them and still means X, since for the coder the group acts;
- a back-reference ("التنظيم", "الميليشيا", "الفصائل", "الحركة") that means the
  nearest fitting actor named before it.
All go through one matcher so the longest reading wins ("الجيش الحر" is the
Free Syrian Army, not "الجيش" = the military of the country).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..knowledge import ActorRegistry, load_actors
from ..model import ActorEntry, Mention
from ..text.matcher import PhraseMatcher
from ..text.normalise import Normalised, clitic_variants, fold, normalise
from ..text.scan import finditer_near, trie_pattern

_MILITIA_KINDS = ("political_militia", "identity_militia")
_ARMED_KINDS = ("state", "rebel", "political_militia", "identity_militia", "external")


@lru_cache(maxsize=4096)
def _folded_names(a: ActorEntry) -> tuple[str, ...]:
    """The actor's Arabic name and its aliases, folded (back-references ask again and again)."""
    return tuple(fold(x) for x in (a.name_ar, *a.aliases))


def _names_hold(word: str) -> Callable[[ActorEntry], bool]:
    """An armed actor one of whose Arabic names holds ``word`` (folded): "الحركة" → "حركة حماس"."""
    def fits(a: ActorEntry) -> bool:
        return a.kind in _ARMED_KINDS and any(word in x for x in _folded_names(a))
    return fits


def _militia(a: ActorEntry) -> bool:
    # Also groups the news call militias though they are rebels here ("ميليشيا الحوثي", "ميليشيا قسد").
    return a.kind in _MILITIA_KINDS or (a.kind in _ARMED_KINDS and any(
        "ميليشي" in x or "مليشي" in x for x in _folded_names(a)[1:]))


def _force(a: ActorEntry) -> bool:
    return a.kind in ("state", "external") or _names_hold(fold("قوات"))(a)


@dataclass(frozen=True)
class _Anaphor:
    fits: Callable[[ActorEntry], bool]
    reach: int | None = None  # the antecedent ends at most this many characters before
    free_standing: bool = False  # "الأخيرة": only where it is not an adjective ("الساعات الأخيرة")


_ORGANISATION = _names_hold(fold("تنظيم"))
# Back-references and the actors they can point to. A back-reference only
# resolves to an actor named earlier in the same report.
_ANAPHORS: dict[str, _Anaphor] = {
    **{t: _Anaphor(lambda a: a.kind == "rebel" and _ORGANISATION(a))
       for t in ("التنظيم", "التنظيم الإرهابي", "التنظيم المتطرف", "التنظيم المتشدد")},
    **{t: _Anaphor(_militia) for t in ("الميليشيا", "المليشيا", "الميليشيات", "المليشيات")},
    "الفصائل": _Anaphor(lambda a: a.kind == "rebel"),
    "الفصيل": _Anaphor(lambda a: a.kind == "rebel"),
    "الهيئة": _Anaphor(_names_hold(fold("هيئة")), reach=1000),
    "الحركة": _Anaphor(_names_hold(fold("حركة")), reach=1000),
    "الجماعة": _Anaphor(_names_hold(fold("جماعة")), reach=1000),
    "الوحدات": _Anaphor(_names_hold(fold("وحدات")), reach=400),
    "الحزب": _Anaphor(_names_hold(fold("حزب")), reach=1000),
    "الفيلق": _Anaphor(_names_hold(fold("فيلق")), reach=1000),
    # Bare "القوات" means a force named just before ("دخلت قوات قسد ... وقالت القوات").
    "القوات": _Anaphor(_force, reach=300),
    # "the latter": the armed actor named last, close by ("اشتباكات بين X وY سيطرت الأخيرة").
    "الأخيرة": _Anaphor(lambda a: a.kind in _ARMED_KINDS, reach=150, free_standing=True),
}
# A back-reference followed by an adjective names another group ("الحركة الإصلاحية",
# "الفصائل العراقية", "القوات الخاصة"). Adjectives here are mostly nisba forms (-ي, -ية);
# nouns of that shape that follow as objects ("قصفت القوات القرية") are not adjectives.
_NOT_ADJECTIVES = {"القريه", "الناحيه", "الضاحيه", "البلديه", "الاراضي", "الاهالي", "الضواحي",
                   "النواحي", "المباني"}
_ADJECTIVES = {"الخاصه", "الجديده", "الجديد", "الاخري", "الاخر", "المنافسه", "المعارضه", "الحاكمه",
               "السابق", "السابقه", "الكبري", "الموالي", "المواليه", "الموالين", "الرديفه", "المسانده",
               "الحليفه"}
_STILL_BACK = {"الارهابيه", "الارهابي", "الجهاديه", "الجهادي"}  # what the news call the group itself
# Words before "الأخيرة" that make it a pronoun, not an adjective: particles and demonstratives.
_PRONOUN_LEAD = {"ان", "لكن", "بينما", "حيث", "فيما", "كما", "اذ", "هذه", "لان", "وان", "الا", "ثم"}

# Role words in front of a name (folded): "عناصر من"، "أحد عناصر"، "القيادي البارز في"،
# "مقاتلي"، "ميليشيا"، "قوات". The name after them is the group the person belongs to.
_ROLE_WORDS = (
    "عناصر|عنصرا|عنصر|عنصرين|مقاتلو|مقاتلي|مقاتلين|مقاتلا|مقاتل|مسلحو|مسلحي|"
    "قيادي|قياديا|قياديين|قيادات|قياده|قايد|قاده|امير|امراء|زعيم|متزعم|افراد|افرادا|"
    "ميليشيا|مليشيا|ميليشيات|مليشيات|قوات|جنود|خليه|خلايا|مجموعه|مجموعات"
)
_ROLE_ADJECTIVES = (
    "مسلحه|بارز|بارزا|سابق|سابقا|ميداني|ميدانيا|عسكري|عسكريا|كبير|كبيرا|امني|امنيا|شرعي|"
    "محلي|اجانب|تابعين|تابعه|تابع|ينتمون|ينتمي|منتمين|منشقين"
)
_ROLE_RE = re.compile(
    r"(?:^|(?<=[\s\"'«»(“”]))(?:[وف])?(?:[بلك])?"
    r"(?P<role>(?:(?:احد|بعض)\s+)?(?:ال)?(?:" + _ROLE_WORDS + r"))"
    r"(?:\s+(?:ال)?(?:" + _ROLE_ADJECTIVES + r")){0,2}"
    r"(?:\s+(?:من|في|الي|مع|داخل|ضمن))?"
    r"(?:\s*[لب])?[\s\"'«»“”\-]*$"
)
_ROLE_WORD_RE = re.compile("(?:" + _ROLE_WORDS + ")")  # a role phrase holds one of these
_ROLE_WINDOW = 70  # characters before a name searched for role words
# An institution named after a group's words is not the group: "مجلس الدفاع الوطني",
# "وزير الدفاع الوطني" (folded words right before the name).
_INSTITUTIONS = {"مجلس", "وزير", "وزاره", "لجنه"}

# "قوات النظام والميليشيات الموالية لها": allies named with a pronoun for the force before
# them belong to its mention (ACLED codes the force; allies are associates).
_ALLY_RE = re.compile(
    r"^\S+\s+(?:ال)?(?:مواليه|موالي|موالين|موالون|مسانده|مساندين|رديفه|حليفه|حليفين|متحالفه|داعمه)"
    r"\s+(?:ل|مع)(?:ها|ه|هم)(?![\w])"
)
_ALLY_GAP = re.compile(r"^[\s\"'«»“”]*و$")


# "طائرات روسية", "الطيران الحربي السوري", "غارة أمريكية": a military noun with a
# nationality adjective names that country's armed forces.
_NATIONALITY = {
    "روسي": "RU", "سوري": "SY", "تركي": "TR", "امريكي": "US", "اميركي": "US", "عراقي": "IQ",
    "اسرائيلي": "IL", "ايراني": "IR", "سعودي": "SA", "اردني": "JO", "لبناني": "LB", "مصري": "EG",
    "اماراتي": "AE", "فرنسي": "FR", "بريطاني": "GB", "يمني": "YE", "ليبي": "LY", "سوداني": "SD",
    "افغاني": "AF", "باكستاني": "PK", "قطري": "QA", "كويتي": "KW", "بحريني": "BH", "جزائري": "DZ",
    "صهيوني": "IL",
}
_MILITARY_NOUNS = (
    "طايرات|طايره|طيران|غاره|غارات|مقاتلات|مقاتله|مروحيات|مروحيه|قاذفات|ضربات|ضربه|قوات|"
    "مدفعيه|دبابات|بوارج|صواريخ|قصف|جيش|وحدات|سلاح الجو"
)
_NATIONALITY_RE = re.compile(
    r"(?<![\w])(?:[وفبل]?(?:ال|لل)?)(?:" + _MILITARY_NOUNS + r")"
    r"(?:\s+(?:ال)?(?:حربيه|مقاتله|عسكريه|جويه|نظاميه|الحربي|الجوي|المسيره))?"
    r"\s+(?:ال)?(" + "|".join(_NATIONALITY) + r")(?:ه|ين|ون|ان)?(?![\w])"
)


# The nouns alone, with the space after them, scanned for first (text.scan): "و" + "ال"
# comes at most 3 letters before.
_MILITARY_NOUN_RE = re.compile("(?:" + trie_pattern(_MILITARY_NOUNS.split("|"), loose_spaces=False) + r")\s")


def _nationality_phrases(text: str) -> list[re.Match]:
    """The matches of ``_NATIONALITY_RE`` in ``text``."""
    return finditer_near(_NATIONALITY_RE, _MILITARY_NOUN_RE, 3, text)


def _nationality_mentions(norm: Normalised, registry: ActorRegistry) -> list[Mention]:
    out = []
    for m in _nationality_phrases(norm.text):
        start, end = norm.to_original(m.start(), m.end())
        entry = registry.generic("military", _NATIONALITY[m.group(1)])
        out.append(Mention("actor", start, end, norm.original[start:end], entry, 0.8))
    return out


@lru_cache(maxsize=4)
def _matcher(registry: ActorRegistry) -> PhraseMatcher:
    pairs: list[tuple[str, tuple[str, str]]] = []
    pairs += [(term, ("actor", actor_id)) for term, actor_id in registry.terms()]
    pairs += [(term, ("generic", role)) for term, role in registry.generic_terms()]
    pairs += [(term, ("anaphor", term)) for term in _ANAPHORS]
    return PhraseMatcher(pairs)


def _norm_index(norm: Normalised, pos: int) -> int:
    """The normalised index of original offset ``pos`` (the first kept character at or after it)."""
    return bisect_left(norm.source, pos)


def _role_start(norm: Normalised, start: int) -> int:
    """Where role words in front of a name begin ("عناصر من" + X), else ``start``."""
    ns = _norm_index(norm, start)
    base = max(0, ns - _ROLE_WINDOW)
    if base:  # begin at a word boundary
        cut = norm.text.find(" ", base, ns)
        base = cut + 1 if cut >= 0 else ns
    # Four windows in five hold no role word at all: a scan for the words alone
    # (a third of the phrase search's cost) settles those.
    if _ROLE_WORD_RE.search(norm.text, base, ns) is None:
        return start
    m = _ROLE_RE.search(norm.text, base, ns)
    return norm.source[m.start("role")] if m else start


def _ally_end(norm: Normalised, prev: Mention, start: int, end: int) -> int | None:
    """The end of "X والميليشيات الموالية لها" when the words at start:end are X's allies."""
    if start - prev.end > 8 or not _ALLY_GAP.match(norm.folded(prev.end, start)):
        return None
    ns = _norm_index(norm, start)
    m = _ALLY_RE.match(norm.text[ns : ns + (end - start) + 40])
    if m is None:
        return None
    stop = norm.source[ns + m.end() - 1] + 1
    return stop if stop >= end else None


def _free_standing(norm: Normalised, start: int) -> bool:
    """True when the word before ``start`` makes "الأخيرة" a pronoun: a verb ("سيطرت
    الأخيرة") or a particle ("إلا أن الأخيرة"), not a noun it describes ("الساعات الأخيرة")."""
    before = norm.folded(start - 20, start).split()
    if not before:
        return False
    word = before[-1].strip("\"'«»“”,")
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    return word in _PRONOUN_LEAD or (len(word) > 2 and word.endswith("ت") and not word.startswith("ال"))


def _after_institution(norm: Normalised, start: int) -> bool:
    before = norm.folded(start - 12, start).split()
    return bool(before) and any(stem in _INSTITUTIONS for _, stem in clitic_variants(before[-1]))


def _names_another(norm: Normalised, end: int) -> bool:
    """True when the word after a back-reference is an adjective that makes it a new name."""
    after = norm.folded(end, end + 30).split()
    word = after[0].strip("\"'«»“”") if after else ""
    if not word.startswith("ال") or word in _STILL_BACK or word in _NOT_ADJECTIVES:
        return False
    return word in _ADJECTIVES or word.endswith("يه") or (word.endswith("ي") and len(word) > 4)


def find_actors(
    text: str,
    norm: Normalised | None = None,
    *,
    country: str | None = None,
    registry: ActorRegistry | None = None,
) -> list[Mention]:
    """Actor mentions in ``text``; ``country`` (ISO2) resolves generic role words.

    Each mention's value is the actor its words name, under the group's latest name;
    role words in front of a name are part of its span ("عناصر من تنظيم داعش").
    """
    registry = registry or load_actors()
    norm = norm or normalise(text)
    text = norm.original
    mentions: list[Mention] = []
    named: list[ActorEntry] = []  # the entry each mention's words named, before renames
    nationality = _nationality_mentions(norm, registry)
    for m in _matcher(registry).find(norm):
        how, key = m.value
        if how == "generic" and any(n.start < m.end and m.start < n.end for n in nationality):
            continue  # "سلاح الجو التركي" is Turkey's, not the story country's
        if mentions:
            end = _ally_end(norm, mentions[-1], m.start, m.end)
            if end is not None:
                last = mentions[-1]
                mentions[-1] = Mention("actor", last.start, end, text[last.start:end], last.value, last.confidence)
                continue
        entry: ActorEntry | None = None
        raw: ActorEntry | None = None
        confidence = 1.0
        role_start = -1  # where role words before the name begin: worked out only when needed
        if how == "actor":
            if _after_institution(norm, m.start):
                continue
            raw = registry.get(key)
            entry = registry.current(raw) if raw is not None else None
        elif how == "generic":
            if country:
                raw = entry = registry.generic(key, country)
                confidence = 0.7
        else:
            rule = _ANAPHORS[key]
            if rule.free_standing and not _free_standing(norm, m.start):
                continue
            if _names_another(norm, m.end):
                continue
            role_start = _role_start(norm, m.start)
            for p, r in zip(reversed(mentions), reversed(named)):
                if p.start >= role_start:
                    continue  # inside this mention's own role words
                if rule.reach is not None and m.start - p.end > rule.reach:
                    break
                if rule.fits(p.value) or rule.fits(r):
                    raw, entry = r, p.value
                    break
            confidence = 0.5 if rule.free_standing else 0.6
        if entry is None:
            continue
        start = m.start
        if entry.kind in _ARMED_KINDS:
            start = role_start if role_start >= 0 else _role_start(norm, m.start)
            # Words inside the role phrase ("مسلحي" of "مسلحي داعش") are no mention of their own.
            while mentions and mentions[-1].start >= start:
                mentions.pop()
                named.pop()
            start = max(start, mentions[-1].end if mentions else 0)
        mentions.append(Mention("actor", start, m.end, text[start:m.end], entry, confidence))
        named.append(raw or entry)
    for extra in nationality:
        # A registry alias inside the phrase ("الطيران الروسي") keeps its own mention.
        if not any(extra.start < m.end and m.start < extra.end for m in mentions):
            mentions.append(extra)
    return sorted(mentions, key=lambda m: m.start)
