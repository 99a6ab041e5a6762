"""Read reports from files, JSON Lines and stdin into clean ``Article``s.

Reading has two steps, so a batch engine can ship raw inputs to workers:
``read_raw`` turns paths into ``RawInput``s (or ``Failure``s for inputs that
cannot even be read), and ``to_article`` decodes, extracts (HTML), checks the
language and cleans one input. ``read_inputs`` chains them. A bad input
becomes a ``Failure`` with its reason and the batch goes on: nothing here
raises for a bad file or a bad line.

Inputs: plain text (a scraped page), HTML (by extension or sniffed), JSON
Lines ``{id, text | html, url?, outlet?, published?, title?}`` (also
gzipped), a ``.json`` file holding one record or a list, and ``-`` for stdin
(sniffed: JSON Lines, HTML or text).
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import re
import sys
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from marsad import defaults
from marsad.ingest.clean import clean_and_dropped
from marsad.ingest.html import extract_html
from marsad.model import Article, Failure
from marsad.text.language import (
    arabic_share,
    detect_language,
    letter_counts,
    remember_letter_counts,
)

log = logging.getLogger(__name__)

TEXT, HTML = "text", "html"
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_EXT = (".jsonl", ".ndjson")
_TEXT_EXT = (".txt", ".text")
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class RawInput:
    """One input as read, before decoding and cleaning."""

    id: str
    raw: str | bytes
    kind: str  # "text" | "html"
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    source: str = ""  # file name, or "file.jsonl:line 12"


# Public entry points ---------------------------------------------------------


def read_inputs(
    paths: Iterable[str | Path],
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    stdin: IO[Any] | None = None,
) -> Iterator[Article | Failure]:
    """Every report in ``paths`` as a clean ``Article``, or a ``Failure`` saying why not.

    ``published`` and ``outlet`` set the metadata of text and HTML files (the
    user's value wins over the page's); JSON Lines records keep their own and
    take these only where missing. ``"-"`` reads ``stdin`` (default ``sys.stdin``).
    """
    for item in read_raw(paths, published=published, outlet=outlet, stdin=stdin):
        yield item if isinstance(item, Failure) else to_article(item)


def read_raw(
    paths: Iterable[str | Path],
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    stdin: IO[Any] | None = None,
) -> Iterator[RawInput | Failure]:
    """The inputs in ``paths``, undecoded; a ``Failure`` for what cannot be read."""
    when = parse_published(published, "--published")
    for path in paths:
        path = str(path)
        try:
            if path == "-":
                yield from _read_stdin(sys.stdin if stdin is None else stdin, when, outlet)
            else:
                yield from _read_path(Path(path), when, outlet)
        except Exception as exc:  # a reader bug must not stop the batch
            log.exception("reading %s failed", path)
            yield Failure(_file_id(path), "read", f"unexpected error: {type(exc).__name__}: {exc}", path)


def to_article(item: RawInput) -> Article | Failure:
    """Decode, extract (HTML), check the language and clean one input."""
    try:
        return _to_article(item)
    except Exception as exc:  # one bad input must not stop the batch
        log.exception("cleaning %s failed", item.source)
        return Failure(item.id, "clean", f"unexpected error: {type(exc).__name__}: {exc}", item.source)


def parse_published(value: Any, where: str = "published") -> date | None:
    """A date from ``"YYYY-MM-DD"``, an ISO datetime, a ``date`` or ``None``.

    A value that is no date ("2018-13-45", "yesterday") gives ``None`` and a
    logged warning: the report is still worth coding without it.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) <= 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    log.warning("%s: %r is not a date (YYYY-MM-DD or ISO datetime); ignored", where, value)
    return None


# Paths -----------------------------------------------------------------------


def _file_id(name: str) -> str:
    """The file name without its extension(s): "000_28f7.txt" -> "000_28f7"."""
    base = Path(name).name
    if base.lower().endswith(".gz"):
        base = base[:-3]
    stem, dot, _ = base.rpartition(".")
    return stem if dot and stem else base


def _kind_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(_JSONL_EXT):
        return "jsonl"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith(_HTML_EXT):
        return HTML
    if lower.endswith(_TEXT_EXT):
        return TEXT
    return None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _too_large(size: int | None) -> str:
    limit = _mb(defaults.MAX_INPUT_BYTES)
    if size is None:
        return f"input too large (more than {limit} limit)"
    return f"input too large ({_mb(size)} > {limit} limit)"


