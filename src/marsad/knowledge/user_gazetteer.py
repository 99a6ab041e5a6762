"""The user's own gazetteer: GeoNames country dumps merged into marsad's places.

marsad ships the GeoNames places of 500+ people for the region; a user who
downloads a full country dump (``SY.zip``) gets every village with
``marsad gazetteer add SY.zip``. The places are kept in a SQLite file in the
data directory (``$MARSAD_HOME``, default ``~/.local/share/marsad``), and
``load_gazetteer()`` merges them when the file exists: a place marsad already
has gains the dump's extra spellings, a new place is added.

Names are cleaned as the package's own are (marsad.knowledge.geonames), and
what would cause false matches is dropped when the dump is added: the
blocklisted common words of data/place_name_blocklist.txt, names of three
letters or fewer, and a village's name that marsad already gives to a city,
a governorate or a country (a hamlet called حلب is not what news means).
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import PlaceEntry
from ..text.normalise import fold
from .geonames import (
    DumpPlace,
    alternate_names_inside,
    arabic_names,
    ascii_name,
    choose_ar,
    dedupe,
    latin_variants,
    read_alternate_names,
    read_dump,
)

STORE_NAME = "gazetteer.sqlite"
USER_SOURCE = "GeoNames (CC BY 4.0), from the user's dump"
# A user place of this many people or more may keep a name marsad gives a city.
_NAME_CLASH_POPULATION = 100_000
# Same-named admin units this close are one unit (marsad's district and the dump's).
_SAME_UNIT_KM = 50.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY, file TEXT NOT NULL, countries TEXT NOT NULL, added TEXT NOT NULL,
    places INTEGER NOT NULL, arabic INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_ar TEXT NOT NULL, country TEXT NOT NULL,
    feature TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, admin1 TEXT, admin2 TEXT,
    population INTEGER NOT NULL, names TEXT NOT NULL, import_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS places_country ON places (country);
"""


