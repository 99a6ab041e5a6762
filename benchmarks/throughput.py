"""Throughput and peak memory of `extract` over a corpus, in one process.

    python benchmarks/throughput.py [CORPUS.jsonl.gz] [--limit N] [--repeat N]

Prints reports per second (reading + cleaning + extraction), the time spent in
extraction alone, and peak resident memory. Defaults to the unlabeled Syria
news corpus in ../shared/corpus.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from marsad.ingest import read_inputs
from marsad.knowledge import load_actors, load_gazetteer
from marsad.model import Failure
from marsad.pipeline import extract, settle

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "syria-news-unlabeled.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0, help="stop after N reports (0: all)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="read and extract the corpus N times and also print the best pass "
                             "(a shared machine's speed drifts; the best pass is the least disturbed)")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    load_gazetteer(), load_actors()
    # One warm-up extraction so lazy indexes are built before timing.
    warm = next(a for a in read_inputs([args.corpus]) if not isinstance(a, Failure))
    extract(warm)
    settle()  # as extract_many does after its first report
    startup = time.perf_counter() - t0

    passes = [_one_pass(args.corpus, args.limit) for _ in range(max(1, args.repeat))]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus            {args.corpus}")
    print(f"start-up          {startup:.2f} s (knowledge loaded, indexes built)")
    for k, p in enumerate(passes, 1):
        label = f"pass {k}: " if len(passes) > 1 else ""
        _print_pass(label, p)
    if len(passes) > 1:
        _print_pass("best:   ", max(passes, key=lambda p: p["n"] / p["total"]))
    print(f"peak memory       {peak_mb:.0f} MB (max RSS)")
    return 0


def _one_pass(corpus: str, limit: int) -> dict:
    """Read, clean and extract the corpus once, timing the whole and extraction alone."""
    n = failed = events = chars = 0
    extract_secs = 0.0
    started = time.perf_counter()
    for item in read_inputs([corpus]):
        if limit and n + failed >= limit:
            break
        if isinstance(item, Failure):
            failed += 1
            continue
        t = time.perf_counter()
        try:
            doc = extract(item)
            events += len(doc.events)
        except Exception:
            failed += 1
            continue
        extract_secs += time.perf_counter() - t
        n += 1
        chars += len(item.text)
    total = time.perf_counter() - started
    return {"n": n, "failed": failed, "events": events, "chars": chars, "total": total, "extract": extract_secs}


def _print_pass(label: str, p: dict) -> None:
    n, total = p["n"], p["total"]
    print(f"{label}reports coded     {n} ({p['failed']} failed or skipped), {p['events']} events")
    print(f"{label}end to end        {n / total:.1f} reports/s ({total:.1f} s, {p['chars'] / total / 1000:.0f} k chars/s)")
    print(f"{label}extract only      {n / max(p['extract'], 1e-9):.1f} reports/s "
          f"({1000 * p['extract'] / max(n, 1):.2f} ms per report)")


if __name__ == "__main__":
    sys.exit(main())
