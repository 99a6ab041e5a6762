"""The actor registry: canonical actors (CODEBOOK 3) with every Arabic and English name.

Files in ``marsad/knowledge/data`` (sources and licences in data/SOURCES.md):

- ``actors.tsv``: named actors, ACLED-style canonical English names, Arabic
  names and aliases ('|'-joined), kind, country, parent, years, successor. A
  group that changed its name has one row per name, each with its years, linked
  by ``successor`` (جبهة النصرة → جبهة فتح الشام → هيئة تحرير الشام);
- ``actor_countries.tsv``: country names and Arabic adjectives from which the
  generic actors of each country are made ("Military Forces of Jordan",
  "Civilians (Jordan)" / "مدنيون (الأردن)" ...). A row of actors.tsv with a
  generic id (``generic:military:SY``) replaces the made one;
- ``actor_generic_terms.tsv``: words that denote an actor only with the story's
  country (المدنيين، مسلحون مجهولون، الجيش ...) and the role they stand for.

No alias belongs to two actors; words that would (bare التحالف, الجيش الوطني)
are generic terms or are left out, as the data files note.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from ..model import ACTOR_KINDS, ActorEntry
from .gazetteer import _key, read_tsv

ROLES = ("military", "police", "unidentified", "civilians", "protesters", "rioters", "coalition", "rebels")
# Where a civil war has a recognised armed opposition, "المسلحين" / "المجموعات المسلحة"
# fighting the army are that opposition (ACLED's "Opposition Rebels (Syria)"); elsewhere
# such words stay an unidentified armed group.
_REBELS = {"SY": "opposition-sy"}
# The coalition a bare "التحالف" means depends on the war: the Saudi-led one in
# Yemen (and on Saudi soil), the US-led one everywhere else it bombs.
_COALITION = {"YE": "saudi-coalition", "SA": "saudi-coalition"}
_COALITION_DEFAULT = "coalition-forces"


def _split(s: str) -> list[str]:
    return [x.strip() for x in (s or "").split("|") if x.strip()]


class ActorRegistry:
    """Actors by id, by any name, and the generic actors of each country."""

    def __init__(self, entries: Iterable[ActorEntry], generic_terms: Iterable[tuple[str, str]] = (),
                 countries: dict[str, dict[str, str]] | None = None,
                 years: dict[str, str] | None = None,
                 successors: dict[str, str] | None = None) -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self._by_id = {e.id: e for e in self.entries}
        self._generic_terms = tuple(generic_terms)
        self._countries = countries or {}
        self._years = years or {}
        self._successors = successors or {}
        self._made: dict[str, ActorEntry] = {}
        self._names: dict[str, ActorEntry] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, id: str) -> ActorEntry | None:
        """The actor with this id ("islamic-state", "generic:civilians:SY")."""
        return self._by_id.get(id) or self._made.get(id)

    def by_name(self, name: str) -> ActorEntry | None:
        """The actor whose canonical English name, Arabic name or alias is ``name`` (folded)."""
        if self._names is None:
            idx: dict[str, ActorEntry] = {}
            for e in self.entries:
                for n in (e.name, e.name_ar, *e.aliases):
                    if n:
                        idx.setdefault(_key(n), e)
            self._names = idx
        return self._names.get(_key(name))

    def generic(self, role: str, country: str | None) -> ActorEntry:
        """The actor a generic role word denotes in ``country`` (ISO2).

        ``role`` is one of ROLES. A country without a row in actor_countries.tsv
        still gets an actor, named with its code; ``None`` gives a country-less one.
        """
        if role not in ROLES:
            raise ValueError(f"unknown generic role {role!r}; expected one of {ROLES}")
        cc = (country or "").upper()
        if role == "coalition":
            return self._by_id[_COALITION.get(cc, _COALITION_DEFAULT)]
        if role == "rebels":
            if cc in _REBELS and _REBELS[cc] in self._by_id:
                return self._by_id[_REBELS[cc]]
            role = "unidentified"
        found = self.get(f"generic:{role}:{cc}") if cc else None
        if found is not None:
            return found
        made = _make_generic(role, cc, self._countries.get(cc))
        self._made[made.id] = made
        return made

    def parent(self, entry: ActorEntry) -> ActorEntry | None:
        """The group an actor belongs to (a brigade's army, an affiliate's organisation)."""
        return self.get(entry.parent) if entry.parent else None

    def years(self, id: str) -> str | None:
        """The years the actor was active under this name ("2012-2016", "2017-"), where recorded."""
        return self._years.get(id)

    def successor(self, entry: ActorEntry) -> ActorEntry | None:
        """The name the group took next ("Jabhat al-Nusra" → "Jabhat Fateh al-Sham"), if renamed."""
        nxt = self._successors.get(entry.id)
        return self.get(nxt) if nxt else None

    def current(self, entry: ActorEntry) -> ActorEntry:
        """The group's latest name: an event by "جبهة النصرة" is coded as HTS (one actor per group)."""
        seen = {entry.id}
        while (nxt := self.successor(entry)) is not None and nxt.id not in seen:
            seen.add(nxt.id)
            entry = nxt
        return entry

    def history(self, entry: ActorEntry) -> list[ActorEntry]:
        """Every name of the group, oldest first, ending with ``entry``'s latest name."""
        earlier = {v: k for k, v in self._successors.items()}
        chain = [self.current(entry)]
        while (prev := earlier.get(chain[0].id)) is not None and prev not in {e.id for e in chain}:
            chain.insert(0, self._by_id[prev])
        return chain

    def terms(self) -> Iterator[tuple[str, str]]:
        """(name or alias, actor id) for a PhraseMatcher: Arabic and English, each once per actor."""
        for e in self.entries:
            seen: set[str] = set()
            for n in (e.name_ar, *e.aliases, e.name):
                k = _key(n) if n else ""
                if len(k) >= 2 and k not in seen:
                    seen.add(k)
                    yield n, e.id

    def generic_terms(self) -> Iterator[tuple[str, str]]:
        """(term, role) pairs: words resolved by the story's country with ``generic``."""
        yield from self._generic_terms

    @staticmethod
    def kind_for(entry: ActorEntry, country: str | None) -> str:
        """The actor's kind in an event in ``country``: state forces abroad are external (ACLED inter 8)."""
        if entry.kind == "state" and entry.country and country and entry.country != country.upper():
            return "external"
        return entry.kind


