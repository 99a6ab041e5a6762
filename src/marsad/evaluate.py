"""Scoring predicted events against hand-coded gold, as CODEBOOK section 9 says.

Matching, per report. A predicted event can match a gold event when the
``event_type`` is equal, both places have coordinates and lie within 10 km
(haversine), and the date ranges ``[start, end]`` overlap — a side whose
``start`` is null satisfies the date condition. Predictions are matched
against *all* gold events of the report, reported and background, one to one,
by an optimal assignment that maximises, in this order: matches to reported
gold events, matches overall, closeness (distance at 0.1 km resolution),
then agreement on the scored fields (so identical candidates pair up sensibly).

Counting:
- TP: a prediction matched to a gold event with ``reported: true``.
- A prediction matched to a gold *background* event is ignored: neither TP nor
  FP (the codebook does not punish a correct background event).
- FP: every unmatched prediction, whatever its own ``reported`` flag — a
  prediction the gold does not hold is wrong whether it was offered as news or
  as background. So in a report with no gold event every prediction is an FP;
  in a report whose gold holds only background events, a prediction matching
  one of those is still ignored, the others are FPs.
- FN: every unmatched gold event with ``reported: true``.
Precision, recall and F1 are micro-averaged over all reports. Over TP pairs,
field accuracies: ``sub_event_type``; ``actor1`` and ``actor2`` (same actor when
the predicted name equals the gold name or a gold alias, or the gold name
equals a predicted alias, compared after ``fold``; both null is right, one null
wrong); place within 3 km; exact date (start and end equal, both unknown equal);
predicted ``fatalities.best`` inside the gold ``[low, high]`` (pairs whose gold
has no fatalities are skipped for that field).
"""
from __future__ import annotations

import gzip
import json
import math
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from marsad.text.normalise import fold

MATCH_KM = 10.0  # CODEBOOK 9: places within 10 km can be one event
PLACE_KM = 3.0  # CODEBOOK 9: "place within 3 km" counts the place as right
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
FIELDS = ("sub_event_type", "actor1", "actor2", "place", "date", "fatalities")


@dataclass(frozen=True)
class FieldScore:
    """How many of ``n`` scored pairs got one field right."""

    right: int
    n: int

    @property
    def accuracy(self) -> float | None:
        """right / n, or None when no pair could be scored."""
        return self.right / self.n if self.n else None


@dataclass(frozen=True)
class EventBrief:
    """What an engineer needs to recognise an event in a list, and why it went unmatched."""

    event_type: str
    sub_event_type: str
    place: str
    date: str
    actor1: str
    reported: bool
    why: str = ""

    def __str__(self) -> str:
        bg = "" if self.reported else " [background]"
        why = f"  — {self.why}" if self.why else ""
        return (f"{self.event_type} / {self.sub_event_type} @ {self.place}, {self.date}, "
                f"actor1 {self.actor1}{bg}{why}")


@dataclass(frozen=True)
class PairResult:
    """A TP pair and the fields the prediction got wrong (each 'field: gold … / predicted …')."""

    gold: EventBrief
    predicted: EventBrief
    distance_km: float
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportResult:
    """The score of one report. ``gold`` counts reported gold events only."""

    id: str
    gold: int
    background: int
    predicted: int
    tp: int
    fp: int
    fn: int
    ignored: int  # predictions matched to gold background events
    missed: tuple[EventBrief, ...] = ()
    false: tuple[EventBrief, ...] = ()
    matched: tuple[PairResult, ...] = ()


