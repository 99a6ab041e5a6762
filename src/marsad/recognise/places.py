"""Place mentions: gazetteer names with the words around them that matter.

A place mention is a gazetteer name plus its context:
- a type word before it (حي، بلدة، قرية، مدينة، مخيم، ريف، محافظة ...), which both
  widens the evidence and licenses names that are also common words (القدم، الميدان);
- "near" words before it (قرب، محيط، أطراف) that lower precision to 2;
- an anchor after it ("جنوب دمشق"، "بريف حماة"، "التابعة لقضاء الدبس") that
  says which of several same-named places is meant.
Resolution to one gazetteer entry and a precision is ``geocode.resolve``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from ..geocode import locate, resolve
from ..knowledge import Gazetteer, load_gazetteer
from ..model import Mention, PlaceEntry
from ..text.matcher import PhraseMatcher
from .claimants import reporting_verbs
from ..text.normalise import Normalised, clitic_variants, fold, normalise

# Type words, normalised. "ريف"/"محافظة"/"ناحية" name a region around the place.
_TYPE_WORDS = {
    "حي": "place", "احياء": "place", "حيي": "place", "بلده": "place", "بلدات": "place",
    "قريه": "place", "قري": "place", "قريتي": "place", "مدينه": "place", "مدن": "place",
    "مدينتي": "place", "مخيم": "place", "منطقه": "place", "مناطق": "place", "بلدتي": "place",
    "ريف": "region", "محافظه": "region", "منطقتي": "place",
    # A district is named after its seat: "قضاء تلعفر" is around Tal Afar (precision 2).
    "ناحيه": "district", "قضاء": "district",
    "مطار": "place", "سد": "place", "معبر": "place", "حقل": "place", "جبل": "place",
}
_NEAR_WORDS = {"قرب", "بالقرب", "محيط", "اطراف", "ضواحي", "مشارف", "مقربه", "تخوم", "جوار",
               # "جنوب دمشق": somewhere south of the city, located at the city (precision 2)
               "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"}
_DIRECTIONS = (
    "شمال شرق", "شمال غرب", "جنوب شرق", "جنوب غرب", "شمالي شرق", "شمالي غرب", "جنوبي شرق",
    "جنوبي غرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
)
_ANCHOR = re.compile(
    r"^\s*(?:ال)?(?:"
    + "|".join(sorted(_DIRECTIONS, key=len, reverse=True))
    + r"|(?:ب|في |و)?ريف|(?:ال)?تابع(?:ه)? (?:ل|الي )(?:قضاء |ناحيه |محافظه |مدينه )?|في (?:محافظه |مدينه )?|بمحافظه |بمدينه )\s*(?:ال)?\S*?\s*$"
)


def _word_before(text: str, pos: int, reach: int) -> tuple[int, str] | None:
    """The last word ending before ``pos`` (cut at ``reach`` characters back), with
    its start; None when only blanks are there. (A split, not a regex anchored at
    the end: that regex is tried at every character of the window.)"""
    lo = max(0, pos - reach)
    head = text[lo:pos].rstrip()
    if not head:
        return None
    word = head.rsplit(None, 1)[-1]
    return lo + len(head) - len(word), word
# "حمورية بريف دمشق", "سراقب في محافظة إدلب": a preposition before a region says where
# the place lies (the region's own words, "ريف"/"محافظة", are part of its name).
_REGION_LINK = re.compile(r"^\s*(?:ب|في|من|،|,)?\s*$")


class _Index(NamedTuple):
    """The gazetteer as place_candidates reads it."""

    matcher: PhraseMatcher
    by_term: dict[str, tuple[PlaceEntry, ...]]  # a name's entries, best first
    countries: frozenset[str]  # names that only ever name countries
    regions: frozenset[str]  # names of governorates, districts or countries only
    at_home: frozenset[str]  # names whose every entry is plausible in any context (_at_home)


@lru_cache(maxsize=4)
def _index(gazetteer: Gazetteer) -> _Index:
    by_term: dict[str, list[PlaceEntry]] = {}
    for term, place_id in gazetteer.terms():
        key = fold(term)
        entry = gazetteer.get(place_id)
        if entry is None or len(key.replace(" ", "")) < 3 or not _has_arabic(key):
            continue
        by_term.setdefault(key, [])
        if entry not in by_term[key]:
            by_term[key].append(entry)
    matcher = PhraseMatcher((term, term) for term in by_term)
    # Candidates in the gazetteer's importance order (a city before its governorate).
    ranked = {}
    for k, v in by_term.items():
        order = {e.id: i for i, e in enumerate(gazetteer.lookup(k))}
        ranked[k] = tuple(sorted(v, key=lambda e: order.get(e.id, len(order))))
    countries = frozenset(k for k, v in ranked.items() if all(e.feature == "country" for e in v))
    regions = frozenset(k for k, v in ranked.items() if all(e.feature in ("admin1", "admin2", "country") for e in v))
    return _Index(matcher, ranked, countries, regions, frozenset(k for k, v in ranked.items() if all(map(_at_home, v))))


def _has_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    raw = files("marsad.knowledge").joinpath("data/place_stopwords.txt").read_text("utf-8")
    lines = (line.strip() for line in raw.splitlines())
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))


class PlaceCandidate(NamedTuple):
    """A place name with its context, before choosing among same-named places.
    (A named tuple: a page gives dozens, and a tuple is made three times faster
    than a frozen dataclass.)"""

    start: int
    end: int
    entries: tuple[PlaceEntry, ...]
    region: bool
    near: bool
    anchor: tuple[PlaceEntry, ...]
    confidence: float


def place_candidates(text: str, norm: Normalised | None = None, gazetteer: Gazetteer | None = None) -> list[PlaceCandidate]:
    """Every place name in the text with its type word, "near" word and anchor."""
    gazetteer = gazetteer or load_gazetteer()
    norm = norm or normalise(text)
    index = _index(gazetteer)
    matcher, by_term = index.matcher, index.by_term
    common = _common_words()
    out: list[PlaceCandidate] = []
    matches = matcher.find(norm)
    consumed: set[int] = set()
    for i, m in enumerate(matches):
        if i in consumed:
            continue
        if m.value in index.countries:
            continue  # a country never locates an event (geocode.choose)
        start, kind, near = _widen_left(text, m.start)
        bare = m.value.removeprefix("ال")
        if (m.value in common or bare in common) and kind is None:
            continue
        if _is_dateline(text, start, m.end) or _INSTITUTION.search(norm.folded(start - 14, start)):
            continue
        if kind is None and _speaks(text, start):
            continue
        whole_word = m.start == 0 or not text[m.start - 1].isalpha()
        if m.value in index.at_home:
            entries = by_term[m.value]
        else:
            entries = tuple(e for e in by_term[m.value] if _plausible(e, whole_word, kind))
        if not entries:
            continue
        # The anchor is the next place when only a direction or "ريف" stands between.
        anchor: tuple[PlaceEntry, ...] = ()
        end = m.end
        if i + 1 < len(matches):
            nxt = matches[i + 1]
            # Folding only drops marks: a gap this long stays too long, and is not folded.
            gap = norm.folded(m.end, nxt.start) if nxt.start - m.end < 120 else "-" * 30
            region_next = nxt.value in index.regions
            if len(gap) < 30 and (_ANCHOR.match(gap) or (region_next and _REGION_LINK.match(gap))):
                anchor = by_term[nxt.value]
                end = nxt.end
                consumed.add(i + 1)
        conf = 0.9 if kind or anchor else 0.7
        out.append(PlaceCandidate(start, end, entries, kind == "region", near or kind == "district", anchor, conf))
    return out


def find_places(
    text: str,
    norm: Normalised | None = None,
    *,
    country: str | None = None,
    focus: PlaceEntry | None = None,
    gazetteer: Gazetteer | None = None,
    candidates: list[PlaceCandidate] | None = None,
) -> list[Mention]:
    """Place mentions with ``value`` a resolved ``Location``.

    ``country`` is the story's country and ``focus`` the place the story is most
    about: same-named places are chosen in that country and near that place.
    """
    gazetteer = gazetteer or load_gazetteer()
    if candidates is None:
        candidates = place_candidates(text, norm, gazetteer)
    out: list[Mention] = []
    for c in candidates:
        location = resolve(
            c.entries,
            text=text[c.start:c.end],
            region=c.region,
            near=c.near,
            anchor=c.anchor,
            country=country,
            focus=focus,
            gazetteer=gazetteer,
        )
        if location is not None:
            out.append(Mention("place", c.start, c.end, text[c.start:c.end], location, c.confidence))
    return out


def story_focus(candidates: list[PlaceCandidate], country: str | None) -> PlaceEntry | None:
    """The unambiguous place the report names most often, in its country."""
    counts: dict[str, list[PlaceEntry]] = {}
    for c in candidates:
        pool = [e for e in c.entries if e.feature != "country" and (country is None or e.country == country)]
        if len(pool) == 1:
            counts.setdefault(pool[0].id, []).append(pool[0])
    if not counts:
        return None
    return max(counts.values(), key=len)[0]


# Countries whose towns and villages conflict news names every day. Elsewhere only
# big cities count, written as whole words (not "وكالة" read as و + a French town).
_HOME = frozenset(
    "SY IQ YE LY PS LB SD SS JO IL EG SA TR IR AF SO NE NG ML TD BF DZ TN MA MR KW QA BH AE OM DJ KM PK".split()
)
_FOREIGN_MIN_POPULATION = 100_000


def _at_home(entry: PlaceEntry) -> bool:
    """A place named in any context: in a country of conflict news, or a country or governorate."""
    return entry.country in _HOME or entry.feature in ("country", "admin1")


def _plausible(entry: PlaceEntry, whole_word: bool, kind: str | None) -> bool:
    return _at_home(entry) or kind is not None or (whole_word and entry.population >= _FOREIGN_MIN_POPULATION)


# "موسكو - وكالات", "بيروت :" at the head of a line is where the story was filed, not where it happened.
_DATELINE_AFTER = re.compile(r"^\s*(?:[-–—:]|\(\s*\S+\s*\)\s*[-–—:])")
# A place named as part of an institution ("مستشفى القدس", "وكالة ... ") is not a location.
_INSTITUTION = re.compile(r"(?:مستشفي|مشفي|مدرسه|جامعه|وكاله|صحيفه|قناه|اذاعه|تلفزيون|فندق|جامع|مسجد|كنيسه|شركه|نادي|منتخب|فريق|مجلس)\s*\W*$")


def _speaks(text: str, start: int) -> bool:
    """The place is the subject of a reporting verb: "قالت موسكو", "واتهمت دمشق" name a
    government (metonymy), not where anything happened."""
    before = _word_before(text, start, 20)
    return before is not None and _reporting_verb(before[1])


@lru_cache(maxsize=8192)
def _reporting_verb(word: str) -> bool:
    word = fold(word)
    verbs = reporting_verbs()
    return word in verbs or (word[:1] in "وف" and word[1:] in verbs)


def _is_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].strip(" >»«\"'")
    return len(head) < 3 and bool(_DATELINE_AFTER.match(text[end:end + 20]))


def _widen_left(text: str, start: int) -> tuple[int, str | None, bool]:
    """Take in a type word and a "near" word before the name."""
    kind = None
    near = False
    pos = start
    for _ in range(2):
        # Look back a few words only: searching from 0 would be quadratic in the text.
        before = _word_before(text, pos, 40)
        if before is None:
            break
        word_start, word = before
        word_kind, near_word = _context_word(word)
        if kind is None and word_kind:
            kind = word_kind
            pos = word_start
            continue
        if near_word:
            near = True
            pos = word_start
            continue
        break
    return pos, kind, near


@lru_cache(maxsize=8192)
def _context_word(word: str) -> tuple[str | None, bool]:
    """What a word before a place name says: the kind of place its type word names
    (or None), and whether it is a "near" word. Kept: the same few words come before
    most names."""
    word = fold(word).strip("(\"'«")
    stems = {s.removeprefix("ال") for _, s in clitic_variants(word)} | {word}
    if len(word) > 2 and word[0] in "وفبلك":
        stems.add(word[1:])  # "بحي", "وحي": short type words keep their clitic
    type_word = next((s for s in stems if s in _TYPE_WORDS), None)
    return (_TYPE_WORDS[type_word] if type_word else None), not stems.isdisjoint(_NEAR_WORDS)


def story_country(places: list[Mention]) -> str | None:
    """The country most places of the report lie in (the first named wins a tie)."""
    return _most_named(p.value.country for p in places)


def candidates_country(candidates: list[PlaceCandidate], gazetteer: Gazetteer | None = None) -> str | None:
    """``story_country(find_places(text, candidates=candidates))``: the country most
    places lie in, each located without a story country, and no Location built."""
    gazetteer = gazetteer or load_gazetteer()
    located = (locate(c.entries, region=c.region, near=c.near, anchor=c.anchor, gazetteer=gazetteer)
               for c in candidates)
    return _most_named(found[0].country for found in located if found is not None)


def _most_named(countries) -> str | None:
    counts: dict[str, int] = {}
    for country in countries:
        counts[country] = counts.get(country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None
