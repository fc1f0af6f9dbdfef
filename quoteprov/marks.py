"""Quotation-mark table: which characters open, which close, and how they pair.

The table is data, not logic: :mod:`quoteprov.extract` reads it. Each opening
mark lists the closing marks it accepts, which covers the locale pairs (“ ” ‘ ’
« » » « „ “ „ ” ‚ ‘ ‹ › › ‹ 「 」 『 』 " ') and the mixed pairs real text
contains (" … ” and “ … ").
"""

from __future__ import annotations

from typing import Final

import regex

__all__ = [
    "CLOSERS",
    "ELISION_AFTER_APOSTROPHE",
    "MARK_PATTERN",
    "PADDING",
    "PREFERRED_ROLE",
    "SINGLE_MARKS",
    "STRAIGHT_MARKS",
    "TITLE_MARKS",
    "family",
]

#: For each opening mark, the closing marks that can end its quote.
CLOSERS: Final[dict[str, frozenset[str]]] = {
    "“": frozenset('”"'),  # English; “ … " is a common mixed pair
    "”": frozenset("”"),  # Swedish and Finnish ” … ”
    "„": frozenset('“”"'),  # German „ … “, Polish and Romanian „ … ”
    "‟": frozenset("”"),
    "‘": frozenset("’'"),
    "’": frozenset("’"),  # an opening ’ is a typesetting slip for ‘, seen in news text
    "‚": frozenset("‘’'"),  # German ‚ … ‘
    "‛": frozenset("’"),
    "«": frozenset("»"),
    "»": frozenset("«"),  # German and Danish » … «
    "‹": frozenset("›"),
    "›": frozenset("‹"),
    "「": frozenset("」"),
    "『": frozenset("』"),
    '"': frozenset('"”'),  # " … ” is a common mixed pair
    "'": frozenset("'’"),
}

#: Marks that never open, only close (every other mark can open).
_CLOSE_ONLY: Final = frozenset("」』")

#: Every character the extractor looks at.
ALL_MARKS: Final = frozenset(CLOSERS) | _CLOSE_ONLY

#: Single marks double as apostrophes; no other mark does.
SINGLE_MARKS: Final = frozenset("‘’‚‛'‹›")
STRAIGHT_MARKS: Final = frozenset("\"'")

#: What a directional mark is when its neighbours do not say (space on both
#: sides, or punctuation on both): "open" or "close".
PREFERRED_ROLE: Final[dict[str, str]] = {
    "“": "open",
    "”": "close",
    "„": "open",
    "‟": "open",
    "‘": "open",
    "’": "close",
    "‚": "open",
    "‛": "open",
    "«": "open",
    "»": "close",
    "‹": "open",
    "›": "close",
    "「": "open",
    "」": "close",
    "『": "open",
    "』": "close",
}

#: Opening marks that set off a work's title, not speech (Japanese 『…』).
TITLE_MARKS: Final = frozenset("『")

#: White space that may pad the inside of a mark (French « … » style).
PADDING: Final = frozenset(" \u00a0\u202f\u2009\u2007")

#: Matches any quotation-mark character, except a single mark between two
#: letters or digits (don’t, Lavrov’s), which is always an apostrophe: leaving
#: those to the regex engine keeps the scan fast on English text.
MARK_PATTERN: Final = regex.compile(
    "[" + regex.escape("".join(sorted(ALL_MARKS - SINGLE_MARKS))) + "]"
    "|(?<![\\p{L}\\p{N}])[" + regex.escape("".join(sorted(SINGLE_MARKS))) + "]"
    "|[" + regex.escape("".join(sorted(SINGLE_MARKS))) + "](?![\\p{L}\\p{N}])"
)

#: Words written with a leading apostrophe (’n’, ’em, ’til, ’90s): the mark
#: before them is an apostrophe, not an opening quote.
ELISION_AFTER_APOSTROPHE: Final = regex.compile(
    r"(?:n(?=['’])|em|til|tis|twas|cause|cos|bout|round|\d\d(?:s|\b))(?![\p{L}\d])",
    regex.IGNORECASE,
)


def family(mark: str) -> str:
    """Return "single" or "double": the family a mark belongs to.

    >>> family("‘"), family("«")
    ('single', 'double')
    """
    return "single" if mark in SINGLE_MARKS else "double"
