"""Claimants: who the report says gave a figure or a fact (CODEBOOK 6-7).

``find_claimants`` returns ``Mention(kind="claimant", value=name)`` where the
span is the claimant's own words (never the cue verb) and ``value`` is that
name cleaned of quotes, brackets and diacritics. Claimants are found by:

- a cue, then the noun phrase after it: prepositions (بحسب، وفق، نقلا عن …)
  and reporting verbs at the head of a clause (وقالت، وأفاد، ذكرت …), whose
  subject follows them in Arabic's verb-first order;
- a source noun that names its source: وكالة X، مراسل X، صفحة "X"،
  مصادر محلية، مصدر أمني، ناشطون، المتحدث باسم X;
- a curated list of claimants by name (المرصد السوري لحقوق الإنسان …).

The cue words live in ``knowledge/data/claimant_cues.tsv``. The name stops at
a quote or bracket, punctuation, إن/أن، a preposition, a verb from the list,
a word with a pronoun suffix, or after six words: a short span is better than
a wrong one. For صفحة/شبكة/موقع the value is the quoted name alone; for
وكالة/قناة/مراسل the head word stays in the value ("وكالة مؤتة").
Anaphors (وأضاف المصدر، بحسب الوكالة) take the value of the claimant before.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, count
from typing import NamedTuple

from ..model import Mention
from ..text.normalise import Normalised, clitic_variants, fold, normalise
from ..text.scan import trie_pattern
from .quantities import token_bounds, whole_word

_PAIRS = {'"': '"', "'": "'", "“": "”", "«": "»", "(": ")", "[": "]", "„": "“", "”": "“"}
_QUOTES = set(_PAIRS) | set(_PAIRS.values())
_STRIP_CHARS = "".join(_QUOTES) + " ,.:;-–—|/"
_ONLY_CLOSERS = re.compile(r"[\s\"'”»)\]]*")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]*")  # harakat after a letter
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_SPACES = re.compile(r"\s+")

# Words that may open a clause before a reporting verb ("كما قال"، "فيما أكدت").
_CLAUSE_OPENERS = frozenset(fold(w) for w in (
    "كما", "فيما", "بينما", "عندما", "حين", "حيث", "قد", "لقد", "وقد", "فقد", "ما",
    "حسبما", "بحسبما", "وفقما", "كذلك", "بدوره", "بدورها", "جهته", "جهتها",
))
_MA = fold("ما")
_EMPHASIS = frozenset(fold(w) for w in ("نفسه", "نفسها", "ذاته", "ذاتها"))
_BISM = fold("باسم")
_BYLINE = fold("المصدر")
# Nouns that carry a source rather than being one: "بحسب تقرير لوكالة رويترز".
_REPORT_NOUNS = frozenset(fold(w) for w in (
    "تقرير", "تقارير", "بيان", "بيانات", "دراسة", "إحصائية", "إحصائيات", "إحصاءات",
    "تصريحات", "تصريح", "معلومات", "حصيلة", "أرقام", "تقديرات",
))
_NEAR = frozenset(fold(w) for w in ("مقرب", "مقربة", "مقربون", "مقربين"))
_AN = fold("عن")
# What is published or broadcast: after one, نشر/بث/نقل report ("ونشر التنظيم صورا").
_MEDIA_OBJECTS = frozenset(fold(w) for w in (
    "صور", "صورا", "صورة", "فيديو", "مقطع", "مقطعا", "تسجيل", "تسجيلا", "شريط", "شريطا",
    "بيان", "بيانا", "خبر", "خبرا", "تقرير", "تقريرا", "حصيلة", "إحصائية", "تغريدة", "منشور", "منشورا",
))
# Inside a name, a word starting with و usually begins a second name;
# these are the nouns that do start with it.
_W_NOUNS = frozenset(fold(w) for w in (
    "وزارة", "وزير", "وزراء", "وكالة", "وكالات", "وحدات", "وحدة", "ولاية", "وسائل", "وفد",
    "والي", "وطني", "وطنية", "واشنطن", "وادي", "ووتش", "وكيل",
))
# What an anaphor's antecedent contains; the loose ones take any claimant
# (a page or a network is cited by its name alone, without صفحة).
# Complements with لل that do belong to a name: "وكالة الأناضول للأنباء".
_LL_NOUNS = frozenset(fold(w) for w in (
    "الأنباء", "الإعلام", "الدراسات", "الرصد", "التوثيق", "الأخبار", "الصحافة", "الأبحاث", "الإغاثة",
))
_PRONOUNS = frozenset(fold(w) for w in ("ه", "ها", "هم", "هما", "هن", "ي", "نا", "كم"))
_ANAPHOR_HEADS = {
    fold("المصدر"): (fold("مصدر"), fold("مصادر")),
    fold("المصادر"): (fold("مصدر"), fold("مصادر")),
    fold("الناشطون"): (fold("ناشط"),),
    fold("الناشطين"): (fold("ناشط"),),
}
_LOOSE_ANAPHORS = frozenset(fold(w) for w in ("الصفحة", "الشبكة", "الموقع", "الوكالة", "القناة", "الصحيفة"))
_ACTIVISTS = frozenset(fold(w) for w in ("ناشطون", "ناشطو"))
_OUR = frozenset(fold(w) for w in ("مراسلنا", "مراسلتنا", "مراسلها", "مراسلوها", "مراسلو"))


@dataclass(frozen=True)
class Cues:
    """The parsed cue file (all terms folded)."""

    preps: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the rest of each phrase
    verbs: frozenset[str]
    verbs_an: frozenset[str]
    heads: frozenset[str]
    heads_q: frozenset[str]
    source_nouns: dict[str, tuple[tuple[str, ...], ...]]
    adjs: frozenset[str]
    not_adjs: frozenset[str]
    spokesmen: frozenset[str]
    sources: tuple[str, ...]
    anaphors: frozenset[str]
    not_sources: frozenset[str]
    stops: frozenset[str]
    outlets: frozenset[str]
    source_first_words: frozenset[str]


def load_cues(text: str | None = None) -> Cues:
    """Parse ``claimant_cues.tsv`` (or ``text`` in its format)."""
    if text is None:
        text = resources.files("marsad.knowledge").joinpath("data/claimant_cues.tsv").read_text("utf-8")
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, term = line.partition("\t")
        rows.setdefault(kind.strip(), []).append(term.strip())

    def folded(kind: str) -> frozenset[str]:
        return frozenset(fold(t) for t in rows.get(kind, ()))

    def phrases(kind: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for t in rows.get(kind, ()):
            toks = fold(t).split()  # cue phrases are written with spaces between tokens
            out.setdefault(toks[0], []).append(tuple(toks[1:]))
        return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}

    sources = tuple(rows.get("source", ()))
    return Cues(
        preps=phrases("prep"), verbs=folded("verb"), verbs_an=folded("verb_an"),
        heads=folded("head"), heads_q=folded("head_q"), source_nouns=phrases("source_noun"),
        adjs=folded("adj"), not_adjs=folded("not_adj"), spokesmen=folded("spokesman"),
        sources=sources, anaphors=folded("anaphor"), not_sources=folded("not_source"),
        stops=folded("stop"), outlets=folded("outlet"),
        source_first_words=frozenset(fold(s).split()[0] for s in sources),
    )


@lru_cache(maxsize=1)
def _cues() -> Cues:
    return load_cues()


def reporting_verbs() -> frozenset[str]:
    """The reporting verbs of the cue file, folded ("قالت", "أعلن", "نفى" …)."""
    return _cues().verbs


def _clean(s: str) -> str:
    s = _DIACRITICS.sub("", s)
    s = "".join(" " if ch in _QUOTES else ch for ch in s)
    return _SPACES.sub(" ", s).strip(_STRIP_CHARS + " ")


def _nisba(w: str) -> bool:
    """An indefinite relative adjective: طبي، أمني، محلية، سوريون، عسكريين."""
    return (len(w) >= 3 and not w.startswith("ال") and w.endswith(("ي", "يه", "يون", "يين"))
            and w not in _cues().stops)


@dataclass
class _Cand:
    a: int  # normalised offsets
    b: int
    value: str | None  # None: an anaphor, resolved later
    confidence: float
    fixed: bool = False


class _Scan:
    """The tokens of one text, and the rules that read a claimant at a cue."""

    def __init__(self, text: str, norm: Normalised, cands: list[_Cand]) -> None:
        self.text, self.norm, self.c = text, norm, _cues()
        self.starts, self.ends, self.toks = token_bounds(norm)
        self.n = len(self.toks)
        self.cands = cands

    # --- token tests ------------------------------------------------------
    def tok(self, i: int) -> str:
        return self.toks[i] if 0 <= i < self.n else ""

    def is_word(self, i: int) -> bool:
        t = self.tok(i)
        return bool(t) and (t[0].isalpha() or t[0].isdigit())

    def conj_stem(self, t: str) -> tuple[int, str]:
        """The token without a leading و/ف when that leaves a known word."""
        return (1, t[1:]) if len(t) > 2 and t[0] in "وف" else (0, t)

    def is_stop(self, t: str) -> bool:
        c = self.c
        if t in c.stops or t in c.verbs or t in c.verbs_an or t in c.preps:
            return True
        cut, s = self.conj_stem(t)
        if cut and (s in c.stops or s in c.verbs or s in c.verbs_an or s in c.preps or s.startswith("ال")):
            return True  # "وأضاف"، "والتلفزيون": a new clause or a second name
        if t.startswith("ل") and len(t) > 2:  # "لوكالة"، "لسانا": said TO an outlet
            rest = "ا" + t[1:] if t.startswith("لل") else t[1:]
            if (rest in c.heads or rest in c.heads_q or rest in c.source_first_words
                    or rest in c.anaphors or rest in c.outlets):
                return True
        return False

    def pronoun_suffixed(self, i: int, first: bool = False) -> bool:
        """Written with an attached pronoun (مسؤوليته، قواتها، لنظيره، مقتله): not part of a name.
        ``first``: the word right after a cue, where "وفق تقديره" (his estimate) is common
        and a name ending in ه is not."""
        a, b = self.norm.to_original(self.starts[i], self.ends[i])
        w = self.text[a:b]
        if w.endswith(("ته", "تها", "تهم", "تهما")) or (len(w) > 4 and w.endswith(("ها", "هم", "هما"))):
            return True
        if first and len(w) >= 5 and w.endswith("ه") and not w.endswith("له"):
            return True
        return w.endswith("ه") and (w[0] in "لب" or self.toks[i][:-1] in self.c.stops)

    def quoted(self, i: int, max_words: int = 8) -> int | None:
        """Index of the quote/bracket closing the one at ``i``, if it closes soon."""
        close = _PAIRS.get(self.tok(i))
        if close is None:
            return None
        words = 0
        for j in range(i + 1, min(self.n, i + max_words + 4)):
            t = self.toks[j]
            if t == close or (close in '"”“' and t in '"”“'):
                return j if words else None
            if t in ".!?;:" or t in _PAIRS and t != close:
                return None
            words += self.is_word(j)
            if words > max_words:
                return None
        return None

    # --- phrases ------------------------------------------------------------
    def words(self, k: int, cut: int = 0, limit: int = 6) -> int | None:
        """End index of the name phrase starting at token ``k``, or None."""
        j, count, latin = k, 0, 0
        while j < self.n and count < limit:
            t = self.toks[j] if j > k else self.toks[j][cut:]
            if not self.is_word(j):
                # a quoted name inside the phrase (تنظيم " داعش "); a bracket ends it
                q = self.quoted(j, 5) if count and self.toks[j] not in "([" else None
                if q is None:
                    break
                count += q - j - 1
                j = q + 1
                # after a quoted name only an adjective continues: تنظيم "داعش" الإرهابي
                while j < self.n and self.toks[j].startswith("ال") and self.toks[j].endswith(("ي", "يه")):
                    j += 1
                break
            if t.isascii() and t.isalpha():
                latin += 1  # Latin names follow the head ("شبكة CNN"), not Arabic words
                if latin > 2 or (j > k and not self.toks[j - 1].isascii()):
                    break
            if j > k and (self.is_stop(t) or t in _MEDIA_OBJECTS or t[0].isdigit() or self.pronoun_suffixed(j)
                          or (t[0] == "و" and t not in _W_NOUNS)
                          or t.startswith("بال")
                          or (t.startswith("لل") and "ا" + t[1:] not in _LL_NOUNS)):
                break  # "وهيئة" a second name, "بالمستشفى"، "للأسد" a complement
            j += 1
            count += 1
        return j if count else None

    def add(self, ts: int, te: int, cut: int, confidence: float, value: str | None = "") -> int:
        """A candidate over tokens [ts, te); value "" means: the cleaned span.
        Returns ``te`` so callers can continue after it."""
        a, b = self.starts[ts] + cut, self.ends[te - 1]
        if value == "":
            tok = self.toks[ts]
            if cut == 1 and tok.startswith("لل"):  # للمرصد: keep the token, restore ال
                a -= 1
                s, e = self.norm.to_original(a, b)
                value = "ال" + _clean(self.text[s:e])[2:]
            else:
                s, e = self.norm.to_original(a, b)
                value = _clean(self.text[s:e])
            if not value:
                return te
        self.cands.append(_Cand(a, b, value, confidence))
        return te

    def named(self, k: int, cut: int, stem: str, cued: bool) -> int | None:
        """A head noun at ``k`` (وكالة، صفحة، مراسل …) and its name; the end index."""
        c = self.c
        if stem in _OUR and stem != fold("مراسلو"):
            return self.add(k, k + 1, cut, 0.8)
        q = self.quoted(k + 1)
        if q is not None:
            if stem in c.heads_q:
                self.add(k + 2, q, 0, 0.9)
                return q + 1
            end = q + 1
            while end < min(self.n, q + 3) and self.is_word(end) and (
                self.toks[end] in c.adjs or (self.toks[end].startswith("ال") and self.toks[end].endswith(("ي", "يه")))
            ):
                end += 1
            return self.add(k, end, cut, 0.9)
        end = self.words(k + 1, 0, limit=4)
        if end is None or not self.is_word(k + 1) or self.is_stop(self.toks[k + 1]):
            return None
        if stem in c.heads_q and not cued and not any(
            self.toks[j] in c.adjs or self.toks[j][2:] in c.adjs for j in range(k + 1, end)
        ):
            return None  # "شبكة الكهرباء" is not a news network
        return self.add(k, end, cut, 0.85 if cued else 0.8)

    def source_noun(self, k: int, cut: int, rest: tuple[str, ...], cued: bool = False) -> int | None:
        """مصادر محلية، مصدر أمني سوري، ناشطون، وسائل إعلام موالية …"""
        c = self.c
        j = k + 1 + len(rest)
        adjs = 0
        nisba_ok = not rest
        definite = self.toks[j - 1].startswith("ال")  # "وسائل الإعلام الرسمية"
        while j < self.n and adjs < 3:
            w = self.toks[j]
            if definite and w.startswith("ال"):
                w = w[2:]
                if not (w in c.adjs or _nisba(w)) or w in c.not_adjs:
                    break
                j, adjs = j + 1, adjs + 1
            elif w in c.adjs or (nisba_ok and _nisba(w) and w not in c.not_adjs):
                j, adjs = j + 1, adjs + 1
            else:
                break
        head = self.toks[k][cut:]
        if adjs == 0 and not rest:
            if head in _ACTIVISTS or (cued and not self.tok(j).startswith("ال")):
                pass  # "ناشطون" is a source by itself in this news; so is any after a cue
            elif head in (fold("مصدر"), fold("مصادر"), fold("مسؤول")) and self.tok(j) == fold("في") \
                    and self.tok(j + 1).startswith("ال") and not self.is_stop(self.tok(j + 1)):
                j += 2  # "مصدر في الجيش"
                if _nisba(self.tok(j)) or self.tok(j).startswith("ال") and self.tok(j).endswith(("ي", "يه")):
                    j += 1
            else:
                return None
        elif adjs and self.toks[j - 1] in _NEAR and self.tok(j) == fold("من") and self.tok(j + 1).startswith("ال"):
            j += 2  # "مصادر مقربة من الحكومة"
        return self.add(k, j, cut, 0.9 if cued else 0.8)

    def after_cue(self, k: int, cut: int = 0, confidence: float = 0.9, limit: int = 6) -> int | None:
        """The claimant right after a cue, starting at token ``k``. Returns its end."""
        c = self.c
        if k >= self.n:
            return None
        if not self.is_word(k):
            q = self.quoted(k, 6)
            if q is None:
                return None
            self.add(k + 1, q, 0, confidence)
            return q + 1
        t = self.toks[k][cut:]
        if cut == 1 and self.toks[k].startswith("لل"):
            t = "ا" + self.toks[k][1:]
        if not t or t in _PRONOUNS or self.toks[k] in c.stops:
            return None  # "وفقا لها"
        if t in c.heads or t in c.heads_q:
            return self.named(k, cut, t, cued=True)
        if t in c.anaphors and not (self.tok(k + 1).startswith("ال") and self.tok(k + 1) not in _EMPHASIS):
            # "وأضاف المصدر أن" refers back; "الشبكة الوطنية …" is a name
            end = k + 2 if self.tok(k + 1) in _EMPHASIS else k + 1
            return self.add(k, end, cut, 0.7, value=None)
        if t in _REPORT_NOUNS:  # "بحسب تقرير لوكالة رويترز", "وفق بيان وزارة الدفاع"
            nxt = self.tok(k + 1)
            if nxt == "ل":
                return self.after_cue(k + 2, 0, confidence)
            if nxt.startswith("ل") and len(nxt) > 2:
                return self.after_cue(k + 1, 1, confidence)
            if self.is_word(k + 1) and not self.is_stop(nxt) and not (nxt in c.adjs or _nisba(nxt)):
                return self.after_cue(k + 1, 0, confidence)  # "تقرير منظمة العفو"
            if not (nxt in c.adjs or _nisba(nxt)):
                return None
        for rest in c.source_nouns.get(t, ()):
            if tuple(self.toks[k + 1 : k + 1 + len(rest)]) == rest:
                end = self.source_noun(k, cut, rest, cued=True)
                if end is not None:
                    return end
        if (t in c.stops or t in c.verbs or t in c.not_sources or t[0].isdigit()
                or self.is_stop(t if cut else self.toks[k]) or self.pronoun_suffixed(k, first=True)):
            return None  # "وفقا لاختصاصه": a possessed noun is not a source
        end = self.words(k, cut, limit)
        return None if end is None else self.add(k, end, cut, confidence)

    def chain(self, end: int | None) -> None:
        """"نقلت الوكالة عن مصدر عسكري": the source after عن is a claimant too."""
        if end is not None and self.tok(end) == _AN:
            self.after_cue(end + 1)

    # --- cues ---------------------------------------------------------------
    def prep(self, i: int, stem: str) -> int | None:
        for rest in self.c.preps.get(stem, ()):
            n = len(rest)
            k = i + 1
            if n and rest[-1] == "ل":  # "وفقا ل": the ل may be joined to the name
                if tuple(self.toks[k : k + n - 1]) != rest[:-1]:
                    continue
                nxt = self.tok(k + n - 1)
                if nxt == "ل":
                    return self.after_cue(k + n)
                if nxt.startswith("ل") and len(nxt) > 2:
                    return self.after_cue(k + n - 1, cut=1)
                continue
            if tuple(self.toks[k : k + n]) != rest:
                continue
            k += n
            if self.tok(k) == _MA or stem.endswith("ما"):  # "بحسب ما ذكرت وكالة …"
                k += self.tok(k) == _MA
                verb = self.conj_stem(self.tok(k))[1] if self.tok(k) not in self.c.verbs else self.tok(k)
                if verb not in self.c.verbs and verb not in self.c.verbs_an:
                    return None
                k += 1
            # a byline ("المصدر : أ ف ب") names an outlet in a word or three
            return self.after_cue(k, limit=3 if stem == _BYLINE else 6)
        return None

    def verb(self, i: int, cut: int, stem: str) -> None:
        if stem.endswith("ه"):
            a, b = self.norm.to_original(self.starts[i], self.ends[i])
            if self.text[a:b].endswith("ة"):
                return  # "نشرة" (a bulletin) folds like "نشره" (published it)
        if not cut and not stem.endswith("ه") and not stem.endswith("ها"):
            prev = self.tok(i - 1)
            if i > 0 and self.is_word(i - 1) and prev not in _CLAUSE_OPENERS and not self.sourceish(i + 1):
                return  # mid-clause: "الذي قال"، "فصيل تابع"; but "… قال مسؤولون إن" after a headline
        if stem in self.c.verbs_an:  # "نقلت الوكالة عن مصدر": both are claimants
            end = self.words(i + 1)
            if end is None or (self.tok(end) != _AN and self.tok(end) not in _MEDIA_OBJECTS):
                return  # "نشر الجيش قوات" deployed, "نقلت سيارات الجرحى" carried
            self.chain(self.after_cue(i + 1))
        else:
            self.after_cue(i + 1)  # "كشفت مصادر عن هجوم": what follows عن is news

    def sourceish(self, k: int) -> bool:
        """Token ``k`` starts a name that is a source whatever precedes it."""
        c, t = self.c, self.tok(k)
        return (t in c.heads or t in c.heads_q or t in c.source_nouns or t in c.source_first_words
                or t in c.spokesmen)

    def read(self, i: int) -> None:
        """Read the claimant cued by token ``i`` (a trigger word)."""
        c, tok = self.c, self.toks[i]
        variants = list(clitic_variants(tok))
        if len(tok) == 3 and tok[0] in "وف":
            variants.append((1, tok[1:]))  # "وبث": clitic_variants keeps stems of 3+ letters
        for cut, stem in variants:
            if stem in c.preps:
                if cut == 0 or tok[:cut] in ("و", "ف"):
                    self.chain(self.prep(i, stem))
                return
            if stem in c.verbs or stem in c.verbs_an:
                if cut == 0 or tok[:cut] in ("و", "ف"):
                    self.verb(i, cut, stem)
                return
            if stem in c.heads or stem in c.heads_q:
                self.named(i, cut, stem, cued=False)
                return
            if stem in c.source_nouns:
                for rest in c.source_nouns[stem]:
                    if (tuple(self.toks[i + 1 : i + 1 + len(rest)]) == rest
                            and self.source_noun(i, cut, rest) is not None):
                        return
                return
            if stem in c.spokesmen and self.tok(i + 1) == _BISM:
                end = self.words(i + 2, 0, limit=4)
                if end is not None:
                    self.add(i, end, cut, 0.85)
                return


def _clitic_forms(stems) -> set[str]:
    """Every spelling ``clitic_variants`` reads back to one of ``stems``."""
    out = set()
    for s in stems:
        bases = [s] + (["لل" + s[2:]] if s.startswith("ال") else [])
        for b in bases:
            for conj in ("", "و", "ف"):
                for prep in ("", "ب", "ل", "ك"):
                    if b.startswith("لل") and prep:
                        continue
                    out.add(conj + prep + b)
    return out


# What may precede a curated name inside its token: و/ف, then ب/ل/ك.
_NAME_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


class _Triggers(NamedTuple):
    """What finds cues and curated names among a text's tokens."""

    cue_words: frozenset[str]  # every clitic spelling of a cue
    source_re: re.Pattern[str]  # the curated names
    name_firsts: frozenset[str]  # the tokens a name can start with (clitics + its first word)
    names: dict[str, tuple[str, bool]]  # form -> (curated spelling, written with لل)
    either: frozenset[str]  # cue_words | name_firsts: one look-up per token


