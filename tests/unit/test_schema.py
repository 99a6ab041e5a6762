"""The output schema accepts what Document.to_json() writes and refuses broken documents."""
from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from marsad.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    QUALIFIERS,
    Actor,
    Article,
    Claim,
    DateValue,
    Document,
    Event,
    Fatalities,
    Location,
)
from marsad.schema import DocumentInvalid, document_errors, load_schema, validate_document

# Written for this test: "Warplanes struck the town of Kafr Nabl in rural Idlib on Monday,
# killing three civilians, a local network said."
TEXT = "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب يوم الاثنين، ما أدى إلى مقتل ثلاثة مدنيين بحسب شبكة محلية."


def _document() -> Document:
    article = Article(
        id="t-1", text=TEXT, url="https://example.org/a/1", outlet="Example News",
        title="غارات على كفرنبل", published=date(2018, 3, 21),
    )
    place = TEXT.index("بلدة كفرنبل")
    when = TEXT.index("يوم الاثنين")
    killed = TEXT.index("مقتل ثلاثة مدنيين")
    claim = Claim(3, "exact", "شبكة محلية", TEXT[killed: killed + 17], "killed", killed, killed + 17)
    event = Event(
        id="t-1#0",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        reported=True,
        date=DateValue(date(2018, 3, 19), date(2018, 3, 19), "day", TEXT[when: when + 11]),
        location=Location(
            "Kafr Nabl", "كفرنبل", "SY", "Idlib", "Maarrat al-Nu'man", 35.6134, 36.5614, 1,
            "geonames:170016", TEXT[place: place + 11],
        ),
        actor1=Actor("Military Forces of Syria", "القوات المسلحة السورية", "state", "SY",
                     ("قوات النظام",), "طائرات حربية"),
        actor2=Actor("Civilians (Syria)", "مدنيون (سوريا)", "civilians", "SY", (), "مدنيين"),
        fatalities=Fatalities(3, 3, 3, (claim,)),
        claimants=("شبكة محلية",),
        evidence=(article.span(0, len(TEXT)),),
        tags=(),
        confidence=0.8,
        notes="Syrian warplanes struck Kafr Nabl, killing three civilians.",
    )
    protest = Event(
        id="t-1#1", event_type="Protests", sub_event_type="Peaceful protest", reported=False,
        date=DateValue(None, None, None, "قبل أيام"),
        location=Location("Idlib", "إدلب", "SY", "Idlib", None, None, None, 3, None, "ريف إدلب"),
        actor1=Actor("Protesters (Syria)", "محتجون (سوريا)", "protesters", "SY", (), "محتجون"),
        actor2=None,
    )
    return Document(article, (event, protest))


def _valid() -> dict:
    # A JSON round trip, as a consumer reading the JSONL would see it.
    return json.loads(json.dumps(_document().to_json(), ensure_ascii=False))


def test_schema_is_valid_draft_2020_12():
    from jsonschema import Draft202012Validator

    schema = load_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    Draft202012Validator.check_schema(schema)


def test_schema_accepts_a_hand_built_document():
    doc = _valid()
    assert document_errors(doc) == []
    validate_document(doc)
    validate_document(_document().to_json())  # the dict itself, before any JSON round trip


def test_schema_accepts_extra_fields_everywhere():
    doc = _valid()
    doc["pipeline"] = {"version": "0.1"}
    doc["article"]["section"] = "news"
    doc["events"][0]["incident_id"] = "inc-9"
    doc["events"][0]["location"]["coord_source"] = "estimate"
    doc["events"][0]["actor1"]["ucdp_id"] = 42
    validate_document(doc)


def test_schema_enumerations_follow_the_model():
    defs = load_schema()["$defs"]
    event = defs["event"]["properties"]
    assert event["event_type"]["enum"] == list(EVENT_TYPES)
    assert event["sub_event_type"]["enum"] == [s for subs in EVENT_TYPES.values() for s in subs]
    assert defs["actor"]["properties"]["kind"]["enum"] == list(ACTOR_KINDS)
    assert defs["date"]["properties"]["precision"]["enum"] == [*DATE_PRECISIONS, None]
    assert defs["claim"]["properties"]["qualifier"]["enum"] == list(QUALIFIERS)
    assert defs["claim"]["properties"]["kind"]["enum"] == list(CLAIM_KINDS)


def test_schema_required_fields_are_what_to_json_writes():
    doc = _document().to_json()
    defs = load_schema()["$defs"]
    ev = doc["events"][0]
    assert set(defs["article"]["required"]) == set(doc["article"])
    assert set(defs["event"]["required"]) == set(ev)
    assert set(defs["location"]["required"]) == set(ev["location"])
    assert set(defs["actor"]["required"]) == set(ev["actor1"])
    assert set(defs["date"]["required"]) == set(ev["date"])
    assert set(defs["fatalities"]["required"]) == set(ev["fatalities"])
    assert set(defs["claim"]["required"]) == set(ev["claims"][0])
    assert set(defs["span"]["required"]) == set(ev["evidence"][0])


