"""The gazetteer's data files and its loader."""
from __future__ import annotations

import re
import time
from collections import Counter
from importlib.resources import files

import pytest

from marsad.knowledge import Gazetteer, load_gazetteer
from marsad.knowledge.gazetteer import ALIAS_FILE, FEATURES, PLACE_FILES, _key, read_tsv
from marsad.text.matcher import PhraseMatcher

# Rough (lat_min, lat_max, lon_min, lon_max) per MENA country: a place outside
# its country's box has swapped or mistyped coordinates.
BOXES = {
    "SY": (32.3, 37.4, 35.6, 42.5), "IQ": (29.0, 37.5, 38.7, 48.7), "YE": (12.0, 19.1, 41.8, 54.6),
    "LY": (19.4, 33.3, 9.3, 25.2), "SD": (8.6, 22.3, 21.8, 38.7), "SS": (3.4, 12.3, 23.4, 36.0),
    "LB": (33.0, 34.8, 35.0, 36.7), "PS": (31.2, 32.6, 34.2, 35.6), "IL": (29.4, 33.4, 34.2, 35.9),
    "JO": (29.1, 33.4, 34.9, 39.4), "EG": (21.7, 31.8, 24.6, 37.0), "SA": (16.2, 32.2, 34.4, 55.8),
    "TR": (35.8, 42.2, 25.6, 44.9), "IR": (25.0, 39.8, 44.0, 63.4), "KW": (28.5, 30.2, 46.5, 48.5),
    "AE": (22.5, 26.2, 51.4, 56.5), "OM": (16.6, 26.5, 51.9, 59.9), "QA": (24.4, 26.3, 50.7, 51.7),
    "BH": (25.7, 26.4, 50.3, 50.9), "TN": (30.2, 37.6, 7.5, 11.7), "DZ": (18.9, 37.2, -8.8, 12.0),
    "MA": (20.7, 36.0, -17.2, -0.9), "TD": (7.4, 23.5, 13.4, 24.0),
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def raw_rows() -> dict[str, list[dict[str, str]]]:
    return {name: list(read_tsv(name)) for name in PLACE_FILES}


def test_gazetteer_files_load_with_unique_ids(raw_rows):
    ids = Counter(r["id"] for rows in raw_rows.values() for r in rows)
    assert all(rows for rows in raw_rows.values())
    assert [i for i, n in ids.items() if n > 1] == []


def test_gazetteer_rows_have_shape(gazetteer):
    for e in gazetteer.entries:
        assert re.fullmatch(r"(geonames:\d+|marsad:[a-z0-9-]+|ocha:[A-Z]{2,3}[0-9A-Z]+)", e.id), e.id
        assert e.name and re.fullmatch(r"[A-Z]{2}", e.country), e
        assert e.feature in FEATURES, e
        assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180, e


@pytest.mark.parametrize("country", sorted(BOXES))
def test_gazetteer_coordinates_inside_country_box(gazetteer, country):
    lat0, lat1, lon0, lon1 = BOXES[country]
    outside = [(e.id, e.name, e.lat, e.lon) for e in gazetteer.entries
               if e.country == country and e.feature != "country"
               and not (lat0 <= e.lat <= lat1 and lon0 <= e.lon <= lon1)]
    assert outside == []


def test_gazetteer_curated_rows_are_placed_and_sourced(raw_rows, gazetteer):
    rows = raw_rows["places_curated.tsv"]
    assert len(rows) >= 200
    for r in rows:
        assert r["id"].startswith("marsad:"), r
        assert r["name_ar"] and r["name"], r
        assert re.fullmatch(r"-?\d+\.\d{3,4}", r["lat"]) and re.fullmatch(r"-?\d+\.\d{3,4}", r["lon"]), r
        assert r["feature"] in {"neighbourhood", "site", "camp", "town"}, r
        assert "marsad curators" in r["source"], r
        assert r["admin1"], r
        if r["parent"]:
            assert gazetteer.parent(r["id"]) is not None, r
        assert "curators" in gazetteer.source(r["id"])


def test_gazetteer_curated_admin1_names_exist(raw_rows, gazetteer):
    missing = {(r["country"], r["admin1"]) for r in raw_rows["places_curated.tsv"]
               if gazetteer.admin1(r["country"], r["admin1"]) is None}
    assert missing == set()


def test_gazetteer_alias_fixes_point_at_entries(gazetteer):
    for row in read_tsv(ALIAS_FILE):
        assert gazetteer.get(row["id"]) is not None, row
        assert row["action"] in {"add", "drop", "name_ar"}, row
        assert row["value"], row


@pytest.mark.parametrize(
    "name, expected_id, feature",
    [
        ("القدم", "marsad:sy-al-qadam", "neighbourhood"),
        ("حلب", "geonames:170063", "city"),
        ("دمشق", "geonames:170654", "city"),
        ("الرقة", "geonames:172955", "city"),
        ("البوكمال", "geonames:174448", "town"),
        ("كفربطنا", "geonames:168713", "town"),
        ("كفر نبل", "geonames:168661", "town"),
        ("تلعفر", "geonames:90393", "town"),
        ("عانة", "geonames:6765385", "town"),
        ("كوباني", "geonames:172256", "town"),
        ("الكرادة", "marsad:iq-karrada", "neighbourhood"),
        ("مطار التيفور", "marsad:sy-t4-airbase-tiyas", "site"),
        ("حقل العمر", "marsad:sy-al-omar-oil-field", "site"),
        ("الشيخ مقصود", "marsad:sy-sheikh-maqsoud", "neighbourhood"),
        ("مخيم اليرموك", "geonames:166716", "town"),
        ("لشكركاه", "geonames:1134720", "city"),
        ("ريف حماة", "geonames:170015", "admin1"),
        ("سوريا", "geonames:163843", "country"),
    ],
)
def test_gazetteer_lookup_finds_place_first(gazetteer, name, expected_id, feature):
    found = gazetteer.lookup(name)
    assert found and found[0].id == expected_id
    assert found[0].feature == feature


def test_gazetteer_lookup_qadam_is_in_damascus(gazetteer):
    qadam = gazetteer.lookup("القدم")[0]
    assert (qadam.name, qadam.country, qadam.admin1) == ("Al-Qadam", "SY", "Damascus")
    assert abs(qadam.lat - 33.47) < 0.02 and abs(qadam.lon - 36.285) < 0.02
    assert gazetteer.parent(qadam.id).name == "Damascus"


@pytest.mark.parametrize("a, b", [("ادلب", "إدلب"), ("حماه", "حماة"), ("معره النعمان", "معرة النعمان"),
                                  ("  دير   الزور ", "دير الزور")])
def test_gazetteer_lookup_folds_spelling(gazetteer, a, b):
    assert gazetteer.lookup(a) and [e.id for e in gazetteer.lookup(a)] == [e.id for e in gazetteer.lookup(b)]


def test_gazetteer_lookup_tries_name_without_article(gazetteer):
    assert gazetteer.lookup("الجرابلس")[0].id == "geonames:169179"


def test_gazetteer_lookup_unknown_name_is_empty(gazetteer):
    assert gazetteer.lookup("مدينة لا وجود لها") == []


def test_gazetteer_importance_puts_city_before_governorate_and_country(gazetteer):
    features = [e.feature for e in gazetteer.lookup("إدلب")]
    assert features[:2] == ["city", "admin1"]
    assert [e.feature for e in gazetteer.lookup("تونس")][-1] == "country"


@pytest.mark.parametrize("name, country", [("دمشق", "SY"), ("القاهرة", "EG"), ("لبنان", "LB"), ("طرابلس", "LY")])
def test_gazetteer_foreign_towns_do_not_take_arab_names(gazetteer, name, country):
    assert gazetteer.lookup(name)[0].country == country
    assert all(e.country not in {"US", "CA", "GB"} for e in gazetteer.lookup(name))


@pytest.mark.parametrize(
    "country, name, expected",
    [("SY", "ريف دمشق", "Rif Dimashq"), ("SY", "Aleppo", "Aleppo"), ("SY", "محافظة حلب", "Aleppo"),
     ("SY", "ريف حماة", "Hama"), ("IQ", "محافظة نينوى", "Ninewa"), ("IQ", "الأنبار", "Anbar"),
     ("YE", "تعز", "Taizz"), ("LY", "Benghazi", "Benghazi"), ("sy", "Deir ez-Zor", "Deir ez-Zor")],
)
def test_gazetteer_admin1_by_english_or_arabic_name(gazetteer, country, name, expected):
    unit = gazetteer.admin1(country, name)
    assert unit is not None and unit.name == expected and unit.feature == "admin1"


def test_gazetteer_admin1_of_wrong_country_is_none(gazetteer):
    assert gazetteer.admin1("IQ", "ريف دمشق") is None


def test_gazetteer_admin1_sits_at_its_seat(gazetteer):
    aleppo_city = gazetteer.get("geonames:170063")
    aleppo_gov = gazetteer.admin1("SY", "Aleppo")
    assert (aleppo_gov.lat, aleppo_gov.lon) == pytest.approx((aleppo_city.lat, aleppo_city.lon), abs=0.01)


@pytest.mark.parametrize("query, code", [("SY", "SY"), ("sy", "SY"), ("سورية", "SY"), ("سوريا", "SY"),
                                         ("Iraq", "IQ"), ("العراق", "IQ"), ("الولايات المتحدة", "US"),
                                         ("أفغانستان", "AF"), ("النيجر", "NE")])
def test_gazetteer_country_by_code_or_name(gazetteer, query, code):
    c = gazetteer.country(query)
    assert c is not None and c.country == code and c.feature == "country"


def test_gazetteer_has_every_arab_league_state_and_neighbours(gazetteer):
    arab_league = ["DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"]
    for code in arab_league + ["TR", "IR", "IL", "AF", "NE", "NG", "ML", "TD", "RU", "US"]:
        c = gazetteer.country(code)
        assert c is not None and c.name_ar, code


def test_gazetteer_terms_include_every_arabic_name(gazetteer):
    terms = {(t, i) for t, i in gazetteer.terms()}
    for e in gazetteer.entries:
        if e.name_ar:
            assert (e.name_ar, e.id) in terms, e


def test_gazetteer_arabic_names_drop_persian_and_kurdish_letters(gazetteer):
    foreign = re.compile("[پچژۆێەڵڕڤٹڈںےۇې]")
    bad = [(e.id, n) for e in gazetteer.entries for n in (e.name_ar, *e.names) if foreign.search(n)]
    assert bad == []


def _blocklist() -> set[str]:
    text = files("marsad.knowledge").joinpath("data", "place_name_blocklist.txt").read_text("utf-8")
    return {_key(x) for x in text.splitlines() if x.strip() and not x.startswith("#")}


def test_gazetteer_blocklisted_words_name_no_geonames_town(gazetteer):
    blocked = _blocklist()
    assert len(blocked) > 100
    bad = [(e.id, n) for e in gazetteer.entries if e.id.startswith("geonames:") and e.feature in {"city", "town"}
           for n in e.names if _key(n) in blocked]
    assert bad == []


@pytest.mark.parametrize("word", ["كان", "كيف", "حصار", "بشار", "عنة", "البلاد", "التحالف"])
def test_gazetteer_common_words_are_not_places(gazetteer, word):
    assert gazetteer.lookup(word) == []


def test_gazetteer_terms_feed_a_phrase_matcher(gazetteer):
    ids = {"geonames:170654", "marsad:sy-al-qadam", "geonames:174448"}
    matcher = PhraseMatcher((t, i) for t, i in gazetteer.terms() if i in ids)
    text = "سقطت قذائف على حي القدم جنوب دمشق، وغارات على مدينة البوكمال"
    assert [m.value for m in matcher.find(text)] == ["marsad:sy-al-qadam", "geonames:170654", "geonames:174448"]


def test_gazetteer_counts_and_size():
    g = load_gazetteer()
    by_feature = Counter(e.feature for e in g.entries)
    assert by_feature["admin1"] >= 300 and by_feature["country"] >= 90
    assert by_feature["city"] + by_feature["town"] >= 15000
    data = files("marsad.knowledge").joinpath("data")
    size = sum(len(data.joinpath(n).read_bytes()) for n in PLACE_FILES + (ALIAS_FILE,))
    assert size < 15 * 1024 * 1024


def test_gazetteer_loads_fast():
    start = time.perf_counter()
    fresh = load_gazetteer.__wrapped__()
    fresh.lookup("حلب")
    # Target is < 1 s on a free core; the bound leaves room for a shared CI machine.
    assert time.perf_counter() - start < 5.0


ADMIN2_BOXES = {cc: box for cc, box in BOXES.items()} | {"SD": BOXES["SD"], "SS": BOXES["SS"]}


def test_gazetteer_admin2_rows_have_shape(raw_rows):
    rows = raw_rows["admin2.tsv"]
    assert len(rows) >= 400
    by_country = Counter(r["country"] for r in rows)
    assert by_country["SY"] >= 55 and by_country["IQ"] >= 90 and by_country["YE"] >= 150
    for r in rows:
        assert r["id"].startswith("ocha:") and r["feature"] == "admin2" and r["admin1"] and r["admin2"], r
        assert "OCHA" in r["source"] and "GeoNames" in r["source"], r
        lat0, lat1, lon0, lon1 = ADMIN2_BOXES[r["country"]]
        assert lat0 <= float(r["lat"]) <= lat1 and lon0 <= float(r["lon"]) <= lon1, r
    with_ar = [r for r in rows if r["name_ar"]]
    assert len(with_ar) / len(rows) > 0.8


def test_gazetteer_admin2_admin1_names_exist(raw_rows, gazetteer):
    missing = {(r["country"], r["admin1"]) for r in raw_rows["admin2.tsv"]
               if gazetteer.admin1(r["country"], r["admin1"]) is None}
    assert missing == set()


@pytest.mark.parametrize(
    "name, expected_id",
    [("قضاء الكرخ", "ocha:IQG08Q03"), ("منطقة جبل سمعان", "ocha:SY0200"), ("جبل سمعان", "ocha:SY0200"),
     ("مديرية التحيتا", "ocha:YE1826"), ("محلية كرري", "ocha:SD01005"), ("قضاء الشوف", "ocha:LB33"),
     ("محافظة شمال غزة", "ocha:PS0255"), ("محافظة جنين", "ocha:PS0101"), ("Telafar District", "ocha:IQG15Q08")],
)
def test_gazetteer_admin2_found_by_district_name(gazetteer, name, expected_id):
    found = gazetteer.lookup(name)
    assert found and found[0].id == expected_id and found[0].feature == "admin2"


@pytest.mark.parametrize("phrase", ["قضاء تلعفر", "منطقة عفرين", "مديرية الحزم"])
def test_gazetteer_district_named_after_its_seat_leaves_the_phrase_to_the_town(gazetteer, phrase):
    # the place recogniser reads "قضاء تلعفر" as the town with its type word (precision 2)
    assert gazetteer.lookup(phrase) == []


@pytest.mark.parametrize("name, town", [("تلعفر", "geonames:90393"), ("عفرين", "geonames:174186")])
def test_gazetteer_town_comes_before_its_district(gazetteer, name, town):
    features = [e.feature for e in gazetteer.lookup(name)]
    assert gazetteer.lookup(name)[0].id == town and "admin2" in features


def test_gazetteer_admin2_sits_at_its_seat(gazetteer):
    district, town = gazetteer.get("ocha:IQG15Q08"), gazetteer.get("geonames:90393")
    assert (district.lat, district.lon) == (town.lat, town.lon)
    assert district.admin1 == "Ninewa" and "OCHA" in gazetteer.source(district.id)


@pytest.mark.parametrize("phrase", ["شمال غزة", "المدينة", "الحي", "الثورة", "مدينة مأرب"])
def test_gazetteer_admin2_never_takes_a_generic_phrase(gazetteer, phrase):
    assert all(e.feature != "admin2" for e in gazetteer.lookup(phrase))


def test_gazetteer_admin1_rows_carry_geonames_codes():
    codes = {r["code"]: r["name"] for r in read_tsv("admin1.tsv")}
    assert codes["SY.09"] == "Aleppo" and codes["IQ.15"] == "Ninewa" and codes["TR.31"] == "Hatay"


@pytest.mark.parametrize(
    "name, country",
    [("أبشي", "TD"), ("أدري", "TD"), ("الجنينة", "SD"), ("أقجه قلعة", "TR"), ("نصيبين", "TR"), ("كلس", "TR"), ("أرومية", "IR"), ("مهران", "IR")],
)
def test_gazetteer_covers_border_areas(gazetteer, name, country):
    assert any(e.country == country for e in gazetteer.lookup(name)), name


@pytest.mark.parametrize(
    "name, expected_id",
    [("aleppo", "geonames:170063"), ("ALEPPO", "geonames:170063"), ("Halab", "geonames:170063"),
     ("Maarat al-Numaan", "geonames:167611"), ("ma'arrat an nu'man", "geonames:167611"), ("deir ez-zor", "geonames:170794")],
)
def test_gazetteer_lookup_latin_spellings_any_case(gazetteer, name, expected_id):
    assert gazetteer.lookup(name) and gazetteer.lookup(name)[0].id == expected_id


def test_gazetteer_latin_spellings_leave_out_codes(gazetteer):
    assert "ALP" not in gazetteer.get("geonames:170063").names


@pytest.mark.parametrize(
    "name, expected_id",
    [("مخيم الركبان", "marsad:sy-rukban-camp"), ("حقل كونيكو", "marsad:sy-conoco-gas-field"),
     ("مخيم زمزم", "marsad:sd-zamzam-camp"), ("مخيم نور شمس", "marsad:ps-nur-shams-camp"),
     ("سد مأرب", "marsad:ye-marib-dam"), ("مخيم شاتيلا", "marsad:lb-shatila-camp"),
     ("معبر اليعربية", "geonames:383661"), ("معبر أدري", "geonames:245669"), ("طولكرم", "geonames:281577")],
)
def test_gazetteer_curated_camps_sites_and_crossings(gazetteer, name, expected_id):
    assert gazetteer.lookup(name)[0].id == expected_id


@pytest.mark.parametrize(
    "name, expected_id, name_ar",
    [("كسلا", "geonames:372753", "كسلا"), ("الضعين", "geonames:380148", "الضعين"),
     ("مدينة الأبيض", "geonames:379003", "مدينة الأبيض"), ("كوستي", "geonames:371760", "كوستي")],
)
def test_gazetteer_sudan_arabic_names_fixed(gazetteer, name, expected_id, name_ar):
    e = gazetteer.lookup(name)[0]
    assert (e.id, e.name_ar) == (expected_id, name_ar)


# كسل 'laziness', الأبيض 'white', أطمة read inside فاطمة (ف + اطمة), the North Tower of 9/11,
# a surname, 'your Lord', 'the volume', a verb: counted in news, these fire on words, not places.
@pytest.mark.parametrize("word", ["كسل", "الأبيض", "زمزم", "الجانب الأيمن", "اطمة", "البرج الشمالي", "الزعتري",
                                  "ربك", "المجلد", "بارا"])
def test_gazetteer_words_that_stay_words(gazetteer, word):
    assert gazetteer.lookup(word) == []


def test_gazetteer_salah_al_din_is_the_governorate_in_iraq(gazetteer):
    iraqi = [e for e in gazetteer.lookup("صلاح الدين") if e.country == "IQ"]
    assert iraqi and iraqi[0].feature == "admin1"
