"""Rendering a report: JSON (the contract in DESIGN.md, schema_version 1) and text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from quoteprov.models import ArticleSummary, DiffOp, Fidelity, Problem, Quote, Remark, Report

__all__ = [
    "SCHEMA_VERSION",
    "article_dict",
    "inline_diff",
    "quote_dict",
    "remark_dict",
    "to_json",
    "to_json_dict",
    "to_text",
]

SCHEMA_VERSION: Final = 1


def _problem(problem: Problem) -> dict[str, Any]:
    return {"offset": problem.offset, "mark": problem.mark, "message": problem.message}


def _fidelity(fidelity: Fidelity | None) -> dict[str, Any] | None:
    if fidelity is None:
        return None
    return {
        "verdict": fidelity.verdict,
        "score": round(fidelity.score, 4),
        "reference": fidelity.reference,
        "flags": list(fidelity.flags),
        "diff": [{"op": d.op, "reference": list(d.reference), "quote": list(d.quote)} for d in fidelity.diff],
    }


def quote_dict(quote: Quote) -> dict[str, Any]:
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
        "remarks": list(quote.remarks),
        "fidelity": _fidelity(quote.fidelity),
    }


def remark_dict(remark: Remark) -> dict[str, Any]:
    return {
        "id": remark.id,
        "speaker": remark.speaker,
        "canonical": remark.canonical,
        "quotes": list(remark.quotes),
        "conflicts": list(remark.conflicts),
        "spans": [{"source": s.source, "start": s.start, "end": s.end} for s in remark.spans],
    }


def article_dict(article: ArticleSummary) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "fidelity": None if article.fidelity is None else round(article.fidelity, 4),
        "counts": dict(article.counts),
        "problems": [_problem(p) for p in article.problems],
    }


def to_json_dict(report: Report) -> dict[str, Any]:
    """The report as the JSON-ready dict of the output contract (DESIGN.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_dict(a) for a in report.articles],
        "quotes": [quote_dict(q) for q in report.quotes],
        "remarks": [remark_dict(r) for r in report.remarks],
    }


def to_json(report: Report) -> str:
    """The report as JSON text (UTF-8 characters kept, two-space indent)."""
    return json.dumps(to_json_dict(report), ensure_ascii=False, indent=2) + "\n"


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def inline_diff(diff: Sequence[DiffOp], *, width: int = 160) -> str:
    """A diff as one line: ``[-dropped-]`` reference words, ``{+added+}`` quote words.

    >>> inline_diff([DiffOp(op="equal", reference=("on",), quote=("on",)),
    ...              DiffOp(op="delete", reference=("the", "Islamic", "Republic", "of"), quote=()),
    ...              DiffOp(op="equal", reference=("Iran",), quote=("Iran",))])
    'on [-the Islamic Republic of-] Iran'
    """
    parts = []
    for op in diff:
        if op.op == "equal":
            parts.append(" ".join(op.quote))
            continue
        if op.reference:
            parts.append("[-" + " ".join(op.reference) + "-]")
        if op.quote:
            parts.append("{+" + " ".join(op.quote) + "+}")
    return _one_line(" ".join(parts), width)


def _extraction_text(report: Report) -> list[str]:
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
    return lines


def _tracking_text(report: Report) -> list[str]:
    lines = ["Articles by fidelity (length-weighted mean score of judged quotes)", ""]
    ranked = sorted(report.articles, key=lambda a: (a.fidelity is None, -(a.fidelity or 0.0), a.id))
    width = max((len(a.id) for a in report.articles), default=7)
    lines.append(f"  {'article':<{width}}  fidelity  verdicts")
    for a in ranked:
        score = "   —    " if a.fidelity is None else f"  {a.fidelity:.3f} "
        counts = ", ".join(f"{verdict} {n}" for verdict, n in a.counts) or "no judged quotes"
        lines.append(f"  {a.id:<{width}}  {score}  {counts}")
    lines += ["", "Remarks", ""]
    quotes = {q.id: q for q in report.quotes}
    outlet = {a.id: f"{a.source} ({a.id})" if a.source else a.id for a in report.articles}
    for remark in report.remarks:
        conflict = f"  (also attributed to: {', '.join(remark.conflicts)})" if remark.conflicts else ""
        lines.append(f"{remark.id}  {remark.speaker or '—'}{conflict}")
        lines.append(f"    “{_one_line(remark.canonical, 110)}”")
        for source in remark.quotes:
            quote = quotes.get(source)
            if quote is None:
                lines.append(f"    {source:<28} primary source")
                continue
            fidelity = quote.fidelity
            verdict = f"{fidelity.verdict} {fidelity.score:.2f}" if fidelity else "not judged"
            flags = f" [{', '.join(fidelity.flags)}]" if fidelity and fidelity.flags else ""
            where = outlet.get(quote.article, quote.article)[:36]
            lines.append(f"    {where:<36} {quote.speaker or '—'}: {verdict}{flags}")
            if len(quote.remarks) == 1 and fidelity and fidelity.diff and fidelity.verdict != "verbatim":
                lines.append(f"        {inline_diff(fidelity.diff)}")
            else:
                # The part of this rendering that carries the remark.
                parts = [
                    quote.text[span.start - quote.start : span.end - quote.start]
                    for span in remark.spans
                    if span.source == source
                ]
                lines.append(f"        {_one_line(' … '.join(parts) or quote.text, 110)}")
        lines.append("")
    return lines


def to_text(report: Report) -> str:
    """A report for a person. For a tracked report: a table of articles sorted by
    fidelity, then each remark with its canonical wording and every rendering
    with outlet, speaker, verdict, score and an inline diff. For an extraction:
    per article, each quote with its speaker, cue and kind."""
    tracked = any(q.fidelity is not None for q in report.quotes) or bool(report.remarks)
    return "\n".join(_tracking_text(report) if tracked else _extraction_text(report))
