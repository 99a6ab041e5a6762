"""The user's own gazetteer: a GeoNames country dump read, cleaned, stored and merged."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from marsad.knowledge import load_gazetteer
from marsad.knowledge.geonames import (
    DumpError,
    arabic_names,
    clean_ar,
    latin_variants,
    read_alternate_names,
    read_dump,
)
from marsad.knowledge.user_gazetteer import (
    add_dump,
    data_dir,
    imports,
    read_store,
    store_path,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "geonames"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty data directory; the cached gazetteer is dropped before and after."""
    monkeypatch.setenv("MARSAD_HOME", str(tmp_path / "home"))
    load_gazetteer.cache_clear()
    yield tmp_path / "home"
    load_gazetteer.cache_clear()


@pytest.fixture
def dump(tmp_path) -> Path:
    """SY.zip as GeoNames serves it: SY.txt inside."""
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(FIXTURE / "SY.txt", "SY.txt")
    return path


@pytest.fixture
def names_zip(tmp_path) -> Path:
    """alternatenames/SY.zip as GeoNames serves it: SY.txt in the alternateNamesV2 format."""
    path = tmp_path / "alternatenames-SY.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(FIXTURE / "alternateNamesV2.txt", "SY.txt")
    return path


def test_user_gazetteer_data_dir_follows_marsad_home(home):
    assert data_dir() == home and store_path() == home / "gazetteer.sqlite"


def test_user_gazetteer_data_dir_default_is_under_local_share(monkeypatch, tmp_path):
    monkeypatch.delenv("MARSAD_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_dir() == tmp_path / ".local" / "share" / "marsad"


def test_user_gazetteer_read_dump_keeps_places_admin_units_and_sites(dump):
    places = read_dump(dump)
    features = {p.geonameid: p.feature for p in places.values()}
    assert features == {9900001: "town", 9900002: "town", 9900003: "town", 170063: "city", 170062: "admin1",
                        9900010: "admin2", 9900020: "site", 9900030: "neighbourhood"}
    assert 9900011 not in places and 9900012 not in places  # a historical place, a wadi


def test_user_gazetteer_read_dump_parses_columns(dump):
    p = read_dump(dump)[9900001]
    assert (p.name, p.country, p.admin1, p.admin2, p.population) == ("Tall az Zaytūnāt", "SY", "09", "SY0299", 1250)
    assert (p.lat, p.lon) == (36.3012, 37.0521)
    assert "تل الزيتونات" in p.alternates


def test_user_gazetteer_alternate_names_add_arabic_and_skip_other_languages(dump, names_zip):
    places = read_dump(dump)
    added = read_alternate_names(names_zip, places)
    assert added == 4  # links, Persian, historic names and other places' names are not counted
    assert places[9900001].preferred_ar == "تل الزيتونات"
    assert "تل زیتونات" in places[9900001].not_arabic
    assert "كفر الجمال القديمة" not in places[9900003].arabic  # historic


def test_user_gazetteer_arabic_names_cleaned_and_compounds_joined(dump, names_zip):
    places = read_dump(dump)
    read_alternate_names(names_zip, places)
    own, every = arabic_names(places[9900003])
    assert "كفر جمال" in own and "كفرجمال" in every
    assert not any("چ" in n for n in every)


@pytest.mark.parametrize(
    "raw, expected",
    [("حَلَب", "حلب"), ("لشکرگاه", "لشكركاه"), ("چمچمال", None), ("ئۇرۇمچی", None), ("ب", None),
     ("Aleppo", None), ("  دير   الزور ", "دير الزور")],
)
def test_user_gazetteer_clean_ar(raw, expected):
    assert clean_ar(raw) == expected


def test_user_gazetteer_latin_variants_drop_codes_and_machine_transliterations():
    assert latin_variants(["Aleppo", "ALP", "halab", "Ḩalab", "Aleppo", "Alep"]) == ["Aleppo", "Halab", "Alep"]


@pytest.mark.parametrize(
    "content, message",
    [("a,b,c\n1,2,3\n", "expected 19 tab-separated columns, found 1"),
     ("1\tx\ty\n", "expected 19 tab-separated columns, found 3")],
)
def test_user_gazetteer_wrong_file_is_refused(tmp_path, content, message):
    path = tmp_path / "XX.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DumpError, match=message):
        read_dump(path)


def test_user_gazetteer_zip_without_place_file_is_refused(tmp_path):
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "nothing here")
    with pytest.raises(DumpError, match="no XX.txt place file"):
        read_dump(path)


