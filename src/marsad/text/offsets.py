"""Offset maps that are runs of consecutive integers, kept as runs.

A view cut from a text whose normalisation deleted nothing maps back through a
few stretches of the identity (``range`` objects end to end). Spelling those out
as a tuple of ints costs a Python int per character of the view; the readers of
a view look up a handful of offsets, so the runs are kept and looked up instead.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import chain


class RangeChain(Sequence[int]):
    """The integers of ``range(lo, hi)`` for each ``(lo, hi)``, end to end, as one sequence.

    ``RangeChain([(3, 5), (9, 10)])`` reads as ``(3, 4, 9)``. Indexing (also
    negative, and slices, which give a tuple), ``len``, iteration and ``bisect``
    behave as on that tuple.
    """

    __slots__ = ("_at", "_lo", "_len")

    def __init__(self, runs: Iterator[tuple[int, int]] | Sequence[tuple[int, int]]) -> None:
        at: list[int] = []  # index in the chain where each run starts
        lo: list[int] = []  # first integer of each run
        n = 0
        for a, b in runs:
            if b <= a:  # an empty run holds no index
                continue
            if not lo or a != lo[-1] + (n - at[-1]):  # else it goes on from the last run
                at.append(n)
                lo.append(a)
            n += b - a
        self._at, self._lo, self._len = at, lo, n

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if type(i) is slice:
            return tuple(self[j] for j in range(*i.indices(self._len)))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("RangeChain index out of range")
        k = bisect_right(self._at, i) - 1
        return self._lo[k] + (i - self._at[k])

    def __iter__(self) -> Iterator[int]:
        return chain.from_iterable(range(a, b) for a, b in self.runs())

    def __repr__(self) -> str:
        return f"RangeChain({list(self.runs())!r})"

    def runs(self) -> Iterator[tuple[int, int]]:
        """The non-empty runs, as ``(lo, hi)`` pairs."""
        ends = self._at[1:] + [self._len]
        return ((lo, lo + (end - at)) for lo, at, end in zip(self._lo, self._at, ends))