def data_dir() -> Path:
    """Where marsad keeps the user's data: $MARSAD_HOME, else $XDG_DATA_HOME/marsad, else ~/.local/share/marsad."""
    if os.environ.get("MARSAD_HOME"):
        return Path(os.environ["MARSAD_HOME"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "marsad"


def store_path() -> Path:
    """The user gazetteer's SQLite file (it may not exist)."""
    return data_dir() / STORE_NAME


@dataclass
class AddReport:
    """What ``add_dump`` did."""

    file: str
    store: Path
    countries: list[str]
    added: Counter = field(default_factory=Counter)  # new places by feature
    enriched: int = 0  # places marsad had that gained spellings
    arabic: int = 0  # places with an Arabic name
    replaced: int = 0  # rows of an earlier import of the same countries
    dropped_names: int = 0  # names dropped as common words or clashes

    def summary(self) -> str:
        """One paragraph for the command line."""
        kinds = ", ".join(f"{n} {k}" for k, n in self.added.most_common()) or "none"
        lines = [
            f"{self.file}: {sum(self.added.values())} new places for {' '.join(self.countries) or '-'} ({kinds})",
            f"  {self.enriched} places marsad already had gained spellings; {self.arabic} places have an Arabic name",
            f"  {self.dropped_names} names dropped (common words, names of cities elsewhere, too short)",
        ]
        if self.replaced:
            lines.append(f"  replaced {self.replaced} places of an earlier import of {' '.join(self.countries)}")
        lines.append(f"  stored in {self.store}")
        return "\n".join(lines)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.executescript(_SCHEMA)
    return con


def _blocklist() -> set[str]:
    from .gazetteer import read_lines

    return {" ".join(fold(x).split()) for x in read_lines("place_name_blocklist.txt")}


def _key(name: str) -> str:
    return " ".join(fold(name).split())


def _reserved(package: Iterable[PlaceEntry]) -> dict[str, set[str]]:
    """Folded names marsad gives a city, an admin1 unit or a country, with the ids holding them."""
    out: dict[str, set[str]] = {}
    for e in package:
        if e.feature in ("city", "admin1", "country"):
            for n in (e.name_ar, *e.names):
                if n:
                    out.setdefault(_key(n), set()).add(e.id)
    return out


def _admin_names(places: dict[int, DumpPlace], package: dict[str, PlaceEntry]) -> tuple[dict, dict]:
    """English admin1 and admin2 names by GeoNames code ("SY.09", "SY.09.0902")."""
    from .gazetteer import admin1_codes

    admin1 = dict(admin1_codes())
    admin2 = {}
    for p in places.values():
        known = package.get(f"geonames:{p.geonameid}")
        name = known.name if known else _strip_admin_word(ascii_name(p.name))
        if p.feature_code == "ADM1":
            # marsad's English name ("Aleppo") wins over the dump's transliteration ("Halab")
            code = f"{p.country}.{p.admin1}"
            admin1[code] = name if known or code not in admin1 else admin1[code]
        elif p.feature_code == "ADM2":
            admin2[f"{p.country}.{p.admin1}.{p.admin2}"] = name
    return admin1, admin2


_ADMIN_WORDS = ("Muhafazat ", "Mantiqat ", "Qada' ", "Qadaa ", "Qada ", "Nahiyat ", "Mudiriyat ", "Wilayat ",
                "Sha'biyat ", "Liwa' ")


def _strip_admin_word(name: str) -> str:
    for w in _ADMIN_WORDS:
        name = name.removeprefix(w)
    for w in (" Governorate", " District", " Province", " Region", " Municipality"):
        name = name.removesuffix(w)
    return name


def dump_entries(places: dict[int, DumpPlace], package: dict[str, PlaceEntry]) -> tuple[list[PlaceEntry], int]:
    """Gazetteer entries for a dump's places, and how many names were dropped as false-match risks."""
    blocked = _blocklist()
    reserved = _reserved(package.values())
    admin1, admin2 = _admin_names(places, package)
    out, dropped = [], 0
    for p in places.values():
        pid = f"geonames:{p.geonameid}"
        feature = p.feature
        ar_own, ar_all = arabic_names(p)
        keep = []
        own = {_key(n) for n in package[pid].names} if pid in package else set()
        for a in ar_all:
            k = _key(a)
            clash = reserved.get(k, set()) - {pid} if k not in own else set()
            if (k in blocked or len(k.replace(" ", "")) <= 3
                    or clash and feature not in ("admin1", "admin2") and p.population < _NAME_CLASH_POPULATION):
                dropped += 1
            else:
                keep.append(a)
        en = ascii_name(p.name)
        preferred = clean_preferred(p.preferred_ar, keep)
        name_ar = preferred or choose_ar([a for a in keep if a in ar_own] or keep, en)
        latin = latin_variants([p.name, p.asciiname, *p.alternates])
        if feature in ("admin1", "admin2"):
            en = _strip_admin_word(en)
        out.append(PlaceEntry(
            id=pid, name=en, name_ar=name_ar, country=p.country, feature=feature,
            lat=round(p.lat, 5), lon=round(p.lon, 5),
            admin1=admin1.get(f"{p.country}.{p.admin1}") or None,
            admin2=(admin2.get(f"{p.country}.{p.admin1}.{p.admin2}") if feature != "admin1" else None) or None,
            population=p.population,
            names=tuple(dedupe([name_ar, *keep]) + [n for n in latin if n]),
        ))
    return out, dropped


def clean_preferred(name: str, kept: list[str]) -> str:
    """The dump's preferred Arabic name when it survived cleaning."""
    if not name:
        return ""
    k = _key(name)
    return next((a for a in kept if _key(a) == k), "")


def add_dump(path: str | Path, alternate_names: str | Path | None = None) -> AddReport:
    """Merge a GeoNames country dump (zip or txt) into the user's gazetteer.

    An earlier import of the same countries is replaced. Raises
    ``marsad.knowledge.geonames.DumpError`` for a file in the wrong format.
    """
    from .gazetteer import load_gazetteer, load_package_entries

    path = Path(path)
    places = read_dump(path)
    if alternate_names is not None:
        read_alternate_names(Path(alternate_names), places)
    elif alternate_names_inside(path):
        read_alternate_names(path, places)
    package = load_package_entries()
    entries, dropped = dump_entries(places, package)
    countries = sorted({e.country for e in entries})
    report = AddReport(file=path.name, store=store_path(), countries=countries, dropped_names=dropped)
    for e in entries:
        if e.id in package:
            report.enriched += any(_key(n) not in {_key(m) for m in package[e.id].names} for n in e.names)
        else:
            report.added[e.feature] += 1
        report.arabic += bool(e.name_ar)
    con = _connect(report.store)
    with con:
        q = ",".join("?" * len(countries))
        report.replaced = con.execute(f"SELECT count(*) FROM places WHERE country IN ({q})", countries).fetchone()[0]
        con.execute(f"DELETE FROM places WHERE country IN ({q})", countries)
        con.execute("DELETE FROM imports WHERE id NOT IN (SELECT DISTINCT import_id FROM places)")
        cur = con.execute("INSERT INTO imports (file, countries, added, places, arabic) VALUES (?, ?, ?, ?, ?)",
                          (path.name, " ".join(countries), time.strftime("%Y-%m-%d %H:%M"), len(entries),
                           report.arabic))
        con.executemany(
            "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(e.id, e.name, e.name_ar, e.country, e.feature, e.lat, e.lon, e.admin1, e.admin2, e.population,
              "|".join(e.names), cur.lastrowid) for e in entries])
    con.close()
    load_gazetteer.cache_clear()  # the next lookup in this process sees the new places
    return report


