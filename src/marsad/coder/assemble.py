"""From sentences and mentions to the codebook's events.

1. Frames: every trigger in a sentence, with an armed actor when the trigger is
   weak and a place that can be located, gives one frame per place struck.
2. Merge: frames of one type at one place, on compatible days, by compatible
   sides are one event (CODEBOOK 1: one set of actors, one place, one day);
   an air strike inside a battle by the same sides at the same place and day
   folds into the battle (the higher type wins).
3. Fill: an event with no date of its own takes the date of another event at
   its place, else the report's lead date, else the publication week.
4. Reported or background: by the event's age at publication, or, with no
   usable date, by the sentence's own background cues.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, timedelta

from ..knowledge import load_actors
from ..model import (
    EVENT_TYPE_RANK,
    EVENT_TYPES,
    Actor,
    Article,
    Claim,
    DateValue,
    Event,
    Mention,
    Span,
)
from ..recognise.dates import relative_age_days
from ..text.normalise import fold
from .fatalities import find_claims, one_victim_claim, summarise
from .frames import (
    Frame,
    Recognised,
    Sorted,
    armed,
    by_air,
    civilian_target,
    event_places,
    folded_sentence,
    is_background,
    nearest_date,
    pick_actor1,
    pick_actor2,
    sentences_holding,
    within,
)
from .merge import merge, same_place, vote_actor1
from .notes import write_notes
from .screen import acting_hits, local_places
from .triggers import TriggerHit

# An event older than this at publication is background, not the news (CODEBOOK 1:
# "this week's attack" is reported). A week, as news of the week.
BACKGROUND_AGE_DAYS = 7
_SUB_RANK = {sub: i for subs in EVENT_TYPES.values() for i, sub in enumerate(subs)}


def code_events(article: Article, sentences: list[Span], rec: Recognised, claimant_of,
                triggers: list[TriggerHit]) -> tuple[Event, ...]:
    """The events of one article (pure), from its mentions and trigger words.

    ``sentences`` are in text order and do not overlap (``split_sentences``).
    """
    frames: list[Frame] = []
    loose_claims: list[tuple[Span, list[Claim]]] = []
    triggers = Sorted(triggers)
    rec = replace(rec, actors=Sorted(rec.actors), places=Sorted(rec.places), dates=Sorted(rec.dates),
                  quantities=Sorted(rec.quantities))
    # Most sentences hold neither a trigger nor a number: no frame, no claim; only the
    # others are read.
    for sentence in sentences_holding(sentences, triggers, rec.quantities):
        found, claims = _frames_of_sentence(article, sentence, triggers, rec, claimant_of)
        frames += found
        if not found and claims:
            loose_claims.append((sentence, claims))
    groups = merge(frames)
    _attach_loose_claims(groups, loose_claims, rec)
    lead = _lead_date(rec, sentences)
    events = [_finish(article, group, groups, lead, rec) for group in groups]
    reported = [e for e in events if e.reported]
    return tuple(e for e, g in zip(events, groups)
                 if e.reported or _background_worth_keeping(e, g, reported))


# Background worth telling happened where the news is: within this distance of a
# reported event of the same report (a neighbourhood's earlier battle, the deal
# that emptied it), not a war's history recited in passing.
_BACKGROUND_KM = 10.0


def _background_worth_keeping(event: Event, group: list[Frame], reported: list[Event]) -> bool:
    """Background events are told in passing: keep those the text pins down, with both
    sides named (a deal needs only its maker and a strong word like "بموجب اتفاق"),
    near the place the report is news about."""
    from ..geocode import haversine_km

    def named(actor):
        return actor is not None and not actor.name.startswith(("Unidentified", "Civilians"))
    if not named(event.actor1) or event.location.precision != 1:
        return False
    loc = event.location
    if not any(haversine_km(loc.lat, loc.lon, r.location.lat, r.location.lon) <= _BACKGROUND_KM for r in reported):
        return False
    if event.event_type == "Strategic developments":
        return any(f.trigger.trigger.strong for f in group)
    return named(event.actor2)


def _frames_of_sentence(article, sentence, triggers, rec, claimant_of) -> tuple[list[Frame], list[Claim]]:
    quantities = rec.quantities.within(sentence)
    claims = find_claims(article.text, sentence, quantities, claimant_of) if quantities else []
    in_sentence = triggers.within(sentence)
    if not in_sentence:
        return [], claims  # figures with no act: loose claims, at most
    # A trigger word inside an actor's name ("هيئة تحرير الشام", "جيش الفتح") is a name, not an act.
    actors = rec.actors.within(sentence)
    hits = acting_hits(in_sentence, actors)
    if not hits:
        return [], claims
    # Events happen in the story's country (``local_places``, as the screen reads them);
    # a place the gazetteer lacks folds into the place named before it.
    places = local_places(rec.places.within(sentence), rec.country)
    if not places:
        places = _fold_unresolved(article.text, sentence, rec)
    if not places:
        return [], claims
    dates = rec.dates.within(sentence)
    has_armed = any(armed(a) for a in actors)
    # Per event type: the first trigger gives the roles (the main verb comes first
    # in Arabic news), the highest sub-type among the type's triggers gives the sub-type.
    # Strategic developments keep their sub-types apart: a deal and the handover it
    # brings are two events (CODEBOOK 2).
    by_type: dict[tuple[str, str], list] = {}
    for t in hits:
        if t.trigger.strong or has_armed:
            etype = t.trigger.event_type
            key = (etype, t.trigger.sub_event_type if etype == "Strategic developments" else "")
            by_type.setdefault(key, []).append(t)
    frames = []
    for (etype, _), ts in by_type.items():
        ts = [x for x in ts if not _generic_use(article.text, sentence, x, dates)]
        if not ts:
            continue
        t = ts[0]
        subs = [x.trigger.sub_event_type for x in ts]
        sub = min(subs, key=lambda s: -1 if s == "territory" else _SUB_RANK.get(s, 99))
        # Every trigger of the type may name its own place ("قذيفة على حي السليمانية ...
        # وقذيفة بحي حلب الجديدة"): each place struck is its own event (CODEBOOK 1).
        where = []
        for x in ts:
            where += [p for p in event_places(article.text, places, x) if p not in where]
        if not where:
            continue
        vac = etype == "Violence against civilians"
        a1, w1 = pick_actor1(actors, t, article.text, nominal_object=vac)
        a2, direct2 = pick_actor2(actors, t, a1, article.text)
        if etype in ("Protests", "Riots"):
            # The crowd acts; an armed side named with it is who intervened (CODEBOOK 2).
            a2, direct2 = (a1 or a2), bool(a1 or a2)
            a1, w1 = None, 0.0
            if etype == "Protests":
                sub = _protest_sub(sentence) if a2 is not None else "Peaceful protest"
                if sub == "Peaceful protest":
                    a2, direct2 = None, False  # a peaceful protest has no actor2 (CODEBOOK 3)
        elif a1 is None and etype in ("Battles", "Strategic developments"):
            # A fight or a deal needs its maker named in the sentence; a "هاجمت صحيفة"
            # or "اتفاق خفض التصعيد" with nobody acting is talk, not an event.
            continue
        tags = {tag for x in ts for tag in x.trigger.tags}
        assoc2 = []
        if sub == "Agreement" and not any(x.trigger.strong for x in ts) and not direct2:
            continue  # "اتفاق" in passing (a framework, a de-escalation zone) is not a deal on the ground
        if sub == "Shelling/artillery/missile attack" and by_air(sentence):
            sub = "Air/drone strike"
        if sub == "territory":
            territory_actor = a1
            if territory_actor is None:
                continue
            if any(w in sentence.text for w in ("انسحب", "ينسحب", "انسحاب")):
                sub = "Armed clash"  # held for hours, then left: a clash, not a capture (CODEBOOK 2)
            elif territory_actor.value.kind == "state":
                sub = "Government regains territory"
            else:
                sub = "Non-state actor overtakes territory"
        if etype == "Strategic developments" and not direct2:
            a2 = None  # a deal's or handover's other side must be named as such, not guessed
        if vac:
            # The victim is a civilian; an armed victim's group goes in assoc_actor2 (CODEBOOK 2).
            if a2 is not None:
                assoc2 = [a2]
            a2, direct2 = None, False
        frame_claims = [] if etype == "Strategic developments" else list(claims)
        if vac and not any(c.kind == "killed" for c in frame_claims) and tags & {"execution", "beheading", "assassination"}:
            one = one_victim_claim(article.text, t.end, claimant_of(t.start))
            if one:
                frame_claims.append(one)
        # The same reading for every place struck: only the place differs.
        when = nearest_date(dates, t) or _paragraph_date(article.text, sentence, rec.dates)
        background = is_background(sentence, t, article.text)
        civilians = civilian_target(sentence, t)
        for place in where:
            frames.append(Frame(
                event_type=etype, sub_event_type=sub, sentence=sentence, trigger=t, place=place,
                actor1=a1, actor2=a2, actor1_weight=w1, actor2_direct=direct2, assoc2=assoc2,
                date=when, claims=list(frame_claims), tags=tags,
                background_cue=background, civilian_target=civilians, shared_places=len(where),
            ))
    return frames, claims


# "تخوض معارك", "تواصل القصف" with no date: a campaign described, not an act reported.
_CAMPAIGN_VERB = re.compile(r"(?:^|\s)(?:تخوض|يخوض|يخوضون|تخوضان|تواصل|يواصل|يواصلون|تشن|يشن|يشنون)\s+(?:\S+\s+){0,4}$")
# "البراميل التي يلقيها الأسد": a trigger noun described by a habit, not an event.
_HABIT_AFTER = re.compile(r"^\s*(?:التي|الذي|اللتي|اللذين|الذين)\s+(?:ي|ت)\S+")


def _generic_use(text: str, sentence: Span, trigger, dates: list[Mention]) -> bool:
    before = fold(text[max(sentence.start, trigger.start - 50) : trigger.start])
    after = fold(text[trigger.end : min(sentence.end, trigger.end + 30)])
    if _HABIT_AFTER.match(after):
        return True
    return not dates and bool(_CAMPAIGN_VERB.search(before))


# Force against a crowd: shooting or killing protesters is excessive force; dispersing
# or arresting them is an intervention (ACLED's protest sub-types).
_EXCESSIVE = re.compile(r"(?:الرصاص الحي|اطلاق النار|اطلقت النار|قتل|مقتل|سقوط قتلي|دهس)")
_INTERVENTION = re.compile(r"(?:فرقت|تفريق|فض|قنابل مسيله|الغاز المسيل|اعتقلت|اعتقال|هراوات|خراطيم المياه)")


def _protest_sub(sentence: Span) -> str:
    folded = folded_sentence(sentence)
    if _EXCESSIVE.search(folded):
        return "Excessive force against protesters"
    if _INTERVENTION.search(folded):
        return "Protest with intervention"
    return "Peaceful protest"


# How far back an unlocatable place looks for the place it folds into (characters):
# the paragraph around it, where the report set the scene.
_FOLD_BACK_CHARS = 500


def _fold_unresolved(text: str, sentence: Span, rec: Recognised) -> list[Mention]:
    """A place the gazetteer lacks ("قرية بليل") folds into the nearest place named
    before it in its paragraph, at precision 2 or worse (CODEBOOK 1)."""
    named = [u for u in rec.unresolved if sentence.start <= u.start < sentence.end]
    if not named:
        return []
    line_start = text.rfind("\n", 0, sentence.start) + 1
    floor = max(line_start, sentence.start - _FOLD_BACK_CHARS)
    before = local_places(rec.places.within(Span(floor, sentence.start, "")), rec.country)
    if not before:
        return []
    host = before[-1]
    u = named[0]
    location = replace(host.value, precision=max(2, host.value.precision), text=u.text)
    return [Mention("place", u.start, u.end, u.text, location, 0.5)]


def _attach_loose_claims(groups: list[list[Frame]], loose: list[tuple[Span, list[Claim]]], rec: Recognised) -> None:
    """Casualty figures told apart from any act ("110 شهداء ... بحي القدم") join the
    highest-ranked violent event at a place the sentence names."""
    for sentence, claims in loose:
        killed = [c for c in claims if c.kind == "killed"]
        if not killed:
            continue
        named = {p.value.gazetteer_id for p in rec.places.within(sentence)}
        fits = [g for g in groups if g[0].place.value.gazetteer_id in named
                and g[0].event_type != "Strategic developments"]
        if not fits:
            continue
        target = min(fits, key=lambda g: EVENT_TYPE_RANK[g[0].event_type])
        target[0].claims.extend(claims)


# How far back in its paragraph a sentence looks for the date it inherits: a live
# blog's day header ("السبت 20 آب") governs the items under it.
_PARAGRAPH_DATE_CHARS = 600


def _paragraph_date(text: str, sentence: Span, dates: list[Mention]) -> Mention | None:
    line_start = text.rfind("\n", 0, sentence.start) + 1
    floor = max(line_start, sentence.start - _PARAGRAPH_DATE_CHARS)
    before = within(dates, Span(floor, sentence.start, ""))
    return before[-1] if before else None


def _lead_date(rec: Recognised, sentences: list[Span]) -> Mention | None:
    """The report's own date: the first resolved date in its first three sentences."""
    if not sentences:
        return None
    limit = sentences[min(2, len(sentences) - 1)].end
    for d in rec.dates:
        if d.start < limit and d.value.start is not None:
            return d
    return None


