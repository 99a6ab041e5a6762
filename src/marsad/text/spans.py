"""Overlap tests between many spans, in logarithmic time (long pages have thousands)."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable


class SpanIndex:
    """Spans (anything with ``start`` and ``end``), searchable for overlaps."""

    def __init__(self, items: Iterable) -> None:
        self.items = sorted(items, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list:
        """The spans that share at least one character with [start, end)."""
        hi = bisect_left(self.starts, end)
        lo = bisect_left(self.starts, start - self.longest)
        return [m for m in self.items[lo:hi] if m.end > start]

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def before(self, position: int, floor: int = 0) -> list:
        """The spans that end at or before ``position`` and start at or after ``floor``."""
        lo, hi = bisect_left(self.starts, floor), bisect_left(self.starts, position)
        return [m for m in self.items[lo:hi] if m.end <= position]
