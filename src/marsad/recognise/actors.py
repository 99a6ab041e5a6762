"""Actor mentions: registry aliases, generic roles and back-references.

Three kinds of words name an actor:
- an alias of a registry actor ("قوات النظام", "داعش", "الطيران الروسي");
- a generic role word whose actor depends on the story's country
  ("المدنيين" → Civilians (Syria), "مسلحون مجهولون" → Unidentified Armed Group (Iraq));
- a back-reference ("التنظيم", "الميليشيا", "الفصائل") that means the nearest
  fitting actor named before it.
All go through one matcher so the longest reading wins ("الجيش الحر" is the
Free Syrian Army, not "الجيش" = the military of the country).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..knowledge import ActorRegistry, load_actors
from ..model import ActorEntry, Mention
from ..text.matcher import PhraseMatcher
from ..text.normalise import Normalised, fold, normalise

# Back-references and the actors they can point to. A back-reference only
# resolves to an actor named earlier in the same report.
_ANAPHORS: dict[str, Callable[[ActorEntry], bool]] = {
    "التنظيم": lambda a: a.kind == "rebel" and any("تنظيم" in fold(x) for x in (a.name_ar, *a.aliases)),
    "عناصر التنظيم": lambda a: a.kind == "rebel" and any("تنظيم" in fold(x) for x in (a.name_ar, *a.aliases)),
    "مقاتلو التنظيم": lambda a: a.kind == "rebel" and any("تنظيم" in fold(x) for x in (a.name_ar, *a.aliases)),
    "الميليشيا": lambda a: a.kind in ("political_militia", "identity_militia"),
    "المليشيا": lambda a: a.kind in ("political_militia", "identity_militia"),
    "الميليشيات": lambda a: a.kind in ("political_militia", "identity_militia"),
    "الفصائل": lambda a: a.kind == "rebel",
    "الفصيل": lambda a: a.kind == "rebel",
    "الهيئة": lambda a: a.kind == "rebel" and any("هيئه" in fold(x) for x in (a.name_ar, *a.aliases)),
}


# "طائرات روسية", "الطيران الحربي السوري", "غارة أمريكية": a military noun with a
# nationality adjective names that country's armed forces.
_NATIONALITY = {
    "روسي": "RU", "سوري": "SY", "تركي": "TR", "امريكي": "US", "اميركي": "US", "عراقي": "IQ",
    "اسرائيلي": "IL", "ايراني": "IR", "سعودي": "SA", "اردني": "JO", "لبناني": "LB", "مصري": "EG",
    "اماراتي": "AE", "فرنسي": "FR", "بريطاني": "GB", "يمني": "YE", "ليبي": "LY", "سوداني": "SD",
    "افغاني": "AF", "باكستاني": "PK", "قطري": "QA", "كويتي": "KW", "بحريني": "BH", "جزائري": "DZ",
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


def _nationality_mentions(norm: Normalised, registry: ActorRegistry) -> list[Mention]:
    out = []
    for m in _NATIONALITY_RE.finditer(norm.text):
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


def find_actors(
    text: str,
    norm: Normalised | None = None,
    *,
    country: str | None = None,
    registry: ActorRegistry | None = None,
) -> list[Mention]:
    """Actor mentions in ``text``; ``country`` (ISO2) resolves generic role words."""
    registry = registry or load_actors()
    norm = norm or normalise(text)
    mentions: list[Mention] = []
    for m in _matcher(registry).find(norm):
        how, key = m.value
        entry: ActorEntry | None = None
        confidence = 1.0
        if how == "actor":
            entry = registry.get(key)
        elif how == "generic":
            if country:
                entry = registry.generic(key, country)
                confidence = 0.7
        else:
            fits = _ANAPHORS[key]
            entry = next((p.value for p in reversed(mentions) if fits(p.value)), None)
            confidence = 0.6
        if entry is not None:
            mentions.append(Mention("actor", m.start, m.end, m.text, entry, confidence))
    for extra in _nationality_mentions(norm, registry):
        # A registry alias inside the phrase ("الطيران الروسي") keeps its own mention.
        if not any(extra.start < m.end and m.start < extra.end for m in mentions):
            mentions.append(extra)
    return sorted(mentions, key=lambda m: m.start)
