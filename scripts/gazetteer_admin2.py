"""Districts (admin2) for marsad's gazetteer; part of scripts/build_gazetteer.py.

Units and English names: OCHA's common operational datasets as P-codes
(the HDX global P-code list, shared extract ``hdx-pcodes-acled-aggregates``),
for SY IQ YE SD SS PS LB (Libya's districts are GeoNames' admin1 units, kept
there). Arabic names: Yemen's from the shared ``yemen-admin-villages`` list
(matched to the OCHA names by how their consonants agree); Syria's, Iraq's,
Lebanon's, Palestine's and Khartoum's written by the curators (below); the
rest from the seat town's GeoNames name where the district is named after
it. Coordinates: the seat town's (GeoNames), found by name; a district
whose seat cannot be found is left out.

A district name becomes a bare matcher term only where it cannot add a new
false match: it is the seat town's own name, or it has two words or more, or
news uses it bare (BARE_OK). "منطقة/قضاء/مديرية/محلية X" is a term only for a
district not named after its seat (منطقة جبل سمعان): "قضاء تلعفر" is the town's,
read with its type word by the place recogniser.
"""
from __future__ import annotations

import csv
import difflib
import math
import re
from pathlib import Path

from marsad.knowledge.geonames import ascii_name, skeleton_similarity
from marsad.text.normalise import fold

COUNTRIES = {"SYR": "SY", "IRQ": "IQ", "YEM": "YE", "SDN": "SD", "SSD": "SS", "PSE": "PS", "LBN": "LB"}
# The word Arabic writes before a district's name, per country.
WORD = {"SY": "منطقة", "IQ": "قضاء", "YE": "مديرية", "SD": "محلية", "SS": "مقاطعة", "LB": "قضاء", "PS": "محافظة"}
SOURCE = "OCHA P-codes (HDX); seat: GeoNames (CC BY 4.0); Arabic: {ar}"

# OCHA admin1 P-code -> GeoNames admin1 code, where the names do not tell.
ADMIN1 = {
    "SY01": "SY.13", "SY02": "SY.09", "SY03": "SY.08", "SY04": "SY.11", "SY05": "SY.10", "SY06": "SY.02",
    "SY07": "SY.12", "SY08": "SY.01", "SY09": "SY.07", "SY10": "SY.14", "SY11": "SY.04", "SY12": "SY.06",
    "SY13": "SY.05", "SY14": "SY.03",
    "IQG01": "IQ.01", "IQG02": "IQ.02", "IQG03": "IQ.03", "IQG04": "IQ.17", "IQG05": "IQ.04", "IQG06": "IQ.05",
    "IQG07": "IQ.06", "IQG08": "IQ.07", "IQG09": "IQ.08", "IQG10": "IQ.10", "IQG11": "IQ.11", "IQG12": "IQ.12",
    "IQG13": "IQ.13", "IQG14": "IQ.14", "IQG15": "IQ.15", "IQG16": "IQ.18", "IQG17": "IQ.09", "IQG18": "IQ.16",
    "LB1": "LB.04", "LB2": "LB.08", "LB3": "LB.05", "LB4": "LB.07", "LB5": "LB.09", "LB6": "LB.06", "LB7": "LB.10",
    "LB8": "LB.11", "PS01": "PS.WE", "PS02": "PS.GZ",
}

