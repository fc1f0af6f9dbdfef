"""Recall and speed of the candidate index against exhaustive all-pairs comparison.

For a synthetic corpus (tests/synthetic.py) of N quotes, the segments are built
as quoteprov.track builds them. Exhaustive comparison tests every pair; the
index proposes only pairs sharing two index keys (content words and pairs of
neighbouring content words; one key for one-word segments) below the
document-frequency cap. A pair "links" when the clustering can join them
(quoteprov.cluster.strong_link): similarity >= Config.link_threshold, or the
shorter is a fragment of the longer (>= Config.contain_threshold). The
clustering takes a lone word too common to index (held by more than max_df
segments) as no evidence of a remark, exhaustive or not; recall is printed
both with that rule (the target) and counting such pairs as links, and for
the linking pairs the generator planted as one remark (its truth).

All pairs of a large corpus cannot be tested here, so exhaustive comparison is
measured on a random sample of segments against every segment (a pair sharing
no content word is rejected by a set intersection first, as any sensible
exhaustive run would), and its time for all pairs is extrapolated from the
sample's time per pair. The index's time is its build and query time plus its
candidates times the measured time to test one candidate pair.

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

from synthetic import VOCABULARIES, VOCABULARY_HELP, iter_annotated  # noqa: E402 (the generator lives with the tests)

from quoteprov import Config  # noqa: E402
from quoteprov.cluster import strong_link  # noqa: E402 (the clustering's own test of a link)
from quoteprov.index import Index, frequent_keys  # noqa: E402
from quoteprov.pipeline import extract_articles  # noqa: E402
from quoteprov.segment import Segment, segments_of  # noqa: E402


def _segments(quotes: int, seed: int, vocabulary: str) -> tuple[list[Segment], list[frozenset[str]]]:
    """The segments, and for each the remark ids the generator planted (its truth)."""
    annotated = list(iter_annotated(seed=seed, quotes=quotes, vocabulary=vocabulary))
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


def _links(a: Segment, b: Segment, config: Config, excluded: frozenset[str]) -> bool:
    return bool(a.content_keys & b.content_keys) and strong_link(a, b, config=config, excluded=excluded)


def _minhash_peer(segments: list[Segment], threshold: float) -> tuple[int, float, list[set[int]]] | None:
    """datasketch's MinHashLSH over each segment's content words, as the blocking peer:
    (candidate pairs, blocking seconds, each segment's candidates)."""
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
        sketch.update_batch([key.encode("utf-8") for key in segment.content_keys])
        sketches.append(sketch)
        lsh.insert(k, sketch)
    proposed = [set(lsh.query(sketch)) - {k} for k, sketch in enumerate(sketches)]
    seconds = time.perf_counter() - started
    return sum(len(p) for p in proposed) // 2, seconds, proposed


def _per_candidate(
    segments: list[Segment],
    neighbours: list[list[int]],
    config: Config,
    excluded: frozenset[str],
    rng: random.Random,
) -> float:
    """Seconds to test one candidate pair, measured on up to 20,000 of them."""
    pairs = [
        (i, j) for i in rng.sample(range(len(segments)), min(2000, len(segments))) for j in neighbours[i]
    ]
    pairs = pairs[:20_000]
    started = time.perf_counter()
    for i, j in pairs:
        strong_link(segments[i], segments[j], config=config, excluded=excluded)
    return (time.perf_counter() - started) / max(len(pairs), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300, help="segments compared with every segment")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vocabulary", choices=VOCABULARIES, default="lexicon", help=VOCABULARY_HELP)
    parser.add_argument(
        "--lsh-threshold",
        type=lambda text: [float(part) for part in text.split(",")],
        default=[0.2, 0.5],
        help="MinHashLSH Jaccard thresholds, comma-separated (a row each)",
    )
    parser.add_argument(
        "--max-df", type=int, default=Config().max_df, help="the index's document-frequency cap"
    )
    args = parser.parse_args()
    config = Config(max_df=args.max_df)
    rng = random.Random(args.seed)

    segments, remarks = _segments(args.quotes, args.seed, args.vocabulary)
    n = len(segments)
    started = time.perf_counter()
    keys = [s.index_keys for s in segments]
    excluded = frequent_keys(keys, max_df=config.max_df)
    index = Index(keys, max_df=config.max_df, excluded=excluded)
    neighbours = [index.neighbours(k) for k in range(n)]
    index_seconds = time.perf_counter() - started
    candidates = sum(len(x) for x in neighbours) // 2
    per_candidate = _per_candidate(segments, neighbours, config, excluded, rng)

    sample = rng.sample(range(n), min(args.sample, n))
    proposed = [set(neighbours[i]) for i in sample]
    linking = found = lone = lone_found = compared = same = same_found = 0
    links_of: dict[int, set[int]] = {}
    started = time.perf_counter()
    for i, mine in zip(sample, proposed, strict=True):
        links_of[i] = set()
        for j in range(n):
            if i == j:
                continue
            compared += 1
            if _links(segments[i], segments[j], config, excluded):
                links_of[i].add(j)
                linking += 1
                found += j in mine
                if remarks[i] & remarks[j]:  # the generator planted them as one remark
                    same += 1
                    same_found += j in mine
    sample_seconds = time.perf_counter() - started
    for i, mine in zip(sample, proposed, strict=True):  # pairs only the lone-common-word rule drops
        for j in range(n):
            if i != j and j not in links_of[i] and _links(segments[i], segments[j], config, frozenset()):
                lone += 1
                lone_found += j in mine
    per_pair = sample_seconds / compared if compared else 0.0
    all_pairs = n * (n - 1) // 2
    exhaustive_seconds = per_pair * all_pairs
    indexed_seconds = index_seconds + per_candidate * candidates

    print(
        f"quotes {args.quotes:,}  segments {n:,}  max_df {config.max_df}  keys over the cap {len(excluded)}"
        f"  vocabulary {args.vocabulary}"
    )
    print(
        f"per pair: exhaustive {per_pair * 1e6:.2f} us (mostly rejected by a set intersection), "
        f"candidate {per_candidate * 1e6:.2f} us"
    )
    print(f"{'':30}{'pairs tested':>16}{'seconds':>12}{'recall':>9}")
    recall = found / linking if linking else 1.0
    print(f"{'exhaustive (extrapolated)':30}{all_pairs:>16,}{exhaustive_seconds:>12.1f}{1.0:>9.4f}")
    print(f"{'quoteprov index + testing':30}{candidates:>16,}{indexed_seconds:>12.1f}{recall:>9.4f}")
    for threshold in args.lsh_threshold:
        peer = _minhash_peer(segments, threshold)
        if peer is None:
            break
        lsh_candidates, lsh_blocking, lsh_proposed = peer
        lsh_found = sum(len(links_of[i] & lsh_proposed[i]) for i in sample)
        lsh_seconds = lsh_blocking + per_candidate * lsh_candidates
        lsh_recall = lsh_found / linking if linking else 1.0
        label = f"MinHashLSH J>={threshold} + testing"
        print(f"{label:30}{lsh_candidates:>16,}{lsh_seconds:>12.1f}{lsh_recall:>9.4f}")
        print(
            f"  (datasketch, Jaccard on content words, 128 permutations; "
            f"blocking alone {lsh_blocking:.1f} s, index alone {index_seconds:.1f} s)"
        )
        print(
            f"  index vs MinHashLSH J>={threshold}: recall {recall:.4f} vs {lsh_recall:.4f}, candidates "
            f"{candidates / max(lsh_candidates, 1):.2f}x, throughput {lsh_seconds / indexed_seconds:.1f}x"
        )
    speedup = exhaustive_seconds / indexed_seconds if indexed_seconds else float("inf")
    print(f"speed-up over exhaustive {speedup:.0f}x")
    print(f"recall of linking pairs {recall:.4f} ({found}/{linking}, {len(sample)} sampled segments)")
    print(
        f"  counting lone common words as links too: {(found + lone_found) / (linking + lone):.4f} "
        f"({found + lone_found}/{linking + lone})"
    )
    truly = same_found / same if same else 1.0
    print(f"recall of linking pairs that are one remark (synthetic truth) {truly:.4f} ({same_found}/{same})")
    print(f"target recall >= 0.99 (issue 4): {'MET' if recall >= 0.99 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
