"""The top layer of an article's names: disjoint spans kept in the order they were
chosen (the first-chosen spelling of a surface names its entity), with a position
index so that finding the names a span overlaps costs a binary search, not a scan of
every name (a long body holds thousands)."""

from __future__ import annotations

from bisect import bisect_left, insort

from transforms.extract.entities.canonical import Candidate


class TopLayer:
    def __init__(self) -> None:
        self.chosen: list[Candidate] = []  # in the order chosen
        self._by_start: list[tuple[int, int, int]] = []  # (start, end, serial)
        self._serial: dict[int, Candidate] = {}

    def add(self, c: Candidate) -> None:
        """Add a span that overlaps none of the layer's (the caller checks)."""
        serial = len(self._serial)
        self._serial[serial] = c
        insort(self._by_start, (c.start, c.end, serial))
        self.chosen.append(c)

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        """The spans that share a character with [start, end), in position order.
        Disjoint spans sorted by start are sorted by end too."""
        hi = bisect_left(self._by_start, (end,))
        lo = hi
        while lo > 0 and self._by_start[lo - 1][1] > start:
            lo -= 1
        return [self._serial[s] for _, _, s in self._by_start[lo:hi]]

    def replace(self, old: list[Candidate], new: Candidate) -> None:
        """Put `new` in the place of the spans it wraps, chosen last."""
        gone = {(c.start, c.end) for c in old}
        self.chosen = [c for c in self.chosen if (c.start, c.end) not in gone]
        self._by_start = [k for k in self._by_start if k[:2] not in gone]
        self.add(new)
