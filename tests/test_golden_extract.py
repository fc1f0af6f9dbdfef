"""Golden cases for quote extraction and attribution: hand-written expectations.

The cases live in ``golden/extract_cases.json`` (format in ``golden/README.md``).
They were written from the specification, without running the extractor, so
they are an independent oracle. One test per case, named after the case.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

import pytest

import quoteprov
from quoteprov import Quote

try:  # the name helpers are moving from quoteprov.attribute to quoteprov.names
    from quoteprov.names import same_person
except ImportError:
    from quoteprov.attribute import same_person  # type: ignore[attr-defined,no-redef]

GOLDEN = Path(__file__).resolve().parent / "golden" / "extract_cases.json"


class ExpectedQuote(TypedDict):
    text: str
    open: str
    close: str | None
    kind: str
    speaker: str | None
    parent: int | None
    problem: bool


class Case(TypedDict):
    name: str
    covers: str
    text: str
    expected: list[ExpectedQuote]
    speaker_any: bool


def _load_cases() -> list[Case]:
    raw: list[Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return [Case(**case) for case in raw]


CASES = _load_cases()


def _parent_indices(quotes: Sequence[Quote]) -> list[int | None]:
    """Map each quote's parent id to that parent's index in the list."""
    index_of = {q.id: i for i, q in enumerate(quotes)}
    return [None if q.parent is None else index_of.get(q.parent, -1) for q in quotes]


def _same_speaker(expected: str | None, got: str | None) -> bool:
    if expected is None or got is None:
        return expected is got
    return same_person(expected, got) or expected.casefold() == got.casefold()


def test_case_names_are_unique() -> None:
    names = [case["name"] for case in CASES]

    assert len(names) == len(set(names))


#: Known gaps, each failing for the reason given (strict: a fix must remove the entry).
KNOWN_GAPS = {
    "pair_corner_brackets": "Japanese attribution: names are not capitalised and the cue follows "
    "the quote (「…」と田中花子は言った); the speaker is not found",
}


def _params() -> list[object]:
    return [
        pytest.param(case, marks=pytest.mark.xfail(reason=KNOWN_GAPS[case["name"]], strict=True))
        if case["name"] in KNOWN_GAPS
        else case
        for case in CASES
    ]


@pytest.mark.parametrize("case", _params(), ids=[case["name"] for case in CASES])
def test_golden_case(case: Case) -> None:
    quotes = quoteprov.extract_quotes(case["text"])
    expected = case["expected"]

    assert [q.text for q in quotes] == [e["text"] for e in expected]
    assert [q.open for q in quotes] == [e["open"] for e in expected]
    assert [q.close for q in quotes] == [e["close"] for e in expected]
    assert _parent_indices(quotes) == [e["parent"] for e in expected]
    assert [bool(q.problems) for q in quotes] == [e["problem"] for e in expected]
    assert [q.kind for q in quotes] == [e["kind"] for e in expected]
    if not case["speaker_any"]:
        got_speakers = [q.speaker for q in quotes]
        want_speakers = [e["speaker"] for e in expected]
        assert all(_same_speaker(w, g) for w, g in zip(want_speakers, got_speakers, strict=True)), (
            f"speakers: expected {want_speakers}, got {got_speakers}"
        )
