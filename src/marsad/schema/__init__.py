"""The JSON Schema of marsad's output document (CODEBOOK 8), and a validator.

``document.schema.json`` (draft 2020-12) fixes the shape that
``marsad.model.Document.to_json()`` writes, so consumers in any language can
check it. ``validate_document`` runs that schema and then the checks a schema
cannot express: each ``sub_event_type`` belongs to its ``event_type``, each
evidence span is exactly ``article.text[start:end]``, a date range does not
run backwards and ``fatalities.best`` lies inside ``[low, high]``.
"""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from marsad.model import SUB_EVENT_TYPE_PARENT

SCHEMA_FILE = "document.schema.json"
# Enough to see the pattern of a broken document without flooding a terminal.
_MAX_LISTED = 20


class DocumentInvalid(ValueError):
    """A document does not follow CODEBOOK 8. ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = self.errors[:_MAX_LISTED]
        more = len(self.errors) - len(shown)
        lines = [f"invalid marsad document ({len(self.errors)} problem(s)):"]
        lines += [f"  - {e}" for e in shown]
        if more:
            lines.append(f"  … and {more} more")
        super().__init__("\n".join(lines))


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The output schema as a dict (read once from the package data)."""
    text = resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    # The format checker makes "format": "date" real: 2018-02-30 is refused.
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _where(path: Any) -> str:
    """A JSON path as an engineer writes it: events[0].location.lat."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def _semantic_errors(doc: dict[str, Any]) -> list[str]:
    """What JSON Schema cannot check. Skips parts whose shape is already wrong."""
    errors: list[str] = []
    article = doc.get("article")
    text = article.get("text") if isinstance(article, dict) else None
    events = doc.get("events")
    if not isinstance(events, list):
        return errors
    for i, ev in enumerate(events):
        if not isinstance(ev, dict):
            continue
        top, sub = ev.get("event_type"), ev.get("sub_event_type")
        parent = SUB_EVENT_TYPE_PARENT.get(sub) if isinstance(sub, str) else None
        if parent is not None and isinstance(top, str) and parent != top:
            errors.append(
                f"events[{i}].sub_event_type: {sub!r} belongs to {parent!r}, "
                f"not to event_type {top!r}"
            )
        errors += _date_errors(i, ev.get("date"))
        errors += _fatality_errors(i, ev.get("fatalities"))
        if isinstance(text, str):
            errors += _evidence_errors(i, ev.get("evidence"), text)
    return errors


def _date_errors(i: int, d: Any) -> list[str]:
    if not isinstance(d, dict):
        return []
    try:
        start = date.fromisoformat(d["start"]) if isinstance(d.get("start"), str) else None
        end = date.fromisoformat(d["end"]) if isinstance(d.get("end"), str) else None
    except ValueError:
        return []  # the schema's date format already reports it
    if start and end and end < start:
        return [f"events[{i}].date: end {d['end']} is before start {d['start']}"]
    return []


def _fatality_errors(i: int, f: Any) -> list[str]:
    if not isinstance(f, dict):
        return []
    best, low, high = f.get("best"), f.get("low"), f.get("high")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in (best, low, high)):
        if not low <= best <= high:
            return [f"events[{i}].fatalities: best {best} is outside [low {low}, high {high}]"]
    return []


def _evidence_errors(i: int, spans: Any, text: str) -> list[str]:
    errors: list[str] = []
    if not isinstance(spans, list):
        return errors
    for j, span in enumerate(spans):
        if not isinstance(span, dict):
            continue
        start, end, said = span.get("start"), span.get("end"), span.get("text")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(said, str)):
            continue
        where = f"events[{i}].evidence[{j}]"
        if not 0 <= start <= end <= len(text):
            errors.append(
                f"{where}: offsets [{start}, {end}) do not fit article.text of length {len(text)}"
            )
        elif text[start:end] != said:
            errors.append(
                f"{where}: article.text[{start}:{end}] is {_clip(text[start:end])!r}, "
                f"but the span says {_clip(said)!r}"
            )
    return errors


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _path_key(error: Any) -> list[str]:
    # Zero-padded indices so events[2] sorts before events[10].
    return [f"{p:09d}" if isinstance(p, int) else str(p) for p in error.absolute_path]


def document_errors(obj: Any) -> list[str]:
    """Every problem with ``obj`` as a marsad output document; [] when it is valid."""
    errors = [
        f"{_where(e.absolute_path)}: {e.message}"
        for e in sorted(_validator().iter_errors(obj), key=_path_key)
    ]
    if isinstance(obj, dict):
        errors += _semantic_errors(obj)
    return errors


def validate_document(obj: Any) -> None:
    """Raise ``DocumentInvalid`` (a ValueError) listing every problem; return None if valid.

    ``obj`` is the dict ``Document.to_json()`` returns (or one line of
    ``marsad extract`` output, parsed).
    """
    errors = document_errors(obj)
    if errors:
        raise DocumentInvalid(errors)


__all__ = ["DocumentInvalid", "load_schema", "document_errors", "validate_document", "SCHEMA_FILE"]
