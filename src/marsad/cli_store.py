"""The database commands: ``marsad ingest``, ``marsad events``, ``marsad incidents``.

Module-level click commands, registered on the main group in cli.py. They
are thin: ``run_ingest`` chains the readers, ``extract_many`` and the store;
the queries and writers live in marsad.store and marsad.export.
"""
from __future__ import annotations

import io
import re
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click

from . import defaults
from .cli_options import parse_day
from .export import FORMATS, country_code, write
from .model import Article, Document, Failure
from .store.query import parse_bbox


@dataclass
class IngestSummary:
    """What one ingest did."""

    db: str
    read: int = 0
    stored: int = 0
    replaced: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    reasons: Counter = field(default_factory=Counter)
    stats: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {"reports_read": self.read, "stored": self.stored, "replaced": self.replaced,
                "skipped": self.skipped, "duplicates": self.duplicates, "failed": self.failed,
                "events": self.events}

    def lines(self) -> list[str]:
        """The summary printed at the end of ``marsad ingest``."""
        s = self.stats
        out = [
            (f"marsad: {self.read} reports read in {self.seconds:.1f}s ({self.read / max(self.seconds, 1e-9):.1f}/s): "
             f"{self.stored} stored, {self.replaced} replaced (new text), {self.skipped} skipped as already known, "
             f"{self.failed} failed"),
            f"  events stored: {self.events}; near-duplicates of stored reports: {self.duplicates}",
            (f"  database {self.db}: {s.get('reports', 0)} reports, {s.get('events', 0)} events, "
             f"{s.get('incidents', 0)} incidents ({s.get('incidents_multi_report', 0)} from more than one report)"),
        ]
        if self.reasons:
            out.append("  failures:")
            out += [f"    {n:5d}  {reason}" for reason, n in self.reasons.most_common(12)]
            if len(self.reasons) > 12:
                out.append(f"    ... and {len(self.reasons) - 12} other reasons")
        return out


def _reason(f: Failure) -> str:
    # "not Arabic (12% Arabic letters)" and "not Arabic (3% ...)" are one reason.
    return f"{f.stage}: " + re.sub(r"\s*\([^)]*\)", "", f.reason).strip()


def run_ingest(paths: Iterable[str], db: str = defaults.DB_PATH, published: date | None = None,
               outlet: str | None = None, on_item: Callable[[], None] | None = None,
               on_failure: Callable[[Failure], None] | None = None) -> IngestSummary:
    """Read, extract and store every report in ``paths`` into the database ``db``.

    Reports already stored with the same text are skipped before extraction.
    Each report is stored in its own transaction, so an interrupted ingest
    keeps what it stored and the same command later completes it.
    """
    from .ingest import read_inputs
    from .pipeline import extract_many
    from .store import Store

    paths = [str(p) for p in paths]
    summary = IngestSummary(db=db)
    tick = on_item or (lambda: None)
    started = time.perf_counter()
    with Store(db) as store:
        run = store.begin_run(paths)

        def fail(f: Failure) -> None:
            summary.failed += 1
            summary.reasons[_reason(f)] += 1
            store.add_failure(f, run)
            if on_failure:
                on_failure(f)

        def fresh() -> Iterator[Article | Failure]:
            for item in read_inputs(paths, published=published, outlet=outlet):
                summary.read += 1
                if isinstance(item, Article) and store.known(item.id, item.url, item.text):
                    summary.skipped += 1
                    tick()
                    continue
                yield item

        status = "interrupted"
        try:
            for item in extract_many(fresh()):
                if isinstance(item, Failure):
                    fail(item)
                else:
                    _store(store, item, run, summary, fail)
                tick()
            status = "done"
        except Exception:
            status = "failed"
            raise
        finally:
            summary.seconds = time.perf_counter() - started
            store.finish_run(run, summary.counts(), status)
            summary.stats = store.stats()
    return summary


def _store(store, doc: Document, run: int, summary: IngestSummary, fail: Callable[[Failure], None]) -> None:
    try:
        added = store.add(doc, run)
    except sqlite3.OperationalError:
        raise  # locked past the timeout, disk full: stop, the next run resumes
    except Exception as exc:  # noqa: BLE001 - one report the store cannot take must not stop the batch
        fail(Failure(doc.article.id, "store", f"{type(exc).__name__}: {exc}"))
        return
    if added.status == "skipped":  # stored by another process since we looked
        summary.skipped += 1
        return
    setattr(summary, added.status, getattr(summary, added.status) + 1)
    summary.events += added.events
    summary.duplicates += bool(added.duplicate_of)


