"""Throughput and latency of `marsad serve` on a database of at least 100,000 events.

    python benchmarks/api.py [--db PATH] [--events 100000] [--clients 8] [--seconds 15]

1. Builds the database (or reuses --db when it already holds enough events):
   synthetic documents shaped like the codebook's (real gazetteer places in
   Syria, Iraq and Yemen, registry actors, day- and week-level dates over six
   years, casualty claims), written through the real ``Store.add``, so
   incidents, near-duplicate sketches and the search index are exactly what an
   ingest makes; about a third of the events retell an earlier event from
   another outlet and join its incident.
2. Starts ``marsad serve`` in a subprocess (uvicorn, one process) on a free port.
3. From a second process, one client thread (latency alone) and then
   ``--clients`` threads (throughput under load) each keep one request in
   flight for ``--seconds``, after a 2 s warm-up; every latency is recorded.
   Printed per run: requests/s, p50/p95/p99 latency, errors, response size.

Scenarios: (a) a filtered page of events (dates, country, type, governorate;
the governorate rotates), (b) the incidents GeoJSON the dashboard map loads
(5,000 markers), (c) the same GeoJSON filtered to one year. The default run
takes about 4 minutes on a 2-core machine, 2.5 of them building the database
(``--db PATH`` keeps it for the next run: then about 1.5 minutes).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from marsad.model import (
    EVENT_TYPES,
    Actor,
    Article,
    Claim,
    DateValue,
    Document,
    Event,
    Fatalities,
    Location,
    Span,
)
from marsad.store import Store, text_sha256

START, DAYS = date(2014, 1, 1), 6 * 365
OUTLETS = ["شبكة شام", "المرصد السوري", "عنب بلدي", "سمارت", "أورينت", "زمان الوصل", "السومرية", "المصدر أونلاين"]
WORDS = ["قصف", "غارات", "اشتباكات", "انفجار", "مدنيين", "قتلى", "جرحى", "الطيران", "قوات", "فصائل", "ريف", "مدينة",
         "بلدة", "حي", "صباح", "مساء", "أمس", "اليوم", "مصادر", "محلية", "ناشطون", "الدفاع", "المدني", "عبوة"]


def _places():
    from marsad.knowledge import load_gazetteer

    gazetteer = load_gazetteer()  # towns without a parent place: two of them are one place only by id or name
    return [e for e in gazetteer.entries if e.country in ("SY", "IQ", "YE")
            and e.feature in ("city", "town") and e.admin1 and gazetteer.parent(e.id) is None]


def _actors():
    from marsad.knowledge import load_actors

    return [e for e in load_actors().entries if e.country in ("SY", "IQ", "YE", "RU", "IR", "TR", "US")]


class Synth:
    """Codebook-shaped documents, deterministic in the seed."""

    def __init__(self, seed: int = 5) -> None:
        self.rnd = random.Random(seed)
        self.places, self.actors = _places(), _actors()
        self.types = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
        self.told: list[tuple] = []  # events other outlets may retell

    def _event(self, rid: str, n: int, text: str) -> Event:
        r = self.rnd
        if self.told and r.random() < 0.35:
            etype, sub, place, day, precision, a1 = r.choice(self.told)  # another outlet's telling
        else:
            etype, sub = r.choice(self.types[:6]) if r.random() < 0.7 else r.choice(self.types)
            place, day = r.choice(self.places), START + timedelta(days=r.randrange(DAYS))
            precision, a1 = ("day" if r.random() < 0.85 else "week"), r.choice(self.actors)
            self.told.append((etype, sub, place, day, precision, a1))
            if len(self.told) > 5000:
                self.told.pop(r.randrange(len(self.told)))
        a2 = r.choice(self.actors) if r.random() < 0.6 else None
        killed = r.choice([0, 0, 1, 2, 3, 5, 8, 12, 20])
        claims = (Claim(killed, "exact", r.choice(OUTLETS), f"مقتل {killed}"),) if killed else ()
        loc = Location(place.name, place.name_ar, place.country, place.admin1, place.admin2, place.lat, place.lon,
                       1 if r.random() < 0.9 else 2, place.id, place.name_ar)
        return Event(
            id=f"{rid}:{n}", event_type=etype, sub_event_type=sub, reported=r.random() < 0.9,
            date=DateValue(day, day, precision, "أمس"), location=loc,
            actor1=Actor.from_entry(a1, a1.name_ar), actor2=Actor.from_entry(a2, a2.name_ar) if a2 else None,
            fatalities=Fatalities(killed, killed, killed, claims), claimants=tuple(c.claimant for c in claims),
            evidence=(Span(0, min(len(text), 60), text[:60]),), confidence=round(r.uniform(0.3, 0.95), 2))

    def document(self, i: int, per_doc: int) -> Document:
        r = self.rnd
        text = " ".join(r.choice(WORDS) for _ in range(r.randint(40, 90))) + f" تقرير {i}"
        rid = f"bench-{i:07d}"
        events = tuple(self._event(rid, n, text) for n in range(per_doc))
        published = max((e.date.start for e in events), default=START) + timedelta(days=1)
        return Document(Article(id=rid, text=text, url=f"https://bench.example/{i}", outlet=r.choice(OUTLETS),
                                title=f"تقرير {i}", published=published), events)


def build(db: str, events: int, per_doc: int) -> float:
    """Fill ``db`` with synthetic reports until it holds ``events`` events; returns seconds taken.

    Reports, events, claims and search entries go in by bulk SQL with the store's own
    row builders (``Store.add`` takes ~3 ms an event: 5 minutes for 100,000). Incidents
    are then made exactly as the store defines them: ``dedup.partition`` (the store's
    reference) within each (type, place) bucket (compatible events always name one
    place; the synthetic places have no parent places), and ``Store._refresh`` writes
    every incident's canonical fields. ``Store.check`` must find nothing wrong after.
    """
    from marsad.dedup import EventRecord, partition
    from marsad.store.schema import fts_entry
    from marsad.store.sqlite import _INSERT_EVENT, _event_row
    from marsad.text.normalise import fold

    synth, started = Synth(), time.perf_counter()
    with Store(db) as store:
        have, i = store.stats()["events"], 0
        if have >= events:
            return 0.0
        if have:
            raise SystemExit(f"{db} holds {have:,} events, fewer than {events:,}: give a new file")
        buckets: dict[tuple[str, str], list[tuple[int, EventRecord]]] = {}
        store.db.execute("BEGIN IMMEDIATE")
        while have < events:
            doc = synth.document(i, per_doc)
            art = doc.article
            key = store.db.execute(
                "INSERT INTO reports (id, url, outlet, title, published, language, text, text_sha256, n_events, "
                "stored_at, updated_at) VALUES (?, ?, ?, ?, ?, 'ar', ?, ?, ?, datetime('now'), datetime('now'))",
                (art.id, art.url, art.outlet, art.title, art.published.isoformat(), art.text,
                 text_sha256(art.text), len(doc.events))).lastrowid
            store.db.execute("INSERT INTO reports_fts (rowid, title, body) VALUES (?, ?, ?)",
                             (key, *fts_entry(art.title, art.text)))
            for n, event in enumerate(doc.events):
                ev = event.to_json()
                row = _event_row(ev)
                row.update(report_key=key, ordinal=n)
                ek = store.db.execute(_INSERT_EVENT, row).lastrowid
                store.db.executemany(
                    "INSERT INTO claims (event_key, ordinal, kind, count, qualifier, claimant, text) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(ek, j, c["kind"], c["count"], c["qualifier"], c["claimant"], c["text"])
                     for j, c in enumerate(ev["claims"])])
                rec = EventRecord.from_json(ev, art.id, art.outlet, art.published)
                buckets.setdefault((ev["event_type"], fold(ev["location"]["name"])), []).append((ek, rec))
            have += len(doc.events)
            i += 1
            if i % 5000 == 0:
                print(f"  {have:,} events", file=sys.stderr, flush=True)
        print(f"  linking incidents ({time.perf_counter() - started:.0f}s)", file=sys.stderr, flush=True)
        new = []
        for members in buckets.values():
            key_of = {rec.id: ek for ek, rec in members}
            for group in partition([rec for _, rec in members]):
                new.append(store._new_incident(key_of[r.id] for r in group))
        store._refresh(new)
        store.db.execute("COMMIT")
        store.checkpoint()
    return time.perf_counter() - started


# Load ------------------------------------------------------------------------------------


def _client_process(base: str, paths: list[str], clients: int, warmup: float, seconds: float, out) -> None:
    """A second process: ``clients`` threads, each with one request in flight at a time."""
    import httpx

    latencies: list[float] = []
    errors, sizes = [0], []
    lock = threading.Lock()
    begin = time.perf_counter() + warmup
    end = begin + seconds

    def worker(k: int) -> None:
        mine, bad, n = [], 0, k
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                t0 = time.perf_counter()
                if t0 >= end:
                    break
                r = http.get(paths[n % len(paths)])
                t1 = time.perf_counter()
                n += clients
                if t0 >= begin:
                    mine.append(t1 - t0)
                    bad += r.status_code != 200
                    if len(sizes) < 50:
                        sizes.append(len(r.content))
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((latencies, errors[0], statistics.median(sizes) if sizes else 0, seconds))


def measure(base: str, paths: list[str], clients: int, seconds: float, warmup: float = 2.0) -> dict:
    out = mp.get_context("spawn").Queue()
    proc = mp.get_context("spawn").Process(target=_client_process,
                                           args=(base, paths, clients, warmup, seconds, out))
    proc.start()
    latencies, errors, size, secs = out.get(timeout=warmup + seconds + 120)
    proc.join()
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {"n": len(lat), "rps": len(lat) / secs, "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99),
            "errors": errors, "bytes": size}


def serve(db: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", "0",
                             "--log-level", "warning"], stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stderr], daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            m = re.search(r"API (http://[^ ]+)/api/", lines.get(timeout=1))
        except queue.Empty:
            continue
        if m:
            return proc, m.group(1)
    proc.kill()
    raise SystemExit("marsad serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database to use; filled up to --events if it holds fewer "
                                     "(default: a temporary one, removed at the end)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-doc", type=int, default=4, help="events per synthetic report")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        print(f"database {db}: filling to {args.events:,} events ...", file=sys.stderr)
        secs = build(db, args.events, args.per_doc)
        with Store(db) as store:
            stats = store.stats()
            assert store.check() == [], "the database is not consistent"
            admin1 = [a for (a,) in store.db.execute(
                "SELECT admin1 FROM events WHERE country = 'SY' GROUP BY admin1 ORDER BY count(*) DESC LIMIT 8")]
        print(f"built in {secs:.0f}s: {stats['reports']:,} reports, {stats['events']:,} events, "
              f"{stats['incidents']:,} incidents ({stats['incidents_multi_report']:,} from more than one report), "
              f"{stats.get('bytes', 0) / 1e6:.0f} MB")
        scenarios = {
            "events, filtered page (100)": [
                f"/api/events?since=2016-01-01&until=2017-12-31&country=SY&type=Explosions/Remote%20violence"
                f"&admin1={a.replace(' ', '%20')}&limit=100" for a in admin1],
            "incidents.geojson (5,000 markers)": ["/api/incidents.geojson?limit=5000"],
            "incidents.geojson, one year": ["/api/incidents.geojson?since=2017-01-01&until=2017-12-31&limit=5000"],
        }
        proc, base = serve(db)
        try:
            print(f"server {base} (pid {proc.pid}); clients in a second process; {args.seconds:.0f}s per run; "
                  f"CPUs: {os.cpu_count()}")
            print(f"{'scenario':36s} {'clients':>7s} {'req/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} "
                  f"{'errors':>7s} {'KB':>6s}")
            for name, paths in scenarios.items():
                for clients in (1, args.clients):  # latency alone, then throughput under load
                    m = measure(base, paths, clients, args.seconds)
                    print(f"{name:36s} {clients:7d} {m['rps']:8.1f} {m['p50']:8.1f} {m['p95']:8.1f} "
                          f"{m['p99']:8.1f} {m['errors']:7d} {m['bytes'] / 1024:6.0f}", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