def _finish(article: Article, group: list[Frame], groups: list[list[Frame]], lead: Mention | None,
            rec: Recognised) -> Event:
    head = group[0]
    registry = load_actors()
    # The highest sub-type told in any frame of the event.
    sub = min((f.sub_event_type for f in group), key=lambda s: _SUB_RANK.get(s, 99))
    etype = min((f.event_type for f in group), key=lambda t: EVENT_TYPE_RANK[t])
    if sub not in EVENT_TYPES[etype]:
        sub = next(f.sub_event_type for f in group if f.event_type == etype)
    name1 = vote_actor1(group)
    a1m = next((f.actor1 for f in group if f.actor1 and f.actor1.value.name == name1), None)
    seconds = [f for f in group if f.actor2 and f.actor2.value.name != name1]
    seconds.sort(key=lambda f: not f.actor2_direct)
    a2m = seconds[0].actor2 if seconds else None
    assoc2 = {m.value.id: m for f in group for m in f.assoc2}
    country = head.place.value.country or rec.country
    civ = any(f.civilian_target for f in group)
    air = sub == "Air/drone strike"
    if a1m is None and air:
        # Only states and their allies fly: an unnamed air force is the state force the
        # report names most (the regime's or Russia's in Syria, the coalition's ...).
        a1m = _dominant_air_actor(rec)
    if etype in ("Protests", "Riots"):
        role = "protesters" if etype == "Protests" else "rioters"
        actor1 = Actor.from_entry(registry.generic(role, country), "")
    elif a1m is None:
        actor1 = Actor.from_entry(registry.generic("unidentified", country), "")
    else:
        actor1 = Actor.from_entry(a1m.value, a1m.text)
    # Remote violence with no armed target named fell on people: civilians are the side
    # acted upon when the text names them, counts dead, or the target is a neighbourhood.
    hit_people = civ or fat_killed(group) or head.place.value.gazetteer_id.startswith("marsad:")
    if etype == "Violence against civilians" or (etype == "Explosions/Remote violence" and hit_people and a2m is None):
        actor2 = Actor.from_entry(registry.generic("civilians", country), "")
    elif a2m is not None and a2m.value.name != actor1.name:
        actor2 = Actor.from_entry(a2m.value, a2m.text)
    else:
        actor2 = None
    date_value = _event_date(group, groups, lead, rec.reference)
    claims = _dedupe_claims([c for f in group for c in f.claims])
    fat = summarise(claims)
    shared = max(f.shared_places for f in group)
    if shared > 1 and fat.high:
        # One total over several places: each event's range runs from 0 to it (CODEBOOK 6).
        fat = replace(fat, best=round(fat.best / shared), low=0)
    reported = _is_reported(group, date_value, rec.reference)
    evidence = tuple(sorted({f.sentence for f in group}, key=lambda s: s.start))
    place = head.place.value
    claimants = tuple(dict.fromkeys(c.claimant for c in claims if c.claimant))
    tags = tuple(sorted({t for f in group for t in f.tags}))
    digest = hashlib.sha1(
        f"{article.id}|{etype}|{sub}|{place.gazetteer_id}|{date_value.start}|{actor1.name}|{evidence[0].start}".encode()
    ).hexdigest()[:12]
    event = Event(
        id=f"{article.id}:{digest}",
        event_type=etype,
        sub_event_type=sub,
        reported=reported,
        date=date_value,
        location=place,
        actor1=actor1,
        actor2=actor2,
        assoc_actor2=tuple(Actor.from_entry(m.value, m.text) for m in assoc2.values()),
        fatalities=fat,
        claimants=claimants,
        evidence=evidence,
        tags=tags,
        confidence=_confidence(group, a1m is not None, date_value),
    )
    return replace(event, notes=write_notes(event))