@lru_cache(maxsize=1)
def _triggers() -> _Triggers:
    c = _cues()
    stems = (set(c.preps) | c.verbs | c.verbs_an | c.heads | c.heads_q
             | set(c.source_nouns) | c.spokesmen)
    names: dict[str, tuple[str, bool]] = {}  # form -> (curated spelling, written with لل)
    for term in c.sources:
        f = " ".join(fold(term).split())
        names.setdefault(f, (term, False))
        if f.startswith("ال"):
            names.setdefault(f[1:], (term, True))  # للمرصد = ل + لمرصد
    source_re = re.compile(r"\b(?:[وف]?[بلك]?)(?P<s>" + trie_pattern(names) + r")\b")
    # A name's words are letters only, so the token a match starts at is clitics + its first word.
    firsts = frozenset(p + f.split()[0] for f in names for p in _NAME_CLITICS)
    cue_words = frozenset(_clitic_forms(stems))
    return _Triggers(cue_words, source_re, firsts, names, cue_words | firsts)


_SEPARATORS = re.compile(r"[\s\"'«»“”]+")


def _resolve(text: str, norm: Normalised, cands: list[_Cand]) -> list[Mention]:
    """Overlaps (the longest wins, a curated name beats a cued phrase that
    starts with it), then anaphors, then mentions."""
    fixed = {c.a: c for c in cands if c.fixed}
    for c in cands:
        f = fixed.get(c.a)
        if not c.fixed and f is not None:
            f.confidence = max(f.confidence, c.confidence)
            if _ONLY_CLOSERS.fullmatch(norm.text, f.b, c.b):
                f.b = c.b  # the cued span only adds the closing quote
    pool = [c for c in cands if c.fixed or c.a not in fixed]
    pool.sort(key=lambda c: (-(c.b - c.a), -c.confidence, c.a))
    kept: list[_Cand] = []
    taken = bytearray(len(norm.text) + 1)  # 1 where a kept claimant covers the text
    for c in pool:
        if c.b <= c.a or any(taken[c.a : c.b]):
            continue
        kept.append(c)
        taken[c.a : c.b] = b"\x01" * (c.b - c.a)
    kept.sort(key=lambda c: c.a)
    out: list[Mention] = []
    for c in kept:
        value = c.value if c.value is not None else _antecedent(norm, c, out)
        if value is None:
            continue
        s, e = norm.to_original(c.a, c.b)
        e = _MARKS.match(text, e).end()  # the last letter's harakat belong to it
        out.append(Mention("claimant", s, e, text[s:e], value, c.confidence))
    return out


