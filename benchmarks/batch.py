"""Throughput of `marsad batch` for each engine, and its scaling efficiency.

    python benchmarks/batch.py [CORPUS.jsonl.gz] [--reports 20000] [--shard-size 500] [--runs serial,local:1,...]

Repeats the corpus (ids made unique) to ``--reports`` reports, then runs the
batch into a fresh directory with: serial, local with 1 and 2 workers, dask
(LocalCluster on loopback) with 1 and 2 workers. Times include starting the
pool or cluster, reading, extraction and writing Parquet. Efficiency of N
workers = rate(N) / (N x rate(1)) for the same engine; "vs serial" is
rate / serial rate. Exit 2 when the corpus is absent.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from marsad.batch import run_batch

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "syria-news-unlabeled.jsonl.gz"
RUNS = "serial,local:1,local:2,dask:1,dask:2"


def repeat_corpus(corpus: Path, n: int, dest: Path) -> int:
    """Write ``n`` reports to ``dest``: the corpus's lines over and over, ids made unique."""
    lines = [line for line in gzip.open(corpus, "rt", encoding="utf-8") if line.strip()]
    written = 0
    with open(dest, "w", encoding="utf-8") as out:
        while written < n:
            for line in lines:
                if written == n:
                    break
                record = json.loads(line)
                record["id"] = f"{record.get('id')}#{written // len(lines)}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--reports", type=int, default=20000, help="reports to run (the corpus repeated)")
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument("--runs", default=RUNS, help=f"engine[:workers] list (default {RUNS})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="marsad-bench-batch-") as tmp:
        data = Path(tmp) / "reports.jsonl"
        n = repeat_corpus(corpus, args.reports, data)
        print(f"{n} reports, shards of {args.shard_size}, {os.cpu_count()} CPUs", file=sys.stderr)
        results = []
        for spec in args.runs.split(","):
            engine, _, w = spec.partition(":")
            workers = int(w or 1)
            out = Path(tmp) / f"out-{engine}-{workers}"
            t0 = time.perf_counter()
            summary = run_batch([data], out, engine=engine, workers=workers, shard_size=args.shard_size,
                                progress=io.StringIO())
            wall = time.perf_counter() - t0
            results.append({"engine": engine, "workers": workers, "reports": summary.reports,
                            "events": summary.events, "failures": summary.failures,
                            "seconds": round(wall, 1), "reports_per_s": round(summary.reports / wall, 2)})
            print(f"  {spec}: {results[-1]['reports_per_s']} reports/s ({wall:.1f} s)", file=sys.stderr)

    serial = next((r["reports_per_s"] for r in results if r["engine"] == "serial"), None)
    for r in results:
        one = next((x["reports_per_s"] for x in results if x["engine"] == r["engine"] and x["workers"] == 1), None)
        r["efficiency"] = round(r["reports_per_s"] / (r["workers"] * one), 2) if one else None
        r["vs_serial"] = round(r["reports_per_s"] / serial, 2) if serial else None
    if args.json:
        print(json.dumps({"reports": n, "shard_size": args.shard_size, "cpus": os.cpu_count(),
                          "results": results}, indent=1))
    else:
        print(f"{'engine':8} {'workers':>7} {'reports/s':>10} {'seconds':>8} {'efficiency':>10} {'vs serial':>9}")
        for r in results:
            print(f"{r['engine']:8} {r['workers']:>7} {r['reports_per_s']:>10} {r['seconds']:>8} "
                  f"{r['efficiency'] if r['efficiency'] is not None else '-':>10} "
                  f"{r['vs_serial'] if r['vs_serial'] is not None else '-':>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
