"""Can a report give any event at all? Asked before its costly readings.

An event needs a frame, and a frame needs one sentence holding all of: a
trigger word that is not part of an actor's name, a place the report can locate
(or a place the gazetteer lacks, to fold into the place before it), and either
a strong trigger or an armed actor (CODEBOOK 1; ``assemble._frames_of_sentence``).
Triggers, places and actors are cheap to read; dates, numbers and sources are
not, and a third of the reports with a trigger word have no such sentence (a
"قصف" in an op-ed about Paris, a "اشتباكات" in a list of other stories). Those
reports are coded as eventless without reading them further: the answer is the
same, since the coder would have found no frame.
"""
from __future__ import annotations

from ..model import Mention, Span
from .frames import Sorted, armed, within
from .triggers import TriggerHit


def acting_hits(triggers: list[TriggerHit], actors: list[Mention]) -> list[TriggerHit]:
    """The triggers of a sentence that are acts, not words of an actor's name
    ("هيئة تحرير الشام", "جيش الفتح"); generic role words do not hide a trigger."""
    return [t for t in triggers
            if not any(a.start <= t.start and t.end <= a.end and not a.value.id.startswith("generic:")
                       for a in actors)]


def local_places(places: list[Mention], country: str | None) -> list[Mention]:
    """Places in the story's country: places abroad are mostly datelines, capitals
    that speak, or teasers of other stories."""
    return [p for p in places if country is None or p.value.country == country]


def may_have_events(sentences: list[Span], triggers: list[TriggerHit], actors: list[Mention],
                    places: list[Mention], unresolved: list, country: str | None) -> bool:
    """False only when no sentence can give the coder a frame (see the module docstring).

    ``unresolved`` are the named places the gazetteer lacks.
    """
    unresolved_starts = [u.start for u in unresolved]
    triggers, actors, places = Sorted(triggers), Sorted(actors), Sorted(places)
    for sentence in sentences:
        in_sentence = within(triggers, sentence)
        if not in_sentence:
            continue
        actors_here = within(actors, sentence)
        hits = acting_hits(in_sentence, actors_here)
        if not hits:
            continue
        if not local_places(within(places, sentence), country) and not any(
                sentence.start <= s < sentence.end for s in unresolved_starts):
            continue
        if any(t.trigger.strong for t in hits) or any(armed(a) for a in actors_here):
            return True
    return False
