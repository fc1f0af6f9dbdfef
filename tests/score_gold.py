"""Score quoteprov against the hand-made gold and a synthetic corpus.

Run ``python tests/score_gold.py`` to print:

* extraction: precision, recall and F1 of quote spans (a predicted span matches
  a gold span when they overlap by at least half of their union), kind accuracy
  and speaker accuracy on the matched quotes;
* remarks: pairwise precision, recall and F1 of the clustering over pairs of
  renderings from different articles (gold remark members, and gold unsupported
  quotes each a remark of its own), and verdict accuracy over the gold verdicts;
* synthetic: the same clustering F1 and verdict accuracy on a generated corpus
  with planted edits, and how many planted negation flips are flagged.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import attrs

from quoteprov import Article, Quote, Report, extract_quotes, merge_speakers, track
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
        if not source.exists():
            continue  # ../shared is not beside this checkout: that corpus is not scored
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
    for record, _text in records:
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


@attrs.frozen
class RemarkScores:
    pairs_tp: int
    pairs_fp: int
    pairs_fn: int
    verdicts: int
    verdicts_correct: int
    negations: int = 0
    negations_flagged: int = 0
    misses: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.pairs_tp / (self.pairs_tp + self.pairs_fp) if self.pairs_tp + self.pairs_fp else 1.0

    @property
    def recall(self) -> float:
        return self.pairs_tp / (self.pairs_tp + self.pairs_fn) if self.pairs_tp + self.pairs_fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdicts_correct / self.verdicts if self.verdicts else 1.0


def pairwise(
    gold: list[str], predicted: list[str | None], articles: list[str] | None = None
) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) pairs of two labellings;
    a None prediction is a singleton. With ``articles``, only pairs from two
    different articles count: the gold records remarks across articles."""
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            if articles is not None and articles[i] == articles[j]:
                continue
            same_gold = gold[i] == gold[j]
            same_pred = predicted[i] is not None and predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    return tp, fp, fn


def _remark_at(report: Report, article: str, start: int, end: int) -> str | None:
    """The predicted remark whose span overlaps [start, end) most."""
    best: tuple[int, str] | None = None
    articles = {q.id: q.article for q in report.quotes}
    for remark in report.remarks:
        for span in remark.spans:
            if articles.get(span.source) != article:
                continue
            overlap = min(end, span.end) - max(start, span.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, remark.id)
    return best[1] if best else None


def _quote_at(report: Report, article: str, start: int, end: int) -> Quote | None:
    found = [
        q for q in report.quotes if q.article == article and _overlap((start, end), (q.start, q.end)) >= 0.5
    ]
    return found[0] if found else None


def score_remarks(corpus: str) -> RemarkScores:
    """Clustering and verdicts against ``gold/remarks/<corpus>.json``."""
    gold = json.loads((HERE / "gold" / "remarks" / f"{corpus}.json").read_text(encoding="utf-8"))
    records = list(gold_files(corpus))
    report = track([Article(id=str(r["article"]), text=t) for r, t in records])
    items: list[tuple[str, str, int, int]] = []
    for remark in gold["remarks"]:
        for m in remark["members"]:
            items.append((remark["id"], m["article"], m["start"], m["end"]))
    for n, v in enumerate(gold["verdicts"]):
        if v["verdict"] == "unsupported":
            items.append((f"unsupported-{n}", v["article"], v["start"], v["end"]))
    predicted = [_remark_at(report, a, s, e) for _, a, s, e in items]
    tp, fp, fn = pairwise([g for g, _, _, _ in items], predicted, [a for _, a, _, _ in items])
    correct = 0
    misses = []
    for v in gold["verdicts"]:
        q = _quote_at(report, v["article"], v["start"], v["end"])
        got = q.fidelity.verdict if q and q.fidelity else None
        correct += got == v["verdict"]
        if got != v["verdict"]:
            misses.append(f"{v['article']}: {v['verdict']} -> {got}: {v['text'][:60]!r}")
    return RemarkScores(tp, fp, fn, len(gold["verdicts"]), correct, misses=tuple(misses))


def score_synthetic(seed: int = 0) -> RemarkScores:
    """Clustering, verdicts and negation flags on a generated corpus with planted edits."""
    from synthetic import generate

    corpus = generate(seed=seed)
    report = track(list(corpus.articles))
    by_text = {(q.article, q.text): q for q in report.quotes}
    gold_labels: list[str] = []
    predicted: list[str | None] = []
    correct = negations = flagged = 0
    misses = []
    for planted in corpus.quotes:
        q = by_text.get((planted.article, planted.text))
        got = q.fidelity.verdict if q and q.fidelity else None
        correct += got == planted.verdict
        if got != planted.verdict:
            misses.append(
                f"{planted.article}: {planted.verdict} -> {got} ({planted.edit}): {planted.text[:50]!r}"
            )
        if "negation" in planted.flags:
            negations += 1
            flagged += bool(q and q.fidelity and "negation" in q.fidelity.flags)
        if planted.verdict != "spliced":
            gold_labels.append(planted.remarks[0])
            predicted.append(q.remarks[0] if q and q.remarks else None)
    tp, fp, fn = pairwise(gold_labels, predicted)
    return RemarkScores(tp, fp, fn, len(corpus.quotes), correct, negations, flagged, tuple(misses))


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for corpus in ("lavrov", "realnews", None):
        s = score(corpus)
        name = corpus or "all"
        print(
            f"extraction {name:9} quotes {s.gold:4}  P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"exact {s.exact}/{s.gold}  kind {s.kind_accuracy:.3f}  "
            f"speaker {s.speaker_correct}/{s.speaker_total} = {s.speaker_accuracy:.3f}"
        )
        if verbose and corpus is None:
            print("\n".join(s.misses))
    for corpus in ("lavrov", "realnews"):
        r = score_remarks(corpus)
        print(
            f"remarks    {corpus:9} pairs P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}  "
            f"verdicts {r.verdicts_correct}/{r.verdicts} = {r.verdict_accuracy:.3f}"
        )
        if verbose:
            print("\n".join(r.misses))
    for seed in (0, 1):
        r = score_synthetic(seed)
        print(
            f"synthetic  seed {seed}    pairs P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}  "
            f"verdicts {r.verdicts_correct}/{r.verdicts} = {r.verdict_accuracy:.3f}  "
            f"negation flips flagged {r.negations_flagged}/{r.negations}"
        )
        if verbose:
            print("\n".join(r.misses))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main(sys.argv[1:]))
