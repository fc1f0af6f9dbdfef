"""Clustering each component of strong links apart gives the remarks of clustering all at once.

This is what lets :mod:`quoteprov.spark` (and any parallel run) divide the
clustering: the test clusters every component on its own, with the corpus-wide
key exclusion, and compares labels and core flags with the one global run.
A small ``max_df`` makes the exclusion bite, so the test covers it too.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import tiny_corpora
from synthetic import generate
from test_cluster_oracle import CORPORA, key, partition, pipeline_segments, truth_references

from quoteprov import Article, Config, Reference
from quoteprov.cluster import cluster_segments
from quoteprov.components import connected_components, strong_components
from quoteprov.index import frequent_keys


def assert_components_cluster_alike(segments: Sequence[object], config: Config) -> int:
    """Cluster globally and per component; return the number of components."""
    segs = list(segments)
    whole = cluster_segments(segs, config=config)
    excluded = frequent_keys((s.index_keys for s in segs), max_df=config.max_df)
    components = strong_components(segs, config=config, excluded=excluded)
    assert sorted(i for c in components for i in c) == list(range(len(segs)))
    parts: set[frozenset[tuple[str, int, int]]] = set()
    core: dict[tuple[str, int, int], bool] = {}
    for component in components:
        local = cluster_segments([segs[i] for i in component], config=config, excluded=excluded)
        parts |= partition(local)
        core.update({key(s): c for s, c in zip(local.segments, local.core, strict=True)})
    assert parts == partition(whole)
    assert core == {key(s): c for s, c in zip(whole.segments, whole.core, strict=True)}
    return len(components)


@pytest.mark.parametrize("max_df", [1000, 6])
@pytest.mark.parametrize(("seed", "remarks", "outlets"), CORPORA[2:5])
def test_components_cluster_like_the_whole(seed: int, remarks: int, outlets: int, max_df: int) -> None:
    corpus = generate(seed=seed, remarks=remarks, outlets=outlets)
    config = Config(max_df=max_df)
    segments = pipeline_segments(corpus.articles, config=config)
    assert assert_components_cluster_alike(segments, config) > 1  # not vacuous


def test_components_cluster_like_the_whole_with_references() -> None:
    corpus = generate(seed=8, remarks=40, outlets=6)
    config = Config(max_df=8)
    references: list[Reference] = truth_references(corpus)
    segments = pipeline_segments(corpus.articles, references, config=config)
    assert assert_components_cluster_alike(segments, config) > 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_corpora(max_remarks=4, max_outlets=4), st.sampled_from([1000, 2, 3]))
def test_components_cluster_like_the_whole_on_tiny_corpora(articles: list[Article], max_df: int) -> None:
    config = Config(max_df=max_df)
    assert_components_cluster_alike(pipeline_segments(articles, config=config), config)


def _slow_components(count: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    """The obvious way: grow each component by repeated sweeps over the edges."""
    seen: set[int] = set()
    result = []
    for node in range(count):
        if node in seen:
            continue
        group = {node}
        grew = True
        while grew:
            grew = False
            for a, b in edges:
                if (a in group) != (b in group):
                    group |= {a, b}
                    grew = True
        seen |= group
        result.append(sorted(group))
    return result


@given(
    st.integers(min_value=0, max_value=30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=40)
            if n
            else st.just([]),
        )
    )
)
def test_connected_components_match_the_obvious_way(graph: tuple[int, list[tuple[int, int]]]) -> None:
    count, edges = graph
    assert connected_components(count, edges) == _slow_components(count, edges)
