"""The endpoints that take a body: code a posted report (stored nowhere), and review an incident.

Writing a review needs the token set when the server started (``Authorization:
Bearer TOKEN``); without one configured, reviews are off (403). A review is
stored beside the incident, never over the machine's fields.
"""
from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..ingest.readers import HTML, TEXT, RawInput, parse_published, to_article
from ..model import Failure
from ..pipeline import NotArabic, extract
from ..store import Store
from ..store.reviews import incident_reviews
from . import models
from .errors import ApiError
from .routes import DB, ERRORS, NOT_FOUND, IncidentId

router = APIRouter(prefix="/api", responses={500: {"model": models.ErrorBody}})
_bearer = HTTPBearer(auto_error=False, description="The token given to `marsad serve --token` (or MARSAD_TOKEN).")
_BAD_BODY = {413: {"model": models.ErrorBody, "description": "Body too large"},
             422: {"model": models.ErrorBody, "description": "A bad body, or text marsad cannot code"}}


@router.post("/extract", tags=["extract"], responses={**_BAD_BODY})
def extract_report(body: models.ExtractIn) -> JSONResponse:
    """Code one posted report and return its marsad document (CODEBOOK section 8): the article with its
    clean text, the events, the unresolved places. Nothing is stored. Text that is not Arabic, or too
    short to be a report, is a 422 with the reader's reason."""
    raw = body.text if body.text else body.html
    if not raw or not raw.strip():
        raise ApiError(422, "body: give the report's text (or html)")
    published = None
    if body.published:
        published = parse_published(body.published)
        if published is None:
            raise ApiError(422, f"published: expected YYYY-MM-DD or an ISO date-time, got {body.published!r}")
    item = RawInput(id=body.id or "posted", raw=raw, kind=TEXT if body.text else HTML, url=body.url,
                    outlet=body.outlet, published=published, title=body.title, source="POST /api/extract")
    article = to_article(item)
    if isinstance(article, Failure):
        raise ApiError(422, f"{article.stage}: {article.reason}")
    try:
        doc = extract(article)
    except NotArabic as exc:
        raise ApiError(422, f"extract: {exc}") from None
    return JSONResponse(doc.to_json())


async def authorised(request: Request,
                     credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The database path, for a request that carries the server's token (a FastAPI dependency)."""
    s = request.app.state.settings
    if s.token is None:
        raise ApiError(403, "review is disabled: start marsad serve with --token")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode("utf-8"), s.token.encode("utf-8")):
        raise ApiError(401, "a valid token is needed: send Authorization: Bearer TOKEN",
                       headers={"WWW-Authenticate": "Bearer"})
    return s.db_path


_AUTH = {401: {"model": models.ErrorBody, "description": "Missing or wrong token"},
         403: {"model": models.ErrorBody, "description": "Reviews are disabled (no token at start-up)"}}


@router.post("/incidents/{incident_id}/review", status_code=201, response_model=models.Review,
             responses={**_AUTH, **NOT_FOUND, **_BAD_BODY}, tags=["review"])
def review(incident_id: IncidentId, body: models.ReviewIn,
           db_path: Annotated[str, Depends(authorised)]) -> JSONResponse:
    """Confirm, correct or reject an incident. Corrections (event_type, sub_event_type, actor1, actor2,
    location, date, fatalities) are stored beside the machine's output, never over it; the review
    follows the incident's events when incidents later merge or split."""
    fixes = body.corrections.model_dump(exclude_none=True) if body.corrections else None
    try:
        with Store(db_path) as store:
            out = store.add_review(incident_id, body.action, fixes, body.analyst, body.note)
    except KeyError:
        raise ApiError(404, f"no incident {incident_id!r}") from None
    except ValueError as exc:
        raise ApiError(422, str(exc)) from None
    return JSONResponse(out, status_code=201)


@router.get("/incidents/{incident_id}/reviews", response_model=models.Reviews, responses={**ERRORS, **NOT_FOUND},
            tags=["review"])
def reviews(db: DB, incident_id: IncidentId) -> JSONResponse:
    """Every review that applies to the incident, newest first."""
    conn = db.get()
    items = incident_reviews(conn, incident_id)
    if not items and conn.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is None:
        raise ApiError(404, f"no incident {incident_id!r}")
    return JSONResponse({"items": items})
