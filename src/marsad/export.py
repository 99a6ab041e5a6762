"""Writers for stored events and incidents: JSON Lines, CSV, GeoJSON, Parquet, ACLED.

Records come from ``marsad.store`` (an event's codebook JSON with its
``report`` and ``incident_id``; an incident's JSON). ``flat_event`` and
``flat_incident`` turn them into one row of plain columns (CSV, Parquet,
GeoJSON properties); ``acled_row`` into ACLED's column layout, so the file
sits beside ACLED data in an analyst's tools. Everything streams: a writer
holds one record (Parquet: one batch) at a time.
"""
from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, BinaryIO

from .defaults import JSON_ENSURE_ASCII

FORMATS = ("jsonl", "csv", "geojson", "parquet", "acled")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# ISO alpha-2 | alpha-3 | numeric | name | ACLED region, for the countries of the gazetteer.
_COUNTRIES = """\
SY|SYR|760|Syria|Middle East;IQ|IRQ|368|Iraq|Middle East;YE|YEM|887|Yemen|Middle East;LY|LBY|434|Libya|Northern Africa
SD|SDN|729|Sudan|Northern Africa;SS|SSD|728|South Sudan|Eastern Africa;LB|LBN|422|Lebanon|Middle East
PS|PSE|275|Palestine|Middle East;IL|ISR|376|Israel|Middle East;JO|JOR|400|Jordan|Middle East
EG|EGY|818|Egypt|Northern Africa;SA|SAU|682|Saudi Arabia|Middle East;KW|KWT|414|Kuwait|Middle East
QA|QAT|634|Qatar|Middle East;BH|BHR|48|Bahrain|Middle East;AE|ARE|784|United Arab Emirates|Middle East
OM|OMN|512|Oman|Middle East;DZ|DZA|12|Algeria|Northern Africa;MA|MAR|504|Morocco|Northern Africa
TN|TUN|788|Tunisia|Northern Africa;MR|MRT|478|Mauritania|Western Africa;SO|SOM|706|Somalia|Eastern Africa
DJ|DJI|262|Djibouti|Eastern Africa;KM|COM|174|Comoros|Eastern Africa;TR|TUR|792|Turkey|Middle East
IR|IRN|364|Iran|Middle East;AF|AFG|4|Afghanistan|South Asia;PK|PAK|586|Pakistan|South Asia
NE|NER|562|Niger|Western Africa;NG|NGA|566|Nigeria|Western Africa;ML|MLI|466|Mali|Western Africa
TD|TCD|148|Chad|Middle Africa;BF|BFA|854|Burkina Faso|Western Africa;CM|CMR|120|Cameroon|Middle Africa
CF|CAF|140|Central African Republic|Middle Africa;ET|ETH|231|Ethiopia|Eastern Africa
ER|ERI|232|Eritrea|Eastern Africa;KE|KEN|404|Kenya|Eastern Africa;RU|RUS|643|Russia|Europe
US|USA|840|United States|North America;GB|GBR|826|United Kingdom|Europe;FR|FRA|250|France|Europe
DE|DEU|276|Germany|Europe;CN|CHN|156|China|East Asia;IN|IND|356|India|South Asia;UA|UKR|804|Ukraine|Europe
IT|ITA|380|Italy|Europe;ES|ESP|724|Spain|Europe;BE|BEL|56|Belgium|Europe;NL|NLD|528|Netherlands|Europe
SE|SWE|752|Sweden|Europe;AU|AUS|36|Australia|Oceania;CA|CAN|124|Canada|North America;GR|GRC|300|Greece|Europe
CY|CYP|196|Cyprus|Europe;AZ|AZE|31|Azerbaijan|Caucasus and Central Asia;AM|ARM|51|Armenia|Caucasus and Central Asia
GE|GEO|268|Georgia|Caucasus and Central Asia;KZ|KAZ|398|Kazakhstan|Caucasus and Central Asia
UZ|UZB|860|Uzbekistan|Caucasus and Central Asia;TJ|TJK|762|Tajikistan|Caucasus and Central Asia
TM|TKM|795|Turkmenistan|Caucasus and Central Asia;KG|KGZ|417|Kyrgyzstan|Caucasus and Central Asia
BD|BGD|50|Bangladesh|South Asia;ID|IDN|360|Indonesia|Southeast Asia;MY|MYS|458|Malaysia|Southeast Asia
PH|PHL|608|Philippines|Southeast Asia;JP|JPN|392|Japan|East Asia;KR|KOR|410|South Korea|East Asia
KP|PRK|408|North Korea|East Asia;VE|VEN|862|Venezuela|South America;BR|BRA|76|Brazil|South America
MX|MEX|484|Mexico|Central America;SN|SEN|686|Senegal|Western Africa
CD|COD|180|Democratic Republic of Congo|Middle Africa;UG|UGA|800|Uganda|Eastern Africa
TZ|TZA|834|Tanzania|Eastern Africa;ZA|ZAF|710|South Africa|Southern Africa
BA|BIH|70|Bosnia and Herzegovina|Europe;RS|SRB|688|Serbia|Europe;AT|AUT|40|Austria|Europe
CH|CHE|756|Switzerland|Europe;DK|DNK|208|Denmark|Europe;NO|NOR|578|Norway|Europe;FI|FIN|246|Finland|Europe
PL|POL|616|Poland|Europe;AL|ALB|8|Albania|Europe;MM|MMR|104|Myanmar|Southeast Asia;LK|LKA|144|Sri Lanka|South Asia
NZ|NZL|554|New Zealand|Oceania;TH|THA|764|Thailand|Southeast Asia;VN|VNM|704|Vietnam|Southeast Asia
BY|BLR|112|Belarus|Europe;MZ|MOZ|508|Mozambique|Southern Africa;IE|IRL|372|Ireland|Europe
PT|PRT|620|Portugal|Europe;HU|HUN|348|Hungary|Europe;RO|ROU|642|Romania|Europe;BG|BGR|100|Bulgaria|Europe
CZ|CZE|203|Czechia|Europe;GH|GHA|288|Ghana|Western Africa;CI|CIV|384|Ivory Coast|Western Africa"""
COUNTRIES: dict[str, tuple[str, int, str, str]] = {}  # alpha-2 -> (alpha-3, numeric, name, region)
for _row in _COUNTRIES.replace("\n", ";").split(";"):
    _a2, _a3, _num, _name, _region = _row.split("|")
    COUNTRIES[_a2] = (_a3, int(_num), _name, _region)


