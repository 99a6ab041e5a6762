"""Run the extract over shards, serially, on a process pool or on Dask.

The unit of work is ``do_shard(shard, out)``: read the shard, extract every
report (``process_shard``, pure), write its Parquet files and finally its
``_done`` marker. Every file is written to a hidden temporary name and
renamed into place, and the marker is renamed last, so a shard either is
done (marker present, all files complete) or will be redone whole: a
killed batch run again skips done shards and never duplicates rows.

Layout of ``out``::

    events/month=YYYY-MM/shard-00000.parquet    one row per event
    reports/month=YYYY-MM/shard-00000.parquet   one row per coded report
    failures/shard-00000.parquet                one row per failed report
    _done/shard-00000                           JSON stats of the shard
    _plan.json                                  the shards (a rerun must match)

``month`` is the report's publication month ("unknown" without one). Files
and directories starting with "_" or "." are ignored by pyarrow.dataset, so
``pyarrow.parquet.read_table(out / "events")`` reads the events with
``month`` as a column.
"""
from __future__ import annotations

import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.batch.shards import DEFAULT_SHARD_SIZE, Shard, plan_shards, read_shard
from marsad.ingest.readers import RawInput, to_article
from marsad.model import Article, Document, Failure
from marsad.pipeline import extract_many

ENGINES = ("serial", "local", "dask")
UNKNOWN_MONTH = "unknown"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_ACTOR_FIELDS = [("name", pa.string()), ("name_ar", pa.string()), ("kind", pa.string()),
                 ("country", pa.string()), ("text", pa.string())]
