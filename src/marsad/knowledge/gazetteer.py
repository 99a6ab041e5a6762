"""The gazetteer: places with Arabic and English names, read from the package's TSV files.

Files in ``marsad/knowledge/data`` (sources and licences in data/SOURCES.md):

- ``countries.tsv``: countries (feature ``country``; coordinates are a centroid,
  never an event location);
- ``admin1.tsv``: governorates/provinces, coordinates of their seat;
- ``admin2.tsv``: districts, coordinates of their seat;
- ``places_geonames.tsv``: GeoNames populated places (built by
  scripts/build_gazetteer.py);
- ``places_curated.tsv``: hand-placed neighbourhoods, sites, camps and towns
  GeoNames lacks;
- ``place_aliases.tsv``: one-line fixes to any entry: ``add`` a spelling,
  ``drop`` a wrong one, set the primary Arabic ``name_ar``.

The user's own gazetteer (GeoNames country dumps added with ``marsad
gazetteer add``, see user_gazetteer.py) is merged in when it exists.

Lookups fold their input with ``marsad.text.normalise.fold``, so hamza seats,
ta marbuta and alef maqsura do not matter.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files

from ..model import PlaceEntry
from ..text.normalise import fold

PLACE_FILES = ("countries.tsv", "admin1.tsv", "admin2.tsv", "places_geonames.tsv", "places_curated.tsv")
ALIAS_FILE = "place_aliases.tsv"
FEATURES = ("city", "town", "neighbourhood", "site", "camp", "admin1", "admin2", "country")

# Importance: a city before a same-named governorate (حلب is Aleppo city first),
# places before regions, countries last (they never locate an event).
_FEATURE_RANK = {"city": 0, "town": 1, "neighbourhood": 1, "site": 1, "camp": 1,
                 "admin1": 2, "admin2": 3, "country": 4}
# Ties between same-named small places go to the countries marsad's news is about.
_COUNTRY_RANK = {cc: i for i, cc in enumerate(
    ("SY", "IQ", "YE", "LY", "PS", "LB", "SD", "SS", "JO", "IL", "EG", "SA", "TR", "IR", "AF",
     "SO", "NE", "NG", "ML", "TD", "BF", "DZ", "TN", "MA", "MR", "KW", "QA", "BH", "AE", "OM",
     "DJ", "KM", "PK"))}


def _key(name: str) -> str:
    """A name folded, whitespace collapsed (the actor registry's key too)."""
    return " ".join(fold(name).split())


def _name_key(name: str) -> str:
    """The gazetteer's lookup key: folded, lower-cased ("aleppo" finds Aleppo), whitespace collapsed."""
    k = fold(name).lower()
    if "  " in k or k[:1] == " " or k[-1:] == " ":  # rare: the data files hold clean names
        k = " ".join(k.split())
    return k


def importance(entry: PlaceEntry) -> tuple:
    """Sort key, most important first: feature rank, curated, population, country."""
    return (
        _FEATURE_RANK.get(entry.feature, 5),
        not entry.id.startswith("marsad:"),  # curators added it because the news names it
        -entry.population,
        _COUNTRY_RANK.get(entry.country, 99),
        entry.id,
    )


class Gazetteer:
    """Places by id, by any name, by governorate and by country."""

    def __init__(self, entries: Iterable[PlaceEntry], parents: dict[str, str] | None = None,
                 sources: dict[str, str] | None = None) -> None:
        self.entries: tuple[PlaceEntry, ...] = tuple(entries)
        self._by_id = {e.id: e for e in self.entries}
        self._parents = parents or {}
        self._sources = sources or {}
        self._names: dict[str, tuple[PlaceEntry, ...]] | None = None
        self._admin1: dict[tuple[str, str], PlaceEntry] | None = None
        self._countries: dict[str, PlaceEntry] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, id: str) -> PlaceEntry | None:
        """The entry with this id ("geonames:170654", "marsad:sy-al-qadam")."""
        return self._by_id.get(id)

    def parent(self, id: str) -> PlaceEntry | None:
        """The city a curated neighbourhood or site belongs to, if recorded."""
        ref = self._parents.get(id)
        if not ref:
            return None
        return self.get(ref) or next(iter(self.lookup(ref)), None)

    def source(self, id: str) -> str:
        """Where the entry comes from (curated rows say so; the rest is GeoNames)."""
        return self._sources.get(id, "GeoNames (CC BY 4.0)")

    def lookup(self, name: str) -> list[PlaceEntry]:
        """Entries named ``name`` (any Arabic or English spelling), most important first.

        The input is folded; a name with a leading ال is also tried without it,
        those matches coming after the exact ones.
        """
        index = self._name_index()
        key = _name_key(name)
        found = list(index.get(key, ()))
        if key.startswith("ال") and len(key) > 4:
            seen = {e.id for e in found}
            found += [e for e in index.get(key[2:], ()) if e.id not in seen]
        return found

    def terms(self) -> Iterator[tuple[str, str]]:
        """(name, place id) for every spelling of every place, for a PhraseMatcher."""
        for e in self.entries:
            seen: set[str] = set()
            for n in (e.name_ar, *e.names, e.name):
                k = _name_key(n) if n else ""
                if len(k) >= 2 and k not in seen:
                    seen.add(k)
                    yield n, e.id

    def admin1(self, country: str, name: str) -> PlaceEntry | None:
        """The governorate/province of ``country`` named ``name`` (English or Arabic)."""
        if self._admin1 is None:
            idx: dict[tuple[str, str], PlaceEntry] = {}
            for e in sorted((e for e in self.entries if e.feature == "admin1"), key=importance):
                for n in (e.name, e.name_ar, *e.names):
                    if n:
                        idx.setdefault((e.country, _name_key(n)), e)
            self._admin1 = idx
        return self._admin1.get(((country or "").upper(), _name_key(name)))

    def country(self, code_or_name: str) -> PlaceEntry | None:
        """A country by ISO alpha-2 code ("SY") or any of its names ("سوريا", "Syria")."""
        if self._countries is None:
            idx: dict[str, PlaceEntry] = {}
            for e in (e for e in self.entries if e.feature == "country"):
                idx.setdefault(e.country.upper(), e)
                for n in (e.name, e.name_ar, *e.names):
                    if n:
                        idx.setdefault(_name_key(n), e)
            self._countries = idx
        s = code_or_name.strip()
        if len(s) == 2 and s.isascii() and s.isalpha():
            return self._countries.get(s.upper())
        return self._countries.get(_name_key(s))

    def _name_index(self) -> dict[str, tuple[PlaceEntry, ...]]:
        if self._names is None:
            idx: dict[str, list[PlaceEntry]] = defaultdict(list)
            for e in self.entries:
                for k in {_name_key(n) for n in (e.name, e.name_ar, *e.names) if n}:
                    idx[k].append(e)
            self._names = {k: tuple(sorted(v, key=importance)) if len(v) > 1 else (v[0],)
                           for k, v in idx.items()}
        return self._names


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a file in marsad/knowledge/data as dicts; '#' lines and blank lines are comments."""
    text = files("marsad.knowledge").joinpath("data", name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        cells = ln.split("\t")
        yield dict(zip(header, cells + [""] * (len(header) - len(cells))))


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


def _entry(row: dict[str, str]) -> PlaceEntry:
    names = _split(row.get("names", "")) or [row["name_ar"], *_split(row.get("aliases", "")), row["name"]]
    return PlaceEntry(
        id=row["id"],
        name=row["name"],
        name_ar=row.get("name_ar", ""),
        country=row["country"],
        feature=row["feature"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        admin1=row.get("admin1") or None,
        admin2=row.get("admin2") or None,
        population=int(row.get("population") or 0),
        names=tuple(n for n in names if n),
    )


def _apply_aliases(entries: dict[str, PlaceEntry], rows: Iterable[dict[str, str]]) -> None:
    """Apply place_aliases.tsv in file order: add / drop a spelling, set name_ar."""
    from dataclasses import replace

    for row in rows:
        e = entries.get(row["id"])
        value = row.get("value", "").strip()
        if e is None or not value:
            continue
        action = row.get("action", "add")
        if action == "add" and _name_key(value) not in {_name_key(n) for n in e.names}:
            e = replace(e, names=e.names + (value,))
        elif action == "drop":
            names = tuple(n for n in e.names if _name_key(n) != _name_key(value))
            name_ar = e.name_ar
            if _name_key(name_ar) == _name_key(value):  # the primary name goes too: the next Arabic one stands in
                name_ar = next((n for n in names if any("\u0621" <= c <= "\u064a" for c in n)), "")
            e = replace(e, names=names, name_ar=name_ar)
        elif action == "name_ar":
            names = e.names if _name_key(value) in {_name_key(n) for n in e.names} else (value, *e.names)
            e = replace(e, name_ar=value, names=names)
        entries[e.id] = e


def read_lines(name: str) -> list[str]:
    """Non-blank, non-'#' lines of a text file in marsad/knowledge/data, stripped."""
    text = files("marsad.knowledge").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def admin1_codes() -> dict[str, str]:
    """English admin1 names by GeoNames admin1 code ("SY.09" -> "Aleppo")."""
    return {r["code"]: r["name"] for r in read_tsv("admin1.tsv") if r.get("code")}


def _read_package() -> tuple[dict[str, PlaceEntry], dict[str, str], dict[str, str]]:
    entries: dict[str, PlaceEntry] = {}
    parents: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in PLACE_FILES:
        for row in read_tsv(name):
            e = _entry(row)
            entries[e.id] = e
            if row.get("parent"):
                parents[e.id] = row["parent"]
            if row.get("source"):
                sources[e.id] = row["source"]
    return entries, parents, sources


def load_package_entries() -> dict[str, PlaceEntry]:
    """The package's own places by id (alias fixes applied), without the user's gazetteer."""
    entries = _read_package()[0]
    _apply_aliases(entries, read_tsv(ALIAS_FILE))
    return entries


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The package's gazetteer merged with the user's own, if any (read once per process)."""
    from .user_gazetteer import merge, read_store

    entries, parents, sources = _read_package()
    user = read_store()
    if user:
        merge(entries, sources, user)
    _apply_aliases(entries, read_tsv(ALIAS_FILE))
    return Gazetteer(entries.values(), parents, sources)
