"""marsad batch: the same events from serial extract, the process pool and a Dask LocalCluster."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from batch_data import reports, write_jsonl  # noqa: E402

from marsad.batch import plan_shards, run_batch  # noqa: E402
from marsad.batch.run import event_rows  # noqa: E402
from marsad.ingest import read_inputs  # noqa: E402
from marsad.model import Failure  # noqa: E402
from marsad.pipeline import extract_many  # noqa: E402


def _events(out: Path) -> list[dict]:
    table = pq.read_table(out / "events")
    rows = table.drop(["month"]).to_pylist()
    return sorted(rows, key=lambda r: r["event_id"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("in") / "reports.jsonl", reports(30))


@pytest.fixture(scope="module")
def serial_out(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    run_batch([corpus], out, engine="serial", shard_size=7, progress=io.StringIO())
    return out


def test_batch_serial_matches_extract(corpus, serial_out):
    expected = []
    for doc in extract_many(read_inputs([corpus])):
        if not isinstance(doc, Failure):
            expected.extend(event_rows(doc))
    assert len(expected) >= 25
    got = _events(serial_out)
    assert got == sorted(expected, key=lambda r: r["event_id"])


@pytest.mark.parametrize("engine,workers", [("local", 2), ("dask", 2)])
def test_batch_engines_identical_events(corpus, serial_out, tmp_path, engine, workers):
    out = tmp_path / engine
    summary = run_batch([corpus], out, engine=engine, workers=workers, shard_size=7, progress=io.StringIO())
    assert summary.shards == 5 and summary.failures == 3
    assert _events(out) == _events(serial_out)
    assert pq.read_table(out / "reports").num_rows == pq.read_table(serial_out / "reports").num_rows


def test_batch_partitions_by_publication_month(serial_out):
    months = sorted(p.name for p in (serial_out / "reports").iterdir())
    assert months == ["month=2018-01", "month=2018-02", "month=2018-03", "month=unknown"]
    reports_table = pq.read_table(serial_out / "reports").to_pylist()
    for row in reports_table:
        expect = row["published"].strftime("%Y-%m") if row["published"] else "unknown"
        assert row["month"] == expect
    assert sorted(p.name for p in (serial_out / "_done").iterdir()) == [f"shard-{i:05d}" for i in range(5)]


def test_batch_failures_one_row_each_with_reason(serial_out):
    failures = {r["report_id"]: r for r in pq.read_table(serial_out / "failures").to_pylist()}
    assert set(failures) == {"english", "empty", "reports.jsonl:17"}
    assert failures["english"]["reason"].startswith("not Arabic")
    assert failures["reports.jsonl:17"]["stage"] == "read"


def test_batch_event_row_keeps_evidence_and_claims(serial_out):
    row = next(r for r in _events(serial_out) if r["report_id"] == "r000")
    evidence = json.loads(row["evidence"])
    assert evidence and "حمورية" in evidence[0]["text"]
    assert json.loads(row["claims"])[0]["count"] == 3
    assert (row["event_type"], row["location_name_ar"], row["fatalities_best"]) == (
        "Explosions/Remote violence", "حمورية", 3)


@pytest.mark.parametrize("size,expected", [(1, 33), (7, 5), (500, 1)])
def test_batch_plan_jsonl_shard_sizes(corpus, size, expected):
    shards = plan_shards([corpus], size)
    assert len(shards) == expected
    assert sum(s.count for s in shards) == 33


def test_batch_dask_connects_to_scheduler(corpus, serial_out, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        out = tmp_path / "remote"
        run_batch([corpus], out, engine="dask", scheduler=cluster.scheduler_address, shard_size=7,
                  progress=io.StringIO())
    assert _events(out) == _events(serial_out)


def test_batch_gzip_and_parquet_inputs_give_same_events(corpus, serial_out, tmp_path):
    import gzip

    gz = tmp_path / "reports.jsonl.gz"
    gz.write_bytes(gzip.compress(corpus.read_bytes()))
    records = [r for r in reports(30)]
    table = pa.Table.from_pylist([{"id": r["id"], "text": r["text"], "outlet": r.get("outlet"),
                                   "published": r.get("published")} for r in records])
    parquet = tmp_path / "reports.parquet"
    pq.write_table(table, parquet, row_group_size=4)
    for path in (gz, parquet):
        out = tmp_path / f"out-{path.name}"
        run_batch([path], out, engine="serial", shard_size=6, progress=io.StringIO())
        assert _events(out) == _events(serial_out)


def test_batch_parquet_without_text_column_is_usage_error(tmp_path):
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"body": ["x"]}), path)
    with pytest.raises(ValueError, match="text"):
        plan_shards([path])


def test_batch_other_plan_in_out_dir_refused(corpus, serial_out):
    with pytest.raises(ValueError, match="different batch"):
        run_batch([corpus], serial_out, engine="serial", shard_size=3, progress=io.StringIO())


_PAGE = """<html><head><title>{title}</title>{meta}</head><body><nav>الرئيسية | أخبار | اتصل بنا</nav>
<article><h1>{title}</h1><p>{body}</p><p>وأضاف المصدر أن فرق الدفاع المدني عملت على انتشال الضحايا من تحت
الأنقاض طوال ساعات الليل، فيما نقل الجرحى إلى المشافي الميدانية في المنطقة.</p></article></body></html>"""


def _warc(path: Path, pages: list[tuple[str, str, str]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        plain = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/robots.txt", "response",
                                                      payload=io.BytesIO(b"User-agent: *"), http_headers=plain))
        for url, html, when in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                               http_headers=headers, warc_headers_dict={"WARC-Date": when})
            writer.write_record(record)
    return path


def test_batch_warc_html_with_warc_date_as_fallback(tmp_path):
    body = "قصفت طائرات النظام أمس بلدة حمورية في الغوطة الشرقية ما أدى إلى مقتل 12 مدنيا بينهم أطفال ونساء"
    dated = _PAGE.format(title="قصف على حمورية", body=body,
                         meta='<meta property="article:published_time" content="2018-02-20T08:00:00Z">')
    undated = _PAGE.format(title="قصف على دوما", body=body.replace("حمورية", "دوما"), meta="")
    path = _warc(tmp_path / "crawl.warc.gz", [("https://example.org/a", dated, "2019-05-01T10:00:00Z"),
                                               ("https://example.org/b", undated, "2019-05-01T10:00:00Z")])
    out = tmp_path / "out"
    summary = run_batch([path], out, engine="serial", shard_size=1, progress=io.StringIO())
    assert summary.shards == 2 and summary.failures == 0
    got = {r["url"]: r["published"].isoformat() for r in pq.read_table(out / "reports").to_pylist()}
    assert got == {"https://example.org/a": "2018-02-20", "https://example.org/b": "2019-05-01"}
    assert {r["location_name_ar"] for r in _events(out)} == {"حمورية", "دوما"}


@pytest.mark.parametrize("name,content", [("empty.jsonl", b""), ("empty.jsonl.gz", None)])
def test_batch_empty_input_file_is_one_failure_row(tmp_path, corpus, name, content):
    import gzip

    empty = tmp_path / name
    empty.write_bytes(gzip.compress(b"") if content is None else content)
    out = tmp_path / "out"
    summary = run_batch([empty, corpus], out, engine="serial", shard_size=500, progress=io.StringIO())
    failures = pq.read_table(out / "failures").to_pylist()
    empty_rows = [r for r in failures if r["report_id"] == name]
    assert len(empty_rows) == 1
    assert empty_rows[0]["reason"].startswith("empty input")
    assert summary.failures == 4  # the empty file, plus the corpus's three bad records