# Arabic names written by the curators: P-code, Arabic name[, seat town where it is not named alike].
CURATED_AR = """
SY0100 دمشق|SY0200 جبل سمعان حلب|SY0202 الباب|SY0203 عفرين|SY0204 أعزاز|SY0205 منبج|SY0206 عين العرب كوباني
SY0207 السفيرة|SY0208 جرابلس|SY0301 مركز ريف دمشق دمشق|SY0302 دوما|SY0303 القطيفة|SY0304 التل|SY0305 يبرود
SY0306 النبك|SY0307 الزبداني|SY0308 قطنا|SY0309 داريا|SY0401 حمص|SY0402 القصير|SY0403 تلكلخ|SY0404 الرستن
SY0405 تدمر|SY0406 المخرم|SY0501 حماة|SY0502 السقيلبية|SY0503 السلمية|SY0504 مصياف|SY0505 محردة
SY0600 اللاذقية|SY0602 جبلة|SY0603 الحفة|SY0604 القرداحة|SY0700 إدلب|SY0702 معرة النعمان|SY0703 حارم
SY0704 جسر الشغور|SY0705 أريحا|SY0800 الحسكة|SY0802 القامشلي|SY0803 المالكية|SY0804 رأس العين
SY0901 دير الزور|SY0902 البوكمال|SY0903 الميادين|SY1000 طرطوس|SY1002 بانياس|SY1003 صافيتا|SY1004 الدريكيش
SY1005 الشيخ بدر|SY1006 القدموس|SY1101 الرقة|SY1102 تل أبيض|SY1103 الثورة الطبقة|SY1200 درعا|SY1202 الصنمين
SY1203 إزرع|SY1300 السويداء|SY1302 صلخد|SY1303 شهبا|SY1400 القنيطرة|SY1402 فيق
IQG01Q01 الفلوجة|IQG01Q02 القائم|IQG01Q03 الرمادي|IQG01Q04 الرطبة|IQG01Q05 عانة|IQG01Q06 حديثة|IQG01Q07 هيت
IQG02Q01 أبو الخصيب|IQG02Q02 البصرة|IQG02Q03 الفاو|IQG02Q04 المدينة|IQG02Q05 القرنة|IQG02Q06 الزبير
IQG02Q07 شط العرب|IQG03Q01 الخضر|IQG03Q02 الرميثة|IQG03Q03 السلمان|IQG03Q04 السماوة|IQG04Q01 الكوفة
IQG04Q02 المناذرة أبو صخير|IQG04Q03 النجف|IQG05Q01 عفك|IQG05Q02 الديوانية|IQG05Q03 الحمزة|IQG05Q04 الشامية
IQG06Q01 السليمانية|IQG06Q02 جمجمال|IQG06Q03 دربندخان|IQG06Q04 دوكان|IQG06Q05 حلبجة|IQG06Q06 كلار
IQG06Q07 بنجوين|IQG06Q08 بشدر قلعة دزة|IQG06Q09 رانية|IQG06Q10 شاربازير|IQG07Q01 الهاشمية|IQG07Q02 الحلة
IQG07Q03 المحاويل|IQG07Q04 المسيب|IQG08Q01 الأعظمية بغداد|IQG08Q02 الكاظمية بغداد|IQG08Q03 الكرخ بغداد
IQG08Q04 المدائن سلمان باك|IQG08Q05 المحمودية|IQG08Q06 الرصافة بغداد|IQG08Q07 الثورة بغداد|IQG09Q01 العمادية
IQG09Q02 دهوك|IQG09Q03 سميل|IQG09Q04 زاخو|IQG10Q01 الخالص|IQG10Q02 المقدادية|IQG10Q03 بلدروز|IQG10Q04 بعقوبة
IQG10Q05 خانقين|IQG10Q06 كفري|IQG11Q01 الزيبار|IQG11Q02 أربيل|IQG11Q03 كويسنجق|IQG11Q04 مخمور
IQG11Q05 راوندوز سوران|IQG11Q06 شقلاوة|IQG12Q01 عين التمر|IQG12Q02 الهندية|IQG12Q03 كربلاء|IQG13Q01 الحويجة
IQG13Q02 داقوق|IQG13Q03 الدبس|IQG13Q04 كركوك|IQG14Q01 العمارة|IQG14Q02 علي الغربي|IQG14Q03 الكحلاء
IQG14Q04 الميمونة|IQG14Q05 المجر الكبير|IQG14Q06 قلعة صالح|IQG15Q01 عقرة|IQG15Q02 البعاج|IQG15Q03 الحمدانية قرقوش
IQG15Q04 الحضر|IQG15Q05 الموصل|IQG15Q06 الشيخان عين سفني|IQG15Q07 سنجار|IQG15Q08 تلعفر|IQG15Q09 تلكيف
IQG16Q01 الدور|IQG16Q02 الشرقاط|IQG16Q03 بيجي|IQG16Q04 بلد|IQG16Q05 سامراء|IQG16Q06 تكريت|IQG16Q07 طوز خورماتو
IQG17Q01 الجبايش|IQG17Q02 الرفاعي|IQG17Q03 الشطرة|IQG17Q04 الناصرية|IQG17Q05 سوق الشيوخ|IQG18Q01 الحي
IQG18Q02 الكوت|IQG18Q03 النعمانية|IQG18Q04 الصويرة|IQG18Q05 بدرة
LB11 بيروت|LB21 بعلبك|LB22 الهرمل|LB23 راشيا|LB24 البقاع الغربي جب جنين|LB25 زحلة|LB31 عاليه|LB32 بعبدا
LB33 الشوف بيت الدين|LB34 جبيل|LB35 كسروان جونية|LB36 المتن|LB41 بنت جبيل|LB42 حاصبيا|LB43 مرجعيون
LB44 النبطية|LB51 عكار حلبا|LB52 البترون|LB53 بشري|LB54 الكورة أميون|LB55 المنية الضنية المنية|LB56 طرابلس
LB57 زغرتا|LB61 صيدا|LB62 جزين|LB63 صور
PS0101 جنين|PS0105 طوباس|PS0110 طولكرم|PS0115 نابلس|PS0120 قلقيلية|PS0125 سلفيت|PS0130 رام الله والبيرة رام الله
PS0135 أريحا|PS0140 القدس|PS0145 بيت لحم|PS0150 الخليل|PS0255 شمال غزة جباليا|PS0260 غزة|PS0265 دير البلح
PS0270 خان يونس|PS0275 رفح
SD01001 جبل أولياء|SD01002 أمبدة أم درمان|SD01003 بحري الخرطوم بحري|SD01004 شرق النيل الخرطوم بحري
SD01005 كرري أم درمان|SD01006 أم درمان|SD01007 الخرطوم
"""
# Districts not named after their seat: (Arabic name, seat town). Their CURATED_AR lines
# above carry both for the reader; this table is what the build uses.
SEAT_SPLIT = {
    "SY0200": ("جبل سمعان", "حلب"), "SY0206": ("عين العرب", "كوباني"), "SY0301": ("مركز ريف دمشق", "دمشق"),
    "SY1103": ("الثورة", "الطبقة"), "IQG04Q02": ("المناذرة", "أبو صخير"), "IQG06Q08": ("بشدر", "قلعة دزة"),
    "IQG08Q01": ("الأعظمية", "بغداد"), "IQG08Q02": ("الكاظمية", "بغداد"), "IQG08Q03": ("الكرخ", "بغداد"),
    "IQG08Q04": ("المدائن", "سلمان باك"), "IQG08Q06": ("الرصافة", "بغداد"), "IQG08Q07": ("الثورة", "بغداد"),
    "IQG11Q05": ("راوندوز", "سوران"), "IQG15Q03": ("الحمدانية", "قرقوش"), "IQG15Q06": ("الشيخان", "عين سفني"),
    "LB24": ("البقاع الغربي", "جب جنين"), "LB33": ("الشوف", "بيت الدين"), "LB35": ("كسروان", "جونية"),
    "LB51": ("عكار", "حلبا"), "LB54": ("الكورة", "أميون"), "LB55": ("المنية الضنية", "المنية"),
    "PS0130": ("رام الله والبيرة", "رام الله"), "PS0255": ("شمال غزة", "جباليا"),
    "SD01002": ("أمبدة", "أم درمان"), "SD01003": ("بحري", "الخرطوم بحري"),
    "SD01004": ("شرق النيل", "الخرطوم بحري"), "SD01005": ("كرري", "أم درمان"),
    "SY0406": ("المخرم", "المخرم الفوقاني"),
}
# Seats GeoNames' extract names differently (by its English name), or lacks (coordinates
# from public maps, approximate, 2 decimals).
SEAT_EN = {
    "SD03164": "Nyala", "SD03167": "Nyala", "SD11053": "Kassala", "SD11056": "Kassala", "SD12080": "Al Qadarif",
    "SD12081": "Al Qadarif", "SD15030": "Wad Medani", "SD11052": "New Halfa", "SD11060": "Khashm al Qirbah",
    "SD11055": "Aroma", "SD12074": "Al-Faw", "SD12075": "Al-Fashaqah", "SD17014": "Wadi Halfa",
    "YE1505": "Al Mukha", "YE1301": "Sanaa", "YE1302": "Sanaa", "YE1303": "Sanaa", "YE1304": "Sanaa",
    "YE1305": "Sanaa", "YE1306": "Sanaa", "YE1307": "Sanaa", "YE1308": "Sanaa", "YE1309": "Sanaa",
    "YE1310": "Sanaa", "YE2401": "Aden",
}
SEAT_AT = {
    "IQG08Q04": (33.10, 44.58),  # Salman Pak
    "LB36": (33.89, 35.56),  # Jdeideh (Jdeidet el-Metn)
    "LB55": (34.48, 35.93),  # Minieh
    "SD01001": (15.24, 32.50),  # Jebel Aulia
}
# Yemen: OCHA names the Yemen list spells differently.
YEMEN_AR = {"YE2407": "صيرة", "YE2305": "سنحان وبني بهلول"}
# Single-word district names news writes bare (نهم، صرواح): safe as terms.
BARE_OK = {"نهم", "صرواح", "حريب", "مدغل", "رغوان", "الدريهمي", "التحيتا", "حيس", "الخوخة", "ذباب", "موزع",
           "الوازعية", "مقبنة", "باقم", "كتاف", "مجزر", "الجوبة", "الزاهر", "بيحان", "عسيلان", "مكيراس", "كرري",
           "أمبدة", "عفرين", "منبج", "جرابلس"}