def read_store(path: Path | None = None) -> list[tuple[PlaceEntry, str]]:
    """(entry, file it came from) for every place of the user's gazetteer; [] when there is none."""
    path = path or store_path()
    if not path.is_file():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT p.id, p.name, p.name_ar, p.country, p.feature, p.lat, p.lon, p.admin1, p.admin2,"
            " p.population, p.names, i.file FROM places p JOIN imports i ON i.id = p.import_id").fetchall()
    except sqlite3.DatabaseError:
        return []  # not ours, or damaged: the package's gazetteer still works
    finally:
        con.close()
    return [(PlaceEntry(id=r[0], name=r[1], name_ar=r[2], country=r[3], feature=r[4], lat=r[5], lon=r[6],
                        admin1=r[7], admin2=r[8], population=r[9], names=tuple(n for n in r[10].split("|") if n)),
             r[11]) for r in rows]


def imports(path: Path | None = None) -> list[dict]:
    """The user's imports, oldest first: file, countries, added, places, arabic."""
    path = path or store_path()
    if not path.is_file():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT i.file, i.countries, i.added, count(p.id), i.arabic FROM imports i"
                           " JOIN places p ON p.import_id = i.id GROUP BY i.id ORDER BY i.id").fetchall()
    except sqlite3.DatabaseError:
        return []
    finally:
        con.close()
    return [dict(zip(("file", "countries", "added", "places", "arabic"), r)) for r in rows]


def merge(entries: dict[str, PlaceEntry], sources: dict[str, str], user: list[tuple[PlaceEntry, str]]) -> None:
    """Merge user places into the package's ``entries`` (in place).

    A place marsad has keeps its names and fields and gains the user's extra
    spellings; a user admin unit named like a package unit nearby joins it;
    anything else is added with the dump as its source.
    """
    from ..geocode import haversine_km

    admin_index: dict[tuple[str, str, str], list[PlaceEntry]] = {}
    for e in entries.values():
        if e.feature in ("admin1", "admin2"):
            for n in (e.name, e.name_ar):
                if n:
                    admin_index.setdefault((e.feature, e.country, _key(n)), []).append(e)
    for u, file in user:
        target = entries.get(u.id)
        if target is None and u.feature in ("admin1", "admin2"):
            near = [e for n in (u.name, u.name_ar) if n
                    for e in admin_index.get((u.feature, u.country, _key(n)), ())
                    if haversine_km(e.lat, e.lon, u.lat, u.lon) <= _SAME_UNIT_KM]
            target = near[0] if near else None
        if target is None:
            entries[u.id] = u
            sources[u.id] = f"{USER_SOURCE} {file}"
            continue
        have = {_key(n) for n in target.names}
        extra = tuple(n for n in u.names if _key(n) not in have)
        if extra or (u.admin2 and not target.admin2):
            entries[target.id] = replace(target, names=target.names + extra,
                                         admin2=target.admin2 or (u.admin2 if u.feature != "admin1" else None))
