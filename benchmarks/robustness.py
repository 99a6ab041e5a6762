"""Robustness run: every corpus page plus a set of hostile inputs, through `marsad extract`.

    python benchmarks/robustness.py [CORPUS.jsonl.gz]

Runs the real command on the unlabeled corpus (../shared/corpus by default)
together with an empty file, a binary blob, a 20 MB page, English and French
pages and broken HTML and JSON. Prints how many reports were coded, the
failures by reason, and whether the command crashed (it must not) and exited
with 1 (some inputs failed), as it should.
"""
from __future__ import annotations

import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "syria-news-unlabeled.jsonl.gz"


def hostile_inputs(folder: Path) -> list[Path]:
    files = {
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 400,
        "huge.txt": "قصف ".encode("utf-8") * (20 * 1024 * 1024 // 7),
        "english.txt": b"The army said on Monday it had taken the town after fighting. " * 30,
        "french.txt": "L'armée a annoncé lundi la prise de la ville. ".encode("utf-8") * 30,
        "broken.html": b"<html><head><title>x</title></head><body><div><p><<<",
        "broken.jsonl": b'{"id": "a", "text": \n{nope}\n',
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not corpus.exists():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = [str(corpus)] + [str(p) for p in hostile_inputs(folder)]
        out, failures = folder / "out.jsonl", folder / "failures.jsonl"
        run = subprocess.run([sys.executable, "-m", "marsad", "extract", *inputs, "-o", str(out),
                              "--failures", str(failures)], capture_output=True, text=True)
        coded = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
        reasons = collections.Counter()
        for line in failures.open(encoding="utf-8") if failures.exists() else []:
            reason = json.loads(line)["reason"]
            reasons[reason.split(" (")[0].split(":")[0]] += 1
    crashed = "Traceback" in run.stderr
    print(f"inputs            {corpus.name} + {len(inputs) - 1} hostile files")
    print(f"reports coded     {coded}")
    print(f"failures          {sum(reasons.values())}")
    for reason, n in reasons.most_common():
        print(f"  {n:5d}  {reason}")
    print(f"exit code         {run.returncode} (1 expected: some inputs failed)")
    print(f"crashed           {'YES' if crashed else 'no'}")
    print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "")
    return 1 if crashed or run.returncode != 1 else 0


if __name__ == "__main__":
    sys.exit(main())