def _antecedent(norm: Normalised, c: _Cand, before: list[Mention]) -> str | None:
    """The claimant an anaphor ("الوزارة"، "المصدر نفسه") refers back to:
    the last one with the same head word, or for loose ones the last one."""
    word = norm.text[c.a : c.b].split()[0]
    if word.startswith("لل"):
        word = "ا" + word[1:]
    heads = _ANAPHOR_HEADS.get(word, (word[2:],))
    for m in reversed(before):
        v = fold(m.value)
        if any(h in v for h in heads):
            return m.value
    if word in _LOOSE_ANAPHORS and before:
        return before[-1].value
    return None


def _curated_names(nt: str, starts: list[int], toks: list[str], hits: list[int]) -> list[re.Match]:
    """The matches of the curated-name regex in ``nt``, as its ``finditer`` gives
    them, tried only at the tokens of ``hits`` that can begin a name."""
    triggers = _triggers()
    source_re, name_firsts = triggers.source_re, triggers.name_firsts
    out = []
    done = 0  # a name is matched after the last one only, as finditer would
    for i in hits:
        if toks[i] in name_firsts and starts[i] >= done:
            m = source_re.match(nt, starts[i])  # its \b still sees the text before
            if m is not None:
                out.append(m)
                done = m.end()
    return out


