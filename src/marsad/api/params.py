"""Query parameters: declared once (for validation and /openapi.json), parsed into a ``Query``.

Every value reaches SQLite as a bound parameter (marsad.store.query.where);
what is checked here is that it means something, so a typo gets a 400 that
names the parameter instead of an empty result. Empty values (``since=``)
mean no filter, as a form with blank fields sends them.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Query as Param

from .. import defaults
from ..export import country_code
from ..store import Query
from ..store.query import admin1_name, type_name
from ..store.query import parse_bbox as read_bbox
from .errors import ApiError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX = defaults.API_MAX_PARAM


def bad(name: str, message: str) -> ApiError:
    return ApiError(400, f"{name}: {message}")


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def parse_day(name: str, value: str | None) -> date | None:
    """YYYY-MM-DD (a real day) or None."""
    value = _blank(value)
    if value is None:
        return None
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise bad(name, f"expected YYYY-MM-DD, got {value!r}") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees, each min at most its max."""
    value = _blank(value)
    if value is None:
        return None
    try:
        return read_bbox(value)
    except ValueError as exc:
        raise bad("bbox", str(exc)) from None


def parse_country(value: str | None) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    code = country_code(value)
    if code is None:
        raise bad("country", f"{value!r} is no country marsad knows; give an ISO code (SY) or a name (Syria)")
    return code


def parse_admin1(value: str | None) -> str | None:
    """A governorate name in the gazetteer's spelling when it knows it (any case), else as given."""
    value = _blank(value)
    return None if value is None else admin1_name(value) or value


def parse_type(value: str | None) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    known = type_name(value)
    if known is None:
        raise bad("type", f"{value!r} is no event type or sub-event type of the codebook "
                          f"(e.g. 'Battles', 'Air/drone strike')")
    return known


def _text(description: str, example: str) -> object:
    return Param(max_length=_MAX, description=description, examples=[example])


async def filters(
    since: Annotated[str | None, _text("On or after this day (YYYY-MM-DD): what overlaps it.", "2018-03-01")] = None,
    until: Annotated[str | None, _text("On or before this day (YYYY-MM-DD).", "2018-03-31")] = None,
    country: Annotated[str | None, _text("ISO alpha-2 code or English name.", "SY")] = None,
    admin1: Annotated[str | None, _text("Governorate, English name.", "Idlib")] = None,
    event_type: Annotated[str | None, Param(alias="type", max_length=_MAX, examples=["Air/drone strike"],
                                            description="Event type or sub-event type.")] = None,
    actor: Annotated[str | None, _text("Part of any name or alias of an actor, Arabic or English.", "داعش")] = None,
    bbox: Annotated[str | None, _text("minlon,minlat,maxlon,maxlat", "35.5,32.3,42.4,37.4")] = None,
    q: Annotated[str | None, _text("Words to find in the reports' text (Arabic folded; OR, NOT, prefix*).",
                                   "غارات")] = None,
) -> Query:
    """The common filters as a ``marsad.store.Query`` (a FastAPI dependency)."""
    query = Query(since=parse_day("since", since), until=parse_day("until", until), country=parse_country(country),
                  admin1=parse_admin1(admin1), event_type=parse_type(event_type), actor=_blank(actor),
                  bbox=parse_bbox(bbox), text=_blank(q))
    if query.since and query.until and query.since > query.until:
        raise bad("since", f"{query.since} is after until ({query.until})")
    return query


async def page(
    limit: Annotated[int, Param(ge=1, le=defaults.API_MAX_LIMIT, description="Items per page.")]
    = defaults.API_DEFAULT_LIMIT,
    offset: Annotated[int, Param(ge=0, le=defaults.API_MAX_OFFSET, description="Items to skip.")] = 0,
) -> tuple[int, int]:
    """``limit`` and ``offset`` of a page (a FastAPI dependency)."""
    return limit, offset


async def markers(
    limit: Annotated[int, Param(ge=1, le=defaults.API_GEOJSON_MAX_LIMIT, description="At most this many features "
                                "(the most recent first).")] = defaults.API_GEOJSON_DEFAULT_LIMIT,
) -> int:
    """``limit`` of a GeoJSON response (a FastAPI dependency)."""
    return limit
