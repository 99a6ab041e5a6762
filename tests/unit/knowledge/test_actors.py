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
    assert len(named) >= 120
    for cc in GENERIC_COUNTRIES:
        for role in ("military", "police", "unidentified", "civilians", "protesters", "rioters"):
            assert registry.get(f"generic:{role}:{cc}") is not None, (role, cc)


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
        ("جبهة النصرة", "HTS: Hayat Tahrir al-Sham"),
        ("فتح الشام", "HTS: Hayat Tahrir al-Sham"),
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


@pytest.mark.parametrize("word", ["التحالف", "الجيش الوطني", "القاعدة", "فتح", "الحشد", "الشباب", "المدنيين", "الجيش"])
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
    assert registry.years("hts") == "2012-"
    assert registry.parent(registry.get("islamic-state")) is None


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
