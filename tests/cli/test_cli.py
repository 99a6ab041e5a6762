"""The command line, run as a user runs it: a real process, real files, exit codes."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.schema import validate_document


def marsad(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_cli_extract_codes_the_seed_page(seed_page):
    run = marsad("extract", str(seed_page), "--published", "2018-03-21", "--outlet", "Orient News")
    assert run.returncode == 0, run.stderr
    (line,) = run.stdout.splitlines()
    assert "داعش" in line  # Arabic is written as Arabic, not \\u escapes
    doc = json.loads(line)
    validate_document(doc)
    assert doc["article"]["id"] == "000_28f75ed6b0d49b5e"
    assert doc["article"]["published"] == "2018-03-21"
    assert any(e["event_type"] == "Battles" and e["reported"] for e in doc["events"])


def test_cli_extract_jsonl_gz_to_a_file(tmp_path, seed_inputs):
    src = tmp_path / "reports.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        for record in seed_inputs:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = tmp_path / "events.jsonl"
    run = marsad("extract", str(src), "-o", str(out))
    assert run.returncode == 0, run.stderr
    ids = [json.loads(line)["article"]["id"] for line in out.read_text("utf-8").splitlines()]
    assert ids == ["seed", "seed-undated"]
    assert "2 reports coded" in run.stderr


def test_cli_extract_reads_stdin():
    text = "اندلعت أمس اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة البوكمال شرق دير الزور."
    run = marsad("extract", "-", "--published", "2018-03-21", stdin=text)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["article"]["id"] == "stdin"
    assert doc["events"][0]["event_type"] == "Battles"


def test_cli_bad_inputs_fail_alone_with_reasons_and_exit_1(tmp_path, seed_page):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "english.txt").write_text("The army said on Monday that it had taken the town. " * 20, encoding="utf-8")
    (tmp_path / "french.txt").write_text("L'armée a annoncé lundi la prise de la ville par les rebelles. " * 20, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("قصف " * (20 * 1024 * 1024 // 7), encoding="utf-8")  # 20 MB
    (tmp_path / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    failures = tmp_path / "failures.jsonl"
    inputs = sorted(str(p) for p in tmp_path.iterdir() if p.name != "failures.jsonl")
    run = marsad("extract", *inputs, str(seed_page), "--failures", str(failures))
    assert run.returncode == 1
    assert [json.loads(l)["article"]["id"] for l in run.stdout.splitlines()] == ["000_28f75ed6b0d49b5e"]
    reasons = {json.loads(l)["id"]: json.loads(l)["reason"] for l in failures.read_text("utf-8").splitlines()}
    assert set(reasons) == {"empty", "blob", "english", "french", "huge", "broken"}
    assert reasons["empty"] == "empty input"
    assert reasons["blob"].startswith("binary")
    assert reasons["english"].startswith("not Arabic") and reasons["french"].startswith("not Arabic")
    assert reasons["huge"].startswith("input too large")
    for name in reasons:
        assert name in run.stderr


def test_cli_a_bad_line_in_jsonl_does_not_sink_the_file(tmp_path):
    src = tmp_path / "mixed.jsonl"
    good = {"id": "ok", "text": "قصفت طائرات النظام أمس مدينة إدلب ما أدى إلى مقتل خمسة مدنيين.", "published": "2018-03-21"}
    src.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    run = marsad("extract", str(src))
    assert run.returncode == 1
    assert [json.loads(l)["article"]["id"] for l in run.stdout.splitlines()] == ["ok"]
    assert "not valid JSON" in run.stderr and "neither text nor html" in run.stderr


@pytest.mark.parametrize("args", [["extract", "x.txt", "--published", "21/03/2018"], ["eval"], ["frobnicate"]])
def test_cli_usage_errors_exit_2(args):
    run = marsad(*args)
    assert run.returncode == 2
    assert run.stderr


def test_cli_help_teaches_the_commands():
    run = marsad("--help")
    assert run.returncode == 0
    for word in ("extract", "eval", "marsad extract"):
        assert word in run.stdout
    assert "--published" in marsad("extract", "--help").stdout


def test_cli_eval_scores_the_seed_against_its_gold(tmp_path):
    seed = Path(__file__).parents[1] / "fixtures" / "seed"
    run = marsad("eval", str(seed / "seed.gold.jsonl"), "--input", str(seed / "seed.input.jsonl"), "--json")
    assert run.returncode == 0, run.stderr
    scores = json.loads(run.stdout)
    assert scores["f1"] == 1.0
    table = marsad("eval", str(seed / "seed.gold.jsonl"), "--input", str(seed / "seed.input.jsonl")).stdout
    assert "precision" in table and "actor1" in table


def test_cli_gazetteer_coverage_reports_the_share_resolved(tmp_path):
    src = tmp_path / "corpus.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "قصفت الطائرات مدينة حلب وقرية زعفرانكو في ريف حلب الشمالي."},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    run = marsad("gazetteer", "coverage", str(src))
    assert run.returncode == 0, run.stderr
    assert "share resolved" in run.stdout and "زعفرانكو" in run.stdout
