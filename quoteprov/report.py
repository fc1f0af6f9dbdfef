"""Rendering a report: JSON (the contract in DESIGN.md, schema_version 1) and text."""

from __future__ import annotations

import json
from typing import Any, Final

from quoteprov.models import Problem, Quote, Report

__all__ = ["SCHEMA_VERSION", "to_json", "to_json_dict", "to_text"]

SCHEMA_VERSION: Final = 1


def _problem(problem: Problem) -> dict[str, Any]:
    return {"offset": problem.offset, "mark": problem.mark, "message": problem.message}


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "article": quote.article,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "marks": [quote.open, quote.close],
        "kind": quote.kind,
        "speaker": quote.speaker,
        "cue": quote.cue,
        "parent": quote.parent,
        "problems": list(quote.problems),
        "remarks": [],
        "fidelity": None,
    }


def to_json_dict(report: Report) -> dict[str, Any]:
    """The report as the JSON-ready dict of the output contract."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "fidelity": a.fidelity,
                "counts": dict(a.counts),
                "problems": [_problem(p) for p in a.problems],
            }
            for a in report.articles
        ],
        "quotes": [_quote(q) for q in report.quotes],
        "remarks": [],
    }


def to_json(report: Report) -> str:
    """The report as JSON text (UTF-8 characters kept, two-space indent)."""
    return json.dumps(to_json_dict(report), ensure_ascii=False, indent=2) + "\n"


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def to_text(report: Report) -> str:
    """A report for a person: per article, each quote with its speaker and kind."""
    by_article: dict[str, list[Quote]] = {}
    for quote in report.quotes:
        by_article.setdefault(quote.article, []).append(quote)
    lines: list[str] = []
    for article in report.articles:
        quotes = by_article.get(article.id, [])
        lines.append(f"{article.id} — {len(quotes)} quote{'s' if len(quotes) != 1 else ''}")
        if article.title:
            lines.append(f"  {_one_line(article.title, 96)}")
        for quote in quotes:
            depth = "    " if quote.parent else "  "
            who = quote.speaker or "—"
            cue = f" ({quote.cue})" if quote.cue else ""
            close = quote.close or ""
            flag = "  [" + ", ".join(quote.problems) + "]" if quote.problems else ""
            lines.append(
                f"{depth}{quote.kind:<8} {who}{cue}: {quote.open}{_one_line(quote.text, 90)}{close}"
                f"  @{quote.start}-{quote.end}{flag}"
            )
        for problem in article.problems:
            lines.append(f"  ! {problem.message} at {problem.offset} ({problem.mark})")
        lines.append("")
    return "\n".join(lines)