# Names never used bare, whatever the rules say: common words, or "north of Gaza".
NEVER_BARE = {"المدينة", "الحي", "الثورة", "الوحدة", "التحرير", "السبعين", "شمال غزة", "بحري", "الكرخ", "الرصافة"}


# "مدينة مأرب" names the city, not the district "Ma'rib City": no bare name may start with a type word.
_TYPE_WORDS = ("مدينة ", "بلدة ", "قرية ", "حي ", "مركز ", "ضواحي ", "مخيم ", "ناحية ")


def _curated() -> dict[str, tuple[str, str | None]]:
    out = {}
    for item in re.split(r"[|\n]", CURATED_AR):
        item = item.strip()
        if not item:
            continue
        code, ar = item.split(" ", 1)
        out[code] = SEAT_SPLIT.get(code, (ar, None))
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _en(s: str) -> str:
    """A romanised name reduced for comparison: no article, vowels or separators."""
    s = re.sub(r"[^a-z ]", "", ascii_name(s).lower().replace("-", " ").replace("'", ""))
    s = re.sub(r"^(al|el|as|ash|ad|ar|at|az|an|ath|adh|ag|aj) ", "", s)
    s = s.replace("kh", "k").replace("sh", "s").replace("th", "t").replace("dh", "d").replace("gh", "g")
    s = s.replace("q", "k").replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("e", "i")
    return re.sub(r"[aeiouy ]", "", s)


