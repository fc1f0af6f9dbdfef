"""Several cores give the very result one core gives (:mod:`quoteprov.parallel`).

Each stage that runs on several cores is checked against the same stage on one
core: the ranges helper against a plain loop, and ``track``, its extraction,
splice check and clustering on real and generated corpora, with references and
with a small frequency cap so that boilerplate words are left out of the index.
This file runs before the Spark tests start a JVM (workers are forked).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import tiny_corpora
from synthetic import generate
from test_cluster_oracle import pipeline_segments, truth_references

import quoteprov
from quoteprov import Article, Config, pipeline
from quoteprov.cli import main
from quoteprov.cluster import (
    _LINK_SAMPLE,
    Clustering,
    _containment,
    _lone_common_word,
    _majority,
    _similarity,
    _speakers_agree,
    canonical_order,
    cluster_segments,
    split_splices,
)
from quoteprov.errors import WorkerError
from quoteprov.index import Index, frequent_keys
from quoteprov.io import read_articles
from quoteprov.parallel import _ranges, can_fork, imap_ranges, map_ranges
from quoteprov.pipeline import extract_articles
from quoteprov.report import to_json
from quoteprov.segment import Segment

ROOT = Path(__file__).resolve().parents[1]
LAVROV = ROOT / "examples" / "lavrov"
REALNEWS = ROOT.parent / "shared" / "corpus" / "realnews"

needs_fork = pytest.mark.skipif(
    not can_fork(), reason="worker processes are forked; this platform has no fork"
)


def _sums(state: list[int], lo: int, hi: int) -> list[tuple[int, int, int]]:
    """A slow function of a position and shared state (module level: sent to workers by name)."""
    return [(position, state[position], sum(state[: position + 1])) for position in range(lo, hi)]


def _fail_at_three(state: list[int], lo: int, hi: int) -> list[int]:
    if lo <= 3 < hi:
        raise ValueError("position 3")
    return state[lo:hi]


@given(st.integers(0, 5000), st.integers(1, 64))
def test_ranges_cover_every_position_once_in_order(count: int, jobs: int) -> None:
    ranges = _ranges(count, jobs)
    assert [p for lo, hi in ranges for p in range(lo, hi)] == list(range(count))
    assert all(0 < hi - lo <= 1024 for lo, hi in ranges)


@needs_fork
@settings(max_examples=25)
@given(st.lists(st.integers(-100, 100), max_size=300), st.integers(1, 3))
def test_map_ranges_equals_a_plain_loop(state: list[int], jobs: int) -> None:
    expected = [(p, state[p], sum(state[: p + 1])) for p in range(len(state))]
    assert map_ranges(_sums, state, len(state), jobs=jobs) == expected


@needs_fork
def test_a_worker_error_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="position 3"):
        map_ranges(_fail_at_three, list(range(10)), 10, jobs=2)


_PARENT = os.getpid()


def _die_in_a_worker(state: object, lo: int, hi: int) -> list[object]:
    """A worker killed mid-range, as the kernel's out-of-memory killer would."""
    if os.getpid() == _PARENT:
        raise AssertionError("this must run in a worker process")
    os._exit(9)


@needs_fork
def test_a_dead_worker_is_an_error_not_a_hang() -> None:
    with pytest.raises(WorkerError, match="fewer jobs"):
        map_ranges(_die_in_a_worker, list(range(10)), 10, jobs=2)


