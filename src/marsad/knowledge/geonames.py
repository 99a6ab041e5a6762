"""GeoNames names as Arabic writes them, and GeoNames country dumps.

Shared by scripts/build_gazetteer.py (which builds the package's place files
from GeoNames extracts) and ``marsad gazetteer add`` (which merges a user's
own GeoNames country dump): both must clean names the same way.

A GeoNames country dump (``SY.zip`` from download.geonames.org/export/dump)
holds ``SY.txt``: one place a line, 19 tab-separated columns. Its alternate
names (``alternatenames/SY.zip`` or ``alternateNamesV2.zip``) hold one name a
line: id, geonameid, language, name, preferred, short, colloquial, historic
[, from, to].
"""
from __future__ import annotations

import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..text.normalise import fold

# --- Arabic names -------------------------------------------------------------

_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200d\u200e\u200f\ufeff]")
_ARABIC_OK = re.compile(r"^[\u0621-\u063a\u0641-\u064a \-']+$")
ANY_ARABIC = re.compile("[\u0600-\u06ff]")
# Persian keheh and yeh are glyph variants of Arabic kaf and ya; Arabic writes Persian
# gaf and pe as kaf and ba (لشكرگاه is لشكركاه in Arabic media): map them, keep the name.
_GLYPH = str.maketrans({"ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب", "\u200c": " "})
GENERIC_PREFIX = ("مدينة ", "قرية ", "بلدة ", "مدينه ", "ناحية ", "مخيم ")


def clean_ar(name: str) -> str | None:
    """An Arabic-script alternate name as Arabic writes it, or None.

    Names still holding Persian/Kurdish/Urdu letters (چ ژ ۆ ێ ە ڵ ڕ ڤ ٹ …)
    after the glyph mapping are spellings Arabic media do not use: dropped.
    """
    s = _HARAKAT.sub("", name).translate(_GLYPH)
    s = re.sub(r"\s+", " ", s).strip(" -")
    if not s or not _ARABIC_OK.match(s):
        return None
    # Uyghur/Kurdish spellings in Arabic letters: a word opening on ئ, ى inside a word.
    if any(w.startswith("ئ") or "ى" in w[:-1] for w in s.split()):
        return None
    if len(s.replace(" ", "")) < 2:
        return None
    return s


_JOINING = ("كفر", "تل", "البو", "أبو", "ابو")


def joined_variants(name: str) -> list[str]:
    """Spellings with a compound's first word joined or split: كفر نبل / كفرنبل, تل عفر / تلعفر."""
    words = name.split()
    out = []
    if len(words) >= 2 and words[0] in _JOINING and not words[1].startswith(("ا", "أ", "إ", "آ")):
        out.append(words[0] + " ".join(words[1:]))
    if len(words) == 1 and name.startswith("كفر") and len(name) > 5:
        out.append("كفر " + name[3:])
    return out


def ascii_name(name: str) -> str:
    """GeoNames name without diacritics: "Ma‘arrat an Nu‘mān" -> "Ma'arrat an Nu'man"."""
    s = name.replace("‘", "'").replace("’", "'").replace("ʻ", "'").replace("ʼ", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")


_AR_SKEL = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "d",
    "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "h", "ا": "", "أ": "", "إ": "", "آ": "", "ء": "", "ؤ": "", "ئ": "", "ع": "",
    "و": "", "ي": "", "ى": "", " ": "", "-": "", "'": "",
})
_EN_SKEL = str.maketrans({"q": "k", "c": "k", "x": "ks", "g": "j", "p": "b", "v": "f",
                          "e": "", "a": "", "i": "", "o": "", "u": "", "y": "", "w": "",
                          "'": "", " ": "", "-": ""})
_EN_ARTICLE = re.compile(r"^(al|el|ar|as|ash|ad|adh|at|az|an|ath|ad-d|al-)[\s'-]+")


def skeleton_similarity(ar: str, en: str) -> float:
    """How well an Arabic spelling and a romanised name share their consonants.

    The article (ال / Al-, Ar-, As- ...) is compared apart.
    """
    ar_art = ar.startswith("ال")
    a = (ar[2:] if ar_art else ar).translate(_AR_SKEL).rstrip("h")
    e = re.sub(r"[^a-z' -]", "", ascii_name(en).lower())
    m = _EN_ARTICLE.match(e)
    e = e[m.end():] if m else e
    e = e.replace("kh", "k").replace("sh", "s").replace("th", "t").replace("dh", "d").replace("gh", "g")
    e = e.translate(_EN_SKEL).rstrip("h")
    # Arabic writes most town names with the article (الموصل، البصرة) even where the
    # romanisation drops it; article-less alternates are mostly Persian/Urdu forms.
    return difflib.SequenceMatcher(None, a, e).ratio() + (0.05 if ar_art else 0.0)


