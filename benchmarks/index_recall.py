"""Recall and speed of the candidate index against exhaustive all-pairs comparison.

For a synthetic corpus (tests/synthetic.py) of N quotes, the segments are built
as quoteprov.track builds them. Exhaustive comparison scores every pair; the
index proposes only pairs sharing two content words (one for one-word segments)
below the document-frequency cap. A pair "links" when the clustering would
consider it: similarity >= Config.link_threshold, or the shorter segment is
contained in the longer (>= Config.contain_threshold). Recall is the share of
linking pairs the index proposes.

All pairs of a large corpus cannot be scored here, so exhaustive comparison is
measured on a random sample of segments against every segment, and its time for
all pairs is extrapolated from the sample's time per pair.

Run: python benchmarks/index_recall.py [--quotes 10000] [--sample 300]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from synthetic import iter_annotated  # noqa: E402 (the generator lives with the tests)

from quoteprov import Config  # noqa: E402
from quoteprov.cluster import _containment, _similarity  # noqa: E402 (the measures the clustering uses)
from quoteprov.index import Index  # noqa: E402
from quoteprov.pipeline import extract_articles  # noqa: E402
from quoteprov.segment import Segment, segments_of  # noqa: E402


def _segments(quotes: int, seed: int) -> tuple[list[Segment], list[frozenset[str]]]:
    """The segments, and for each the remark ids the generator planted (its truth)."""
    annotated = list(iter_annotated(seed=seed, quotes=quotes))
    truth = {(article.id, p.text): frozenset(p.remarks) for article, planted in annotated for p in planted}
    segments: list[Segment] = []
    remarks: list[frozenset[str]] = []
    for extraction in extract_articles([article for article, _ in annotated]):
        for q in extraction.quotes:
            if q.kind in ("direct", "partial") and q.parent is None:
                for segment in segments_of(q.id, q.article, q.speaker, q.text, offset=q.start, kind=q.kind):
                    segments.append(segment)
                    remarks.append(truth.get((q.article, q.text), frozenset()))
    return segments, remarks


def _links(a: Segment, b: Segment, config: Config) -> bool:
    shorter, longer = (a, b) if a.content_count <= b.content_count else (b, a)
    if _similarity(a, b) >= config.link_threshold:
        return True
    measured = _containment(shorter, longer, config.contain_threshold)
    if measured is None:
        return False
    contain, matched = measured
    return contain >= config.contain_threshold and (matched >= 2 or shorter.content_count == 1)


def _minhash_peer(
    segments: list[Segment], sample: list[int], threshold: float, per_pair: float, config: Config
) -> tuple[int, float, int] | None:
    """datasketch's MinHashLSH over each segment's content words, as the blocking peer:
    (candidate pairs, seconds including scoring them, linking pairs of the sample found)."""
    try:
        from datasketch import MinHash, MinHashLSH  # noqa: PLC0415 (optional, benchmark-only)
    except ImportError:
        print("(datasketch not installed: pip install datasketch for the MinHashLSH peer)")
        return None
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = []
    for k, segment in enumerate(segments):
        sketch = MinHash(num_perm=128)
        for key in segment.content_keys:
            sketch.update(key.encode("utf-8"))
        sketches.append(sketch)
        lsh.insert(k, sketch)
    proposed = [set(lsh.query(sketch)) - {k} for k, sketch in enumerate(sketches)]
    blocking_seconds = time.perf_counter() - started
    candidates = sum(len(p) for p in proposed) // 2
    found = 0
    for i in sample:
        for j in range(len(segments)):
            if i != j and _links(segments[i], segments[j], config):
                found += j in proposed[i]
    return candidates, blocking_seconds + per_pair * candidates, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300, help="segments compared with every segment")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lsh-threshold", type=float, default=0.2, help="MinHashLSH Jaccard threshold")
    parser.add_argument(
        "--max-df", type=int, default=Config().max_df, help="the index's document-frequency cap"
    )
    args = parser.parse_args()
    config = Config(max_df=args.max_df)

    segments, remarks = _segments(args.quotes, args.seed)
    n = len(segments)
    started = time.perf_counter()
    index = Index([s.content_keys for s in segments], max_df=config.max_df)
    neighbours = [set(index.neighbours(k)) for k in range(n)]
    index_seconds = time.perf_counter() - started
    candidates = sum(len(x) for x in neighbours) // 2

    rng = random.Random(args.seed)
    sample = rng.sample(range(n), min(args.sample, n))
    linking = found = compared = same = same_found = 0
    started = time.perf_counter()
    for i in sample:
        for j in range(n):
            if i == j:
                continue
            compared += 1
            if _links(segments[i], segments[j], config):
                linking += 1
                found += j in neighbours[i]
                if remarks[i] & remarks[j]:  # the generator planted them as one remark
                    same += 1
                    same_found += j in neighbours[i]
    sample_seconds = time.perf_counter() - started
    per_pair = sample_seconds / compared if compared else 0.0
    all_pairs = n * (n - 1) // 2
    exhaustive_seconds = per_pair * all_pairs
    indexed_seconds = index_seconds + per_pair * candidates

    print(f"quotes {args.quotes}  segments {n}  max_df {config.max_df}")
    print(f"all pairs {all_pairs:,}  index candidates {candidates:,}")
    print(f"{'':28}{'pairs scored':>16}{'seconds':>12}")
    print(f"{'exhaustive (extrapolated)':28}{all_pairs:>16,}{exhaustive_seconds:>12.1f}")
    print(f"{'index + scoring candidates':28}{candidates:>16,}{indexed_seconds:>12.1f}")
    peer = _minhash_peer(segments, sample, args.lsh_threshold, per_pair, config)
    if peer is not None:
        lsh_candidates, lsh_seconds, lsh_found = peer
        print(f"{'datasketch MinHashLSH':28}{lsh_candidates:>16,}{lsh_seconds:>12.1f}")
        print(
            f"MinHashLSH (Jaccard >= {args.lsh_threshold} on content words) recall "
            f"{lsh_found / linking if linking else 1.0:.4f} ({lsh_found}/{linking})"
        )
    speedup = exhaustive_seconds / indexed_seconds if indexed_seconds else float("inf")
    recall = found / linking if linking else 1.0
    print(f"speed-up {speedup:.0f}x")
    print(f"recall of linking pairs {recall:.4f} ({found}/{linking}, {len(sample)} sampled segments)")
    truly = same_found / same if same else 1.0
    print(f"recall of linking pairs that are one remark (synthetic truth) {truly:.4f} ({same_found}/{same})")
    verdict = "MET" if recall >= 0.99 else "NOT MET"
    truly_verdict = "MET" if truly >= 0.99 else "NOT MET"
    print(f"target recall >= 0.99 (issue 4): all linking pairs {verdict}; one-remark pairs {truly_verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
