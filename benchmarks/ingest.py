"""Ingest a corpus into a fresh database, and time a filtered query on it.

    python benchmarks/ingest.py [CORPUS.jsonl.gz] [--db PATH] [--limit N]

Prints reports per second (reading, extraction and storing, one transaction
per report), incidents formed, near-duplicates found, the database size,
and the time of a filtered ``marsad events`` and ``marsad incidents`` query.
Defaults to the unlabeled Syria news corpus in ../shared/corpus; exits 2
when it is absent.
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from marsad.cli_store import events, incidents, run_ingest
from marsad.dedup import distance_km
from marsad.store import Store

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "syria-news-unlabeled.jsonl.gz"
QUERY = ["--since", "2017-01-01", "--until", "2018-12-31", "--country", "SY",
         "--type", "Explosions/Remote violence", "--q", "غارات"]


def _time_command(command, args: list[str], repeat: int = 5) -> float:
    """Median seconds of a query command run in this process (output to /dev/null)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        try:
            command.main(args + ["-o", os.devnull], standalone_mode=False)
        except SystemExit:
            pass
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _wide_incidents(store: Store, km: float = 25.0) -> int:
    """Incidents whose precise members (precision 1) lie more than ``km`` apart: chains to look at."""
    rows = store.db.execute(
        "SELECT m.incident_key, e.lat, e.lon FROM incident_members m JOIN events e ON e.event_key = m.event_key "
        "JOIN incidents i ON i.incident_key = m.incident_key WHERE i.n_events > 1 AND e.geo_precision = 1")
    places: dict[int, list[tuple[float, float]]] = {}
    for key, lat, lon in rows:
        places.setdefault(key, []).append((lat, lon))
    return sum(1 for pts in places.values()
               if any(distance_km(*a, *b) > km for i, a in enumerate(pts) for b in pts[i + 1:]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--db", help="database file to fill (default: a temporary one, removed at the end)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N reports (0: all)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        source = str(corpus)
        if args.limit:
            source = str(Path(tmp) / "head.jsonl")
            opener = gzip.open if corpus.name.endswith(".gz") else open
            with opener(corpus, "rt", encoding="utf-8") as src, open(source, "w", encoding="utf-8") as out:
                for i, line in enumerate(src):
                    if i >= args.limit:
                        break
                    out.write(line)

        summary = run_ingest([source], db)
        with Store(db) as store:
            store.checkpoint()
            stats = store.stats()
            wide = _wide_incidents(store)
            problems = store.check()
        t_events = _time_command(events, ["--db", db] + QUERY)
        t_incidents = _time_command(incidents, ["--db", db] + QUERY)
        rerun = run_ingest([source], db)

    n = summary.read
    print(f"reports read        {n} ({summary.stored} stored, {summary.failed} failed, "
          f"{summary.duplicates} near-duplicates of a stored report)")
    print(f"ingest              {summary.seconds:.1f} s, {n / max(summary.seconds, 1e-9):.1f} reports/s "
          f"(read + extract + store, one transaction per report)")
    print(f"events stored       {stats['events']} ({stats['claims']} claims)")
    print(f"incidents formed    {stats['incidents']} ({stats['incidents_multi_report']} from more than one report; "
          f"{wide} join precise places over 25 km apart)")
    print(f"near-duplicates     {stats['near_duplicates']} pairs")
    print(f"database size       {stats.get('bytes', 0) / 1e6:.1f} MB ({stats.get('bytes', 0) / max(n, 1) / 1e3:.1f} kB "
          f"per report, text and full-text index included)")
    print(f"query events        {t_events * 1000:.1f} ms  (marsad events {' '.join(QUERY)})")
    print(f"query incidents     {t_incidents * 1000:.1f} ms  (same filters)")
    print(f"second ingest       {rerun.seconds:.1f} s, {rerun.skipped} skipped as already known, "
          f"{rerun.stored} stored")
    print(f"consistency check   {'ok' if not problems else '; '.join(problems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
