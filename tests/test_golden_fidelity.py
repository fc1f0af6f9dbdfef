"""Golden remarks-and-fidelity cases: hand-made expectations (tests/golden/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quoteprov import Article, Quote, Reference, Report, track

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "golden" / "fidelity_cases.json").read_text(encoding="utf-8")
)


def _run(case: dict[str, Any]) -> Report:
    articles = [Article(id=a["id"], text=a["text"]) for a in case["articles"]]
    references = [
        Reference(id=r["id"], speaker=r["speaker"], text=r["text"]) for r in case.get("references", [])
    ]
    return track(articles, references=references)


def _quote(report: Report, article: str, text: str) -> Quote:
    found = [q for q in report.quotes if q.article == article and q.text == text]
    assert found, (
        f"no quote {text!r} in article {article!r}: {[q.text for q in report.quotes if q.article == article]}"
    )
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_fidelity(case: dict[str, Any]) -> None:
    report = _run(case)
    for expected in case["expect"]:
        quote = _quote(report, expected["article"], expected["quote"])
        assert quote.fidelity is not None, f"{expected['quote']!r} not judged"
        got_reference = quote.fidelity.reference.split(":")[0] if quote.fidelity.reference else None
        assert (quote.fidelity.verdict, sorted(quote.fidelity.flags), got_reference) == (
            expected["verdict"],
            sorted(expected["flags"]),
            expected["reference"],
        ), expected["quote"]
    for group in case["same_remark"]:
        shared = set.intersection(*(set(_quote(report, a, t).remarks) for a, t in group))
        assert shared, f"not in one remark: {group}"
    for first, second in case["different_remark"]:
        a, b = _quote(report, *first), _quote(report, *second)
        assert not set(a.remarks) & set(b.remarks), f"in one remark: {first} {second}"
