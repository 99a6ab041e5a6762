"""Split batch inputs into shards, and read one shard back as RawInputs.

A shard is a small, picklable description (file, kind, where it starts, how
many records) so an engine ships shards, not data, to its workers: every
worker reads its own slice from the (shared) file system.

- JSON Lines (plain or ``.gz``): ``size`` lines a shard; the shard keeps the
  byte offset of its first line in the decompressed stream (a plain file
  seeks there; a gzip stream decompresses forward to it, which costs far
  less than extracting the reports).
- Parquet with a ``text`` or ``html`` column (plus optional ``id``, ``url``,
  ``outlet``, ``published``, ``title``): ``size`` rows a shard.
- WARC / WARC.gz (warcio): ``size`` HTML response records a shard, starting
  at a record offset; the HTML goes through the HTML reader and the
  WARC-Date is the publication date only when the page gives none.

Planning reads each input once; the plan is deterministic, so a rerun over
the same inputs with the same ``size`` gives the same shards (resume relies
on it).
"""
from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

from marsad import defaults
from marsad.ingest.readers import HTML, RawInput, _from_record, parse_published
from marsad.model import Failure

DEFAULT_SHARD_SIZE = 500
_WARC_EXT = (".warc", ".warc.gz", ".arc.gz")
_PARQUET_EXT = (".parquet", ".pq")


@dataclass(frozen=True)
class Shard:
    """One slice of one input file."""

    index: int
    path: str
    kind: str  # "jsonl" | "parquet" | "warc"
    offset: int  # byte offset (jsonl, warc) or first row (parquet)
    count: int  # lines, rows or HTML response records
    first: int = 1  # number of the first line / row / record, for ids and sources

    @property
    def name(self) -> str:
        return f"shard-{self.index:05d}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def input_kind(path: str | Path) -> str:
    """"warc", "parquet" or "jsonl" from a file name (JSON Lines is the default)."""
    lower = str(path).lower()
    if lower.endswith(_WARC_EXT):
        return "warc"
    if lower.endswith(_PARQUET_EXT):
        return "parquet"
    return "jsonl"


