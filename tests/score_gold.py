"""Score quoteprov's extraction and attribution against the hand-made gold.

Run ``python tests/score_gold.py`` to print precision, recall and F1 of quote
spans (a predicted span matches a gold span when they overlap by at least half
of their union), kind accuracy and speaker accuracy on the matched quotes.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import attrs

from quoteprov import Quote, extract_quotes, merge_speakers
from quoteprov.names import same_person

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = HERE / "gold" / "extraction"
CORPORA = {
    "lavrov": ROOT / "examples" / "lavrov",
    "realnews": ROOT.parent / "shared" / "corpus" / "realnews",
}


@attrs.frozen
class Scores:
    gold: int
    predicted: int
    matched: int
    exact: int
    kind_correct: int
    speaker_total: int
    speaker_correct: int
    misses: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_correct / self.matched if self.matched else 1.0


def gold_files(corpus: str | None = None) -> Iterator[tuple[dict[str, object], str]]:
    """Yield (gold record, article text) for every annotated article."""
    for path in sorted(GOLD.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if corpus and record["corpus"] != corpus:
            continue
        source = CORPORA[str(record["corpus"])] / f"{record['article']}.txt"
        with open(source, encoding="utf-8", newline="") as handle:
            yield record, handle.read()


def _fold(name: str) -> str:
    name = name.replace("’s", "").replace("'s", "")
    name = name[4:] if name.casefold().startswith("the ") else name
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def speakers_agree(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    return _fold(gold) == _fold(predicted) or same_person(_fold(gold), _fold(predicted))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 and inter > 0 else 0.0


def score(corpus: str | None = None) -> Scores:
    """Score every gold article (of one corpus, or all)."""
    records = list(gold_files(corpus))
    predictions = {str(r["article"]): extract_quotes(t, article_id=str(r["article"])) for r, t in records}
    merged = merge_speakers(q.speaker for qs in predictions.values() for q in qs if q.speaker)
    n_gold = n_pred = matched = exact = kinds = sp_total = sp_ok = 0
    misses: list[str] = []
    for record, text in records:
        article = str(record["article"])
        predicted: list[Quote] = predictions[article]
        gold = list(record["quotes"])  # type: ignore[call-overload]
        n_gold += len(gold)
        n_pred += len(predicted)
        used: set[int] = set()
        for g in gold:
            span = (g["start"], g["end"])
            best = max(
                (k for k in range(len(predicted)) if k not in used),
                key=lambda k: _overlap(span, (predicted[k].start, predicted[k].end)),
                default=None,
            )
            if best is None or _overlap(span, (predicted[best].start, predicted[best].end)) < 0.5:
                misses.append(f"{article}: missed {g['text'][:60]!r}")
                continue
            used.add(best)
            q = predicted[best]
            matched += 1
            exact += (q.start, q.end) == span
            kinds += q.kind == g["kind"]
            if q.kind != g["kind"]:
                misses.append(f"{article}: kind {g['kind']} -> {q.kind}: {g['text'][:50]!r}")
            if g["kind"] in ("direct", "partial"):
                sp_total += 1
                speaker = merged.get(q.speaker, q.speaker) if q.speaker else None
                if speakers_agree(g["speaker"], speaker):
                    sp_ok += 1
                else:
                    misses.append(f"{article}: speaker {g['speaker']!r} -> {speaker!r}: {g['text'][:50]!r}")
        for k in set(range(len(predicted))) - used:
            misses.append(f"{article}: extra {predicted[k].text[:60]!r}")
    return Scores(n_gold, n_pred, matched, exact, kinds, sp_total, sp_ok, tuple(misses))


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for corpus in ("lavrov", "realnews", None):
        s = score(corpus)
        name = corpus or "all"
        print(
            f"{name:9} quotes {s.gold:4}  P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"exact {s.exact}/{s.gold}  kind {s.kind_accuracy:.3f}  "
            f"speaker {s.speaker_correct}/{s.speaker_total} = {s.speaker_accuracy:.3f}"
        )
        if verbose and corpus is None:
            print("\n".join(s.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