EVENT_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("report_id", pa.string()), ("event_type", pa.string()),
     ("sub_event_type", pa.string()), ("reported", pa.bool_()), ("date_start", pa.date32()),
     ("date_end", pa.date32()), ("date_precision", pa.string()), ("date_text", pa.string()),
     ("location_name", pa.string()), ("location_name_ar", pa.string()), ("country", pa.string()),
     ("admin1", pa.string()), ("admin2", pa.string()), ("latitude", pa.float64()),
     ("longitude", pa.float64()), ("geo_precision", pa.int8()), ("gazetteer_id", pa.string()),
     ("location_text", pa.string())]
    + [(f"actor1_{n}", t) for n, t in _ACTOR_FIELDS]
    + [(f"actor2_{n}", t) for n, t in _ACTOR_FIELDS]
    + [("assoc_actor1", pa.string()), ("assoc_actor2", pa.string()),  # JSON lists
       ("fatalities_best", pa.int64()), ("fatalities_low", pa.int64()), ("fatalities_high", pa.int64()),
       ("claims", pa.string()), ("claimants", pa.list_(pa.string())), ("evidence", pa.string()),
       ("tags", pa.list_(pa.string())), ("confidence", pa.float64()), ("notes", pa.string())]
)
REPORT_SCHEMA = pa.schema(
    [("report_id", pa.string()), ("url", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
     ("published", pa.date32()), ("language", pa.string()), ("text", pa.string()),
     ("n_events", pa.int32()), ("unresolved_places", pa.string()), ("shard", pa.int32())]
)
FAILURE_SCHEMA = pa.schema(
    [("report_id", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
     ("source", pa.string()), ("shard", pa.int32())]
)


# Rows ------------------------------------------------------------------------


def month_of(article: Article) -> str:
    """The partition of a report: its publication month, or "unknown"."""
    return article.published.strftime("%Y-%m") if article.published else UNKNOWN_MONTH


def event_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat row per event of ``doc`` (codebook fields; lists as JSON text)."""
    rows = []
    for ev in doc.events:
        j = ev.to_json()
        loc, a1, a2 = j["location"], j["actor1"], j["actor2"] or {}
        row = {
            "event_id": ev.id, "report_id": doc.article.id, "event_type": ev.event_type,
            "sub_event_type": ev.sub_event_type, "reported": ev.reported,
            "date_start": ev.date.start, "date_end": ev.date.end,
            "date_precision": ev.date.precision, "date_text": ev.date.text,
            "location_name": loc["name"], "location_name_ar": loc["name_ar"], "country": loc["country"],
            "admin1": loc["admin1"], "admin2": loc["admin2"], "latitude": loc["lat"], "longitude": loc["lon"],
            "geo_precision": loc["precision"], "gazetteer_id": loc["gazetteer_id"], "location_text": loc["text"],
            "assoc_actor1": _json(j["assoc_actor1"]), "assoc_actor2": _json(j["assoc_actor2"]),
            "fatalities_best": ev.fatalities.best, "fatalities_low": ev.fatalities.low,
            "fatalities_high": ev.fatalities.high, "claims": _json(j["claims"]),
            "claimants": j["claimants"], "evidence": _json(j["evidence"]), "tags": j["tags"],
            "confidence": j["confidence"], "notes": ev.notes,
        }
        for prefix, actor in (("actor1", a1), ("actor2", a2)):
            for name, _ in _ACTOR_FIELDS:
                row[f"{prefix}_{name}"] = actor.get(name)
        rows.append(row)
    return rows


def report_row(doc: Document, shard: int) -> dict[str, Any]:
    a = doc.article
    return {
        "report_id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title, "published": a.published,
        "language": a.language, "text": a.text, "n_events": len(doc.events),
        "unresolved_places": _json([u.to_json() for u in doc.unresolved]), "shard": shard,
    }


def failure_row(failure: Failure, shard: int) -> dict[str, Any]:
    return {"report_id": failure.id, "stage": failure.stage, "reason": failure.reason,
            "source": failure.source, "shard": shard}


@dataclass
class ShardRows:
    """What one shard gives: rows by month, and failures."""

    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    reports: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)


def shard_articles(shard: Shard) -> Iterator[Article | Failure]:
    """The shard's reports as clean Articles (WARC dates filled in) or Failures."""
    for item, fallback in read_shard(shard):
        if isinstance(item, RawInput):
            item = to_article(item)
        if isinstance(item, Article) and item.published is None and fallback is not None:
            item = replace(item, published=fallback)
        yield item


def process_shard(shard: Shard) -> ShardRows:
    """Read and extract one shard (pure: no files written)."""
    rows = ShardRows()
    for doc in extract_many(shard_articles(shard)):
        if isinstance(doc, Failure):
            rows.failures.append(failure_row(doc, shard.index))
            continue
        month = month_of(doc.article)
        rows.reports.setdefault(month, []).append(report_row(doc, shard.index))
        rows.events.setdefault(month, []).extend(event_rows(doc))
    return rows


# Files -----------------------------------------------------------------------


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _clear_shard(out: Path, name: str) -> None:
    """Remove what a killed run left of this shard (files of an unfinished shard)."""
    for pattern in (f"events/*/{name}.parquet", f"reports/*/{name}.parquet", f"failures/{name}.parquet",
                    f"events/*/.{name}.parquet.tmp-*", f"reports/*/.{name}.parquet.tmp-*",
                    f"failures/.{name}.parquet.tmp-*", f"_done/.{name}.tmp-*"):
        for stale in out.glob(pattern):
            stale.unlink(missing_ok=True)


def write_shard(out: Path, shard: Shard, rows: ShardRows, stats: dict[str, Any]) -> None:
    """Write a shard's files, then its ``_done`` marker last."""
    _clear_shard(out, shard.name)
    for kind, by_month, schema in (("events", rows.events, EVENT_SCHEMA), ("reports", rows.reports, REPORT_SCHEMA)):
        for month, items in sorted(by_month.items()):
            if items:
                _write_atomic(pa.Table.from_pylist(items, schema=schema),
                              out / kind / f"month={month}" / f"{shard.name}.parquet")
    if rows.failures:
        _write_atomic(pa.Table.from_pylist(rows.failures, schema=FAILURE_SCHEMA),
                      out / "failures" / f"{shard.name}.parquet")
    marker = out / "_done" / shard.name
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_name(f".{shard.name}.tmp-{os.getpid()}")
    tmp.write_text(_json(stats), "utf-8")
    os.replace(tmp, marker)


def do_shard(shard: Shard, out: str) -> dict[str, Any]:
    """The task an engine runs: extract one shard and write it. Returns its stats."""
    t0 = time.perf_counter()
    rows = process_shard(shard)
    stats = {
        "shard": shard.index,
        "reports": sum(len(v) for v in rows.reports.values()),
        "events": sum(len(v) for v in rows.events.values()),
        "failures": len(rows.failures),
        "seconds": round(time.perf_counter() - t0, 3),
    }
    write_shard(Path(out), shard, rows, stats)
    return stats


def done_shards(out: Path) -> set[str]:
    """Names of the shards a previous run finished."""
    d = out / "_done"
    return {p.name for p in d.iterdir() if not p.name.startswith(".")} if d.is_dir() else set()


# Engines -----------------------------------------------------------------------


@dataclass
class Summary:
    """What a batch did (this run, and shards skipped as already done)."""

    shards: int = 0
    skipped: int = 0
    reports: int = 0
    events: int = 0
    failures: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.reports / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"shards": self.shards, "skipped": self.skipped, "reports": self.reports, "events": self.events,
                "failures": self.failures, "seconds": round(self.seconds, 2), "reports_per_s": round(self.rate, 1)}


def _serial(todo: list[Shard], out: str, workers: int, scheduler: str | None) -> Iterator[dict[str, Any]]:
    for shard in todo:
        yield do_shard(shard, out)


def _local(todo: list[Shard], out: str, workers: int, scheduler: str | None) -> Iterator[dict[str, Any]]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(do_shard, shard, out) for shard in todo]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def _dask(todo: list[Shard], out: str, workers: int, scheduler: str | None) -> Iterator[dict[str, Any]]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # Processes, one thread each: the extract is pure Python and holds the GIL.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    run = uuid.uuid4().hex[:12]  # keys unique per run: a shared scheduler must not reuse old results
    try:
        futures = [client.submit(do_shard, shard, out, key=f"marsad-{run}-{shard.name}") for shard in todo]
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


