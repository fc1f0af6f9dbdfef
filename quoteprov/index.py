"""Candidate pairs: which renderings are worth aligning (never all pairs).

An inverted index from content-word keys to the units that hold them. A unit's
candidates are the units sharing at least two of its content keys (one, for a
one-word fragment). Keys held by more than ``max_df`` units (boilerplate) are
left out of the index, which keeps the candidate set near-linear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["Index"]


class Index:
    """An inverted index over the content keys of each unit.

    Args:
        keys: for each unit, its distinct content keys.
        max_df: keys held by more units than this are not indexed.

    >>> index = Index([{"strike", "iran"}, {"strike", "iran", "israel"}, {"tax"}], max_df=10)
    >>> index.neighbours(0)
    [1]
    """

    def __init__(self, keys: Sequence[frozenset[str] | set[str]], *, max_df: int) -> None:
        self._keys = [frozenset(k) for k in keys]
        postings: dict[str, list[int]] = {}
        for unit, unit_keys in enumerate(self._keys):
            for key in unit_keys:
                postings.setdefault(key, []).append(unit)
        self._postings = {k: v for k, v in postings.items() if len(v) <= max_df}
        self._sizes = [len(k) for k in self._keys]

    def neighbours(self, unit: int) -> list[int]:
        """The units sharing enough indexed content keys with ``unit``, in order."""
        keys = self._keys[unit]
        counts: Counter[int] = Counter()
        for key in keys:
            postings = self._postings.get(key)
            if postings:
                counts.update(postings)
        need = min(2, len(keys))
        if need <= 1:
            return sorted(other for other in counts if other != unit)
        sizes = self._sizes
        return sorted(
            other for other, n in counts.items() if other != unit and (n >= need or sizes[other] == 1)
        )