def plan_shards(paths: list[str | Path], size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    """The shards of ``paths``, in input order, numbered from 0.

    Raises ``FileNotFoundError`` / ``ValueError`` for an input that cannot be
    planned at all (missing file, Parquet without a text or html column):
    that is a usage error, unlike a bad record, which fails alone later.
    """
    if size < 1:
        raise ValueError("shard size must be at least 1")
    shards: list[Shard] = []
    for path in paths:
        path = str(path)
        if not Path(path).is_file():
            raise FileNotFoundError(f"no such input file: {path}")
        kind = input_kind(path)
        planner = {"jsonl": _plan_jsonl, "parquet": _plan_parquet, "warc": _plan_warc}[kind]
        planned = len(shards)
        for offset, count, first in planner(path, size):
            shards.append(Shard(len(shards), path, kind, offset, count, first))
        if len(shards) == planned:  # an input with no record still gets a shard, to report it
            shards.append(Shard(len(shards), path, kind, 0, 0))
    return shards


def read_shard(shard: Shard) -> Iterator[tuple[RawInput | Failure, date | None]]:
    """The records of one shard as ``(RawInput or Failure, fallback publication date)``.

    The fallback (a WARC record's date) applies only when the page itself
    gives no publication date.
    """
    if shard.count == 0:
        what = {"jsonl": "no lines", "parquet": "no rows", "warc": "no HTML response records"}[shard.kind]
        yield Failure(Path(shard.path).name, "read", f"empty input: {what} in the file", shard.path), None
        return
    try:
        if shard.kind == "warc":
            yield from _read_warc(shard)
        else:
            reader = _read_jsonl if shard.kind == "jsonl" else _read_parquet
            for item in reader(shard):
                yield item, None
    except Exception as exc:  # a corrupt file fails its shard's remaining records, not the batch
        yield Failure(f"{Path(shard.path).name}:{shard.name}", "read",
                      f"cannot read shard: {type(exc).__name__}: {exc}", shard.path), None


def _open(path: str):
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


# JSON Lines ------------------------------------------------------------------


def _plan_jsonl(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    offset = start = lineno = 0
    count = 0
    with _open(path) as stream:
        for line in stream:
            if count == 0:
                start = offset
            lineno += 1
            count += 1
            offset += len(line)
            if count == size:
                yield start, count, lineno - count + 1
                count = 0
    if count:
        yield start, count, lineno - count + 1


def _read_jsonl(shard: Shard) -> Iterator[RawInput | Failure]:
    name = Path(shard.path).name
    limit = defaults.MAX_INPUT_BYTES
    with _open(shard.path) as stream:
        stream.seek(shard.offset)
        for lineno in range(shard.first, shard.first + shard.count):
            line = stream.readline()
            if not line:
                return
            where, fid = f"{shard.path}:line {lineno}", f"{name}:{lineno}"
            if not line.strip():
                continue
            if len(line) > limit:
                yield Failure(fid, "read", f"input too large ({len(line)} bytes > {limit})", where)
                continue
            try:
                record = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield Failure(fid, "read", "line is not UTF-8 text", where)
                continue
            except json.JSONDecodeError as exc:
                yield Failure(fid, "read", f"not valid JSON ({exc.msg})", where)
                continue
            yield _from_record(record, fid, where, None, None)


# Parquet ---------------------------------------------------------------------


def _plan_parquet(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path)
    names = set(meta.schema_arrow.names)
    if not names & {"text", "html"}:
        raise ValueError(f"{path}: Parquet input needs a 'text' or 'html' column (has {sorted(names)})")
    rows = meta.metadata.num_rows
    for start in range(0, rows, size):
        yield start, min(size, rows - start), start + 1


def _read_parquet(shard: Shard) -> Iterator[RawInput | Failure]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(shard.path)
    wanted = [c for c in ("id", "text", "html", "url", "outlet", "published", "title") if c in pf.schema_arrow.names]
    # Read only the row groups that overlap the shard's rows.
    lo, hi = shard.offset, shard.offset + shard.count
    groups, base, first_row = [], 0, None
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if base < hi and base + n > lo:
            groups.append(g)
            first_row = base if first_row is None else first_row
        base += n
    if not groups:
        return
    table = pf.read_row_groups(groups, columns=wanted)
    table = table.slice(lo - first_row, shard.count)
    name = Path(shard.path).name
    for i, record in enumerate(table.to_pylist()):
        row = shard.first + i
        fid = f"{name}:{row}"
        if record.get("id") is None:
            record["id"] = fid  # Parquet without ids: the row names the report
        published = record.get("published")
        if isinstance(published, datetime):
            record["published"] = published.date().isoformat()
        elif isinstance(published, date):
            record["published"] = published.isoformat()
        yield _from_record(record, fid, f"{shard.path}:row {row}", None, None)


# WARC ------------------------------------------------------------------------


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in ctype


def _plan_warc(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    from warcio.archiveiterator import ArchiveIterator

    count = start = seen = 0
    with open(path, "rb") as stream:
        it = ArchiveIterator(stream)
        for record in it:
            if not _is_html_response(record):
                continue
            if count == 0:
                start = it.get_record_offset()
            seen += 1
            count += 1
            if count == size:
                yield start, count, seen - count + 1
                count = 0
    if count:
        yield start, count, seen - count + 1


def warc_date(value: str | None) -> date | None:
    """The day of a WARC-Date (``2018-03-21T10:00:00Z``), or None."""
    if not value:
        return None
    return parse_published(value.replace("Z", "+00:00"), "WARC-Date")


def _read_warc(shard: Shard) -> Iterator[tuple[RawInput | Failure, date | None]]:
    from warcio.archiveiterator import ArchiveIterator

    name = Path(shard.path).name
    done = 0
    with open(shard.path, "rb") as stream:
        stream.seek(shard.offset)
        for record in ArchiveIterator(stream):
            if done == shard.count:
                return
            if not _is_html_response(record):
                continue
            number = shard.first + done
            done += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            rid = record.rec_headers.get_header("WARC-Record-ID") or f"{name}:{number}"
            rid = rid.strip("<>").removeprefix("urn:uuid:")
            body = record.content_stream().read(defaults.MAX_INPUT_BYTES + 1)
            where = f"{shard.path}:record {number}"
            if len(body) > defaults.MAX_INPUT_BYTES:
                yield Failure(rid, "read", "input too large", where), None
                continue
            fallback = warc_date(record.rec_headers.get_header("WARC-Date"))
            yield RawInput(rid, body, HTML, url, None, None, None, where), fallback
