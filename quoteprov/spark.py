"""The pipeline on Apache Spark: the stages of :func:`quoteprov.track`, run on a cluster.

``pip install 'quoteprov[spark]'``. Each stage calls the same functions as the
embedded engine, so the two give the same remarks, verdicts and scores:

1. **extract**: each article's quotes and speakers, in the partition it lives in;
2. **merge speakers**: the distinct names (few) merged on the driver, broadcast back;
3. **segments**: each judged quote cut into sentences (and at ellipses);
4. **splices**: candidate pairs from a shuffle on content-word keys (keys held
   by more than ``max_df`` segments are dropped, as the index drops them), each
   segment cut where it fuses two of its candidates;
5. **components**: candidate pairs again, kept where the two have a
   :func:`~quoteprov.cluster.strong_link`; connected components by
   large-star/small-star (plain RDD operations, no GraphFrames);
6. **remarks**: each component clustered on its own (the components are
   independent sub-problems, see :mod:`quoteprov.components`);
7. **fidelity**: each quote judged against the remarks it renders, each article summarised.

Run it with ``spark-submit`` (or ``python -m quoteprov.spark``)::

    spark-submit --master yarn examples/spark_track.py articles.jsonl --output out/

or from the command line, on the driver's files: ``quoteprov track --engine spark PATH -o out/``.
The output is three tables, ``articles``, ``quotes`` and ``remarks``, with the
columns of the JSON output contract (DESIGN.md), as Parquet or JSON Lines.
"""

from __future__ import annotations

import argparse
import itertools
import operator
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from quoteprov.cluster import (
    canonical_order,
    cluster_segments,
    needs_partners,
    splice_partners,
    splice_pieces,
    strong_link,
)
from quoteprov.config import Config
from quoteprov.errors import QuoteprovError
from quoteprov.fidelity import remark_speaker
from quoteprov.index import indexed, need, shared_enough
from quoteprov.io import read_references
from quoteprov.models import Article, ArticleSummary, Extraction, Fidelity, Quote, Reference, Remark
from quoteprov.names import merge_speakers
from quoteprov.normalize import Token, tokenize
from quoteprov.pipeline import (
    build_remark,
    canonical_of,
    extract_one,
    is_judged,
    printed_by,
    quote_segments,
    reference_segments,
    remark_order_key,
    source_text,
    summarize,
    with_fidelity,
    with_speakers,
)
from quoteprov.report import article_dict, quote_dict, remark_dict
from quoteprov.segment import Segment

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "ARTICLES_SCHEMA",
    "QUOTES_SCHEMA",
    "REMARKS_SCHEMA",
    "SparkReport",
    "candidate_pairs",
    "collect",
    "connected_components",
    "main",
    "read_articles",
    "session",
    "track",
]

_DIFF: Final = "array<struct<op:string,reference:array<string>,quote:array<string>>>"
_FIDELITY: Final = f"struct<verdict:string,score:double,reference:string,flags:array<string>,diff:{_DIFF}>"

#: The output tables' columns: those of the JSON output contract (DESIGN.md).
ARTICLES_SCHEMA: Final = (
    "id string, title string, source string, fidelity double, counts map<string,int>, "
    "problems array<struct<offset:int,mark:string,message:string>>"
)
QUOTES_SCHEMA: Final = (
    "id string, article string, start int, end int, text string, marks array<string>, kind string, "
    f"speaker string, cue string, parent string, problems array<string>, remarks array<string>, "
    f"fidelity {_FIDELITY}"
)
REMARKS_SCHEMA: Final = (
    "id string, speaker string, canonical string, quotes array<string>, conflicts array<string>, "
    "spans array<struct<source:string,start:int,end:int>>"
)

#: A remark's label: (its component, its label within the component).
Label = tuple[int, int]


@attrs.frozen(eq=False)
class SparkReport:
    """The three output tables, as DataFrames (nothing is computed until they are used)."""

    articles: DataFrame
    quotes: DataFrame
    remarks: DataFrame

    def write(self, path: str, *, fmt: str = "parquet", mode: str = "error") -> None:
        """Write the tables under ``path`` (``articles/``, ``quotes/``, ``remarks/``) as
        ``parquet`` or ``json`` (JSON Lines part files)."""
        for name in ("articles", "quotes", "remarks"):
            writer = getattr(self, name).write.mode(mode)
            target = os.path.join(path, name)
            writer.parquet(target) if fmt == "parquet" else writer.json(target)


