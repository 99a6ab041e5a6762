"""Readers and cleaning: files, JSON Lines and stdin in; clean ``Article``s or ``Failure``s out.

``clean(raw, title) -> (text, title)`` lives in ``marsad.ingest.clean`` and is
not re-exported here: the name would shadow the submodule.
"""
from __future__ import annotations

from marsad.ingest.clean import clean_text, strip_furniture
from marsad.ingest.html import HtmlPage, extract_html
from marsad.ingest.readers import RawInput, decode, parse_published, read_inputs, read_raw, to_article

__all__ = [
    "HtmlPage",
    "RawInput",
    "clean_text",
    "decode",
    "extract_html",
    "parse_published",
    "read_inputs",
    "read_raw",
    "strip_furniture",
    "to_article",
]