def _read_path(path: Path, published: date | None, outlet: str | None) -> Iterator[RawInput | Failure]:
    src, fid = str(path), _file_id(str(path))
    try:
        if path.is_dir():
            yield Failure(fid, "read", "is a directory, not a file", src)
            return
        size = path.stat().st_size
    except OSError as exc:
        yield Failure(fid, "read", f"cannot read file: {exc.strerror or exc}", src)
        return
    gz = path.name.lower().endswith(".gz")
    kind = _kind_from_name(path.name)
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as stream:
            if kind is None:
                kind = _sniff(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])  # type: ignore[union-attr]
            if kind == "jsonl":
                yield from _iter_jsonl(stream, path.name, src, published, outlet)
                return
            if not gz and size > defaults.MAX_INPUT_BYTES:
                yield Failure(fid, "read", _too_large(size), src)  # refused before reading
                return
            data = stream.read(defaults.MAX_INPUT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:  # unreadable, or a corrupt .gz
        yield Failure(fid, "read", f"cannot read file: {exc}", src)
        return
    if len(data) > defaults.MAX_INPUT_BYTES:
        yield Failure(fid, "read", _too_large(None if gz else size), src)
        return
    if kind == "json":
        yield from _iter_json(data, path.name, src, published, outlet)
        return
    yield RawInput(fid, data, kind, None, outlet, published, None, src)


# Stdin -----------------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """A binary stream that replays ``head`` and then reads on from ``tail``."""

    def __init__(self, head: bytes, tail: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_stdin(stream: IO[Any], published: date | None, outlet: str | None) -> Iterator[RawInput | Failure]:
    binary = getattr(stream, "buffer", stream)
    head = binary.read(_SNIFF_BYTES)
    if isinstance(head, str):  # a text stream without a buffer (io.StringIO)
        binary = io.BytesIO((head + binary.read()).encode("utf-8"))
        head = binary.read(_SNIFF_BYTES)
    kind = _sniff(head)
    if kind == "jsonl":
        buffered = io.BufferedReader(_Prefixed(head, binary))
        yield from _iter_jsonl(buffered, "stdin", "-", published, outlet)
        return
    data = head + binary.read(defaults.MAX_INPUT_BYTES + 1 - len(head))
    if len(data) > defaults.MAX_INPUT_BYTES:
        yield Failure("stdin", "read", _too_large(None), "-")
        return
    yield RawInput("stdin", data, kind, None, outlet, published, None, "-")


# JSON Lines ------------------------------------------------------------------


def _iter_jsonl(
    stream: IO[bytes], name: str, src: str, published: date | None, outlet: str | None
) -> Iterator[RawInput | Failure]:
    """One RawInput or Failure per non-blank line; a line longer than the
    input limit is refused without holding it in memory."""
    limit = defaults.MAX_INPUT_BYTES
    lineno = records = 0
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                if not records:
                    yield Failure(_file_id(name), "read", "empty input", src)
                return
            lineno += 1
            where = f"{src}:line {lineno}"
            if len(line) > limit:
                size = len(line)
                while not line.endswith(b"\n"):  # skip the rest of the line
                    line = stream.readline(1 << 20)
                    if not line:
                        break
                    size += len(line)
                records += 1
                yield Failure(f"{name}:{lineno}", "read", _too_large(size), where)
                continue
            if not line.strip():
                continue
            records += 1
            try:
                record = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield Failure(f"{name}:{lineno}", "read", "line is not UTF-8 text", where)
                continue
            except json.JSONDecodeError as exc:
                yield Failure(f"{name}:{lineno}", "read", f"not valid JSON ({exc.msg})", where)
                continue
            yield _from_record(record, f"{name}:{lineno}", where, published, outlet)
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt .gz
        yield Failure(f"{name}:{lineno + 1}", "read", f"cannot read the rest of the file: {exc}", src)


def _iter_json(
    data: bytes, name: str, src: str, published: date | None, outlet: str | None
) -> Iterator[RawInput | Failure]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield Failure(_file_id(name), "read", f"not valid JSON ({getattr(exc, 'msg', exc)})", src)
        return
    records = doc if isinstance(doc, list) else [doc]
    for i, record in enumerate(records, 1):
        yield _from_record(record, f"{name}:{i}", f"{src}:item {i}", published, outlet)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _from_record(
    record: Any, fallback_id: str, where: str, published: date | None, outlet: str | None
) -> RawInput | Failure:
    """A JSON record as a RawInput; a Failure when it is no usable record."""
    if not isinstance(record, dict):
        return Failure(fallback_id, "read", "not a JSON object", where)
    rid = _opt_str(record.get("id"))
    if rid is None:
        return Failure(fallback_id, "read", "missing id", where)
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        return Failure(rid, "read", "neither text nor html", where)
    for field, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return Failure(rid, "read", f"{field} is not a string", where)
    kind, raw = (TEXT, text) if text else (HTML, html) if html else (TEXT, text or "")
    return RawInput(
        id=rid,
        raw=raw,
        kind=kind,
        url=_opt_str(record.get("url")),
        outlet=_opt_str(record.get("outlet")) or outlet,
        published=parse_published(record.get("published"), where) or published,
        title=_opt_str(record.get("title")),
        source=where,
    )


# Sniffing and decoding -------------------------------------------------------

_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section)\b",
    re.I | re.S,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _sniff(head: bytes) -> str:
    """"jsonl", "html" or "text" from the first bytes of an input."""
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_START.match(stripped) or b"<html" in head[:1024].lower():
        return HTML
    return TEXT


# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL = bytes(i for i in range(32) if i not in (9, 10, 11, 12, 13, 27))
_MAGIC = (b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
# More than 1% control characters is no text (text files have none; a few
# stray ones in a scraped page are tolerated).
_MAX_CONTROL_SHARE = 0.01


def _is_binary(data: bytes | str) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if isinstance(sample, bytes):
        if sample.startswith(_MAGIC) and not sample.startswith(_BOMS):
            return True
        data = sample
    else:
        # In UTF-8 a control character is its own byte and no other character
        # holds a byte below 0x80: counting bytes counts the characters, and
        # bytes.translate counts them all in one pass.
        data = sample.encode("utf-8", "surrogatepass")
    controls = len(data) - len(data.translate(None, _CONTROL))
    return controls > _MAX_CONTROL_SHARE * len(sample)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def decode(data: bytes, html: bool = False) -> str:
    """Text from bytes: a BOM's encoding, else UTF-8, else the page's declared
    charset (HTML), else windows-1256 (the Arabic Windows code page)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                return data.decode(m.group(1).decode("ascii"), errors="replace")
            except (LookupError, UnicodeDecodeError):
                pass
    return data.decode("cp1256", errors="replace")


# One input -------------------------------------------------------------------


def _to_article(item: RawInput) -> Article | Failure:
    def fail(stage: str, reason: str) -> Failure:
        return Failure(item.id, stage, reason, item.source or None)

    raw = item.raw
    if isinstance(raw, bytes) and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw = decode(raw)  # UTF-16 is all NULs to a byte count: judge it decoded
    if not raw or not raw.strip():
        return fail("read", "empty input")
    if _is_binary(raw):
        return fail("read", "binary input (not text)")
    text = decode(raw, html=item.kind == HTML) if isinstance(raw, bytes) else raw
    kind = item.kind
    title, url, published, outlet = item.title, item.url, item.published, item.outlet
    body = text
    if kind == HTML:
        page = extract_html(text, url)
        if not page.text:
            return fail("clean", "no main text found in HTML")
        body = page.text
        title = title or page.title
        url = url or page.url
        published = published or page.published
        outlet = outlet or page.sitename
    # Language on the whole page: menus and quotes in Latin script do not
    # tip an Arabic page, a page of English does not pass for Arabic.
    arabic, letters = letter_counts(body)
    if (
        letters >= defaults.MIN_ARABIC_LETTERS
        and arabic < defaults.MIN_ARABIC_LETTER_SHARE * letters
        and detect_language(body) != "ar"
    ):
        return fail("clean", f"not Arabic ({arabic_share(body):.0%} Arabic letters)")
    clean_text, title, dropped = clean_and_dropped(body, title)
    # Cleaning drops lines and a tail and fixes whitespace (no letters): the
    # clean text's letters are the page's less the dropped ones, a count of
    # what is most often a few lines instead of the whole text again.
    # language.py keeps them for extract's language check.
    dropped_arabic, dropped_letters = letter_counts(dropped)
    remember_letter_counts(clean_text, (arabic - dropped_arabic, letters - dropped_letters))
    if arabic - dropped_arabic < defaults.MIN_ARABIC_LETTERS:
        return fail("clean", "no article text after cleaning")
    return Article(
        id=item.id,
        text=clean_text,
        raw=text,
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        language="ar",
    )
