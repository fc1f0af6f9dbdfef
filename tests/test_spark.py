"""The Spark engine gives what the embedded engine gives (``local[2]``, one shared session).

Every comparison is against :func:`quoteprov.track` on the same articles: the
JSON output contract, table by table, rows sorted by id. The graph stages are
also checked on their own against their embedded oracles: candidate pairs
from the shuffle against :class:`quoteprov.index.Index`, and large-star /
small-star components against union-find.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import generate
from test_cluster_oracle import pipeline_segments, truth_references

import quoteprov
from quoteprov import Article, Config, Reference
from quoteprov import spark as qs
from quoteprov.cli import main as cli_main
from quoteprov.cluster import needs_partners, splice_partners
from quoteprov.components import connected_components as union_find_components
from quoteprov.index import Index
from quoteprov.io import read_articles
from quoteprov.report import to_json_dict

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT.parent / "shared" / "corpus" / "realnews"


def frame(spark: Any, articles: Sequence[Article]) -> Any:
    rows = [{"id": a.id, "text": a.text, "title": a.title, "source": a.source} for a in articles]
    return spark.createDataFrame(rows, schema="id string, text string, title string, source string")


def assert_engines_agree(
    spark: Any,
    articles: Sequence[Article],
    references: Sequence[Reference] = (),
    config: Config | None = None,
) -> dict[str, list[dict[str, Any]]]:
    embedded = to_json_dict(quoteprov.track(articles, references=references, config=config))
    distributed = qs.collect(qs.track(frame(spark, articles), references=references, config=config))
    for table in ("articles", "quotes", "remarks"):
        expected = sorted(embedded[table], key=lambda row: row["id"])
        assert distributed[table] == expected, table
    return distributed


def test_spark_engine_matches_embedded_on_the_bundled_corpus(spark: Any) -> None:
    result = assert_engines_agree(spark, read_articles([ROOT / "examples" / "lavrov"]))
    assert len(result["articles"]) == 5
    assert len(result["remarks"]) >= 5
    assert any(q["fidelity"] and q["fidelity"]["verdict"] == "spliced" for q in result["quotes"])


def test_spark_engine_matches_embedded_on_real_news(spark: Any) -> None:
    result = assert_engines_agree(spark, read_articles([REALNEWS]))
    assert len(result["quotes"]) >= 200


def test_spark_engine_matches_embedded_with_references_and_a_low_frequency_cap(spark: Any) -> None:
    # A cap of 8 drops many keys from the index, as boilerplate is dropped at scale;
    # a third of the remarks have a primary source.
    corpus = generate(seed=8, remarks=40, outlets=6)
    config = Config(max_df=8)
    result = assert_engines_agree(spark, corpus.articles, truth_references(corpus), config)
    verdicts = {q["fidelity"]["verdict"] for q in result["quotes"] if q["fidelity"]}
    assert {"verbatim", "altered", "unsupported"} <= verdicts


def test_light_records_choose_the_partners_the_segments_choose() -> None:
    """The Spark engine ranks splice partners on light records; they must pick
    the very segments the embedded engine picks."""
    corpus = generate(seed=5, remarks=30, outlets=6)
    segments = pipeline_segments(corpus.articles, config=Config())
    position = {id(s): k for k, s in enumerate(segments)}
    light = [qs._Partner.of((k, s))[1] for k, s in enumerate(segments)]
    needy = [k for k, s in enumerate(segments) if needs_partners(s)]
    assert len(needy) > 50
    assert [k for k, record in enumerate(light) if record.needed] == needy
    for k in needy:
        expected = [position[id(other)] for other in splice_partners(segments[k], segments)]
        assert expected  # other articles render it
        assert [record.uid for record in splice_partners(light[k], light)] == expected


def test_candidate_pairs_match_the_index(spark: Any) -> None:
    corpus = generate(seed=3, remarks=24, outlets=6)
    segments = pipeline_segments(corpus.articles, config=Config())
    keys = [s.index_keys for s in segments]
    for max_df in (1000, 5):
        index = Index(keys, max_df=max_df)
        expected = {(i, j) for i in range(len(keys)) for j in index.neighbours(i) if i < j}
        units = spark.sparkContext.parallelize(list(enumerate(keys)), 3)
        pairs, _ = qs.candidate_pairs(units, max_df=max_df)
        assert set(pairs.collect()) == expected
        assert expected  # not vacuous


graphs = st.lists(
    st.integers(min_value=1, max_value=25).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30)
        )
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=4)
@given(graphs)
def test_large_star_small_star_matches_union_find(
    spark: Any, many: list[tuple[int, list[tuple[int, int]]]]
) -> None:
    # Many small graphs side by side on disjoint node numbers: one Spark run checks them all.
    count, edges = 0, []
    for n, own in many:
        edges.extend((a + count, b + count) for a, b in own)
        count += n
    roots = dict(qs.connected_components(spark.sparkContext.parallelize(edges, 2)).collect())
    on_edges = {node for a, b in edges if a != b for node in (a, b)}
    assert set(roots) == on_edges
    for component in union_find_components(count, [(a, b) for a, b in edges if a != b]):
        if len(component) > 1:
            assert {roots[node] for node in component} == {component[0]}


def test_a_long_path_converges(spark: Any) -> None:
    # A path numbered against the grain is the slow case for label propagation.
    edges = [(i, i + 1) for i in range(0, 200)][::-1]
    roots = dict(qs.connected_components(spark.sparkContext.parallelize(edges, 2)).collect())
    assert set(roots.values()) == {0}
    assert len(roots) == 201


def test_spark_submit_module_writes_json_lines_tables(tmp_path: Path) -> None:
    articles = read_articles([ROOT / "examples" / "lavrov"])
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n" for a in articles),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    command = [sys.executable, "-m", "quoteprov.spark", str(source), "--output", str(out), "--format", "json"]
    done = subprocess.run(
        [*command, "--master", "local[2]"], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    tables = {
        table: [
            json.loads(line) for p in (out / table).glob("part-*.json") for line in p.open(encoding="utf-8")
        ]
        for table in ("articles", "quotes", "remarks")
    }
    expected = to_json_dict(quoteprov.track(articles))
    for table, rows in tables.items():
        assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in expected[table]), table
    fidelity = {r["id"]: r.get("fidelity") for r in tables["articles"]}  # JSON Lines leave out nulls
    assert fidelity == {a["id"]: a["fidelity"] for a in expected["articles"]}


def test_parquet_tables_read_back_as_the_report(spark: Any, tmp_path: Path) -> None:
    articles = read_articles([ROOT / "examples" / "lavrov"])
    qs.track(frame(spark, articles)).write(str(tmp_path / "out"), fmt="parquet")
    expected = to_json_dict(quoteprov.track(articles))
    for table in ("articles", "quotes", "remarks"):
        rows = [r.asDict(recursive=True) for r in spark.read.parquet(str(tmp_path / "out" / table)).collect()]
        assert sorted(rows, key=lambda r: r["id"]) == sorted(expected[table], key=lambda r: r["id"]), table


def test_cli_engine_spark_writes_jsonl_tables_matching_the_embedded_report(
    tmp_path: Path, spark: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status = cli_main(
        [
            "track",
            "--engine",
            "spark",
            str(ROOT / "examples" / "lavrov"),
            "-o",
            str(out),
            "--format",
            "json",
            "-q",
        ]
    )
    assert status == 0, capsys.readouterr().err
    remarks = [
        json.loads(line) for p in (out / "remarks").glob("part-*.json") for line in p.open(encoding="utf-8")
    ]
    expected = to_json_dict(quoteprov.track(read_articles([ROOT / "examples" / "lavrov"])))["remarks"]
    assert sorted(r["id"] for r in remarks) == [r["id"] for r in sorted(expected, key=lambda r: r["id"])]
    assert {r["canonical"] for r in remarks} == {r["canonical"] for r in expected}


def test_spark_module_errors_are_one_line(
    spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = qs.main([str(tmp_path / "missing.jsonl"), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert missing == 2
    assert err.startswith("quoteprov.spark: error: ")
    assert "missing.jsonl" in err
    assert err.count("\n") == 1
    bad_reference = qs.main(
        [
            str(tmp_path / "a.jsonl"),
            "--output",
            str(tmp_path / "out"),
            "--reference",
            str(tmp_path / "nope.jsonl"),
        ]
    )
    assert bad_reference == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not spark.sparkContext._jsc.sc().isStopped()  # the caller's session is left running