def test_user_gazetteer_add_reports_and_stores(home, dump, names_zip):
    report = add_dump(dump, names_zip)
    assert report.countries == ["SY"]
    assert sum(report.added.values()) == 6 and report.added["town"] == 3
    assert report.enriched == 2  # Aleppo gained حلب الشهباء, the governorate "Muhafazat Halab"
    assert report.dropped_names >= 3  # كان (a word), حلب (a city's name), بط (too short)
    assert store_path().is_file()
    assert [i["file"] for i in imports()] == ["SY.zip"]
    assert len(read_store()) == 8


def test_user_gazetteer_merged_into_load_gazetteer(home, dump, names_zip):
    before = len(load_gazetteer())
    add_dump(dump, names_zip)
    g = load_gazetteer()
    assert len(g) == before + 6
    village = g.lookup("تل الزيتونات")[0]
    assert (village.id, village.admin1, village.admin2) == ("geonames:9900001", "Aleppo", "az Zaytunat")
    assert "SY.zip" in g.source(village.id)
    assert g.lookup("tall az zaytunat")[0].id == village.id
    assert g.lookup("كفرجمال")[0].id == "geonames:9900003"
    assert g.lookup("مطار البطاطين")[0].feature == "site"


def test_user_gazetteer_package_place_gains_spellings_keeps_fields(home, dump, names_zip):
    add_dump(dump, names_zip)
    g = load_gazetteer()
    aleppo = g.lookup("حلب الشهباء")[0]
    assert (aleppo.id, aleppo.name, aleppo.feature) == ("geonames:170063", "Aleppo", "city")
    assert g.lookup("حلب")[0].id == "geonames:170063"
    assert "GeoNames" in g.source(aleppo.id) and "user" not in g.source(aleppo.id)


@pytest.mark.parametrize("word", ["كان", "حلب", "بط"])
def test_user_gazetteer_risky_names_are_not_given_to_villages(home, dump, names_zip, word):
    add_dump(dump, names_zip)
    assert "geonames:9900002" not in {e.id for e in load_gazetteer().lookup(word)}


def test_user_gazetteer_readding_a_country_replaces_it(home, dump, names_zip):
    add_dump(dump, names_zip)
    report = add_dump(dump)
    assert report.replaced == 8
    assert len(read_store()) == 8 and len(imports()) == 1
    # without the alternate names the preferred Arabic spelling still comes from the dump itself
    assert load_gazetteer().get("geonames:9900001").name_ar == "تل الزيتونات"


def test_user_gazetteer_alternate_names_inside_the_dump_zip(home, tmp_path):
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(FIXTURE / "SY.txt", "SY.txt")
        z.write(FIXTURE / "alternateNamesV2.txt", "alternateNamesV2.txt")
    add_dump(path)
    assert load_gazetteer().lookup("حلب الشهباء")[0].id == "geonames:170063"


def test_user_gazetteer_damaged_store_leaves_package_working(home):
    home.mkdir(parents=True)
    store_path().write_bytes(b"not a database")
    assert read_store() == [] and imports() == []
    assert load_gazetteer().lookup("دمشق")[0].id == "geonames:170654"


def test_user_gazetteer_store_is_sqlite_with_places_table(home, dump):
    add_dump(dump)
    con = sqlite3.connect(store_path())
    assert con.execute("SELECT count(*) FROM places WHERE country = 'SY'").fetchone()[0] == 8
    con.close()