@needs_fork
def test_a_dead_worker_is_one_line_at_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(pipeline, "_extract_range", _die_in_a_worker)
    out = tmp_path / "report.json"
    out.write_text("an earlier result", encoding="utf-8")
    assert main(["track", str(LAVROV), "--jobs", "2", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quoteprov: error: the 2 worker processes failed")
    assert err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "an earlier result"  # nothing already produced is lost


@needs_fork
def test_the_state_is_not_left_behind() -> None:
    parts = imap_ranges(_sums, [1, 2, 3], 3, jobs=2)
    assert [r for part in parts for r in part] == [(0, 1, 1), (1, 2, 3), (2, 3, 6)]
    from quoteprov import parallel

    assert parallel._STATE is None


def _track_json(articles: list[Article], jobs: int, **options: object) -> str:
    return to_json(quoteprov.track(articles, jobs=jobs, **options))  # type: ignore[arg-type]


@needs_fork
def test_track_on_two_cores_equals_one_on_the_real_corpora() -> None:
    articles = read_articles([LAVROV, *([REALNEWS] if REALNEWS.is_dir() else [])])
    one = _track_json(articles, 1)
    assert len(json.loads(one)["quotes"]) > 100  # the comparison is not vacuous
    assert _track_json(articles, 2) == one
    assert _track_json(articles, 3) == one


@needs_fork
@pytest.mark.parametrize(("seed", "max_df"), [(11, 1000), (12, 6)])
def test_track_on_two_cores_equals_one_on_generated_corpora(seed: int, max_df: int) -> None:
    corpus = generate(seed=seed, remarks=40, outlets=6)
    options = {"references": truth_references(corpus), "config": Config(max_df=max_df)}
    one = _track_json(corpus.articles, 1, **options)
    report = json.loads(one)
    assert len(report["remarks"]) >= 20
    assert sum(q["fidelity"] is not None for q in report["quotes"]) >= 100
    assert _track_json(corpus.articles, 2, **options) == one


@needs_fork
@settings(max_examples=15)
@given(tiny_corpora(max_remarks=4, max_outlets=4))
def test_stages_on_two_cores_equal_one_on_tiny_corpora(articles: list[Article]) -> None:
    config = Config()
    assert extract_articles(articles, jobs=2) == extract_articles(articles)
    segments = pipeline_segments(articles, config=config)
    assert split_splices(segments, config=config, jobs=2) == split_splices(segments, config=config)
    assert cluster_segments(segments, config=config, jobs=2) == cluster_segments(segments, config=config)


@needs_fork
def test_clustering_on_two_cores_equals_one_with_every_pair_compared() -> None:
    corpus = generate(seed=13, remarks=24, outlets=5)
    config = Config()
    segments = pipeline_segments(corpus.articles, config=config)
    every = range(len(segments))
    one = cluster_segments(segments, config=config, neighbours=lambda _position: every)
    assert len(set(one.labels)) >= 12
    assert cluster_segments(segments, config=config, neighbours=lambda _position: every, jobs=2) == one


@needs_fork
@pytest.mark.parametrize("command", ["extract", "track"])
def test_cli_jobs_gives_the_same_output(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, str(LAVROV), "--format", "json"]) == 0
    one = capsys.readouterr().out
    assert main([command, str(LAVROV), "--format", "json", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one
    assert main([command, str(LAVROV), "--format", "json", "-j", "0"]) == 0  # all cores
    assert capsys.readouterr().out == one


@pytest.mark.parametrize("value", ["-1", "two", "1.5", ""])
def test_a_bad_jobs_value_is_one_line(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["track", str(LAVROV), "--jobs", value]) == 2
    err = capsys.readouterr().err
    assert "--jobs" in err
    assert "a whole number of cores" in err
    assert err.count("\n") == 1


def test_jobs_is_refused_with_the_spark_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["track", str(LAVROV), "--engine", "spark", "-o", str(tmp_path / "out"), "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == 2
    assert "--master" in err
    assert err.count("\n") == 1


# --- the clustering's pair work measured ahead of the placing, against measuring it where it is read ---


def _plain_cluster_segments(segments: list[Segment], config: Config) -> Clustering:
    """The greedy clustering as first written: each pair measured at the moment it is read."""
    ordered = sorted(segments, key=canonical_order)
    keys = [s.index_keys for s in ordered]
    excluded = frequent_keys(keys, max_df=config.max_df)
    neighbours = Index(keys, max_df=config.max_df, excluded=excluded).neighbours
    labels: list[int] = []
    core: list[bool] = []
    members: dict[int, list[int]] = {}
    for position, segment in enumerate(ordered):
        placed = (
            [] if _lone_common_word(segment, excluded) else [k for k in neighbours(position) if k < position]
        )
        fragment_of: tuple[tuple[float, float, int], int] | None = None
        for k in placed:
            measured = _containment(segment, ordered[k], config.contain_threshold)
            if measured is None or measured[0] < config.contain_threshold:
                continue
            contain, matched = measured
            agree = _speakers_agree(
                segment.speaker, _majority([ordered[m].speaker for m in members[labels[k]]])
            )
            term = segment.kind == "partial" or segment.cut == "ellipsis"
            whole_word = term and segment.content_count == 1 and contain == 1.0 and agree is True
            same_wording = contain == 1.0 and matched >= 4 and matched >= 0.8 * ordered[k].content_count
            if (matched >= 2 or whole_word) and (agree is not False or same_wording):
                rank = (contain, _similarity(segment, ordered[k]), -k)
                if fragment_of is None or rank > fragment_of[0]:
                    fragment_of = (rank, k)
        if fragment_of is not None:
            labels.append(labels[fragment_of[1]])
            core.append(False)
            continue
        best: tuple[float, int] | None = None
        similar = {labels[k] for k in placed if _similarity(segment, ordered[k]) >= config.link_threshold}
        for label in sorted(similar):
            cores = members[label][:_LINK_SAMPLE]
            average = sum(_similarity(segment, ordered[m]) for m in cores) / len(cores)
            others = _speakers_agree(segment.speaker, _majority([ordered[m].speaker for m in cores])) is False
            needed = max(config.link_threshold, 0.8) if others else config.link_threshold
            if average >= needed and (best is None or average > best[0]):
                best = (average, label)
        label = best[1] if best else len(members)
        members.setdefault(label, []).append(position)
        labels.append(label)
        core.append(True)
    return Clustering(tuple(ordered), tuple(labels), tuple(core))


@pytest.mark.parametrize(("seed", "max_df"), [(14, 1000), (15, 6)])
def test_clustering_with_the_pairs_measured_ahead_equals_the_plain_greedy(seed: int, max_df: int) -> None:
    corpus = generate(seed=seed, remarks=40, outlets=6)
    config = Config(max_df=max_df)
    segments = pipeline_segments(corpus.articles, truth_references(corpus), config=config)
    plain = _plain_cluster_segments(segments, config)
    assert len(set(plain.labels)) >= 20
    assert sum(not c for c in plain.core) >= 10  # fragments were placed too
    assert cluster_segments(segments, config=config) == plain


@settings(max_examples=60)
@given(tiny_corpora(max_remarks=4, max_outlets=4))
def test_clustering_with_the_pairs_measured_ahead_equals_the_plain_greedy_on_tiny_corpora(
    articles: list[Article],
) -> None:
    config = Config()
    segments = pipeline_segments(articles, config=config)
    assert cluster_segments(segments, config=config) == _plain_cluster_segments(segments, config)
