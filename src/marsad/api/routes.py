"""The read endpoints: health, config, events, incidents, GeoJSON, one incident, one report, counts, facets.

Reading needs no token. Every handler is a plain function: FastAPI runs it
in its thread pool, each thread with its own read-only SQLite connection.
Responses are sent as built (JSONResponse: UTF-8, Arabic unescaped).
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi import Query as Param
from fastapi.responses import JSONResponse, Response

from ..store import Query
from . import models, queries
from .errors import ApiError
from .params import filters, markers, page
from .queries import Readers

ERRORS = {400: {"model": models.ErrorBody, "description": "A bad parameter"},
          414: {"model": models.ErrorBody, "description": "Query string too long"}}
NOT_FOUND = {404: {"model": models.ErrorBody, "description": "Unknown id"}}

router = APIRouter(prefix="/api", responses={500: {"model": models.ErrorBody}})


async def _readers(request: Request) -> Readers:
    """The app's read connections (a FastAPI dependency). A handler takes its own with ``.get()``:
    FastAPI may run a dependency and its handler in different threads, and a connection stays in one."""
    return request.app.state.readers


DB = Annotated[Readers, Depends(_readers)]
Filters = Annotated[Query, Depends(filters)]


@router.get("/health", response_model=models.Health, tags=["meta"])
def health(request: Request, db: DB) -> JSONResponse:
    """Whether the server is up, and what the database holds."""
    s = request.app.state.settings
    return JSONResponse({"status": "ok", "version": s.version, "db": s.db_path, **queries.health(db.get()),
                         "review_enabled": s.token is not None})


@router.get("/config", response_model=models.Config, tags=["meta"])
def config(request: Request) -> JSONResponse:
    """What the dashboard needs to know: the map tiles, and whether reviews can be written."""
    s = request.app.state.settings
    return JSONResponse({"tile_url": s.tile_url, "review_enabled": s.token is not None,
                         "attribution": s.attribution})


@router.get("/events", response_model=models.Page, responses=ERRORS, tags=["events"])
def events(db: DB, q: Filters, paging: Annotated[tuple[int, int], Depends(page)]) -> JSONResponse:
    """Events (one per report that told it) matching the filters, newest first: the codebook
    event JSON plus its `report` {id, url, outlet, title, published} and `incident_id`."""
    return Response(queries.events_page(db.get(), q, *paging), media_type="application/json")


@router.get("/events.geojson", response_model=models.FeatureCollection, responses=ERRORS, tags=["events"])
def events_geojson(db: DB, q: Filters, limit: Annotated[int, Depends(markers)]) -> JSONResponse:
    """Events with coordinates as GeoJSON points, newest first; properties are the flat export columns."""
    return JSONResponse(queries.events_geojson(db.get(), q, limit), media_type="application/geo+json")


@router.get("/incidents", response_model=models.Page, responses=ERRORS, tags=["incidents"])
def incidents(db: DB, q: Filters, paging: Annotated[tuple[int, int], Depends(page)]) -> JSONResponse:
    """Incidents (one real-world event across reports) matching the filters, newest first: canonical
    fields, every claim with its outlet, `updated_at`, and `review` (the latest analyst review or null)."""
    return Response(queries.incidents_page(db.get(), q, *paging), media_type="application/json")


@router.get("/incidents.geojson", response_model=models.FeatureCollection, responses=ERRORS, tags=["incidents"])
def incidents_geojson(db: DB, q: Filters, limit: Annotated[int, Depends(markers)]) -> JSONResponse:
    """Incidents with coordinates as GeoJSON points, newest first. Properties: id, event_type,
    sub_event_type, date_start, date_end, location, location_ar, admin1, country, actor1, actor2,
    fatalities_best/low/high, n_reports, outlets ("; "-joined), review_status."""
    return Response(queries.incidents_geojson(db.get(), q, limit), media_type="application/geo+json")


IncidentId = Annotated[str, Path(max_length=200, description="An incident id (inc-...).")]


@router.get("/incidents/{incident_id}", responses={**ERRORS, **NOT_FOUND}, tags=["incidents"])
def incident(db: DB, incident_id: IncidentId) -> JSONResponse:
    """One incident: its JSON, `members` (each event with its report), `review` and `reviews` (newest first)."""
    out = queries.incident(db.get(), incident_id)
    if out is None:
        raise ApiError(404, f"no incident {incident_id!r}")
    return JSONResponse(out)


@router.get("/reports/{report_id:path}", response_model=models.Report, responses={**ERRORS, **NOT_FOUND},
            tags=["reports"])
def report(db: DB, report_id: Annotated[str, Path(description="A report id.")]) -> JSONResponse:
    """One report's clean text and, for each of its events, the evidence: sentences and field words
    as offsets into `text`. The text is untrusted: show it as text, never as HTML."""
    out = queries.report(db.get(), report_id)
    if out is None:
        raise ApiError(404, f"no report {report_id!r}")
    return JSONResponse(out)


@router.get("/counts", response_model=models.Counts, responses=ERRORS, tags=["incidents"])
def counts(db: DB, q: Filters,
           by: Annotated[Literal["day", "type", "governorate"], Param(description="What to count by.")] = "day",
           ) -> JSONResponse:
    """Incidents matching the filters counted by day (stacked by event type; undated ones left out),
    by type and sub-type, or by governorate."""
    return JSONResponse({"by": by, "items": queries.counts(db.get(), q, by)})


@router.get("/facets", response_model=models.Facets, tags=["meta"])
def facets(db: DB) -> JSONResponse:
    """The event types, countries, governorates and date range in the database."""
    return JSONResponse(queries.facets(db.get()))
