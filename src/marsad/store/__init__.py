"""marsad's event database: one SQLite file (``Store``), its schema and its queries.

    from marsad.store import Store, Query
    with Store("marsad.db") as store:
        store.add(document)                     # one transaction per report
        for incident in store.incidents(Query(country="SY")):
            ...

The schema and its migrations are in ``schema``; the writer in ``sqlite``;
filters, counts and the consistency check in ``query``.
"""
from __future__ import annotations

from .query import Query
from .schema import VERSION as SCHEMA_VERSION
from .schema import SchemaTooNew, fts_query, index_text
from .sqlite import Added, Store, connect, text_sha256

__all__ = [
           "SCHEMA_VERSION",
           "Added",
           "Query",
           "SchemaTooNew",
           "Store",
           "connect",
           "fts_query",
           "index_text",
           "text_sha256",
]
