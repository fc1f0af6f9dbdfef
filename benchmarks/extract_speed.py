"""Throughput of quoteprov extract + attribute (MB/s, one core) beside a bare `regex` mark scan."""

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path

import quoteprov
from quoteprov.extract import find_quotes
from quoteprov.marks import MARK_PATTERN
from quoteprov.pipeline import extract_articles

PROJECT = Path(__file__).resolve().parents[1]
SOURCES = (PROJECT / "examples" / "lavrov", PROJECT.parent / "shared" / "corpus" / "realnews")


def load_corpus(target_bytes: int) -> list[str]:
    """SOURCES' articles, cycled whole up to target_bytes; bytes.decode keeps newlines as newline=""."""
    base = [p.read_bytes().decode("utf-8") for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt"))]
    corpus: list[str] = []
    while base and target_bytes > 0:
        corpus.append(base[len(corpus) % len(base)])
        target_bytes -= len(corpus[-1].encode("utf-8"))
    return corpus


def best_time(run: Callable[[str], int], corpus: list[str], repeat: int) -> tuple[float, int]:
    """Best wall time of `repeat` passes of `run` over each article in turn, and the summed count."""
    times, count = [], 0
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        count = sum(map(run, corpus))
        times.append(time.perf_counter() - start)
    return min(times), count


def row(name: str, mb: float, articles: int, secs: float, quotes: int) -> str:
    """One line of the table: a stage's time and its rates."""
    return f"{name:<27}{mb:>8.2f}{secs:>9.3f}{mb / secs:>10.2f}{articles / secs:>12.0f}{quotes / secs:>12.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size, MB of UTF-8 (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N passes (default 3)")
    args = parser.parse_args(argv)
    corpus = load_corpus(int(args.mb * 1e6))
    mb, n, rate = sum(len(t.encode("utf-8")) for t in corpus) / 1e6, len(corpus), 0.0
    print(f"{'stage':<27}{'MB':>8}{'s':>9}{'MB/s':>10}{'articles/s':>12}{'quotes/s':>12}")
    for name, run in {
        "regex scan (quotes=marks)": lambda t: len(MARK_PATTERN.findall(t)),
        "find_quotes (spans)": lambda t: len(find_quotes(t).quotes),
        "extract (spans+attribute)": lambda t: len(quoteprov.extract_article(t).quotes),
    }.items():  # the last stage, extract+attribute, is the one the target is about
        secs, count = best_time(run, corpus, args.repeat)
        rate = mb / secs
        print(row(name, mb, n, secs, count))
    print(f"target ≥ 10 MB/s for extract+attribute: {'MET' if rate >= 10 else 'NOT MET'} ({rate:.1f} MB/s)")
    # The corpus as a whole, speakers merged across it, on one core and on two (jobs=2).
    articles = [quoteprov.Article(id=str(n), text=text) for n, text in enumerate(corpus)]
    for jobs in (1, 2):
        secs, count = best_time(
            lambda _, jobs=jobs: sum(len(e.quotes) for e in extract_articles(articles, jobs=jobs)),
            [""],
            args.repeat,
        )
        per_core = f"({mb / secs / jobs:.2f} MB/s per core)"
        print(f"{row(f'extract_articles, {jobs} core(s)', mb, n, secs, count)}  {per_core}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
