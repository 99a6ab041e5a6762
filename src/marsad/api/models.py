"""The shapes of the API's bodies, for validation (requests) and for the OpenAPI document.

Responses are built as plain dicts and sent as they are (the store already
holds the codebook JSON); these models describe them in /openapi.json.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import defaults

_SHORT = defaults.API_MAX_PARAM


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status again.")
    code: str = Field(description="bad_parameter | unauthorized | forbidden | not_found | method_not_allowed | "
                                  "too_large | internal")
    message: str = Field(description="What was wrong, naming the parameter.")


class ErrorBody(BaseModel):
    """Every 4xx and 5xx response."""

    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"]
    version: str | None
    db: str = Field(description="The database file served.")
    reports: int
    events: int
    incidents: int
    review_enabled: bool = Field(description="Whether reviews can be written (a token was set at start-up).")


class Config(BaseModel):
    tile_url: str | None = Field(description="Map tile URL template for the dashboard, or null (no base map).")
    review_enabled: bool
    attribution: str = Field(description="Attribution of the map tiles.")


class Page(BaseModel):
    """A page of events or incidents."""

    items: list[dict[str, Any]] = Field(description="Events: codebook event JSON plus `report` and `incident_id`. "
                                                    "Incidents: canonical incident JSON plus `updated_at` and `review`.")
    limit: int
    offset: int
    total: int = Field(description="How many match the filters in all.")


class FeatureCollection(BaseModel):
    """GeoJSON (RFC 7946): one Point feature per record with coordinates; `total` counts them all."""

    type: Literal["FeatureCollection"]
    features: list[dict[str, Any]]
    total: int
    limit: int


class Evidence(BaseModel):
    field: Literal["sentence", "actor1", "actor2", "location", "date", "claim"]
    start: int = Field(description="Offset into the report's `text`: text[start:end] == this `text`.")
    end: int
    text: str


class ReportEvent(BaseModel):
    id: str
    event_type: str
    sub_event_type: str
    incident_id: str | None
    evidence: list[Evidence]


class Report(BaseModel):
    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None
    text: str = Field(description="The clean text, as JSON text: it is untrusted and must be shown as text.")
    events: list[ReportEvent]


class Counts(BaseModel):
    by: Literal["day", "type", "governorate"]
    items: list[dict[str, Any]] = Field(description="day: {day, event_type, n}; type: {event_type, "
                                                    "sub_event_type, n}; governorate: {country, admin1, n}.")


class Facets(BaseModel):
    event_types: list[str]
    sub_event_types: list[dict[str, str]]
    countries: list[str]
    admin1: list[dict[str, Any]]
    date_min: str | None
    date_max: str | None
    typology: dict[str, list[str]] = Field(description="The codebook's event types and their sub-event types, "
                                                       "in order (for forms and legends).")


class ExtractIn(BaseModel):
    """A report to code (not stored). Give `text` (clean or scraped page text) or `html`."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    html: str | None = None
    id: str | None = Field(None, max_length=_SHORT)
    url: str | None = Field(None, max_length=2048)
    outlet: str | None = Field(None, max_length=_SHORT)
    title: str | None = Field(None, max_length=2048)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD or an ISO date-time.")


class Corrections(BaseModel):
    """The analyst's values; fields left out are not corrected."""

    model_config = ConfigDict(extra="forbid")
    event_type: str | None = Field(None, max_length=_SHORT)
    sub_event_type: str | None = Field(None, max_length=_SHORT)
    actor1: str | None = Field(None, max_length=_SHORT)
    actor2: str | None = Field(None, max_length=_SHORT)
    location: str | None = Field(None, max_length=_SHORT, description="A place name or a gazetteer id.")
    date: str | None = Field(None, max_length=10, description="YYYY-MM-DD.")
    fatalities: int | None = Field(None, ge=0, le=1_000_000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "correct", "reject"]
    analyst: str | None = Field(None, max_length=_SHORT)
    note: str | None = Field(None, max_length=defaults.REVIEW_MAX_NOTE)
    corrections: Corrections | None = None


class Review(BaseModel):
    id: int
    incident_id: str = Field(description="The incident's id when it was reviewed.")
    action: Literal["confirm", "correct", "reject"]
    status: Literal["confirmed", "corrected", "rejected"]
    corrections: dict[str, Any]
    analyst: str | None
    note: str | None
    at: str
    events: list[str] = Field(description="The incident's member event ids when it was reviewed.")


class Reviews(BaseModel):
    items: list[Review]
