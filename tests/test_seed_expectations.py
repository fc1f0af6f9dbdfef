"""What a fact-checker expects of the bundled Lavrov corpus (issue: remarks and fidelity).

Each expectation names a quote by words the article prints, so the test reads
like the fact-checker's list; nothing here was copied from quoteprov's output.
"""

from __future__ import annotations

import functools
from pathlib import Path

from quoteprov import Article, Quote, Report, track

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "lavrov"


@functools.cache
def _report() -> Report:
    articles = []
    for path in sorted(CORPUS.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            articles.append(Article(id=path.stem, text=handle.read()))
    return track(articles)


def _quote(article_prefix: str, words: str) -> Quote:
    found = [q for q in _report().quotes if q.article.startswith(article_prefix) and words in q.text]
    assert len(found) == 1, (article_prefix, words, [q.text for q in found])
    return found[0]


def test_relevant_conclusions_fragment_is_altered_against_000() -> None:
    quote = _quote("001", "made relevant conclusions long before the Israeli-American strikes on Iran")
    assert quote.fidelity is not None
    assert quote.fidelity.verdict == "altered"
    assert quote.fidelity.reference is not None
    assert quote.fidelity.reference.startswith("000")
    dropped = [" ".join(op.reference) for op in quote.fidelity.diff if op.op == "delete"]
    assert "the Islamic Republic of" in dropped


def test_france_and_britain_quote_is_spliced_from_two_remarks() -> None:
    quote = _quote("000", "Russia is currently not taking seriously France and Britain")
    assert quote.fidelity is not None
    assert quote.fidelity.verdict == "spliced"
    assert len(quote.remarks) == 2
    against_anyone = _quote("002", "build alliances directed against anyone")
    assert set(quote.remarks) & set(against_anyone.remarks)


def test_solidarity_quote_is_unsupported() -> None:
    quote = _quote("004", "solidarity with allies must take precedence over political considerations")
    assert quote.fidelity is not None
    assert quote.fidelity.verdict == "unsupported"
    assert quote.fidelity.reference is None


def test_mikhailov_quotes_are_his() -> None:
    for words in (
        "This is not just about weapons",
        "It’s about learning how to fight",
        "propaganda narrative",
    ):
        assert _quote("004", words).speaker == "Евгений Михайлов"


def test_scare_quotes_are_not_judged() -> None:
    for prefix, words in (("001", "special operation"), ("004", "joint counterterrorism drills")):
        quote = _quote(prefix, words)
        assert quote.kind == "scare"
        assert quote.fidelity is None
        assert quote.speaker is None


def test_translation_variants_are_one_remark() -> None:
    made = _quote("000", "made relevant conclusions long before the Israeli-American strikes")
    drew = _quote("002", "drew the necessary conclusions long before the Israeli and U.S. strikes")
    assert set(made.remarks) & set(drew.remarks)


def test_long_002_quote_carries_two_remarks_without_being_spliced() -> None:
    quote = _quote("002", "drew the necessary conclusions")
    assert len(quote.remarks) >= 2
    assert quote.fidelity is not None
    assert quote.fidelity.verdict != "spliced"


def test_lavrov_is_one_speaker_shown_by_the_fullest_name() -> None:
    speakers = {q.speaker for q in _report().quotes if q.speaker and "Lavrov" in q.speaker}
    assert len(speakers) == 1
    assert speakers.pop() in ("Sergei Lavrov", "Sergey Lavrov")
