"""The actor registry's data files and its loader."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from marsad.knowledge import ActorRegistry, load_actors
from marsad.knowledge.actors import ROLES
from marsad.knowledge.gazetteer import _key, read_tsv
from marsad.model import ACTOR_KINDS
from marsad.text.matcher import PhraseMatcher

ARABIC = re.compile("[\u0621-\u064a]")
GENERIC_COUNTRIES = "SY IQ YE LY SD SS LB PS IL JO EG SA TR IR AF NE NG ML SO".split()


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return load_actors()


def test_actors_file_has_unique_ids_and_valid_rows():
    rows = list(read_tsv("actors.tsv"))
    ids = Counter(r["id"] for r in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    for r in rows:
        assert r["kind"] in ACTOR_KINDS, r
        assert r["years"] == "" or re.fullmatch(r"\d{4}-(\d{4})?", r["years"]), r
        first, _, last = r["years"].partition("-")
        assert not last or 1900 < int(first) <= int(last) <= 2030, r
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert all(a and a == a.strip() for a in aliases), r
        assert r["name"] == r["name"].strip() and r["name_ar"] == r["name_ar"].strip(), r


def test_actors_successors_form_chains_forward_in_time():
    rows = {r["id"]: r for r in read_tsv("actors.tsv")}
    for r in rows.values():
        nxt = r["successor"]
        if not nxt:
            continue
        assert nxt in rows and nxt != r["id"], r
        assert r["years"] and r["years"][-4:].isdigit(), r  # an old name has an end year
        if rows[nxt]["years"]:
            assert int(rows[nxt]["years"][:4]) >= int(r["years"][:4]), (r["id"], nxt)
    # No cycles: every chain ends.
    for start in rows:
        seen, cur = set(), start
        while rows[cur]["successor"]:
            assert cur not in seen, start
            seen.add(cur)
            cur = rows[cur]["successor"]


def test_actors_every_actor_has_arabic_and_english_names(registry):
    for e in registry.entries:
        assert e.name and re.search("[A-Za-z]", e.name) and not ARABIC.search(e.name), e
        assert e.name_ar and ARABIC.search(e.name_ar), e
        assert e.kind in ACTOR_KINDS, e
        assert e.country is None or re.fullmatch(r"[A-Z]{2}", e.country), e
        assert e.parent is None or registry.get(e.parent) is not None, e


def test_actors_no_alias_names_two_actors(registry):
    owners: dict[str, set[str]] = defaultdict(set)
    for e in registry.entries:
        for n in (e.name, e.name_ar, *e.aliases):
            owners[_key(n)].add(e.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_actors_generic_terms_are_nobodys_alias(registry):
    terms = list(registry.generic_terms())
    assert len(terms) >= 80
    assert {role for _, role in terms} <= set(ROLES)
    assert [t for t, _ in terms if registry.by_name(t) is not None] == []


def test_actors_registry_is_large_enough(registry):
    named = [e for e in registry.entries if not e.id.startswith("generic:")]
    assert len(named) >= 300
    for cc in GENERIC_COUNTRIES:
        for role in ("military", "police", "unidentified", "civilians", "protesters", "rioters"):
            assert registry.get(f"generic:{role}:{cc}") is not None, (role, cc)


@pytest.mark.parametrize("country, at_least", [
    ("SY", 80), ("IQ", 25), ("YE", 20), ("LY", 20), ("SD", 15), ("LB", 10), ("PS", 10),
])
def test_actors_cover_the_wars_of_the_region(registry, country, at_least):
    named = [e for e in registry.entries if not e.id.startswith("generic:") and e.country == country]
    assert len(named) >= at_least
    # Each war has state forces, and armed groups of more than one kind.
    assert registry.get(f"generic:military:{country}") is not None
    assert len({e.kind for e in named}) >= 2


@pytest.mark.parametrize("actor_id, kind", [
    ("generic:military:RU", "external"), ("generic:military:TR", "external"), ("generic:military:IR", "external"),
    ("generic:military:US", "external"), ("coalition-forces", "external"), ("saudi-coalition", "external"),
    ("generic:military:IL", "external"), ("generic:military:AE", "external"), ("generic:military:SA", "state"),
    ("irgc", "external"), ("wagner", "external"),
])
def test_actors_foreign_forces_are_present(registry, actor_id, kind):
    assert registry.get(actor_id).kind == kind


def test_actors_aliases_are_no_back_reference_words(registry):
    from marsad.recognise.actors import _ANAPHORS
    back = {_key(w) for w in _ANAPHORS}
    assert [n for e in registry.entries for n in (e.name_ar, *e.aliases) if _key(n) in back] == []


@pytest.mark.parametrize(
    "alias, name",
    [
        ("داعش", "Islamic State"),
        ("تنظيم الدولة", "Islamic State"),
        ("الدولة الاسلامية", "Islamic State"),
        ("ISIS", "Islamic State"),
        ("قوات النظام", "Military Forces of Syria"),
        ("الجيش العربي السوري", "Military Forces of Syria"),
        ("قوات النمر", "Military Forces of Syria"),
        ("الطيران الروسي", "Military Forces of Russia"),
        ("جبهة النصرة", "Jabhat al-Nusra"),
        ("فتح الشام", "Jabhat Fateh al-Sham"),
        ("هتش", "HTS: Hayat Tahrir al-Sham"),
        ("قوات الدفاع المحلي", "LDF: Local Defence Forces"),
        ("عصائب أهل الحق", "Asaib Ahl al-Haq"),
        ("المقاومة الجنوبية", "Southern Resistance"),
        ("قوة الردع الخاصة", "Rada Special Deterrence Force"),
        ("المساليت", "Masalit Ethnic Militia (Sudan)"),
        ("القوات اللبنانية", "Lebanese Forces"),
        ("عرين الأسود", "Lions' Den"),
        ("دولة العراق الإسلامية", "Islamic State of Iraq"),
        ("الجنجويد", "Janjaweed"),
        ("قسد", "SDF: Syrian Democratic Forces"),
        ("الدفاع الوطني", "NDF: National Defence Forces"),
        ("التحالف الدولي", "Coalition Forces"),
        ("جيش الاحتلال", "Military Forces of Israel"),
        ("الحشد الشعبي", "PMF: Popular Mobilization Forces"),
        ("الحوثيين", "Ansar Allah (Houthis)"),
        ("التحالف العربي", "Saudi-led Coalition"),
        ("قوات حفتر", "LNA: Libyan National Army"),
        ("الدعم السريع", "RSF: Rapid Support Forces"),
        ("كتائب القسام", "Hamas"),
        ("سرايا القدس", "PIJ: Palestinian Islamic Jihad"),
        ("طالبان", "Taliban"),
        ("بوكو حرام", "Boko Haram - Wilayat al Sudan al Gharbi (ISWAP)"),
        ("Military Forces of Syria", "Military Forces of Syria"),
    ],
)
def test_actors_by_name_resolves_aliases(registry, alias, name):
    entry = registry.by_name(alias)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize("word", ["التحالف", "الجيش الوطني", "القاعدة", "فتح", "الحشد", "الشباب", "المدنيين", "الجيش",
                                  "الصحوات", "القيادة العامة", "قوات الصاعقة", "الجيش الأبيض", "الجماعة الإسلامية",
                                  "قوات الدفاع الشعبي", "الطوارق", "أصحاب الكهف", "هيئة العمليات"])
def test_actors_ambiguous_words_belong_to_no_actor(registry, word):
    assert registry.by_name(word) is None


@pytest.mark.parametrize(
    "role, country, name, name_ar, kind",
    [
        ("civilians", "SY", "Civilians (Syria)", "مدنيون (سوريا)", "civilians"),
        ("military", "SY", "Military Forces of Syria", "قوات النظام السوري", "state"),
        ("police", "IQ", "Police Forces of Iraq", "الشرطة العراقية", "state"),
        ("unidentified", "IQ", "Unidentified Armed Group (Iraq)", "جماعة مسلحة مجهولة (العراق)", "political_militia"),
        ("protesters", "EG", "Protesters (Egypt)", "متظاهرون (مصر)", "protesters"),
        ("rioters", "LB", "Rioters (Lebanon)", "مثيرو شغب (لبنان)", "rioters"),
        ("police", "KW", "Police Forces of Kuwait", "الشرطة الكويتية", "state"),
        ("military", "US", "Military Forces of the United States", "القوات الأمريكية", "external"),
        ("coalition", "YE", "Saudi-led Coalition", "التحالف العربي", "external"),
        ("coalition", "SY", "Coalition Forces", "التحالف الدولي", "external"),
    ],
)
def test_actors_generic_gives_country_actor(registry, role, country, name, name_ar, kind):
    entry = registry.generic(role, country)
    assert (entry.name, entry.name_ar, entry.kind) == (name, name_ar, kind)


def test_actors_generic_country_without_row_still_gets_actor(registry):
    entry = registry.generic("civilians", "br")
    assert (entry.name, entry.country, entry.kind) == ("Civilians (BR)", "BR", "civilians")
    assert registry.get(entry.id) is entry
    assert registry.generic("unidentified", None).name == "Unidentified Armed Group"


def test_actors_generic_rejects_unknown_role(registry):
    with pytest.raises(ValueError):
        registry.generic("bystanders", "SY")


def test_actors_made_aliases_come_from_adjectives(registry):
    assert "الجيش الكويتي" in registry.generic("military", "KW").aliases
    assert registry.by_name("الشرطة القطرية").id == "generic:police:QA"


@pytest.mark.parametrize("actor_id, country, kind", [
    ("generic:military:SY", "SY", "state"),
    ("generic:military:SY", "LB", "external"),
    ("generic:military:RU", "SY", "external"),
    ("islamic-state", "IQ", "rebel"),
])
def test_actors_kind_for_event_country(registry, actor_id, country, kind):
    assert registry.kind_for(registry.get(actor_id), country) == kind


def test_actors_parent_and_years(registry):
    assert registry.parent(registry.get("ypg")).name == "SDF: Syrian Democratic Forces"
    assert registry.years("hts") == "2017-2025"
    assert registry.years("jabhat-al-nusra") == "2012-2016"
    assert registry.parent(registry.get("islamic-state")) is None


@pytest.mark.parametrize("old_name, latest", [
    ("جبهة النصرة", "HTS: Hayat Tahrir al-Sham"),
    ("جبهة فتح الشام", "HTS: Hayat Tahrir al-Sham"),
    ("دولة العراق الإسلامية", "Islamic State"),
    ("تنظيم القاعدة في بلاد الرافدين", "Islamic State"),
    ("أنصار بيت المقدس", "Islamic State (Sinai)"),
    ("لواء الإسلام", "Jaysh al-Islam"),
    ("جيش المهدي", "Saraya al-Salam"),
    ("النخبة الشبوانية", "Shabwani Defence Forces"),
    ("ميليشيا الحوثي وصالح", "Ansar Allah (Houthis)"),
    ("داعش", "Islamic State"),
])
def test_actors_current_follows_renames(registry, old_name, latest):
    assert registry.current(registry.by_name(old_name)).name == latest


def test_actors_history_lists_every_name_in_order(registry):
    names = [e.name for e in registry.history(registry.get("jfs"))]
    assert names == ["Jabhat al-Nusra", "Jabhat Fateh al-Sham", "HTS: Hayat Tahrir al-Sham"]
    assert [registry.years(e.id) for e in registry.history(registry.get("hts"))] == ["2012-2016", "2016-2017", "2017-2025"]
    assert registry.successor(registry.get("hts")) is None
    assert registry.history(registry.get("sdf")) == [registry.get("sdf")]


def test_actors_terms_cover_arabic_and_english(registry):
    terms = set(registry.terms())
    assert ("داعش", "islamic-state") in terms and ("ISIS", "islamic-state") in terms
    assert ("Islamic State", "islamic-state") in terms
    for e in registry.entries:
        assert (e.name_ar, e.id) in terms


def test_actors_terms_feed_a_phrase_matcher(registry):
    matcher = PhraseMatcher(registry.terms())
    text = "قصفت طائرات روسية مواقع لتنظيم داعش، واشتبكت قوات النظام مع هيئة تحرير الشام"
    found = [registry.get(m.value).name for m in matcher.find(text)]
    assert found == ["Military Forces of Russia", "Islamic State", "Military Forces of Syria",
                     "HTS: Hayat Tahrir al-Sham"]
