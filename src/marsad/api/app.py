"""The marsad web app: the JSON API under /api, the dashboard at /, the API's docs at /docs.

    from marsad.api import create_app
    app = create_app("marsad.db", token="s3cret")      # then: uvicorn.run(app)

Everything is served from the package (no CDN): /docs is a small page of
our own that renders /openapi.json, since FastAPI's Swagger UI loads its
scripts from a CDN. Report text is untrusted: it only ever leaves as JSON,
and every response carries a Content-Security-Policy that forbids inline
and foreign scripts.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import defaults
from ..store import Store
from . import actions, routes
from .errors import Guard, install_error_handlers
from .queries import Readers

HERE = Path(__file__).parent
STATIC = HERE / "static"
DOCS = HERE / "docs.html"
_MISSING_DASHBOARD = """<!doctype html><html lang="en"><meta charset="utf-8"><title>marsad</title>
<body><h1>marsad</h1><p>The dashboard assets are missing from this install
(marsad/api/static/index.html). The API works: see <a href="/docs">/docs</a>.</p></body></html>
"""


@dataclass(frozen=True)
class Settings:
    """What the app was started with."""

    db_path: str
    token: str | None
    tile_url: str | None
    attribution: str
    version: str | None


def _version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("marsad")
    except PackageNotFoundError:  # pragma: no cover - a source tree without an install
        return None


def _tile_source(tile_url: str | None) -> str:
    """The CSP source that lets the browser load ``tile_url``'s tiles: its origin, with a
    ``{s}`` subdomain as a wildcard (an origin with other placeholders: its scheme)."""
    if not tile_url:
        return ""
    parts = urlsplit(tile_url.strip())
    if not parts.netloc or not re.fullmatch(r"https?", parts.scheme):  # relative (served by us) or odd
        return ""
    host = parts.netloc.replace("{s}.", "*.")
    if not re.fullmatch(r"[A-Za-z0-9.*:\[\]-]+", host):  # other placeholders: any host of that scheme
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str | None, scripts: tuple[str, ...] = ()) -> str:
    """Same-origin scripts only (plus the given inline-script hashes), images also from the tile server."""
    tiles = _tile_source(tile_url)
    extra = f" {tiles}" if tiles else ""
    return "; ".join([
        "default-src 'self'",
        f"img-src 'self' data: blob:{extra}",
        f"connect-src 'self'{extra}",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'" + "".join(f" '{s}'" for s in scripts),
        "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
    ])


def _script_hashes(html: str) -> tuple[str, ...]:
    """CSP hashes of the page's inline scripts (so the docs page needs no 'unsafe-inline')."""
    return tuple("sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
                 for s in re.findall(r"<script>(.*?)</script>", html, re.DOTALL))


def create_app(db_path: str | Path, token: str | None = None, tile_url: str | None = None,
               attribution: str | None = None) -> FastAPI:
    """The app serving the database at ``db_path`` (created empty, or upgraded, if need be).

    ``token``: the bearer token that allows writing reviews (None: reviews off).
    ``tile_url``: a map tile URL template for the dashboard (None: no base map).
    """
    db_path = str(db_path)
    with Store(db_path):  # create or migrate once, before any reader opens it
        pass
    if attribution is None:
        attribution = "© OpenStreetMap contributors" if tile_url and "openstreetmap" in tile_url else ""
    app = FastAPI(
        title="marsad", version=_version() or "unknown", docs_url=None, redoc_url=None,
        description="Arabic conflict news coded as ACLED-style events: events, incidents across reports, "
                    "report evidence, counts, and analysts' reviews. Errors: "
                    '`{"error": {"status", "code", "message"}}`. Reading needs no token; writing a review '
                    "needs `Authorization: Bearer TOKEN`.",
    )
    app.state.settings = Settings(db_path, token or None, tile_url or None, attribution, _version())
    app.state.readers = Readers(db_path)
    install_error_handlers(app)
    app.add_middleware(Guard, max_body=defaults.API_MAX_BODY, max_query=defaults.API_MAX_QUERY,
                       max_param=defaults.API_MAX_PARAM, headers={
                           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                           "X-Frame-Options": "DENY", "Content-Security-Policy": content_security_policy(tile_url)})
    app.include_router(routes.router)
    app.include_router(actions.router)

    docs_html = DOCS.read_text("utf-8") if DOCS.exists() else _MISSING_DASHBOARD
    docs_csp = content_security_policy(None, _script_hashes(docs_html))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_html, headers={"Content-Security-Policy": docs_csp})

    @app.get("/", include_in_schema=False)
    def dashboard():
        index = STATIC / "index.html"
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(_MISSING_DASHBOARD)

    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
