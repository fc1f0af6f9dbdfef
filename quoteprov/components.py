"""Components: the independent sub-problems of clustering.

A segment's remark depends only on the segments it has a strong link with
(:func:`quoteprov.cluster.strong_link`: one is a fragment of the other, or they
are similar enough to join one remark), so the connected components of those
links can be clustered apart, on different cores or machines, and give the
remarks the whole corpus gives. :mod:`quoteprov.spark` computes the same
components with large-star/small-star; this union-find is the embedded one,
and the oracle it is tested against.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from quoteprov.cluster import strong_link
from quoteprov.config import Config
from quoteprov.index import Index
from quoteprov.segment import Segment

__all__ = ["connected_components", "strong_components", "strong_edges"]


def connected_components(count: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The connected components of a graph on nodes ``0 .. count - 1``, each an
    ascending list, ordered by their least node.

    >>> connected_components(5, [(0, 3), (3, 4)])
    [[0, 3, 4], [1], [2]]
    """
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for node in range(count):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda group: group[0])


def strong_edges(
    segments: Sequence[Segment], *, config: Config, excluded: frozenset[str] | None = None
) -> Iterator[tuple[int, int]]:
    """The pairs (i, j), i < j, of index neighbours with a strong link."""
    index = Index([s.index_keys for s in segments], max_df=config.max_df, excluded=excluded)
    for i, segment in enumerate(segments):
        for j in index.neighbours(i):
            if j > i and strong_link(segment, segments[j], config=config, excluded=index.excluded):
                yield i, j


def strong_components(
    segments: Sequence[Segment], *, config: Config, excluded: frozenset[str] | None = None
) -> list[list[int]]:
    """The positions of ``segments`` in each independent clustering sub-problem.

    ``excluded``: the keys too frequent to index, corpus-wide (by default, of ``segments``).
    """
    return connected_components(len(segments), strong_edges(segments, config=config, excluded=excluded))
