"""marsad's HTTP API and dashboard server (``marsad serve``): ``create_app(db_path, token, tile_url)``."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