def session(
    master: str | None = None, *, app: str = "quoteprov", partitions: int | None = None
) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (so they import this quoteprov).

    ``master`` (e.g. ``local[2]``) is left to ``spark-submit`` when None.
    """
    from pyspark.sql import SparkSession  # noqa: PLC0415 (pyspark is an optional extra)

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master:
        builder = builder.master(master)
    if partitions:
        builder = builder.config("spark.default.parallelism", str(partitions)).config(
            "spark.sql.shuffle.partitions", str(partitions)
        )
    return builder.getOrCreate()


def read_articles(spark: SparkSession, paths: Sequence[str]) -> DataFrame:
    """Articles from JSON Lines or Parquet (by extension; a folder is read as Parquet),
    with columns ``id``, ``text`` and optionally ``title``, ``source``, ``published``, ``url``."""
    jsonl = [p for p in paths if p.endswith((".jsonl", ".json"))]
    parquet = [p for p in paths if p not in jsonl]
    frames = []
    if jsonl:
        frames.append(spark.read.schema(_ARTICLE_COLUMNS).json(jsonl))
    if parquet:
        frames.append(spark.read.parquet(*parquet))
    frame = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1], allowMissingColumns=True)
    missing = {"id", "text"} - set(frame.columns)
    if missing:
        raise ValueError(f"articles need the columns id and text; missing: {', '.join(sorted(missing))}")
    return frame


_ARTICLE_COLUMNS: Final = "id string, text string, title string, source string, published string, url string"
_OPTIONAL: Final = ("title", "source", "published", "url")


def _article(row: Any) -> Article:
    fields = row.asDict()
    return Article(id=fields["id"], text=fields["text"], **{k: fields.get(k) for k in _OPTIONAL})


# --------------------------------------------------------------------------- graph stages


def candidate_pairs(
    units: RDD[tuple[int, frozenset[str]]], *, max_df: int, partitions: int | None = None
) -> tuple[RDD[tuple[int, int]], frozenset[str]]:
    """The index's candidate pairs (a < b) by a shuffle on keys, and the keys too frequent to index.

    Same rule as :class:`quoteprov.index.Index`: keys held by more than
    ``max_df`` units are dropped; two units are candidates when they share as
    many indexed keys as :func:`quoteprov.index.linked` asks. Shuffles make
    ``partitions`` partitions (by default, the context's default parallelism).
    """
    n_parts = partitions or units.context.defaultParallelism
    counts = units.flatMap(lambda unit: [(key, 1) for key in unit[1]]).reduceByKey(operator.add, n_parts)
    frequent = frozenset(counts.filter(lambda kv: kv[1] > max_df).keys().collect())
    excluded = units.context.broadcast(frequent)

    def postings_of(unit: tuple[int, frozenset[str]]) -> list[tuple[str, tuple[int, int]]]:
        uid, keys = unit
        wants = need(keys, excluded.value)
        return [(key, (uid, wants)) for key in indexed(keys, excluded.value)]

    # Each posting list goes to each of its units, which finds its neighbours in them
    # as Index.neighbours does, with set operations (not a row per pair and shared key).
    pairs = (
        units.flatMap(postings_of)
        .groupByKey(n_parts)
        .values()
        .flatMap(_posting_to_members)
        .groupByKey(n_parts)
        .flatMap(_later_neighbours)
    )
    return pairs, frequent


def _posting_to_members(
    posting: Iterable[tuple[int, int]],
) -> list[tuple[int, tuple[frozenset[int], frozenset[int]]]]:
    """(unit, (the units holding a key, those of them needing one shared key)) for each unit holding it."""
    rows = list(posting)
    members = frozenset(uid for uid, _ in rows)
    easy = frozenset(uid for uid, wants in rows if wants <= 1)
    return [(uid, (members, easy)) for uid in members]


def _later_neighbours(
    item: tuple[int, Iterable[tuple[frozenset[int], frozenset[int]]]],
) -> list[tuple[int, int]]:
    """(unit, other) for each candidate of ``unit`` numbered after it: the rule of
    :meth:`quoteprov.index.Index.neighbours` over the posting lists of its keys."""
    unit, postings = item
    lists = list(postings)
    easy = frozenset().union(*(easy_members for _, easy_members in lists))
    found = shared_enough((members for members, _ in lists), easy, wants=1 if unit in easy else 2)
    return [(unit, other) for other in sorted(found) if other > unit]


def _large_star(item: tuple[int, Iterable[int]]) -> list[tuple[int, int]]:
    node, neighbours = item
    around = set(neighbours)
    least = min(around | {node})
    return [(other, least) for other in around if other > node]


def _small_star(item: tuple[int, Iterable[int]]) -> list[tuple[int, int]]:
    node, neighbours = item
    lower = {other for other in neighbours if other <= node} | {node}
    least = min(lower)
    return [(other, least) for other in lower if other != least]


def connected_components(
    edges: RDD[tuple[int, int]], *, partitions: int | None = None
) -> RDD[tuple[int, int]]:
    """(node, least node of its component) for every node on an edge, by
    alternating large-star and small-star (Kiveris et al., 2014) until the
    edge set stops changing; each round is a few shuffles (of ``partitions``
    partitions, by default the context's default parallelism)."""
    n_parts = partitions or edges.context.defaultParallelism
    current = edges.filter(lambda e: e[0] != e[1]).map(lambda e: (max(e), min(e))).distinct(n_parts).cache()
    while True:
        undirected = current.flatMap(lambda e: [e, (e[1], e[0])])
        large = undirected.groupByKey(n_parts).flatMap(_large_star)
        small = (
            large.map(lambda e: (max(e), min(e)))
            .groupByKey(n_parts)
            .flatMap(_small_star)
            .distinct(n_parts)
            .cache()
        )
        if small.subtract(current, n_parts).union(current.subtract(small, n_parts)).isEmpty():
            break
        current.unpersist()
        current = small
    roots = current.values().distinct(n_parts).map(lambda root: (root, root))
    return current.reduceByKey(min, n_parts).union(roots).reduceByKey(min, n_parts)


# --------------------------------------------------------------------------- the pipeline


def _cluster_component(
    item: tuple[int, Iterable[Segment]], config: Config, excluded: frozenset[str]
) -> list[tuple[Label, Segment]]:
    component, members = item
    clustering = cluster_segments(list(members), config=config, excluded=excluded)
    return [((component, label), s) for s, label in zip(clustering.segments, clustering.labels, strict=True)]


@attrs.frozen(eq=False)
class _RemarkData:
    """What judging a quote needs of one remark: its renderings in canonical order,
    its speaker (see :func:`remark_speaker`), who prints each wording, and the
    full token lists of its renderings' sources."""

    members: list[Segment]
    speaker: tuple[str | None, tuple[str, ...], float]
    support: dict[tuple[str, ...], frozenset[str]]
    tokens: dict[str, tuple[Token, ...]]


def _remark_data(
    item: tuple[Label, Iterable[tuple[Segment, frozenset[str], tuple[Token, ...]]]],
) -> tuple[Label, _RemarkData]:
    label, rows = item
    ordered = sorted(rows, key=lambda row: canonical_order(row[0]))
    members = [segment for segment, _, _ in ordered]
    return label, _RemarkData(
        members=members,
        speaker=remark_speaker(members),
        support={segment.keys: printed for segment, printed, _ in ordered},
        tokens={segment.source: tokens for segment, _, tokens in ordered},
    )


def _judge(
    item: tuple[
        str, tuple[tuple[Quote, list[tuple[Segment, Label]]], Iterable[tuple[Label, str, _RemarkData]]]
    ],
    config: Config,
) -> tuple[Quote, int]:
    """A quote with its remarks and fidelity, and its length in words."""
    _, ((quote, parts), remarks) = item
    by_label: dict[Label, list[Segment]] = {}
    speakers = {}
    support: dict[tuple[str, ...], frozenset[str]] = {}
    full_tokens: dict[str, tuple[Token, ...]] = {}
    remark_ids: dict[Label, str] = {}
    for label, remark_id, data in remarks:
        by_label[label], speakers[label], remark_ids[label] = data.members, data.speaker, remark_id
        support.update(data.support)
        full_tokens.update(data.tokens)
    judged = with_fidelity(
        quote,
        parts,
        by_label=by_label,
        speakers=speakers,
        remark_ids=remark_ids,
        full_tokens=full_tokens,
        support=support,
        config=config,
    )
    return judged, len(full_tokens[quote.id])


# Small steps between shuffles, named so that each RDD line says what it does.


def _swap(pair: tuple[Any, Any]) -> tuple[Any, Any]:
    return pair[1], pair[0]


def _both_ways(pair: tuple[int, int]) -> list[tuple[int, int]]:
    return [pair, (pair[1], pair[0])]


@attrs.frozen
class _Partner:
    """What choosing splice partners reads of a segment (see :class:`quoteprov.cluster.Rankable`),
    with its number and whether it can be a splice: shipped per candidate pair instead of
    the segment and its tokens."""

    uid: int
    article: str | None
    start: int
    source: str
    content_keys: frozenset[str]
    needed: bool

    @classmethod
    def of(cls, item: tuple[int, Segment]) -> tuple[int, _Partner]:
        uid, s = item
        return uid, cls(uid, s.article, s.start, s.source, s.content_keys, needs_partners(s))


def _chosen_partners(item: tuple[int, Iterable[tuple[_Partner, _Partner]]]) -> list[tuple[int, int]]:
    """(partner, segment) for each of a segment's splice partners among its candidates."""
    uid, rows = item
    rows = list(rows)
    return [(other.uid, uid) for other in splice_partners(rows[0][0], [other for _, other in rows])]


def _split_segment(item: tuple[int, tuple[Segment, Iterable[Segment] | None]]) -> list[Segment]:
    _, (segment, neighbours) = item
    return splice_pieces(segment, neighbours or ())


def _in_component(item: tuple[int, tuple[Segment, int | None]]) -> tuple[int, Segment]:
    """(component, segment): a segment with no strong link is a component of its own."""
    uid, (segment, root) = item
    return (uid if root is None else root), segment


def _with_printers(
    item: tuple[tuple[str, ...], tuple[tuple[Label, Segment], dict[tuple[str, ...], frozenset[str]]]],
) -> tuple[str, tuple[Label, Segment, frozenset[str]]]:
    keys, ((label, segment), printed) = item
    return segment.source, (label, segment, printed[keys])


def _with_tokens(
    item: tuple[str, tuple[tuple[Label, Segment, frozenset[str]], tuple[Token, ...]]],
) -> tuple[Label, tuple[Segment, frozenset[str], tuple[Token, ...]]]:
    _, ((label, segment, printers), tokens) = item
    return label, (segment, printers, tokens)


def _canonical_source(item: tuple[Label, tuple[_RemarkData, str]]) -> tuple[str, tuple[str, _RemarkData]]:
    _, (data, remark_id) = item
    return canonical_of(data.members).source, (remark_id, data)


def _remark(item: tuple[str, tuple[tuple[str, _RemarkData], tuple[int, str]]]) -> Remark:
    _, ((remark_id, data), (offset, text)) = item
    canonical = source_text(canonical_of(data.members), offset, text)
    return build_remark(remark_id, data.members, canonical, data.speaker)


def _remark_labels(item: tuple[str, list[tuple[Segment, Label]]]) -> list[tuple[Label, str]]:
    source, parts = item
    return [(label, source) for label in {label for _, label in parts}]


def _remark_for_quote(
    item: tuple[Label, tuple[str, tuple[_RemarkData, str]]],
) -> tuple[str, tuple[Label, str, _RemarkData]]:
    label, (quote_id, (data, remark_id)) = item
    return quote_id, (label, remark_id, data)


def track(
    articles: DataFrame,
    *,
    references: Sequence[Reference] = (),
    config: Config | None = None,
    partitions: int | None = None,
) -> SparkReport:
    """:func:`quoteprov.track` on Spark: the same remarks, verdicts and scores.

    Args:
        articles: a DataFrame with columns ``id`` and ``text`` (and optionally
            ``title``, ``source``, ``published``, ``url``); see :func:`read_articles`.
        references: primary-source statements (few: they are parallelised from the driver).
        config: options; ``Config()`` when omitted.
        partitions: how many partitions each shuffle makes (by default the
            context's default parallelism, the cores of a local master).

    Returns:
        The ``articles``, ``quotes`` and ``remarks`` tables.
    """
    cfg = config or Config()
    spark = articles.sparkSession
    sc = spark.sparkContext
    n_parts = partitions or sc.defaultParallelism

    # 1-2. Extract in partitions; merge the speakers' names on the driver.
    rows = articles.rdd
    if rows.getNumPartitions() < n_parts:  # a small input still spreads over every core
        rows = rows.repartition(n_parts)
    raw = rows.map(_article).map(lambda a: (a, extract_one(a, config=cfg))).cache()
    names = (
        raw.flatMap(lambda ae: [q.speaker for q in ae[1].quotes if q.speaker])
        .map(lambda name: (name, 1))
        .reduceByKey(operator.add, n_parts)
        .collect()
    )
    merged = sc.broadcast(
        merge_speakers(itertools.chain.from_iterable(itertools.repeat(n, c) for n, c in sorted(names)))
    )
    extracted = raw.map(lambda ae: (ae[0], with_speakers(ae[1], merged.value))).cache()
    extracted.count()  # filled from raw's cache before it is dropped (else extraction runs twice)
    raw.unpersist()
    quotes = extracted.flatMap(lambda ae: ae[1].quotes)
    judged = quotes.filter(is_judged).cache()

    # 3. Segments, full token lists and texts of every rendering.
    refs = sc.parallelize(list(references), max(1, min(len(references), sc.defaultParallelism)))
    segments = judged.flatMap(quote_segments).union(refs.flatMap(reference_segments))
    full_tokens = judged.map(lambda q: (q.id, tokenize(q.text, offset=q.start))).union(
        refs.map(lambda r: (r.id, tokenize(r.text)))
    )
    texts = judged.map(lambda q: (q.id, (q.start, q.text))).union(refs.map(lambda r: (r.id, (0, r.text))))

    # 4. Splices: each segment that can be one against its splice partners among its
    # candidates: chosen on light records, so only the chosen segments are shipped.
    numbered = segments.zipWithUniqueId().map(_swap).cache()
    pairs, _ = candidate_pairs(
        numbered.mapValues(lambda s: s.index_keys), max_df=cfg.max_df, partitions=n_parts
    )
    light = numbered.map(_Partner.of).cache()
    needy = light.filter(lambda item: item[1].needed)
    # (x, y) → (x, (y, x's record)) for x that can be a splice → (y, x's record)
    # → (y, (x's record, y's record)) → (x, [their records]) → (y, x) for x's partners
    # → (y, (x, segment y)) → (x, [segments of x's partners])
    partners = (
        pairs.flatMap(_both_ways)
        .join(needy, n_parts)
        .map(lambda item: (item[1][0], item[1][1]))
        .join(light, n_parts)
        .map(lambda item: (item[1][0].uid, item[1]))
        .groupByKey(n_parts)
        .flatMap(_chosen_partners)
        .join(numbered, n_parts)
        .values()
        .groupByKey(n_parts)
    )
    split = numbered.leftOuterJoin(partners, n_parts).flatMap(_split_segment)
    pieces = split.zipWithUniqueId().map(_swap).cache()
    numbered.unpersist()

    # 5. Components of strong links.
    pairs, frequent = candidate_pairs(
        pieces.mapValues(lambda s: s.index_keys), max_df=cfg.max_df, partitions=n_parts
    )
    excluded = sc.broadcast(frequent)

    def strong(item: tuple[int, tuple[tuple[int, Segment], Segment]]) -> bool:
        _, ((_, a), b) = item
        return strong_link(a, b, config=cfg, excluded=excluded.value)

    # (a, b) → (b, (a, segment a)) → (b, ((a, segment a), segment b)) → kept if strong → (a, b)
    edges = (
        pairs.join(pieces, n_parts)
        .map(lambda item: (item[1][0], (item[0], item[1][1])))
        .join(pieces, n_parts)
        .filter(strong)
        .map(lambda item: (item[1][0][0], item[0]))
    )
    root = connected_components(edges, partitions=n_parts)

    # 6. Remarks: each component clustered on its own; numbered by first rendering.
    labelled = (
        pieces.leftOuterJoin(root, n_parts)
        .map(_in_component)
        .groupByKey(n_parts)
        .flatMap(lambda item: _cluster_component(item, cfg, excluded.value))
        .cache()
    )
    printers = labelled.map(lambda ls: (ls[1].keys, ls[1])).groupByKey(n_parts).mapValues(printed_by)
    remarks = (
        labelled.map(lambda ls: (ls[1].keys, ls))
        .join(printers, n_parts)
        .map(_with_printers)
        .join(full_tokens, n_parts)
        .map(_with_tokens)
        .groupByKey(n_parts)
        .map(_remark_data)
        .cache()
    )
    first_rendering = remarks.map(lambda item: (remark_order_key(item[1].members), item[0]))
    order = first_rendering.sortByKey(numPartitions=n_parts).values().zipWithIndex()
    remark_ids = order.map(lambda item: (item[0], f"r{item[1] + 1}"))
    numbered_remarks = remarks.join(remark_ids, n_parts).cache()
    remark_rows = numbered_remarks.map(_canonical_source).join(texts, n_parts).map(_remark)

    # 7. Fidelity: each quote against the remarks its parts belong to.
    parts = labelled.map(lambda ls: (ls[1].source, (ls[1], ls[0]))).groupByKey(n_parts).mapValues(list)
    its_remarks = (
        parts.flatMap(_remark_labels)
        .join(numbered_remarks, n_parts)
        .map(_remark_for_quote)
        .groupByKey(n_parts)
    )
    judged_quotes = (
        judged.map(lambda q: (q.id, q))
        .join(parts, n_parts)
        .join(its_remarks, n_parts)
        .map(lambda item: _judge(item, cfg))
        .cache()
    )
    unjudged = quotes.filter(lambda q: not is_judged(q))
    out_quotes = judged_quotes.keys().union(unjudged)
    weights = judged_quotes.map(lambda qw: (qw[0].article, (qw[0].start, qw[0].fidelity, qw[1]))).groupByKey(
        n_parts
    )
    summaries = (
        extracted.map(lambda ae: (ae[0].id, ae))
        .leftOuterJoin(weights, n_parts)
        .map(lambda item: _summary(item[1][0], item[1][1]))
    )
    return SparkReport(
        articles=spark.createDataFrame(summaries.map(article_dict), schema=ARTICLES_SCHEMA),
        quotes=spark.createDataFrame(out_quotes.map(quote_dict), schema=QUOTES_SCHEMA),
        remarks=spark.createDataFrame(remark_rows.map(remark_dict), schema=REMARKS_SCHEMA),
    )


def _summary(
    extracted: tuple[Article, Extraction], judged: Iterable[tuple[int, Fidelity | None, int]] | None
) -> ArticleSummary:
    """As the embedded engine sums them: the article's judged quotes in order of offset."""
    article, extraction = extracted
    return summarize(article, extraction, [(f, w) for _, f, w in sorted(judged or ()) if f is not None])


def collect(report: SparkReport) -> dict[str, list[dict[str, Any]]]:
    """The tables' rows as JSON-ready dicts (the output contract), each table sorted by id."""
    return {
        name: sorted(
            (row.asDict(recursive=True) for row in getattr(report, name).collect()), key=lambda r: r["id"]
        )
        for name in ("articles", "quotes", "remarks")
    }


# --------------------------------------------------------------------------- spark-submit


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m quoteprov.spark INPUT... --output DIR`` (or ``spark-submit
    examples/spark_track.py …``): track articles read by Spark (JSON Lines or
    Parquet) and write the three tables. A failure is one line on stderr and exit status 2."""
    parser = argparse.ArgumentParser(prog="quoteprov.spark", description=main.__doc__)
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="articles: .jsonl files or Parquet folders (globs too)"
    )
    parser.add_argument(
        "--output", required=True, metavar="DIR", help="a new folder for articles/, quotes/, remarks/"
    )
    parser.add_argument("--format", choices=("parquet", "json"), default="parquet")
    parser.add_argument("--reference", action="append", default=[], metavar="FILE.jsonl")
    parser.add_argument("--master", help="e.g. local[2] (default: as spark-submit says)")
    parser.add_argument(
        "--partitions", type=int, help="partitions per shuffle (default: the cluster's default parallelism)"
    )
    args = parser.parse_args(argv)
    try:
        references = [r for path in args.reference for r in read_references(path)]
    except QuoteprovError as exc:
        print(f"quoteprov.spark: error: {exc}", file=sys.stderr)
        return 2
    from pyspark.errors import PySparkException  # noqa: PLC0415 (pyspark is an optional extra)
    from pyspark.sql import SparkSession  # noqa: PLC0415

    active = SparkSession.getActiveSession()  # a caller's session is used, and left running
    spark = active or session(args.master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        articles = read_articles(spark, args.inputs)
        report = track(articles, references=references, partitions=args.partitions)
        report.write(args.output, fmt=args.format)
    except (PySparkException, ValueError) as exc:
        # Spark's messages run over many lines (and stack traces): the first says what went wrong.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"quoteprov.spark: error: {first}", file=sys.stderr)
        return 2
    finally:
        if active is None:
            spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