def country_code(value: str) -> str | None:
    """ISO alpha-2 for a code (SY, SYR) or an English name (Syria), any case."""
    v = value.strip().upper()
    if v in COUNTRIES:
        return v
    for a2, (a3, _, name, _) in COUNTRIES.items():
        if v in (a3, name.upper()):
            return a2
    return None


# ACLED's inter codes (1-8) by marsad's actor kind, and their labels.
_INTER = {"state": 1, "rebel": 2, "political_militia": 3, "identity_militia": 4, "rioters": 5, "protesters": 6,
          "civilians": 7, "external": 8}
_INTER_LABEL = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
                5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def interaction(kind1: str | None, kind2: str | None) -> str:
    """"State forces-Civilians", "Protesters only": the two inter codes, lower first."""
    c1, c2 = _INTER.get(kind1 or ""), _INTER.get(kind2 or "")
    if c1 is None:
        return ""
    if c2 is None:
        return f"{_INTER_LABEL[c1]} only"
    lo, hi = sorted((c1, c2))
    if (lo, hi) == (7, 8):  # ACLED names this pair the other way round
        lo, hi = 8, 7
    return f"{_INTER_LABEL[lo]}-{_INTER_LABEL[hi]}"


def acled_date(d: dict[str, Any]) -> date | None:
    """The one day ACLED records: the day itself, the middle of a week, the 15th of a month."""
    if not d or not d.get("start"):
        return None
    start = date.fromisoformat(d["start"])
    end = date.fromisoformat(d.get("end") or d["start"])
    if d.get("precision") == "month":
        return start.replace(day=15)
    return start + timedelta(days=(end - start).days // 2)


def _names(actors: Iterable[dict[str, Any]] | None) -> str:
    return "; ".join(a["name"] for a in actors or [] if a and a.get("name"))


def _claims_text(claims: Iterable[dict[str, Any]]) -> str:
    parts = []
    for c in claims:
        who = c.get("claimant") or ""
        where = f" in {c['outlet']}" if c.get("outlet") and c.get("outlet") != who else ""
        parts.append(f"{c['count']} {c.get('kind', 'killed')} ({c['qualifier']}) per {who}{where}".strip())
    return "; ".join(parts)


def flat_event(e: dict[str, Any]) -> dict[str, Any]:
    """One stored event as plain columns."""
    d, loc, fat, rep = e["date"], e["location"], e["fatalities"], e.get("report") or {}
    a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
    return {
        "event_id": e["id"], "incident_id": e.get("incident_id"), "report_id": rep.get("id"),
        "outlet": rep.get("outlet"), "url": rep.get("url"), "published": rep.get("published"),
        "event_type": e["event_type"], "sub_event_type": e["sub_event_type"], "reported": e.get("reported"),
        "date_start": d.get("start"), "date_end": d.get("end"), "date_precision": d.get("precision"),
        "date_text": d.get("text"), "country": loc.get("country"), "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"), "location": loc.get("name"), "location_ar": loc.get("name_ar"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"), "geo_precision": loc.get("precision"),
        "gazetteer_id": loc.get("gazetteer_id"), "place_text": loc.get("text"),
        "actor1": a1.get("name"), "actor1_ar": a1.get("name_ar"), "actor1_kind": a1.get("kind"),
        "actor2": a2.get("name"), "actor2_ar": a2.get("name_ar"), "actor2_kind": a2.get("kind"),
        "assoc_actor1": _names(e.get("assoc_actor1")), "assoc_actor2": _names(e.get("assoc_actor2")),
        "fatalities_best": fat.get("best"), "fatalities_low": fat.get("low"), "fatalities_high": fat.get("high"),
        "claims": _claims_text({**c, "outlet": rep.get("outlet")} for c in e.get("claims") or []),
        "claimants": "; ".join(e.get("claimants") or []), "tags": "; ".join(e.get("tags") or []),
        "confidence": e.get("confidence"), "notes": e.get("notes"),
    }


def flat_incident(i: dict[str, Any]) -> dict[str, Any]:
    """One incident as plain columns."""
    d, loc, fat = i["date"] or {}, i["location"] or {}, i["fatalities"]
    a1, a2 = i.get("actor1") or {}, i.get("actor2") or {}
    return {
        "incident_id": i["id"], "event_type": i["event_type"], "sub_event_type": i["sub_event_type"],
        "date_start": d.get("start"), "date_end": d.get("end"), "date_precision": d.get("precision"),
        "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "location": loc.get("name"), "location_ar": loc.get("name_ar"), "latitude": loc.get("lat"),
        "longitude": loc.get("lon"), "geo_precision": loc.get("precision"),
        "actor1": a1.get("name"), "actor1_kind": a1.get("kind"), "actor2": a2.get("name"), "actor2_kind": a2.get("kind"),
        "fatalities_best": fat.get("best"), "fatalities_low": fat.get("low"), "fatalities_high": fat.get("high"),
        "n_events": i.get("n_events"), "n_reports": i.get("n_reports"), "n_claims": len(i.get("claims") or []),
        "outlets": "; ".join(i.get("outlets") or []), "claims": _claims_text(i.get("claims") or []),
        "first_seen": i.get("first_seen"), "last_seen": i.get("last_seen"),
        "reports": "; ".join(i.get("reports") or []), "events": "; ".join(i.get("events") or []),
        "tags": "; ".join(i.get("tags") or []), "notes": i.get("notes"),
        **review_columns(i.get("review")),
    }


def review_columns(review: dict[str, Any] | None) -> dict[str, Any]:
    """An incident's latest analyst review as columns beside the machine's own (which it never replaces):
    status (confirmed | corrected | rejected, empty when unreviewed) and the corrections as JSON."""
    review = review or {}
    fixes = review.get("corrections")
    return {
        "review_status": review.get("status"),
        "review_corrections": json.dumps(fixes, ensure_ascii=JSON_ENSURE_ASCII, sort_keys=True) if fixes else None,
        "review_analyst": review.get("analyst"), "review_at": review.get("at"),
    }


def acled_row(rec: dict[str, Any], now: int | None = None) -> dict[str, Any]:
    """An event or an incident in ACLED's columns (inter codes as ACLED's labels)."""
    incident = "events" in rec and "report" not in rec
    d, loc = rec.get("date") or {}, rec.get("location") or {}
    a1, a2 = rec.get("actor1") or {}, rec.get("actor2") or {}
    cc = loc.get("country")
    a3, numeric, name, region = COUNTRIES.get(cc or "", (cc or "", "", cc or "", ""))
    day = acled_date(d)
    disorder = disorder_type(rec["event_type"], rec["sub_event_type"])
    if incident:
        sources = list(rec.get("outlets") or [])
        sources += [c["claimant"] for c in rec.get("claims") or [] if c.get("claimant")]
        assoc1 = assoc2 = ""
    else:
        sources = [s for s in [(rec.get("report") or {}).get("outlet"), *(rec.get("claimants") or [])] if s]
        assoc1, assoc2 = _names(rec.get("assoc_actor1")), _names(rec.get("assoc_actor2"))
    return {
        "event_id_cnty": f"{a3}-{rec['id']}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": _TIME_PRECISION.get(d.get("precision") or "", 3),
        "disorder_type": disorder,
        "event_type": rec["event_type"],
        "sub_event_type": rec["sub_event_type"],
        "actor1": a1.get("name") or "",
        "assoc_actor_1": assoc1,
        "inter1": _INTER_LABEL.get(_INTER.get(a1.get("kind") or "", 0), ""),
        "actor2": a2.get("name") or "",
        "assoc_actor_2": assoc2,
        "inter2": _INTER_LABEL.get(_INTER.get(a2.get("kind") or "", 0), ""),
        "interaction": interaction(a1.get("kind"), a2.get("kind")),
        "civilian_targeting": "Civilian targeting" if a2.get("kind") == "civilians" and disorder.startswith(
            "Political violence") else "",
        "iso": numeric,
        "region": region,
        "country": name,
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("name") or "",
        "latitude": loc.get("lat") if loc.get("lat") is not None else "",
        "longitude": loc.get("lon") if loc.get("lon") is not None else "",
        "geo_precision": loc.get("precision") or "",
        "source": "; ".join(dict.fromkeys(sources)),
        "source_scale": "",
        "notes": rec.get("notes") or "",
        "fatalities": (rec.get("fatalities") or {}).get("best", 0),
        "tags": "; ".join(rec.get("tags") or []),
        "timestamp": rec.get("updated_at") or now or int(time.time()),
    }


# Writers ------------------------------------------------------------------------------


def _text(out: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def _write_jsonl(records: Iterable[dict], out: BinaryIO) -> int:
    n = 0
    for n, r in enumerate(records, 1):
        out.write((json.dumps(r, ensure_ascii=JSON_ENSURE_ASCII) + "\n").encode("utf-8"))
    return n


def _write_csv(rows: Iterable[dict], out: BinaryIO, columns: Iterable[str] | None = None) -> int:
    text = _text(out)
    writer, n = None, 0
    for n, row in enumerate(rows, 1):
        if writer is None:
            writer = csv.DictWriter(text, fieldnames=list(columns or row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
    if writer is None and columns:
        csv.DictWriter(text, fieldnames=list(columns)).writeheader()
    text.flush()
    text.detach()
    return n


def _write_geojson(rows: Iterable[dict], out: BinaryIO) -> int:
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    n = 0
    for n, row in enumerate(rows, 1):
        lon, lat = row.get("longitude"), row.get("latitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
        feature = {"type": "Feature", "geometry": geometry, "properties": row}
        out.write(((",\n" if n > 1 else "") + json.dumps(feature, ensure_ascii=JSON_ENSURE_ASCII)).encode("utf-8"))
    out.write(b"\n]}\n")
    return n


_INT_COLS = {"geo_precision", "fatalities_best", "fatalities_low", "fatalities_high", "n_events", "n_reports",
             "n_claims"}
_FLOAT_COLS = {"latitude", "longitude", "confidence"}
_DATE_COLS = {"date_start", "date_end", "published", "first_seen", "last_seen"}


def _write_parquet(rows: Iterable[dict], out: BinaryIO, columns: list[str], batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(c: str):
        if c in _INT_COLS:
            return pa.int64()
        if c in _FLOAT_COLS:
            return pa.float64()
        if c in _DATE_COLS:
            return pa.date32()
        if c == "reported":
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(c, kind(c)) for c in columns])

    def table(chunk: list[dict]) -> pa.Table:
        cols = {}
        for c in columns:
            values = [r.get(c) for r in chunk]
            if c in _DATE_COLS:
                values = [date.fromisoformat(v) if v else None for v in values]
            cols[c] = pa.array(values, type=schema.field(c).type)
        return pa.table(cols, schema=schema)

    n, chunk = 0, []
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for row in rows:
            chunk.append(row)
            n += 1
            if len(chunk) >= batch:
                writer.write_table(table(chunk))
                chunk = []
        writer.write_table(table(chunk))
    return n


EVENT_COLUMNS = list(flat_event({"id": "", "event_type": "", "sub_event_type": "", "date": {}, "location": {},
                                 "fatalities": {}}))
INCIDENT_COLUMNS = list(flat_incident({"id": "", "event_type": "", "sub_event_type": "", "date": {},
                                       "location": {}, "fatalities": {}}))


def write(records: Iterable[dict[str, Any]], kind: str, fmt: str, out: BinaryIO) -> int:
    """Write ``records`` (``kind`` "events" or "incidents") to the binary stream ``out``
    in ``fmt`` (one of FORMATS); returns how many were written."""
    if kind not in ("events", "incidents"):
        raise ValueError(f"kind must be events or incidents, not {kind!r}")
    flat, columns = (flat_event, EVENT_COLUMNS) if kind == "events" else (flat_incident, INCIDENT_COLUMNS)
    if fmt == "jsonl":
        return _write_jsonl(records, out)
    if fmt == "csv":
        return _write_csv((flat(r) for r in records), out, columns)
    if fmt == "geojson":
        return _write_geojson((flat(r) for r in records), out)
    if fmt == "parquet":
        return _write_parquet((flat(r) for r in records), out, columns)
    if fmt == "acled":
        now = int(time.time())
        return _write_csv((acled_row(r, now) for r in records), out, ACLED_COLUMNS)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
