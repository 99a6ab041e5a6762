"""marsad batch: a killed batch resumes where it stopped, with no duplicate rows; the CLI."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from batch_data import reports, write_jsonl  # noqa: E402

from marsad.batch import run_batch  # noqa: E402
from marsad.cli_batch import batch  # noqa: E402

# Long reports (each sentence repeated) so a shard takes long enough to kill mid-batch.
_REPEAT = 25


def _long_reports(n: int) -> list[dict]:
    recs = reports(n)
    for r in recs:
        if r["id"].startswith("r"):
            r["text"] = "\n".join([r["text"] + "."] * _REPEAT)
    return recs


def _rows(out: Path, kind: str) -> list[tuple]:
    table = pq.read_table(out / kind)
    key = "event_id" if kind == "events" else "report_id"
    return sorted((r[key], r.get("month")) for r in table.to_pylist())


def _run_cli(corpus: Path, out: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "marsad.batch", str(corpus), "--out", str(out), "--engine", "serial",
           "--shard-size", "2"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())


def test_batch_killed_then_rerun_completes_without_duplicates(tmp_path):
    corpus = write_jsonl(tmp_path / "reports.jsonl", _long_reports(80), broken_line=False)
    clean = tmp_path / "clean"
    run_batch([corpus], clean, engine="serial", shard_size=2, progress=io.StringIO())
    total = len(list((clean / "_done").iterdir()))
    assert total == 41

    out = tmp_path / "killed"
    proc = _run_cli(corpus, out)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        done = len(list((out / "_done").glob("shard-*"))) if (out / "_done").is_dir() else 0
        if done >= 3:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(list((out / "_done").glob("shard-*")))
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= done < total, "the batch must be killed part-way"

    rerun = subprocess.run([sys.executable, "-m", "marsad.batch", str(corpus), "--out", str(out),
                            "--engine", "serial", "--shard-size", "2"], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1, rerun.stderr  # two reports fail (English, empty)
    assert f"{done} of {total} shards already done, skipped" in rerun.stderr
    for kind in ("events", "reports", "failures"):
        assert _rows(out, kind) == _rows(clean, kind)
    events = _rows(out, "events")
    assert len(events) == len(set(events))
    assert not list(out.rglob(".*tmp-*"))


def test_batch_cli_summary_and_exit_code(tmp_path):
    corpus = write_jsonl(tmp_path / "reports.jsonl", reports(10), broken_line=False)
    result = CliRunner().invoke(batch, [str(corpus), "--out", str(tmp_path / "out"), "--engine", "serial",
                                        "--shard-size", "4"])
    assert result.exit_code == 1  # the English and the empty report fail
    assert "shards 3/3" in result.output and "marsad batch: done" in result.output
    assert '"failures": 2' in result.output
    again = CliRunner().invoke(batch, [str(corpus), "--out", str(tmp_path / "out"), "--engine", "serial",
                                       "--shard-size", "4"])
    assert "3 of 3 shards already done" in again.output
    assert pq.read_table(tmp_path / "out" / "reports").num_rows == 10


@pytest.mark.parametrize("args,message", [
    (["missing.jsonl"], "no such input file"),
    (["--engine", "spark"], "Invalid value"),
])
def test_batch_cli_usage_errors(tmp_path, args, message):
    corpus = write_jsonl(tmp_path / "r.jsonl", reports(2), broken_line=False)
    argv = [str(tmp_path / a) if a.endswith(".jsonl") else a for a in args]
    if "--engine" in args:
        argv = [str(corpus)] + argv
    result = CliRunner().invoke(batch, argv + ["--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert message in result.output