def choose_ar(names: list[str], en: str) -> str:
    """The Arabic spelling that best renders the English name (GeoNames gives no preference)."""
    if not names:
        return ""
    plain = [n for n in names if not n.startswith(GENERIC_PREFIX)] or names
    # Ties go to the shorter spelling: Arabic leaves short vowels unwritten (لندن, كابل).
    return max(plain, key=lambda n: (round(skeleton_similarity(n, en), 2), -_oddity(n), -len(n)))


def _oddity(name: str) -> int:
    """Letters in places Arabic spelling does not put them (hamza alef mid-word, ى mid-word)."""
    odd = 0
    for word in name.split():
        odd += sum(1 for c in word[1:] if c in "أإآ") + sum(1 for c in word[:-1] if c in "ىة")
        odd += len(word) == 1  # "د مشق": a stray space
        odd += "وو" in word  # Uyghur long vowels: "توونس"
    return odd


def _hamzas(name: str) -> int:
    return sum(1 for c in name if c in "أإآؤئء")


def dedupe(names: list[str]) -> list[str]:
    """Drop spellings that fold to one key (the matcher folds them anyway).

    Of two spellings of one key the one with more hamza seats is kept
    ("إدلب" over "ادلب"): it is how careful writers spell it.
    """
    out: dict[str, str] = {}
    for n in names:
        if not n:
            continue
        k = fold(n)
        if k not in out or _hamzas(n) > _hamzas(out[k]) and _oddity(n) <= _oddity(out[k]):
            out[k] = n
    return list(out.values())


def latin_variants(names: list[str], limit: int = 40) -> list[str]:
    """Romanised spellings worth keeping: ASCII after diacritics, one per casefold, in order.

    All-lowercase forms are GeoNames' machine transliterations of other scripts
    ("alqds alshryf"), not spellings anyone writes: dropped.
    """
    out: dict[str, str] = {}
    for n in names:
        a = ascii_name(n).strip()
        if not a or not a.isascii() or not any(c.isupper() for c in a) or not re.search("[A-Za-z]{2}", a):
            continue
        if a.isupper() and len(a) <= 4:  # airport and postal codes (ALP, DAM), not names
            continue
        out.setdefault(a.casefold(), a)
        if len(out) >= limit:
            break
    return list(out.values())


# --- GeoNames dumps -------------------------------------------------------------

DUMP_COLUMNS = 19
# Feature codes kept from a dump, and the gazetteer feature each becomes.
KEPT_ADMIN = {"ADM1": "admin1", "ADM2": "admin2"}
# Sites conflict news names by their type word (مطار، قاعدة، سد، معبر، مخيم).
KEPT_SITES = {"AIRB": "site", "AIRP": "site", "AIRF": "site", "MILB": "site", "DAM": "site",
              "BP": "site", "CMPRF": "camp"}