def find_claimants(text: str, norm: Normalised | None = None) -> list[Mention]:
    """Every claimant named in ``text``, in text order.

    ``norm`` is ``normalise(text)`` when the caller has it (pass the same
    object to ``find_quantities`` and the text is tokenised once). ``value``
    is the claimant's name as written, cleaned ("وكالة مؤتة", "مصادر محلية",
    "غرفة عمليات الجيش العربي السوري"); ``text[m.start:m.end] == m.text``.
    ``confidence``: 0.9 after a cue, 0.8 a source noun alone, 0.75 a curated
    name alone, 0.7 an anaphor.
    """
    if norm is None:
        norm = normalise(text)
    nt = norm.text
    triggers = _triggers()
    cue_words, names = triggers.cue_words, triggers.names
    starts, ends, toks = token_bounds(norm)
    # Cues and names are found among the tokens with one set look-up each (cheaper
    # than a regex over the text; the tests check this against the regexes).
    hits = list(compress(count(), map(triggers.either.__contains__, toks)))
    cands: list[_Cand] = []
    scan: _Scan | None = None
    for i in hits:
        if toks[i] in cue_words and whole_word(nt, starts[i], ends[i]):
            if scan is None:
                scan = _Scan(text, norm, cands)
            scan.read(i)
    for m in _curated_names(nt, starts, toks, hits):
        hit = names.get(_SEPARATORS.sub(" ", m.group("s")))
        if hit is None:
            continue
        term, doubled = hit
        a = m.start("s") - doubled
        cands.append(_Cand(a, m.end("s"), term, 0.75, fixed=True))
    return _resolve(text, norm, cands)


def claimant_for(position: int, mentions: list[Mention], sentence_span: tuple[int, int]) -> str | None:
    """The claimant that governs a fact at ``position``: the nearest claimant
    mention in the same sentence, one before the fact preferred; None when
    the sentence names none (the caller then falls back to the outlet)."""
    lo, hi = sentence_span
    # Mentions come sorted by start: bisect to the sentence instead of scanning them all.
    first = bisect_left(mentions, lo, key=lambda m: m.start)
    last = bisect_left(mentions, hi, lo=first, key=lambda m: m.start)
    inside = [m for m in mentions[first:last] if m.kind == "claimant" and m.end <= hi]
    before = [m for m in inside if m.start <= position]
    if before:
        return max(before, key=lambda m: m.start).value
    after = [m for m in inside if m.start > position]
    return min(after, key=lambda m: m.start).value if after else None
