"""A tour of the quoteprov Python API on the bundled Lavrov corpus.

Run: python examples/api_tour.py
"""

from __future__ import annotations

from pathlib import Path

from quoteprov import Article, Reference, extract_quotes, track

CORPUS = Path(__file__).resolve().parent / "lavrov"


def main() -> None:
    articles = []
    for path in sorted(CORPUS.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:  # offsets index the text as stored
            articles.append(Article(id=path.stem, text=handle.read()))

    # 1. Quotes of one article, with speakers and cues.
    first = articles[0]
    for quote in extract_quotes(first.text, article_id=first.id):
        assert first.text[quote.start : quote.end] == quote.text
        print(f"{quote.kind:8} {quote.speaker or '—'} ({quote.cue}): {quote.text[:60]!r}")

    # 2. The whole pile: remarks, verdicts, article fidelity. A primary-source
    #    statement, when supplied, is the reference of every quote it aligns with.
    transcript = Reference(
        id="tass-transcript",
        speaker="Sergei Lavrov",
        text="Russia is currently not taking seriously France and Britain's plans.",
        source="hypothetical transcript, for the demo",
    )
    report = track(articles, references=[transcript])
    print()
    for summary in sorted(report.articles, key=lambda a: -(a.fidelity or 0.0)):
        print(f"{summary.id}: fidelity {summary.fidelity}, {dict(summary.counts)}")
    print()
    for remark in report.remarks[:4]:
        print(f"{remark.id} ({remark.speaker}): {remark.canonical[:70]!r}")
        for quote in report.quotes:
            fidelity = quote.fidelity
            if remark.id in quote.remarks and fidelity:
                print(f"    {quote.id}: {fidelity.verdict} {fidelity.score:.2f} {fidelity.flags}")


if __name__ == "__main__":
    main()
