"""What the candidate index costs in quality: indexed against exhaustive clustering.

The index leaves out keys held by more than ``max_df`` segments (boilerplate),
so a pair sharing only such words (or one indexed word and such words) is never
compared; exhaustive clustering compares every pair. This runs ``quoteprov.track``
on one synthetic corpus (tests/synthetic.py) twice, the clustering fed by the
index and by every position, and prints side by side the pair precision,
recall and F1 of the remarks against the generator's truth, the verdicts that
match it, and the seconds. A low ``--max-df`` plays the part of a large corpus,
where many everyday words are over the cap; exhaustive clustering is quadratic,
so keep ``--quotes`` to a few thousand.

Run: python benchmarks/index_quality.py [--quotes 3000] [--max-df 30] [--vocabulary news]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from synthetic import VOCABULARIES, VOCABULARY_HELP, iter_annotated  # noqa: E402 (the generator lives with the tests)

import quoteprov  # noqa: E402
from quoteprov import Config, pipeline  # noqa: E402
from quoteprov.cluster import Clustering  # noqa: E402
from quoteprov.models import Report  # noqa: E402
from quoteprov.segment import Segment  # noqa: E402

#: The clustering step ``track`` calls, swapped for the exhaustive one.
_CLUSTERING = "cluster_segments"


@contextmanager
def exhaustive_clustering() -> Iterator[None]:
    """``track`` with every position as each segment's neighbours (the index's oracle)."""
    indexed: Callable[..., Clustering] = getattr(pipeline, _CLUSTERING)

    def every_pair(segments: Sequence[Segment], *, config: Config, **_: Any) -> Clustering:
        positions = range(len(segments))
        return indexed(segments, config=config, neighbours=lambda _position: positions)

    setattr(pipeline, _CLUSTERING, every_pair)
    try:
        yield
    finally:
        setattr(pipeline, _CLUSTERING, indexed)


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def score(annotated: Sequence[Any], report: Report) -> tuple[float, float, float, int, int]:
    """(pair precision, recall, F1 of remarks; verdicts matching the truth; planted quotes)."""
    by_text = {(q.article, q.text): q for q in report.quotes}
    gold: list[str] = []
    predicted: list[str | None] = []
    correct = total = 0
    for _, planted in annotated:
        for p in planted:
            q = by_text.get((p.article, p.text))
            total += 1
            correct += bool(q and q.fidelity and q.fidelity.verdict == p.verdict)
            if p.verdict != "spliced":  # a splice renders two remarks
                gold.append(p.remarks[0])
                predicted.append(q.remarks[0] if q and q.remarks else None)
    both = sum(_pairs(k) for k in Counter((g, p) for g, p in zip(gold, predicted, strict=True) if p).values())
    said = sum(_pairs(k) for k in Counter(p for p in predicted if p).values())
    true = sum(_pairs(k) for k in Counter(gold).values())
    precision, recall = both / said if said else 1.0, both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, correct, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=3000)
    parser.add_argument("--max-df", type=int, default=30, help="the index's document-frequency cap")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--vocabulary", choices=VOCABULARIES, default="news", help=VOCABULARY_HELP)
    args = parser.parse_args()
    annotated = list(iter_annotated(seed=args.seed, quotes=args.quotes, vocabulary=args.vocabulary))
    articles = [article for article, _ in annotated]
    config = Config(max_df=args.max_df)
    print(f"quotes {args.quotes:,}  max_df {args.max_df}  vocabulary {args.vocabulary}  seed {args.seed}")
    print(
        f"{'clustering':14}{'precision':>11}{'recall':>9}{'F1':>9}{'verdicts':>16}{'remarks':>9}{'seconds':>9}"
    )
    for name in ("indexed", "exhaustive"):
        started = time.process_time()
        if name == "indexed":
            report = quoteprov.track(articles, config=config)
        else:
            with exhaustive_clustering():
                report = quoteprov.track(articles, config=config)
        seconds = time.process_time() - started
        precision, recall, f1, correct, total = score(annotated, report)
        print(
            f"{name:14}{precision:>11.4f}{recall:>9.4f}{f1:>9.4f}{f'{correct}/{total}':>16}"
            f"{len(report.remarks):>9,}{seconds:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