_ENGINES = {"serial": _serial, "local": _local, "dask": _dask}


def _check_plan(out: Path, shards: list[Shard]) -> None:
    """Write the plan, or check a previous run's plan is the same batch."""
    plan = out / "_plan.json"
    current = [s.to_json() for s in shards]
    if plan.exists():
        previous = json.loads(plan.read_text("utf-8"))
        if previous != current:
            raise ValueError(f"{out} holds the output of a different batch (other inputs or shard size); "
                             "use a new --out directory")
        return
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f"._plan.json.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(current, indent=1), "utf-8")
    os.replace(tmp, plan)


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    engine: str = "serial",
    workers: int = 1,
    scheduler: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    progress: IO[str] | None = None,
) -> Summary:
    """Extract every report of ``inputs`` into Parquet under ``out``.

    Shards already done in ``out`` (a killed earlier run) are skipped.
    ``engine`` is "serial", "local" (a process pool of ``workers``) or "dask"
    (a LocalCluster of ``workers`` processes, or the cluster at
    ``scheduler``). Progress goes to ``progress`` (default stderr).
    ``Summary.reports`` counts every input report, coded or failed.
    """
    if engine not in _ENGINES:
        raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    stream = sys.stderr if progress is None else progress
    out = Path(out)
    shards = plan_shards([str(p) for p in inputs], shard_size)
    _check_plan(out, shards)
    done = done_shards(out)
    todo = [s for s in shards if s.name not in done]
    summary = Summary(shards=len(shards), skipped=len(shards) - len(todo))
    if summary.skipped:
        print(f"marsad batch: {summary.skipped} of {len(shards)} shards already done, skipped", file=stream)
    t0 = time.perf_counter()
    finished = summary.skipped
    for stats in _ENGINES[engine](todo, str(out), workers, scheduler):
        finished += 1
        summary.reports += stats["reports"] + stats["failures"]
        summary.events += stats["events"]
        summary.failures += stats["failures"]
        summary.seconds = time.perf_counter() - t0
        print(f"marsad batch: shards {finished}/{len(shards)}, reports {summary.reports} "
              f"({summary.rate:.1f}/s), events {summary.events}, failures {summary.failures}",
              file=stream, flush=True)
    summary.seconds = time.perf_counter() - t0
    return summary