# Historical places and sections of history are not where today's events happen.
DROPPED_P = {"PPLH", "PPLCH"}
# alternateNames "languages" that are codes or links, not names.
_NOT_NAMES = {"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "phon", "piny", "fr_1793"}
# Languages whose Arabic-script names are not Arabic spellings.
_NOT_ARABIC_LANGS = {"fa", "ckb", "ku", "ur", "ps", "ug", "sd", "ks", "pnb", "azb", "mzn", "glk", "lrc", "bal",
                     "ota", "prs", "kk", "ky", "tk", "ms"}


class DumpError(ValueError):
    """The file is not a GeoNames dump in the expected format."""


@dataclass
class DumpPlace:
    """One row of a GeoNames dump, the parts marsad keeps."""

    geonameid: int
    name: str
    asciiname: str
    alternates: list[str]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    population: int
    arabic: list[str] = field(default_factory=list)  # from the alternateNames file
    preferred_ar: str = ""
    not_arabic: set[str] = field(default_factory=set)  # Arabic-script names of other languages

    @property
    def feature(self) -> str | None:
        """The gazetteer feature, or None when marsad does not keep this kind of place."""
        if self.feature_class == "P":
            if self.feature_code in DROPPED_P:
                return None
            if self.feature_code == "PPLX":
                return "neighbourhood"
            big = self.population >= 100_000 or self.feature_code in ("PPLC", "PPLA")
            return "city" if big else "town"
        if self.feature_class == "A":
            return KEPT_ADMIN.get(self.feature_code)
        if self.feature_class in ("S", "L"):
            return KEPT_SITES.get(self.feature_code)
        return None


def _lines(path: Path, member_ok) -> Iterator[tuple[str, int, str]]:
    """(member name, line number, line) of a text file or of the matching members of a zip."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            members = [m for m in z.namelist() if member_ok(m)]
            for m in members:
                with z.open(m) as raw:
                    for i, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                        yield m, i, line.rstrip("\n")
        return
    if path.suffix.lower() == ".zip":
        raise DumpError(f"{path.name}: not a zip file")
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            yield path.name, i, line.rstrip("\n")


def _is_alternates_member(name: str) -> bool:
    return Path(name).name.lower().startswith("alternatename")


def _is_places_member(name: str) -> bool:
    base = Path(name).name
    return base.endswith(".txt") and not _is_alternates_member(base) and base.lower() not in (
        "readme.txt", "iso-languagecodes.txt")


def read_dump(path: Path) -> dict[int, DumpPlace]:
    """The places of a GeoNames dump (zip or txt) that marsad keeps, by geonameid.

    Raises DumpError naming the file and line when a row is not 19 tab-separated columns.
    """
    path = Path(path)
    places: dict[int, DumpPlace] = {}
    seen_member = False
    for member, n, line in _lines(path, _is_places_member):
        seen_member = True
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != DUMP_COLUMNS or not cols[0].isdigit():
            raise DumpError(f"not a GeoNames dump: expected {DUMP_COLUMNS} tab-separated columns, "
                            f"found {len(cols)} in {member} line {n}")
        try:
            p = DumpPlace(
                geonameid=int(cols[0]), name=cols[1], asciiname=cols[2],
                alternates=[a for a in cols[3].split(",") if a], lat=float(cols[4]), lon=float(cols[5]),
                feature_class=cols[6], feature_code=cols[7], country=cols[8].upper(),
                admin1=cols[10], admin2=cols[11], population=int(cols[14] or 0),
            )
        except ValueError as exc:
            raise DumpError(f"not a GeoNames dump: bad value in {member} line {n} ({exc})") from None
        if p.feature is not None and -90 <= p.lat <= 90 and -180 <= p.lon <= 180:
            places[p.geonameid] = p
    if not seen_member:
        raise DumpError(f"{path.name}: no XX.txt place file inside")
    return places


def read_alternate_names(path: Path, places: dict[int, DumpPlace]) -> int:
    """Add the Arabic names of an alternateNames file (txt or zip) to ``places``; returns how many.

    Names of other places in the file are skipped, so the world file streams through.
    """
    added = 0
    path = Path(path)
    # In a dump zip the names are the alternateNames member; a per-country names zip holds XX.txt.
    member_ok = _is_alternates_member if alternate_names_inside(path) else _is_places_member
    for member, n, line in _lines(path, member_ok):
        cols = line.split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            if line.strip():
                raise DumpError(f"not a GeoNames alternateNames file: expected 8 or 10 tab-separated "
                                f"columns, found {len(cols)} in {member} line {n}")
            continue
        p = places.get(int(cols[1]))
        lang, name = cols[2], cols[3]
        if p is None or lang in _NOT_NAMES or not ANY_ARABIC.search(name):
            continue
        historic = len(cols) > 7 and cols[7] == "1"
        if lang in _NOT_ARABIC_LANGS:
            p.not_arabic.add(name)
        elif not historic:
            p.arabic.append(name)
            added += 1
            if lang == "ar" and len(cols) > 4 and cols[4] == "1" and not p.preferred_ar:
                p.preferred_ar = name
    return added


def alternate_names_inside(path: Path) -> bool:
    """Whether a dump zip also carries an alternateNames file."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as z:
        return any(_is_alternates_member(m) and m.endswith(".txt") for m in z.namelist())


def arabic_names(p: DumpPlace) -> tuple[list[str], list[str]]:
    """A dump place's Arabic names as GeoNames spells them, and with joined/split compound spellings added.

    Both cleaned and deduplicated; the primary name is chosen from the first list.
    """
    raw = p.arabic + [a for a in p.alternates if ANY_ARABIC.search(a) and a not in p.not_arabic]
    ar = dedupe([a for a in (clean_ar(x) for x in raw) if a])
    return ar, dedupe(ar + [v for a in ar for v in joined_variants(a)])
