"""How much of a corpus's place words the gazetteer resolves, and what it misses.

For every report: the place names resolved (by country and precision) and the
named places left unresolved (by the story's country and the reason). The share
resolved is resolved / (resolved + unresolved). Reads reports; writes nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .model import Article, Failure
from .recognise.places import find_places, candidates_country, place_candidates, story_focus
from .recognise.unresolved import find_unresolved
from .text.language import detect_language
from .text.normalise import fold, normalise


@dataclass
class CoverageReport:
    reports: int = 0
    skipped: int = 0
    resolved: Counter = field(default_factory=Counter)  # country -> place mentions resolved
    precision: Counter = field(default_factory=Counter)  # 1/2/3 -> resolved place mentions
    unresolved: Counter = field(default_factory=Counter)  # country -> unresolved named places
    reasons: Counter = field(default_factory=Counter)  # reason -> unresolved named places
    names: Counter = field(default_factory=Counter)  # folded unresolved words -> count

    @property
    def share_resolved(self) -> float:
        total = sum(self.resolved.values()) + sum(self.unresolved.values())
        return sum(self.resolved.values()) / total if total else 1.0

    def add(self, article: Article) -> None:
        norm = normalise(article.text)
        candidates = place_candidates(article.text, norm)
        country = candidates_country(candidates)
        places = find_places(article.text, norm, country=country, candidates=candidates,
                             focus=story_focus(candidates, country))
        self.reports += 1
        for p in places:
            self.resolved[p.value.country] += 1
            self.precision[p.value.precision] += 1
        for u in find_unresolved(article.text, places, norm):
            self.unresolved[country or "??"] += 1
            self.reasons[u.reason] += 1
            self.names[fold(u.text)] += 1


def measure(items: Iterable[Article | Failure]) -> CoverageReport:
    """Coverage over readable Arabic reports; failures and other languages are counted as skipped."""
    report = CoverageReport()
    for item in items:
        if isinstance(item, Failure) or detect_language(item.text) != "ar":
            report.skipped += 1
            continue
        report.add(item)
    return report


def format_coverage(report: CoverageReport, top: int = 25) -> str:
    lines = [
        f"reports read      {report.reports} ({report.skipped} skipped: unreadable or not Arabic)",
        f"place names       {sum(report.resolved.values())} resolved, {sum(report.unresolved.values())} unresolved",
        f"share resolved    {report.share_resolved:.3f}",
        "",
        "resolved by precision   " + ", ".join(f"{k}: {v}" for k, v in sorted(report.precision.items())),
        "",
        "country   resolved  unresolved  share",
    ]
    for cc in sorted(set(report.resolved) | set(report.unresolved),
                     key=lambda c: -(report.resolved[c] + report.unresolved[c]))[:20]:
        r, u = report.resolved[cc], report.unresolved[cc]
        lines.append(f"{cc:8s}  {r:8d}  {u:10d}  {r / (r + u):.3f}")
    lines += ["", "unresolved by reason"]
    lines += [f"  {n:6d}  {reason}" for reason, n in report.reasons.most_common()]
    lines += ["", f"most frequent unresolved names (top {top})"]
    lines += [f"  {n:6d}  {name}" for name, n in report.names.most_common(top)]
    return "\n".join(lines)