def _count_inputs(paths: Iterable[str]) -> int | None:
    """How many reports the inputs hold (lines of JSON Lines files), for the progress bar."""
    import gzip

    total = 0
    for p in paths:
        if p == "-":
            return None
        lower = p.lower().removesuffix(".gz")
        if lower.endswith((".jsonl", ".ndjson")):
            try:
                with (gzip.open(p, "rb") if p.lower().endswith(".gz") else open(p, "rb")) as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total



@click.command(name="ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=defaults.DB_PATH, show_default=True, type=click.Path(dir_okay=False),
              help="The database file (created if missing, upgraded if old).")
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD",
              help="Publication date of a single text or HTML input.")
@click.option("--outlet", help="Outlet name of a single text or HTML input.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: when stderr is a terminal).")
def ingest(inputs, db, published, outlet, progress) -> None:
    """Extract INPUTS and store reports, events and incidents in the database.

    INPUTS are .txt, .html, .jsonl(.gz) files or - for stdin. A report already
    stored (same id or URL) with the same text is skipped; with a new text its
    events are replaced. Events of different reports that describe one
    real-world event are merged into incidents. Safe to run in several
    processes at once, and to run again after an interruption. Exit code 1
    when some inputs failed (each reason is in the summary and the database).
    """
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        bar = click.progressbar(length=_count_inputs(inputs), label="ingest", file=sys.stderr,
                                show_pos=True, show_eta=True)
        bar.__enter__()
    try:
        summary = run_ingest(inputs, db, published, outlet, on_item=(lambda: bar.update(1)) if bar else None)
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"database {db}: {exc}")
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for line in summary.lines():
        click.echo(line, err=True)
    sys.exit(1 if summary.failed else 0)


def _bbox(ctx, param, value):
    if value is None:
        return None
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _country(ctx, param, value):
    if value is None:
        return None
    code = country_code(value)
    if code is None:
        raise click.BadParameter(f"{value!r} is no country marsad knows; give an ISO code (SY) or a name (Syria)")
    return code


def _query_options(f):
    options = [
        click.option("--db", default=defaults.DB_PATH, show_default=True,
                     type=click.Path(dir_okay=False, exists=True), help="The database file."),
        click.option("--since", callback=parse_day, metavar="YYYY-MM-DD", help="On or after this day."),
        click.option("--until", callback=parse_day, metavar="YYYY-MM-DD", help="On or before this day."),
        click.option("--country", callback=_country, help="ISO code or English name (SY, Syria)."),
        click.option("--admin1", help="Governorate, English name (Idlib)."),
        click.option("--type", "event_type", help="Event type or sub-event type (\"Air/drone strike\")."),
        click.option("--actor", help="Part of an actor's name or alias, Arabic or English (داعش, Russia)."),
        click.option("--bbox", callback=_bbox, metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="Bounding box."),
        click.option("--q", "text", help="Words to find in the reports' text (Arabic folded as in extract)."),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
                     help="acled: ACLED's column layout (CSV)."),
        click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True),
                     help="Output file (default: stdout)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _query(kind: str, db, since, until, country, admin1, event_type, actor, bbox, text, limit, fmt, output) -> None:
    from .store import Query, Store

    if since and until and since > until:
        raise click.UsageError("--since is after --until")
    q = Query(since=since, until=until, country=country, admin1=admin1, event_type=event_type, actor=actor,
              bbox=bbox, text=text, limit=limit)
    try:
        with Store(db) as store:
            records = store.events(q) if kind == "events" else store.incidents(q)
            if output == "-":
                if fmt == "parquet":  # Parquet needs a seekable file; stdout may be a pipe
                    buffer = io.BytesIO()
                    n = write(records, kind, fmt, buffer)
                    sys.stdout.buffer.write(buffer.getvalue())
                else:
                    n = write(records, kind, fmt, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                with open(Path(output), "wb") as out:
                    n = write(records, kind, fmt, out)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise click.UsageError(f"--q {text!r}: {exc}")
        raise click.ClickException(f"database {db}: {exc}")
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"database {db}: {exc}")
    click.echo(f"marsad: {n} {kind if n != 1 else kind[:-1]}", err=True)


@click.command(name="events")
@_query_options
def events(**options) -> None:
    """Write the stored events that match the filters (one per report that told it).

    \b
    marsad events --since 2018-03-01 --country SY --type "Air/drone strike"
    marsad events --admin1 Idlib --q "غارات" --format geojson -o idlib.geojson
    """
    _query("events", **options)


@click.command(name="incidents")
@_query_options
def incidents(**options) -> None:
    """Write the stored incidents (one real-world event across reports) that match the filters.

    Each incident has canonical fields (the most precise place and date, best
    fatalities by the codebook's rule), every claim with its claimant and
    outlet, its outlets, and first and last seen.

    \b
    marsad incidents --since 2018-03-01 --until 2018-03-31 --format acled -o march.csv
    """
    _query("incidents", **options)