def fat_killed(group: list[Frame]) -> bool:
    return any(c.kind == "killed" and c.count > 0 for f in group for c in f.claims)


def _dominant_air_actor(rec: Recognised) -> Mention | None:
    counts: dict[str, list[Mention]] = {}
    for m in rec.actors:
        if m.value.kind in ("state", "external") and "Police" not in m.value.name:
            counts.setdefault(m.value.name, []).append(m)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    return Mention(best[0].kind, best[0].start, best[0].end, "", best[0].value, 0.4)


def _dedupe_claims(claims: list[Claim]) -> list[Claim]:
    seen = {}
    for c in claims:
        seen.setdefault((c.start, c.end, c.kind), c)
    return list(seen.values())


def _event_date(group: list[Frame], groups: list[list[Frame]], lead: Mention | None,
                reference: date | None) -> DateValue:
    own = [f.date for f in group if f.date is not None]
    resolved = [d for d in own if d.value.start is not None]
    if resolved:
        return resolved[0].value
    if own:
        return own[0].value  # written but unresolvable: keep the words, never guess
    # The date of another event at the same place, told in the same report.
    for g in groups:
        if g is group or not same_place(g[0], group[0]):
            continue
        for f in g:
            if f.date is not None and f.date.value.start is not None and not f.background_cue:
                return f.date.value
    if lead is not None:
        return lead.value
    if reference is not None:
        # Nothing in the text dates it: the week before publication (news reports the
        # last days), at week precision so nobody reads it as a known day.
        pub = reference
        return DateValue(pub - timedelta(days=6), pub, "week", "")
    return DateValue(None, None, None, "")


def _is_reported(group: list[Frame], when: DateValue, reference: date | None) -> bool:
    if when.end is not None and reference is not None and when.text:
        return (reference - when.end).days < BACKGROUND_AGE_DAYS
    age = relative_age_days(when.text)
    if age is not None:
        return age < BACKGROUND_AGE_DAYS
    if when.precision == "year" and reference is None:
        return False  # "عام 2014" with nothing to say it is this year's news
    return not all(f.background_cue for f in group)


def _confidence(group: list[Frame], has_actor: bool, when: DateValue) -> float:
    """A rough 0-1 score: strong triggers, several sentences, a named actor and a day raise it."""
    score = 0.4
    score += 0.15 if any(f.trigger.trigger.strong for f in group) else 0.0
    score += 0.1 if len(group) > 1 else 0.0
    score += 0.15 if has_actor else 0.0
    score += 0.1 if when.precision == "day" else 0.0
    score += 0.05 if group[0].place.value.precision == 1 else 0.0
    return min(score, 0.95)