_ROLE_NAMES = {
    # role: (English pattern, Arabic pattern, kind)
    "military": ("Military Forces of {of}", "القوات المسلحة {adj_f}", "state"),
    "police": ("Police Forces of {of}", "الشرطة {adj_f}", "state"),
    "unidentified": ("Unidentified Armed Group ({name})", "جماعة مسلحة مجهولة ({ar})", "political_militia"),
    "civilians": ("Civilians ({name})", "مدنيون ({ar})", "civilians"),
    "protesters": ("Protesters ({name})", "متظاهرون ({ar})", "protesters"),
    "rioters": ("Rioters ({name})", "مثيرو شغب ({ar})", "rioters"),
}
# Spellings made for a country's army and police from its Arabic adjective.
_ROLE_ALIASES = {
    "military": ("الجيش {adj_m}", "القوات {adj_f}", "القوات المسلحة {adj_f}"),
    "police": ("الشرطة {adj_f}", "قوات الشرطة {adj_f}", "قوات الأمن {adj_f}", "القوات الأمنية {adj_f}"),
}
_BARE = {"Unidentified Armed Group ({name})": "Unidentified Armed Group", "Civilians ({name})": "Civilians",
         "Protesters ({name})": "Protesters", "Rioters ({name})": "Rioters"}


def _make_generic(role: str, cc: str, country: dict[str, str] | None) -> ActorEntry:
    """A generic actor of one country from actor_countries.tsv (or from its bare code)."""
    en, ar, kind = _ROLE_NAMES[role]
    c = country or {"name": cc, "name_of": cc, "name_ar": cc, "adj_m": "", "adj_f": ""}
    if not cc:  # no country known: "Civilians", "مدنيون"
        return ActorEntry(f"generic:{role}:", _BARE.get(en, en.split(" of ")[0]),
                          ar.split(" (")[0].replace(" {adj_f}", ""), kind, None, ())
    name = en.format(of=c["name_of"], name=c["name"])
    if c.get("adj_f") or "{adj_f}" not in ar:
        name_ar = ar.format(adj_f=c.get("adj_f", ""), ar=c["name_ar"])
    else:  # no adjective (جنوب السودان): "القوات المسلحة في جنوب السودان"
        name_ar = ar.replace("{adj_f}", "في {ar}").format(ar=c["name_ar"])
    aliases = tuple(p.format(**c) for p in _ROLE_ALIASES.get(role, ()) if c.get("adj_f") and c.get("adj_m"))
    return ActorEntry(f"generic:{role}:{cc}", name, name_ar, kind, cc, tuple(a for a in aliases if a != name_ar))


@lru_cache(maxsize=1)
def load_actors() -> ActorRegistry:
    """The package's actor registry (read once per process)."""
    entries: dict[str, ActorEntry] = {}
    years: dict[str, str] = {}
    successors: dict[str, str] = {}
    for row in read_tsv("actors.tsv"):
        kind = row["kind"].strip()
        if kind not in ACTOR_KINDS:
            raise ValueError(f"actors.tsv: {row['id']} has unknown kind {kind!r}")
        entries[row["id"]] = ActorEntry(
            id=row["id"], name=row["name"], name_ar=row["name_ar"], kind=kind,
            country=row.get("country") or None, aliases=tuple(_split(row.get("aliases", ""))),
            parent=row.get("parent") or None,
        )
        if row.get("years"):
            years[row["id"]] = row["years"]
        if row.get("successor"):
            successors[row["id"]] = row["successor"]
    countries = {r["country"]: r for r in read_tsv("actor_countries.tsv")}
    claimed = {_key(n) for e in entries.values() for n in (e.name, e.name_ar, *e.aliases)}
    for cc, c in countries.items():
        for role in _ROLE_NAMES:
            made = _make_generic(role, cc, c)
            if made.id in entries:
                continue  # the TSV row is the authority for this actor
            # A made spelling another actor already owns is dropped, never shared.
            aliases = tuple(a for a in made.aliases if _key(a) not in claimed)
            claimed.update(_key(a) for a in aliases)
            entries[made.id] = ActorEntry(made.id, made.name, made.name_ar, made.kind, made.country, aliases)
    terms = [(r["term"], r["role"]) for r in read_tsv("actor_generic_terms.tsv")]
    unknown = {k: v for k, v in successors.items() if v not in entries}
    if unknown:
        raise ValueError(f"actors.tsv: successors name unknown actors: {unknown}")
    return ActorRegistry(entries.values(), terms, countries, years, successors)
