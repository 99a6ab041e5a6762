"""One English sentence per event, built only from its fields."""
from __future__ import annotations

from ..model import Event

_VERBS = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Air/drone strike": "carried out an air/drone strike on",
    "Shelling/artillery/missile attack": "shelled",
    "Suicide bomb": "carried out a suicide bombing against",
    "Remote explosive/landmine/IED": "set off an explosive device against",
    "Grenade": "threw a grenade at",
    "Chemical weapon": "used a chemical weapon against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "committed sexual violence against",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested and were met by",
    "Excessive force against protesters": "used excessive force against",
    "Violent demonstration": "rioted",
    "Mob violence": "took part in mob violence against",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested members of",
    "Non-violent transfer of territory": "took over without fighting",
    "Disrupted weapons use": "disrupted weapons use by",
}


def write_notes(event: Event) -> str:
    """E.g. "On 2018-03-19, Islamic State clashed with Military Forces of Syria in Al-Qadam (Damascus, SY); 110 reported killed."."""
    verb = _VERBS.get(event.sub_event_type, f"was involved in {event.sub_event_type.lower()} with")
    target = event.actor2.name if event.actor2 else ""
    if not target and verb.endswith((" on", " against", " from", " with", " at", " of", " by")):
        verb = verb.rsplit(" ", 1)[0]
    loc = event.location
    where = f"{loc.name} ({', '.join(x for x in (loc.admin1, loc.country) if x)})"
    if event.sub_event_type == "Non-violent transfer of territory":
        where_part = f" {where}"
    else:
        where_part = f" in {where}"
    when = ""
    if event.date.start:
        when = f"On {event.date.start.isoformat()}" if event.date.precision == "day" else (
            f"Around {event.date.start.isoformat()}")
    subject = event.actor1.name
    body = f"{subject} {verb} {target}".rstrip() + where_part
    if event.assoc_actor2:
        body += f", the victims linked to {', '.join(a.name for a in event.assoc_actor2)}"
    sentence = f"{when}, {body}" if when else body
    fat = event.fatalities
    if fat.high:
        figure = str(fat.best) if fat.low == fat.high else f"{fat.best} (claims ranging {fat.low}-{fat.high})"
        sentence += f"; {figure} reported killed"
    return sentence[0].upper() + sentence[1:] + "."
