"""The targets the issues set, measured on the hand-made gold and the synthetic corpus.

Figures come from tests/score_gold.py (run it to print them); these tests hold
the line at the targets, so a change that loses accuracy fails here.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import score_gold


@functools.cache
def _extraction() -> score_gold.Scores:
    return score_gold.score()


@functools.cache
def _remarks(corpus: str) -> score_gold.RemarkScores:
    return score_gold.score_remarks(corpus)


@functools.cache
def _synthetic(seed: int) -> score_gold.RemarkScores:
    return score_gold.score_synthetic(seed)


def test_extraction_f1_on_gold() -> None:
    assert _extraction().f1 >= 0.97


def test_speaker_accuracy_on_gold() -> None:
    assert _extraction().speaker_accuracy >= 0.95


@pytest.mark.parametrize("corpus", ["lavrov", "realnews"])
def test_clustering_f1_on_gold(corpus: str) -> None:
    if not score_gold.CORPORA[corpus].is_dir():
        pytest.skip(f"{score_gold.CORPORA[corpus]} is not beside this checkout")
    assert _remarks(corpus).f1 >= 0.95


def test_verdict_accuracy_on_gold() -> None:
    scores = [_remarks(corpus) for corpus in ("lavrov", "realnews") if score_gold.CORPORA[corpus].is_dir()]
    correct = sum(s.verdicts_correct for s in scores)
    total = sum(s.verdicts for s in scores)
    assert correct / total >= 0.90


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_targets(seed: int) -> None:
    scores = _synthetic(seed)
    assert scores.f1 >= 0.95
    assert scores.verdict_accuracy >= 0.90


@pytest.mark.parametrize("seed", [0, 1])
def test_every_planted_negation_flip_is_flagged(seed: int) -> None:
    scores = _synthetic(seed)
    assert scores.negations > 0
    assert scores.negations_flagged == scores.negations
