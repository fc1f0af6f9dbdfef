"""The whole pipeline over a pile of articles (the per-article stages are pure)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from quoteprov.attribute import attribute
from quoteprov.config import Config
from quoteprov.extract import find_quotes
from quoteprov.models import Article, ArticleSummary, Extraction, Quote, Report
from quoteprov.names import merge_speakers

__all__ = ["extract_articles", "extraction_report"]


def _title(article: Article) -> str | None:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0].strip()
    return first[:200] or None


def extract_articles(articles: Sequence[Article], *, config: Config | None = None) -> tuple[Extraction, ...]:
    """Find and attribute the quotes of every article, with speakers merged
    across the corpus ("Sergey Lavrov" in one outlet, "Sergei Lavrov" in
    another and "Lavrov" in a third are one speaker, shown by the fullest name).

    The result does not depend on the order of ``articles``.
    """
    extractions = []
    for article in articles:
        found = find_quotes(article.text, article_id=article.id, config=config)
        quotes = attribute(article.text, found.quotes, config=config)
        extractions.append(attrs.evolve(found, quotes=tuple(quotes)))
    merged = merge_speakers(q.speaker for e in extractions for q in e.quotes if q.speaker)

    def fullest(quote: Quote) -> Quote:
        return attrs.evolve(quote, speaker=merged[quote.speaker]) if quote.speaker else quote

    return tuple(attrs.evolve(e, quotes=tuple(fullest(q) for q in e.quotes)) for e in extractions)


def extraction_report(articles: Sequence[Article], *, config: Config | None = None) -> Report:
    """A report of the quotes of every article (no remarks or fidelity yet)."""
    extractions = extract_articles(articles, config=config)
    return Report(
        articles=tuple(
            ArticleSummary(id=a.id, title=_title(a), problems=e.problems)
            for a, e in zip(articles, extractions, strict=True)
        ),
        quotes=tuple(q for e in extractions for q in e.quotes),
    )
