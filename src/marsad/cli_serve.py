"""`marsad serve`: the HTTP API and the dashboard over one database, under uvicorn.

Registered on the main group in cli.py.
"""
from __future__ import annotations

import ipaddress
import socket
import sqlite3

import click

from . import defaults


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: a free one, so the URL printed is the real one)."""
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(info[0], socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(info[4])
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--db", default=defaults.DB_PATH, show_default=True, type=click.Path(dir_okay=False),
              help="The database to serve (created empty if missing).")
@click.option("--host", default=defaults.API_HOST, show_default=True,
              help="Interface to listen on. Reading needs no token: listen beyond loopback only on purpose.")
@click.option("--port", default=defaults.API_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port (0: any free port).")
@click.option("--token", envvar="MARSAD_TOKEN", show_envvar=True, metavar="TOKEN",
              help="Bearer token that allows writing reviews; without one, reviews are off. Prefer the "
                   "environment variable: a command line is visible to other users.")
@click.option("--tile-url", envvar="MARSAD_TILE_URL", metavar="URL",
              help="Map tile URL template for the dashboard, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                   "(default: no base map, nothing is fetched from elsewhere).")
@click.option("--tile-attribution", metavar="TEXT", help="Attribution shown under the map tiles.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="uvicorn's log level.")
def serve(db, host, port, token, tile_url, tile_attribution, log_level) -> None:
    """Serve the database: the dashboard at /, the JSON API under /api, its docs at /docs.

    \b
    marsad serve --db marsad.db
    MARSAD_TOKEN=... marsad serve --db marsad.db --port 8080
    """
    import uvicorn

    from .api import create_app
    from .store import Store

    if token is not None and not token.strip():
        raise click.BadParameter("the token is empty", param_hint="--token")
    try:
        app = create_app(db, token=token, tile_url=tile_url, attribution=tile_attribution)
        with Store(db) as store:
            stats = store.stats()
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"database {db}: {exc}")
    try:
        sock = _bind(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host

    def say(text: str) -> None:
        click.echo(f"marsad: {text}", err=True)

    say(f"serving {db} ({stats['reports']} reports, {stats['events']} events, {stats['incidents']} incidents)")
    if not stats["reports"]:
        say(f"the database is empty; fill it with: marsad ingest reports.jsonl --db {db}")
    if token:
        if len(token) < 16:
            say("warning: the review token is short; anyone who guesses it can write reviews")
    else:
        say("reviews are off (read-only): start with --token or MARSAD_TOKEN to allow them")
    if not _loopback(host):
        say(f"warning: listening on {host}: anyone who can reach it can read the database")
    say(f"dashboard http://{shown}:{bound}/   API http://{shown}:{bound}/api/   docs http://{shown}:{bound}/docs")
    config = uvicorn.Config(app, log_level=log_level, access_log=log_level in ("info", "debug"),
                            server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
