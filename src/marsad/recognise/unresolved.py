"""Place names the gazetteer does not know: found, kept, never dropped silently.

A type word followed by a name ("قرية بليل", "بلدة قصر شاوى") says a place is
named. When no gazetteer entry covers those words, the name is an unresolved
place: reported with its words and the reason, and the coder folds its event
into the nearest place it can locate (CODEBOOK 1).
"""
from __future__ import annotations

import re

from ..model import Mention, UnresolvedPlace
from ..text.normalise import Normalised, fold, normalise
from ..text.scan import finditer_near, trie_pattern
from ..text.spans import SpanIndex

NOT_IN_GAZETTEER = "not in the gazetteer"

# A type word (folded, with its clitics, never with ال: "المدينة" refers back, it does
# not name), then one or two name words.
_TYPE_WORDS = "حي|حيي|بلده|بلدتي|بلدات|قريه|قريتي|قري|مدينه|مدينتي|مخيم|ناحيه|مطار|معبر".split("|")
_TYPES = "(?:" + "|".join(_TYPE_WORDS) + ")"
_NAMED_PLACE = re.compile(
    r"(?<![\w\u0600-\u06FF])[وفبل]?(?P<type>" + _TYPES + r")"
    # one or two name words; the second is never the next type word ("حلب وقرية ...")
    r"\s+(?P<name>[\u0621-\u064A]{2,}(?:\s+(?![وفبل]?" + _TYPES + r"(?![\u0621-\u064A]))[\u0621-\u064A]{2,})?)"
)
# The type word and the space after it, scanned for first (text.scan): a clitic letter
# may come before it. (The space matters: "حي" is inside many words.)
_TYPE_WORD = re.compile("(?:" + trie_pattern(_TYPE_WORDS, loose_spaces=False) + r")\s")
# Words after a type word that are not a name ("حي سكني", "قرية مجاورة", "مدينة التي").
_NOT_A_NAME = frozenset(fold(w) for w in """
سكني سكنية الذي التي كامل كاملة كبير كبيرة واحد واحدة آخر أخرى جديد جديدة قديم قديمة مجاور مجاورة المجاور المجاورة
المحاصر المحاصرة المذكور المذكورة الخاضع الخاضعة التابع التابعة الواقع الواقعة في من على إلى عن مع بين قرب جنوب شمال
شرق غرب وسط صغيرة صغير عسكري عسكرية دولي الدولي الدولية حدودي حدودية رئيسي رئيسية سابق سابقة نفسها نفسه ذاتها ذاته
المدينة القرية البلدة الحي المخيم هذه هذا تلك ذلك عدة بعض كل أي
بعد قبل خلال منذ عند حيث لكن ثم أمس اليوم الليلة فجر صباح مساء إثر اثر عقب وسط بالقرب أيضا أيضاً
قرى وقرى بلدات وبلدات قرية وقرية بلدة وبلدة ثانية مدمرة بعيدة عربية كردية سورية عراقية
""".split())


def find_unresolved(text: str, places: list[Mention], norm: Normalised | None = None) -> list[UnresolvedPlace]:
    """Named places no resolved place mention covers."""
    norm = norm or normalise(text)
    located = SpanIndex(places)
    out = []
    for m in finditer_near(_NAMED_PLACE, _TYPE_WORD, 1, norm.text):
        words = m.group("name").split()
        if words[0] in _NOT_A_NAME:
            continue
        if len(words) > 1 and words[1] in _NOT_A_NAME:
            words = words[:1]
        a = m.start("name")
        b = a + len(words[0]) if len(words) == 1 else m.end("name")
        start, end = norm.to_original(m.start("type"), b)
        if located.overlaps(start, end):
            continue
        out.append(UnresolvedPlace(start, end, text[start:end], NOT_IN_GAZETTEER))
    return out