@dataclass(frozen=True)
class EvalReport:
    """Event P/R/F1, field accuracies over TP pairs, and every report's details."""

    tp: int
    fp: int
    fn: int
    ignored: int
    precision: float
    recall: float
    f1: float
    fields: dict[str, FieldScore]
    no_event_reports: int  # reports whose gold has no reported event
    no_event_reports_with_fp: int  # … of which the prediction holds a false event
    reports: tuple[ReportResult, ...] = ()
    unscored: tuple[str, ...] = field(default=())  # predicted ids absent from gold

    @property
    def no_event_fp_rate(self) -> float | None:
        """Share of no-event reports given at least one false event (None if there are none)."""
        n = self.no_event_reports
        return self.no_event_reports_with_fp / n if n else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole report (field accuracies included)."""
        out = asdict(self)
        for name, score in self.fields.items():
            out["fields"][name]["accuracy"] = score.accuracy
        out["no_event_fp_rate"] = self.no_event_fp_rate
        return out


class _Ev(NamedTuple):
    """An event dict, read once into what matching needs."""

    raw: dict[str, Any]
    event_type: str | None
    coords: tuple[float, float] | None
    span: tuple[date, date] | None  # None: start unknown
    reported: bool


def _parse_date(value: Any) -> date | None:
    # Unparsable dates count as unknown: the schema, not the scorer, polices format.
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _read(ev: dict[str, Any]) -> _Ev:
    loc = ev.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    coords = (float(lat), float(lon)) if lat is not None and lon is not None else None
    d = ev.get("date") or {}
    start = _parse_date(d.get("start"))
    end = _parse_date(d.get("end")) or start
    span = (start, end) if start else None
    return _Ev(ev, ev.get("event_type"), coords, span, bool(ev.get("reported", True)))


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _dates_overlap(p: _Ev, g: _Ev) -> bool:
    if p.span is None or g.span is None:
        return True
    return p.span[0] <= g.span[1] and g.span[0] <= p.span[1]


def _compatible(p: _Ev, g: _Ev) -> float | None:
    """The distance in km when ``p`` may match ``g``, else None."""
    if p.event_type != g.event_type or p.coords is None or g.coords is None:
        return None
    d = haversine_km(p.coords, g.coords)
    if d > MATCH_KM or not _dates_overlap(p, g):
        return None
    return d


# Field comparison --------------------------------------------------------------------

def _key(s: Any) -> str:
    return " ".join(fold(s).split()) if isinstance(s, str) else ""


def same_actor(pred: dict[str, Any] | None, gold: dict[str, Any] | None) -> bool:
    """CODEBOOK 9 actor equality: by name or any alias, after ``fold``; None == None."""
    if pred is None or gold is None:
        return pred is None and gold is None
    p_name, g_name = _key(pred.get("name")), _key(gold.get("name"))
    g_names = {g_name, *map(_key, gold.get("aliases") or ())} - {""}
    p_aliases = set(map(_key, pred.get("aliases") or ())) - {""}
    return (bool(p_name) and p_name in g_names) or (bool(g_name) and g_name in p_aliases)


def _exact_date(p: _Ev, g: _Ev) -> bool:
    return p.span == g.span


def _fatalities_right(pred: dict[str, Any], gold: dict[str, Any]) -> bool | None:
    """None when gold has no fatalities (the pair is not scored on this field)."""
    gf = gold.get("fatalities")
    if not isinstance(gf, dict) or (gf.get("best") is None and gf.get("low") is None):
        return None
    low = gf.get("low", gf.get("best"))
    high = gf.get("high", gf.get("best"))
    if low is None or high is None:
        return None
    best = (pred.get("fatalities") or {}).get("best")
    return isinstance(best, (int, float)) and low <= best <= high


def _field_results(p: _Ev, g: _Ev, d: float) -> dict[str, bool | None]:
    return {
        "sub_event_type": p.raw.get("sub_event_type") == g.raw.get("sub_event_type"),
        "actor1": same_actor(p.raw.get("actor1"), g.raw.get("actor1")),
        "actor2": same_actor(p.raw.get("actor2"), g.raw.get("actor2")),
        "place": d <= PLACE_KM,
        "date": _exact_date(p, g),
        "fatalities": _fatalities_right(p.raw, g.raw),
    }


# Assignment --------------------------------------------------------------------------

def _hungarian(cost: list[list[int]]) -> list[int]:
    """Minimum-cost assignment on a square matrix; returns column of each row."""
    n = len(cost)
    inf = float("inf")
    u, v = [0] * (n + 1), [0] * (n + 1)
    p, way = [0] * (n + 1), [0] * (n + 1)  # p[j]: row holding column j (1-based)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    col = [0] * n
    for j in range(1, n + 1):
        col[p[j] - 1] = j - 1
    return col


def _assign(preds: list[_Ev], golds: list[_Ev]) -> list[tuple[int, int, float]]:
    """Optimal one-to-one matches (pred index, gold index, km), see the module docstring."""
    cand: dict[tuple[int, int], tuple[float, int]] = {}
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            d = _compatible(p, g)
            if d is not None:
                agree = sum(1 for ok in _field_results(p, g, d).values() if ok)
                cand[i, j] = (d, agree)
    if not cand:
        return []
    n = max(len(preds), len(golds))
    # Integer weights make the order of aims exact: each tier's total over n pairs
    # stays below one unit of the tier above it.
    w_close = len(FIELDS) * n + 1
    w_match = w_close * (100 * n + 1)
    w_reported = w_match * (n + 1)
    cost = [[0] * n for _ in range(n)]
    for (i, j), (d, agree) in cand.items():
        closeness = 100 - round(d * 10)  # 0..100, tenths of a km inside 10 km
        weight = golds[j].reported * w_reported + w_match + closeness * w_close + agree
        cost[i][j] = -weight
    col = _hungarian(cost)
    return [(i, j, cand[i, j][0]) for i, j in enumerate(col) if (i, j) in cand]


# Briefs and reasons ------------------------------------------------------------------

def _date_text(ev: dict[str, Any]) -> str:
    d = ev.get("date") or {}
    start, end = d.get("start"), d.get("end")
    if not start:
        return f"date unknown ({d.get('text')!r})" if d.get("text") else "date unknown"
    return start if not end or end == start else f"{start}..{end}"


def _brief(e: _Ev, why: str = "") -> EventBrief:
    ev = e.raw
    loc = ev.get("location") or {}
    place = loc.get("name") or loc.get("name_ar") or loc.get("text") or "?"
    if e.coords is None:
        place += " (no coordinates)"
    actor1 = (ev.get("actor1") or {}).get("name") or "—"
    return EventBrief(str(ev.get("event_type")), str(ev.get("sub_event_type")), place,
                      _date_text(ev), actor1, e.reported, why)


def _why(e: _Ev, others: list[_Ev], taken: set[int], side: str) -> str:
    """Why ``e`` found no partner among ``others`` (the other side: 'gold' or 'predicted')."""
    if e.coords is None:
        return "no coordinates"
    same = [(k, o) for k, o in enumerate(others) if o.event_type == e.event_type]
    if not same:
        return f"no {side} event of this type"
    located = [(k, o, haversine_km(e.coords, o.coords)) for k, o in same if o.coords]
    if not located:
        return f"no {side} event of this type has coordinates"
    near = sorted((t for t in located if t[2] <= MATCH_KM), key=lambda t: t[2])
    for k, o, d in near:
        if _dates_overlap(e, o) and k in taken:
            return f"{side} event at {_brief(o).place} ({d:.1f} km) went to another pairing"
    if near:
        k, o, d = near[0]
        return f"dates do not overlap the {side} event at {_brief(o).place} ({_date_text(o.raw)})"
    k, o, d = min(located, key=lambda t: t[2])
    return f"nearest {side} event of this type is {d:.1f} km away ({_brief(o).place})"


def _wrong_fields(p: _Ev, g: _Ev, results: dict[str, bool | None], d: float) -> tuple[str, ...]:
    show = {
        "sub_event_type": lambda e: e.raw.get("sub_event_type"),
        "actor1": lambda e: (e.raw.get("actor1") or {}).get("name"),
        "actor2": lambda e: (e.raw.get("actor2") or {}).get("name"),
        "date": lambda e: _date_text(e.raw),
        "fatalities": lambda e: e.raw.get("fatalities"),
    }
    out = []
    for name, ok in results.items():
        if ok is False:
            if name == "place":
                out.append(f"place: {d:.1f} km from gold")
            elif name == "fatalities":
                gf, pf = g.raw.get("fatalities") or {}, p.raw.get("fatalities") or {}
                out.append(f"fatalities: gold [{gf.get('low')}, {gf.get('high')}] / "
                           f"predicted best {pf.get('best')}")
            else:
                out.append(f"{name}: gold {show[name](g)!r} / predicted {show[name](p)!r}")
    return tuple(out)


# Scoring -----------------------------------------------------------------------------

def _score_report(rid: str, gold_events: list[dict], pred_events: list[dict],
                  tally: dict[str, list[int]]) -> ReportResult:
    golds = [_read(e) for e in gold_events]
    preds = [_read(e) for e in pred_events]
    pairs = _assign(preds, golds)
    pred_taken = {i for i, _, _ in pairs}
    gold_taken = {j for _, j, _ in pairs}
    matched, ignored = [], 0
    for i, j, d in pairs:
        p, g = preds[i], golds[j]
        if not g.reported:
            ignored += 1
            continue
        results = _field_results(p, g, d)
        for name, ok in results.items():
            if ok is not None:
                tally[name][0] += ok
                tally[name][1] += 1
        matched.append(PairResult(_brief(g), _brief(p), round(d, 2), _wrong_fields(p, g, results, d)))
    false = tuple(_brief(p, _why(p, golds, gold_taken, "gold"))
                  for i, p in enumerate(preds) if i not in pred_taken)
    missed = tuple(_brief(g, _why(g, preds, pred_taken, "predicted"))
                   for j, g in enumerate(golds) if g.reported and j not in gold_taken)
    n_reported = sum(g.reported for g in golds)
    return ReportResult(rid, n_reported, len(golds) - n_reported, len(preds), len(matched),
                        len(false), len(missed), ignored, missed, false, tuple(matched))


def _ratio(a: int, b: int, nothing: bool) -> float:
    # Nothing predicted and nothing to find is perfect; otherwise an empty denominator scores 0.
    return a / b if b else (1.0 if nothing else 0.0)


def evaluate(gold: list[dict], predicted: dict[str, list[dict]]) -> EvalReport:
    """Score ``predicted`` (article id → event dicts) against ``gold`` records (CODEBOOK 9).

    ``gold`` records are as in gold/dev.jsonl: ``{id, events: [...], ...}``.
    Reports in gold but absent from ``predicted`` count as predicting nothing;
    predicted ids absent from gold are listed in ``unscored`` and not counted.
    """
    seen: set[str] = set()
    tally = {name: [0, 0] for name in FIELDS}
    reports = []
    for rec in gold:
        rid = rec["id"]
        if rid in seen:
            raise ValueError(f"gold holds report {rid!r} twice")
        seen.add(rid)
        reports.append(_score_report(rid, rec.get("events") or [], predicted.get(rid) or [], tally))
    tp, fp, fn = (sum(getattr(r, k) for r in reports) for k in ("tp", "fp", "fn"))
    nothing = tp + fp + fn == 0
    precision, recall = _ratio(tp, tp + fp, nothing), _ratio(tp, tp + fn, nothing)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    no_event = [r for r in reports if r.gold == 0]
    return EvalReport(
        tp=tp, fp=fp, fn=fn, ignored=sum(r.ignored for r in reports),
        precision=precision, recall=recall, f1=f1,
        fields={name: FieldScore(*tally[name]) for name in FIELDS},
        no_event_reports=len(no_event),
        no_event_reports_with_fp=sum(1 for r in no_event if r.fp),
        reports=tuple(reports),
        unscored=tuple(sorted(set(predicted) - seen)),
    )


# Files -------------------------------------------------------------------------------

def _jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, json.loads(line)


def read_predictions(path: str | Path) -> dict[str, list[dict]]:
    """Article id → events from ``marsad extract`` JSONL (``{article: {id}, events}``).

    Lines shaped like gold (``{id, events}``) are read too; lines without
    ``events`` (failure records) are skipped, so those articles predict nothing.
    """
    out: dict[str, list[dict]] = {}
    for n, rec in _jsonl(path):
        if "events" not in rec:
            continue
        rid = (rec.get("article") or {}).get("id") if "article" in rec else rec.get("id")
        if not rid:
            raise ValueError(f"{path}:{n}: a line with events but no article id")
        if rid in out:
            raise ValueError(f"{path}:{n}: article {rid!r} appears twice")
        out[rid] = list(rec["events"])
    return out


def evaluate_files(gold_path: str | Path, predicted_path: str | Path) -> EvalReport:
    """``evaluate`` on a gold JSONL file and a ``marsad extract`` output file."""
    gold = [rec for _, rec in _jsonl(gold_path)]
    return evaluate(gold, read_predictions(predicted_path))


# Text --------------------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "  —  " if x is None else f"{x:.3f}"


def format_report(report: EvalReport, *, per_report: bool = True) -> str:
    """The table an engineer reads: totals, field accuracies, then each report's misses."""
    r = report
    lines = [
        f"events    TP {r.tp}   FP {r.fp}   FN {r.fn}   "
        f"(predictions matching gold background, ignored: {r.ignored})",
        f"precision {r.precision:.3f}   recall {r.recall:.3f}   F1 {r.f1:.3f}",
        "",
        f"{'field (over TP pairs)':<24}{'right':>6}{'n':>6}  accuracy",
    ]
    for name, s in r.fields.items():
        lines.append(f"{name:<24}{s.right:>6}{s.n:>6}  {_pct(s.accuracy)}")
    lines += ["", f"no-event reports with a false event: {r.no_event_reports_with_fp} / {r.no_event_reports}"]
    if r.unscored:
        lines.append(f"predicted but not in gold (unscored): {', '.join(r.unscored)}")
    if not per_report:
        return "\n".join(lines)
    width = max([len("report")] + [len(x.id) for x in r.reports])
    lines += ["", f"{'report':<{width}}  gold  bg  pred  TP  FP  FN  ign"]
    for x in r.reports:
        lines.append(f"{x.id:<{width}}  {x.gold:>4}{x.background:>4}{x.predicted:>6}"
                     f"{x.tp:>4}{x.fp:>4}{x.fn:>4}{x.ignored:>5}")
        lines += [f"    missed: {b}" for b in x.missed]
        lines += [f"    false:  {b}" for b in x.false]
        for pair in x.matched:
            if pair.wrong:
                lines.append(f"    match:  {pair.gold.event_type} @ {pair.gold.place}: "
                             + "; ".join(pair.wrong))
    return "\n".join(lines)


__all__ = [
    "EvalReport", "EventBrief", "FieldScore", "PairResult", "ReportResult",
    "evaluate", "evaluate_files", "format_report", "haversine_km", "read_predictions",
    "same_actor", "MATCH_KM", "PLACE_KM",
]
