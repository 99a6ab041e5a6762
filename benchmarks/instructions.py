"""Machine instructions per report for reading and `extract`, counted under valgrind.

    python benchmarks/instructions.py [--reports N] [--src DIR] [CORPUS.jsonl.gz]

Wall-clock speed on a shared machine drifts by a quarter from minute to minute,
which hides a change of a few per cent. The number of instructions the CPU runs
does not drift: valgrind's cachegrind counts them. The script reads and extracts
twice under valgrind, one report (start-up, knowledge loading, the first
extraction) and N+1 reports, and prints the difference divided by N: reading,
cleaning and extraction of one report, on average.
Two runs of the same code agree to about 0.5%.

`--src` points at another checkout's `src` directory, to compare two versions
of the code (A/B) on the same reports. Needs valgrind (Debian: `apt install valgrind`).
"""
from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "syria-news-unlabeled.jsonl.gz"
SRC = Path(__file__).resolve().parents[1] / "src"

# What runs under valgrind: extract the first N reports, as extract_many does
# (settle() after the first one), one bad report never stopping the run.
_RUN = """
import itertools, sys
sys.path.insert(0, sys.argv[1])
from marsad.ingest import read_inputs
from marsad.model import Failure
from marsad.pipeline import extract, settle
items = itertools.islice(read_inputs([sys.argv[2]]), int(sys.argv[3]))
articles = [a for a in items if not isinstance(a, Failure)]
extract(articles[0]); settle()
for a in articles[1:]:
    try:
        extract(a)
    except Exception:
        pass
"""


def _instructions(src: Path, corpus: str, n: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same hash order in every run
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", _RUN, str(src), corpus, str(n)],
        env=env, capture_output=True, text=True, check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--reports", type=int, default=200, help="reports to count over (default 200; ~1 minute)")
    parser.add_argument("--src", default=str(SRC), help="the package's src directory (default: this checkout)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    if not Path(args.corpus).exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    src = Path(args.src).resolve()
    compileall.compile_dir(src, quiet=1)  # byte-compiling is not extraction: do it before counting
    start = _instructions(src, args.corpus, 1)
    total = _instructions(src, args.corpus, args.reports + 1)
    per_report = (total - start) / args.reports
    print(f"code              {src}")
    print(f"start-up          {start / 1e9:.2f} G instructions (imports, knowledge, the first report)")
    print(f"per report        {per_report / 1e6:.1f} M instructions (reading and extraction, mean of {args.reports} reports)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