def _set(path, value):
    def edit(doc):
        *head, last = path
        node = doc
        for key in head:
            node = node[key]
        node[last] = value
    return edit


def _delete(path):
    def edit(doc):
        *head, last = path
        node = doc
        for key in head:
            node = node[key]
        del node[last]
    return edit


def _shift_evidence(doc):
    span = doc["events"][0]["evidence"][0]
    span["start"] += 1


BROKEN = [
    ("wrong sub type", _set(["events", 0, "sub_event_type"], "Armed clash"),
     "events[0].sub_event_type: 'Armed clash' belongs to 'Battles', not to event_type 'Explosions/Remote violence'"),
    ("unknown sub type", _set(["events", 0, "sub_event_type"], "Drone strike"),
     "events[0].sub_event_type: 'Drone strike' is not one of"),
    ("unknown event type", _set(["events", 0, "event_type"], "Violence"),
     "events[0].event_type: 'Violence' is not one of"),
    ("bad offsets", _shift_evidence, "events[0].evidence[0]: article.text[1:"),
    ("offsets past the text", _set(["events", 0, "evidence", 0, "end"], 10_000),
     "do not fit article.text of length"),
    ("missing field", _delete(["events", 0, "notes"]),
     "events[0]: 'notes' is a required property"),
    ("missing article text", _delete(["article", "text"]),
     "article: 'text' is a required property"),
    ("missing actor name", _delete(["events", 0, "actor2", "name"]),
     "events[0].actor2: 'name' is a required property"),
    ("actor2 a string", _set(["events", 0, "actor2"], "Civilians"),
     "events[0].actor2: 'Civilians' is not of type 'null'"),
    ("latitude out of range", _set(["events", 0, "location", "lat"], 95.0),
     "events[0].location.lat: 95.0 is greater than the maximum of 90"),
    ("location precision 4", _set(["events", 0, "location", "precision"], 4),
     "events[0].location.precision: 4 is greater than the maximum of 3"),
    ("confidence above one", _set(["events", 0, "confidence"], 1.5),
     "events[0].confidence: 1.5 is greater than the maximum of 1"),
    ("date not ISO", _set(["events", 0, "date", "start"], "19/03/2018"),
     "events[0].date.start: '19/03/2018' does not match"),
    ("impossible date", _set(["events", 0, "date", "end"], "2018-02-30"),
     "events[0].date.end: '2018-02-30' is not a 'date'"),
    ("date runs backwards", _set(["events", 0, "date", "end"], "2018-03-01"),
     "events[0].date: end 2018-03-01 is before start 2018-03-19"),
    ("unknown date precision", _set(["events", 0, "date", "precision"], "decade"),
     "events[0].date.precision: 'decade' is not one of"),
    ("unknown actor kind", _set(["events", 0, "actor1", "kind"], "army"),
     "events[0].actor1.kind: 'army' is not one of"),
    ("unknown qualifier", _set(["events", 0, "claims", 0, "qualifier"], "many"),
     "events[0].claims[0].qualifier: 'many' is not one of"),
    ("best outside range", _set(["events", 0, "fatalities", "best"], 7),
     "events[0].fatalities: best 7 is outside [low 3, high 3]"),
    ("negative fatalities", _set(["events", 0, "fatalities", "low"], -1),
     "events[0].fatalities.low: -1 is less than the minimum of 0"),
    ("reported as a string", _set(["events", 1, "reported"], "false"),
     "events[1].reported: 'false' is not of type 'boolean'"),
    ("events not a list", _set(["events"], {}), "events: {} is not of type 'array'"),
]


@pytest.mark.parametrize("name,edit,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_refuses_a_broken_document(name, edit, message):
    doc = copy.deepcopy(_valid())
    edit(doc)
    with pytest.raises(DocumentInvalid) as caught:
        validate_document(doc)
    assert message in str(caught.value)
    assert any(message in e for e in caught.value.errors)
    assert isinstance(caught.value, ValueError)


def test_schema_lists_every_problem_at_once():
    doc = _valid()
    doc["events"][0]["sub_event_type"] = "Armed clash"
    doc["events"][1]["location"]["lat"] = -91
    del doc["article"]["id"]
    errors = document_errors(doc)
    assert len(errors) == 3
    assert errors[0].startswith("article:")


def test_schema_refuses_a_non_object():
    with pytest.raises(DocumentInvalid, match="is not of type 'object'"):
        validate_document([])


def test_schema_file_ships_with_the_package():
    import marsad.schema

    path = Path(marsad.schema.__file__).with_name("document.schema.json")
    assert json.loads(path.read_text(encoding="utf-8")) == load_schema()