def _read_csv(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[dict]:
    with open(path, encoding=encoding) as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def _yemen_arabic(path: Path, hdx: list[dict]) -> dict[str, str]:
    """OCHA Yemen district P-code -> Arabic name from the Yemen list, best consonant match per governorate."""
    units = _read_csv(path, delimiter="\t")
    govs = {u["id"]: u for u in units if u["level"] == "governorate"}
    dists = [u for u in units if u["level"] == "district"]

    def score(name: str, u: dict) -> float:
        ar = re.sub("[\u064b-\u0652]", "", u["name_ar"])
        en = difflib.SequenceMatcher(None, _en(name), _en(u["name_en"])).ratio()
        return max(skeleton_similarity(ar, name), en)

    h1 = {x["P-Code"]: x["Name"] for x in hdx if x["Location"] == "YEM" and x["Admin Level"] == "1"}
    gmap = {pc: max(govs.values(), key=lambda g: score(n, g))["id"] for pc, n in h1.items()}
    gmap["YE13"] = next(g["id"] for g in govs.values() if g["name_ar"].startswith("أمانة"))
    out = {}
    for x in hdx:
        if x["Location"] != "YEM" or x["Admin Level"] != "2":
            continue
        cands = [d for d in dists if d["parent_id"] == gmap[x["Parent P-Code"]]]
        best = max(cands, key=lambda d: score(x["Name"], d))
        if score(x["Name"], best) >= 0.55:
            out[x["P-Code"]] = re.sub("[\u064b-\u0652]", "", best["name_ar"]).replace("اْ", "ا")
    out.update(YEMEN_AR)
    return out


def build_admin2(pcodes: Path, yemen: Path, cities: list[dict], admin1_rows: list[dict],
                 blocked: set[str]) -> tuple[list, list]:
    """admin2 rows (build_gazetteer.COLUMNS plus source), and the districts left out for want of a seat.

    ``cities`` carry ``ar`` (Arabic names), ``name_ar`` and ``latin`` as the build made them;
    ``blocked`` is the folded place_name_blocklist.txt (never a bare district name).
    """
    hdx = _read_csv(pcodes, encoding="utf-8-sig")
    curated = _curated()
    yemen_ar = _yemen_arabic(yemen, hdx)
    admin1 = {r["code"]: r for r in admin1_rows}
    by_cc: dict[str, list[dict]] = {}
    for c in cities:
        by_cc.setdefault(c["countrycode"], []).append(c)
    h1 = {x["P-Code"]: x["Name"] for x in hdx if x["Admin Level"] == "1"}
    rows, missing = [], []
    for x in hdx:
        cc = COUNTRIES.get(x["Location"])
        if cc is None or x["Admin Level"] != "2":
            continue
        code, en = x["P-Code"], x["Name"].replace(" - ", " ").strip()
        gov = admin1.get(ADMIN1.get(x["Parent P-Code"], "")) or _admin1_by_name(cc, h1.get(x["Parent P-Code"], ""),
                                                                               admin1_rows)
        ar, seat_ar = curated.get(code, (yemen_ar.get(code, ""), None))
        pool = by_cc.get(cc, []) + (by_cc.get("IL", []) if cc == "PS" else [])  # Jerusalem is filed under IL
        seat = _find_seat(pool, gov, SEAT_EN.get(code, en), seat_ar or ar, bool(SEAT_EN.get(code)))
        if seat is None and code in SEAT_AT:
            seat = {"latitude": SEAT_AT[code][0], "longitude": SEAT_AT[code][1], "ar": [], "name": en}
        if seat is None or gov is None:
            missing.append(f"{code} {en}")
            continue
        source = "curators" if code in curated else "Yemen district list" if code in yemen_ar else ""
        if not ar and _en(ascii_name(seat["name"])) == _en(en) and seat.get("name_ar"):
            ar, source = seat["name_ar"], "the seat's GeoNames name"
        word = WORD[cc]
        seat_keys = {fold(a) for a in seat.get("ar", [])}
        bare_ok = ar and ar not in NEVER_BARE and fold(ar) not in blocked and not ar.startswith(_TYPE_WORDS) and (
            fold(ar) in seat_keys or len(ar.split()) >= 2 and not ar.startswith(("شمال", "جنوب", "شرق", "غرب", "وسط"))
            or ar in BARE_OK)
        # Where the district is named after its seat, "قضاء/منطقة X" is left to the town: the place
        # recogniser reads the type word (CODEBOOK 4: around the town, precision 2). Palestine's
        # governorates stand in for admin1 units (GeoNames has only the West Bank and Gaza), so
        # "محافظة جنين" names the governorate.
        generic = cc != "PS" and ar and fold(ar) in seat_keys
        names = ([ar] if bare_ok else []) + ([f"{word} {ar}"] if ar and not generic else []) + [en, f"{en} District"]
        rows.append({
            "id": f"ocha:{code}", "name": en, "name_ar": ar if bare_ok or not ar else f"{word} {ar}",
            "country": cc, "feature": "admin2", "lat": f"{seat['latitude']:.5f}", "lon": f"{seat['longitude']:.5f}",
            "admin1": gov["name"], "admin2": en, "population": "0", "names": "|".join(dict.fromkeys(names)),
            "source": SOURCE.format(ar=source or "none"),
        })
    return rows, missing


def _admin1_by_name(cc: str, name: str, admin1_rows: list[dict]) -> dict | None:
    rows = [r for r in admin1_rows if r["country"] == cc]
    key = _en(name)
    best = [r for r in rows if any(_en(n) == key for n in r["names"].split("|") if n.isascii())]
    return best[0] if best else None


def _find_seat(places: list[dict], gov: dict | None, en: str, ar: str, en_first: bool = False) -> dict | None:
    """The district's seat: a town named like it (Arabic first), in its governorate or near its seat."""
    if gov is None:
        return None
    centre = (float(gov["lat"]), float(gov["lon"]))
    en = re.sub(r"^(Madeinat|Reifi) | City$", "", en)
    ar_key, en_key = fold(ar) if ar else None, _en(en)
    by_ar = [c for c in places if ar_key and ar_key in {fold(a) for a in c.get("ar", [])}]
    by_en = [c for c in places if en_key and en_key in {_en(n) for n in [c["name"], *c.get("latin", [])]}]
    for found in ([by_en, by_ar] if en_first else [by_ar, by_en]):
        inside = [c for c in found if f"{c['countrycode']}.{c['admin1code']}" == gov.get("code")]
        near = [c for c in found if _km(centre, (c["latitude"], c["longitude"])) <= 150]
        if inside or near:
            return max(inside or near, key=lambda c: c["population"])
    return None
