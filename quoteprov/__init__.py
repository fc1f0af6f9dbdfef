"""quoteprov: quote provenance across articles.

Find the quotations in a pile of articles, who is said to have said each, which
renderings are the same remark, and how faithful each is to the closest wording
attributed elsewhere.
"""

from __future__ import annotations

from quoteprov.attribute import attribute as _attribute
from quoteprov.config import Config
from quoteprov.errors import InputError, OptionError, QuoteprovError, ReferenceFileError
from quoteprov.extract import find_quotes
from quoteprov.models import (
    KINDS,
    VERDICTS,
    Article,
    ArticleSummary,
    DiffOp,
    Extraction,
    Fidelity,
    Problem,
    Quote,
    Reference,
    Remark,
    Report,
)
from quoteprov.names import merge_speakers
from quoteprov.pipeline import extract_articles, track

__all__ = [
    "KINDS",
    "VERDICTS",
    "Article",
    "ArticleSummary",
    "Config",
    "DiffOp",
    "Extraction",
    "Fidelity",
    "InputError",
    "OptionError",
    "Problem",
    "Quote",
    "QuoteprovError",
    "Reference",
    "ReferenceFileError",
    "Remark",
    "Report",
    "__version__",
    "extract_article",
    "extract_articles",
    "extract_quotes",
    "merge_speakers",
    "track",
]

__version__ = "0.1.0"


def extract_article(text: str, *, article_id: str = "", config: Config | None = None) -> Extraction:
    """Find and attribute every quotation of one article.

    Args:
        text: the article text.
        article_id: the article's id; quote ids are ``"<article_id>:<n>"``.
        config: options; ``Config()`` when omitted.

    Returns:
        The quotes (offsets, marks, kind, speaker, cue, parent, problems) and the
        problems met in the document (stray marks).

    >>> result = extract_article("“We will not accept this,” Anna Berg said.")
    >>> [(q.text, q.kind, q.speaker, q.cue) for q in result.quotes]
    [('We will not accept this,', 'direct', 'Anna Berg', 'said')]
    """
    found = find_quotes(text, article_id=article_id, config=config)
    quotes = _attribute(text, found.quotes, config=config)
    return Extraction(article=found.article, quotes=tuple(quotes), problems=found.problems)


def extract_quotes(text: str, *, article_id: str = "", config: Config | None = None) -> list[Quote]:
    """Return the quotes of one article, found and attributed (see :func:`extract_article`).

    >>> [q.speaker for q in extract_quotes("Lavrov stated: «Nobody is thinking of it.»")]
    ['Lavrov']
    """
    return list(extract_article(text, article_id=article_id, config=config).quotes)
