"""Tests of the command line and its file handling: ``quoteprov extract`` and
``quoteprov track`` on the bundled corpus, JSONL input, the JSON output contract
(DESIGN.md, schema_version 1), ``--output``, ``--skip-bad``, ``--reference``, and
every failure a user can cause (exit 2, one line on stderr, nothing on stdout).

Expectations come from DESIGN.md and the CLI's documented behaviour, never from
output recorded by running the code under test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from quoteprov.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "lavrov"

#: The verdicts of DESIGN.md ("Fidelity verdicts").
VERDICTS = frozenset(
    {"verbatim", "trimmed", "elided", "altered", "paraphrased", "spliced", "unsupported", "misattributed"}
)
#: The keys DESIGN.md's JSON output contract gives every quote.
QUOTE_KEYS = frozenset(
    {"id", "article", "start", "end", "text", "marks", "kind", "speaker", "cue", "remarks", "fidelity"}
)
FIDELITY_KEYS = frozenset({"verdict", "score", "reference", "flags", "diff"})

#: Articles written for these tests: each has one direct quotation, attributed by name.
GOOD_TEXT = (
    "Talks in Geneva\n\n"
    "Russian Foreign Minister Sergei Lavrov said on Monday: "
    "“The West must stop interfering in the internal affairs of sovereign nations.”\n"
)
OTHER_TEXT = (
    "Ceasefire hopes\n\n"
    "Turkish Foreign Minister Hakan Fidan told reporters: "
    "“We are ready to host a new round of talks in Istanbul next month.”\n"
)


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """Run the CLI in-process; an argparse exit (usage error, --version) counts as a status."""
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    result = run(capsys, *argv, "--format", "json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict)
    return data


def read_text(path: Path) -> str:
    """A file's text as DESIGN.md defines offsets: UTF-8, no newline translation."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def assert_one_line_error(result: Run, *fragments: str) -> None:
    assert result.status == 2, result
    assert result.out == "", result
    assert "Traceback" not in result.err, result.err
    assert result.err.startswith("quoteprov: error:"), result.err
    assert result.err.endswith("\n"), result.err
    assert result.err.count("\n") == 1, result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def assert_contract(data: dict[str, Any], texts: dict[str, str], *, tracked: bool) -> None:
    """The JSON output contract of DESIGN.md, checked against the articles' texts (by id)."""
    assert data["schema_version"] == 1
    assert {"articles", "quotes", "remarks"} <= data.keys()
    assert {a["id"] for a in data["articles"]} == set(texts)
    remark_ids = {r["id"] for r in data["remarks"]}
    quote_ids = [q["id"] for q in data["quotes"]]
    assert len(quote_ids) == len(set(quote_ids)), "quote ids repeat"
    for quote in data["quotes"]:
        assert quote.keys() >= QUOTE_KEYS, quote
        assert quote["article"] in texts, quote
        assert isinstance(quote["marks"], list), quote
        assert len(quote["marks"]) == 2, quote
        start, end = quote["start"], quote["end"]
        assert 0 <= start <= end <= len(texts[quote["article"]]), quote
        assert texts[quote["article"]][start:end] == quote["text"], quote
        assert set(quote["remarks"]) <= remark_ids, quote
        if not tracked:
            continue
        fidelity = quote["fidelity"]
        if quote["kind"] in ("direct", "partial") and quote.get("parent") is None:
            assert fidelity is not None, quote
            assert fidelity.keys() >= FIDELITY_KEYS, quote
            assert fidelity["verdict"] in VERDICTS, quote
            assert 0.0 <= fidelity["score"] <= 1.0, quote
        elif quote["kind"] in ("scare", "title"):
            assert fidelity is None, quote
    for article in data["articles"]:
        fidelity = article["fidelity"]
        assert fidelity is None or 0.0 <= fidelity <= 1.0, article


def corpus_texts() -> dict[str, str]:
    texts = {path.stem: read_text(path) for path in sorted(CORPUS.glob("*.txt"))}
    assert texts, f"no articles in {CORPUS}"
    return texts


# --------------------------------------------------------------------------- bundled corpus


@pytest.mark.parametrize("command", ["extract", "track"])
def test_json_on_the_bundled_corpus_keeps_the_contract(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    data = run_json(capsys, command, str(CORPUS))
    assert_contract(data, corpus_texts(), tracked=command == "track")
    assert data["quotes"], "the bundled corpus has quotations"


def test_track_judges_the_bundled_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "track", str(CORPUS))
    quote_ids = {q["id"] for q in data["quotes"]}
    judged = [q for q in data["quotes"] if q["kind"] in ("direct", "partial") and q.get("parent") is None]
    assert judged, "the corpus has direct and partial quotes to judge"
    assert data["remarks"], "the corpus renders the same remarks in several articles"
    for remark in data["remarks"]:
        # No --reference: every rendering of a remark is a quote of the report.
        assert set(remark["quotes"]) <= quote_ids, remark


def test_files_given_one_by_one_are_the_folder(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    by_folder = run_json(capsys, "extract", str(CORPUS))
    by_file = run_json(capsys, "extract", *files)
    assert by_file == by_folder


@pytest.mark.parametrize("command", ["extract", "track"])
def test_text_output_on_the_bundled_corpus(capsys: pytest.CaptureFixture[str], command: str) -> None:
    result = run(capsys, command, str(CORPUS))
    assert result.status == 0, result.err
    assert result.out.strip()
    for ident in corpus_texts():
        assert ident in result.out, ident
    if command == "track":
        for heading in ("Articles by fidelity", "Remarks", "article", "fidelity", "verdicts"):
            assert heading in result.out, heading


def test_text_is_the_default_format(capsys: pytest.CaptureFixture[str]) -> None:
    default = run(capsys, "track", str(CORPUS))
    text = run(capsys, "track", str(CORPUS), "--format", "text")
    assert default == text


# --------------------------------------------------------------------------- input files


def test_jsonl_records_are_articles(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    records = [
        {
            "id": "geneva-1",
            "text": GOOD_TEXT,
            "title": "Talks in Geneva",
            "source": "Wire",
            "published": "2025-07-12",
            "url": "https://example.org/geneva-1",
        },
        {"id": "istanbul-2", "text": OTHER_TEXT},
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    texts = {str(r["id"]): str(r["text"]) for r in records}
    for command in ("extract", "track"):
        data = run_json(capsys, command, str(path))
        assert [a["id"] for a in data["articles"]] == ["geneva-1", "istanbul-2"]
        assert_contract(data, texts, tracked=command == "track")
        titles = {a["id"]: a["title"] for a in data["articles"]}
        assert titles["geneva-1"] == "Talks in Geneva"
        assert {q["article"] for q in data["quotes"]} == set(texts), "each record has a quotation"


def test_txt_offsets_keep_crlf_and_non_ascii(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "crlf-article.txt"
    text = "Über «Frieden»\r\n\r\n" + GOOD_TEXT.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    data = run_json(capsys, "extract", str(path))
    assert_contract(data, {"crlf-article": text}, tracked=False)
    assert any("sovereign nations" in q["text"] for q in data["quotes"])


# --------------------------------------------------------------------------- failures


def _missing(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "no-such-article.txt"
    return ["extract", str(path)], [str(path)]


def _not_utf8(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"ok \xff bad")
    return ["extract", str(path)], [str(path), " 3"]  # b"\xff" is byte 3


def _malformed_jsonl(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps({"id": "a", "text": GOOD_TEXT}) + "\n{not json\n", encoding="utf-8")
    return ["track", str(path)], [f"{path}:2"]


def _jsonl_without_text(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "textless.jsonl"
    lines = [json.dumps({"id": "a", "text": GOOD_TEXT}), json.dumps({"id": "b", "title": "No body"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["extract", str(path)], [f"{path}:2", "text"]


def _duplicate_ids(tmp_path: Path) -> tuple[list[str], list[str]]:
    first, second = tmp_path / "a" / "same.txt", tmp_path / "b" / "same.txt"
    for path, text in ((first, GOOD_TEXT), (second, OTHER_TEXT)):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    return ["track", str(first), str(second)], ["same"]


def _duplicate_ids_txt_and_jsonl(tmp_path: Path) -> tuple[list[str], list[str]]:
    txt = tmp_path / "geneva.txt"
    txt.write_text(GOOD_TEXT, encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "geneva", "text": OTHER_TEXT}) + "\n", encoding="utf-8")
    return ["extract", str(txt), str(jsonl)], ["geneva"]


def _duplicate_ids_in_one_jsonl(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "twice.jsonl"
    lines = [
        json.dumps({"id": "dup-id", "text": GOOD_TEXT}),
        json.dumps({"id": "dup-id", "text": OTHER_TEXT}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["extract", str(path)], ["dup-id"]


def _unknown_option(tmp_path: Path) -> tuple[list[str], list[str]]:
    return ["extract", "--no-such-option", str(CORPUS)], ["--no-such-option"]


def _bad_format(tmp_path: Path) -> tuple[list[str], list[str]]:
    return ["track", str(CORPUS), "--format", "xml"], ["xml"]


def _malformed_reference(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "refs.jsonl"
    good = {"id": "ref-1", "speaker": "Sergei Lavrov", "text": "We are ready for talks."}
    path.write_text(json.dumps(good) + "\n" + '{"id": "ref-2", "speaker":\n', encoding="utf-8")
    return ["track", str(CORPUS), "--reference", str(path)], [f"{path}:2"]


def _reference_without_text(tmp_path: Path) -> tuple[list[str], list[str]]:
    path = tmp_path / "refs.jsonl"
    path.write_text(json.dumps({"id": "ref-1", "speaker": "Sergei Lavrov"}) + "\n", encoding="utf-8")
    return ["track", str(CORPUS), "--reference", str(path)], [f"{path}:1", "text"]


def _empty_folder(tmp_path: Path) -> tuple[list[str], list[str]]:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    return ["extract", str(folder)], [str(folder)]


def _output_in_missing_folder(tmp_path: Path) -> tuple[list[str], list[str]]:
    target = tmp_path / "no-such-folder" / "out.json"
    return ["extract", str(CORPUS), "--output", str(target)], [str(target)]


FAILURES: dict[str, Callable[[Path], tuple[list[str], list[str]]]] = {
    "missing-path": _missing,
    "not-utf8": _not_utf8,
    "malformed-jsonl": _malformed_jsonl,
    "jsonl-without-text": _jsonl_without_text,
    "duplicate-ids": _duplicate_ids,
    "duplicate-ids-txt-and-jsonl": _duplicate_ids_txt_and_jsonl,
    "duplicate-ids-in-one-jsonl": _duplicate_ids_in_one_jsonl,
    "unknown-option": _unknown_option,
    "bad-format": _bad_format,
    "malformed-reference": _malformed_reference,
    "reference-without-text": _reference_without_text,
    "empty-folder": _empty_folder,
    "output-in-missing-folder": _output_in_missing_folder,
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_failures_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    argv, fragments = FAILURES[case](tmp_path)
    assert_one_line_error(run(capsys, *argv), *fragments)


def _run_process(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m quoteprov ARGV`` as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "quoteprov", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("case", ["missing-path", "not-utf8", "bad-format"])
def test_failures_as_a_process(tmp_path: Path, case: str) -> None:
    argv, fragments = FAILURES[case](tmp_path)
    proc = _run_process(argv, tmp_path)
    assert_one_line_error(Run(proc.returncode, proc.stdout, proc.stderr), *fragments)


# --------------------------------------------------------------------------- --skip-bad


def test_skip_bad_goes_on_with_the_good_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok \xff bad")
    missing = tmp_path / "missing.txt"
    result = run(capsys, "extract", str(bad), str(good), str(missing), "--skip-bad", "--format", "json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert [a["id"] for a in data["articles"]] == ["good"]
    assert_contract(data, {"good": GOOD_TEXT}, tracked=False)
    assert any("sovereign nations" in q["text"] for q in data["quotes"] if q["article"] == "good")
    assert str(bad) in result.err
    assert str(missing) in result.err
    assert "Traceback" not in result.err
    assert len(result.err.splitlines()) == 2, result.err


def test_skip_bad_in_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"ok \xff bad")
    data = run_json(capsys, "track", str(tmp_path), "--skip-bad")
    assert [a["id"] for a in data["articles"]] == ["good"]
    assert_contract(data, {"good": GOOD_TEXT}, tracked=True)
    assert data["quotes"]


def test_without_skip_bad_the_same_files_fail(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok \xff bad")
    assert_one_line_error(run(capsys, "extract", str(tmp_path)), str(bad))


# --------------------------------------------------------------------------- --output


@pytest.mark.parametrize("option", ["--output", "-o"])
def test_output_writes_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str) -> None:
    target = tmp_path / "report.json"
    result = run(capsys, "track", str(CORPUS), "--format", "json", option, str(target))
    assert result.status == 0, result.err
    assert result.out == ""
    assert str(target) in result.err  # the summary line names the file
    data = json.loads(target.read_text(encoding="utf-8"))
    assert_contract(data, corpus_texts(), tracked=True)
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "no temporary file left behind"


def test_output_quiet_prints_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = run(capsys, "extract", str(CORPUS), "--output", str(target), "--quiet")
    assert result == Run(0, "", "")
    assert target.read_text(encoding="utf-8").strip()


def test_output_replaces_an_earlier_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("stale\n", encoding="utf-8")
    assert run(capsys, "extract", str(CORPUS), "--format", "json", "-o", str(target)).status == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


@pytest.mark.parametrize("case", ["missing-path", "not-utf8", "malformed-reference"])
def test_failed_run_leaves_output_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    earlier = '{"an": "earlier result"}\n'
    target.write_text(earlier, encoding="utf-8")
    argv, fragments = FAILURES[case](tmp_path)
    result = run(capsys, *argv, "--format", "json", "--output", str(target))
    assert_one_line_error(result, *fragments)
    assert target.read_text(encoding="utf-8") == earlier
    assert [p.name for p in target.parent.iterdir()] == ["report.json"], "no temporary file left behind"


# --------------------------------------------------------------------------- --reference


def test_reference_wins_and_one_changed_word_is_altered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    statement = (
        "We will never allow anyone to dictate the terms of a settlement to our country "
        "and we will defend our interests by every lawful means."
    )
    quoted = statement.replace("lawful", "available")
    assert quoted != statement
    assert len(quoted.split()) == len(statement.split())
    article = (
        "Lavrov rejects pressure\n\n"
        f"Russian Foreign Minister Sergei Lavrov said on Tuesday: “{quoted}”\n\n"
        "He spoke after meeting his Chinese counterpart.\n"
    )
    (tmp_path / "pressure.txt").write_text(article, encoding="utf-8")
    refs = tmp_path / "refs.jsonl"
    reference = {
        "id": "mfa-2025-07-15",
        "speaker": "Sergei Lavrov",
        "text": statement,
        "source": "Ministry of Foreign Affairs transcript",
        "date": "2025-07-15",
    }
    refs.write_text(json.dumps(reference) + "\n", encoding="utf-8")

    data = run_json(capsys, "track", str(tmp_path / "pressure.txt"), "--reference", str(refs))
    assert_contract(data, {"pressure": article}, tracked=True)
    matches = [q for q in data["quotes"] if q["text"] == quoted]
    assert len(matches) == 1, data["quotes"]
    fidelity = matches[0]["fidelity"]
    assert fidelity is not None, matches[0]
    assert fidelity["reference"] == "mfa-2025-07-15"
    assert fidelity["verdict"] == "altered"
    assert 0.0 < fidelity["score"] < 1.0


# --------------------------------------------------------------------------- --version


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--version")
    assert result.status == 0
    assert result.err == ""
    words = result.out.split()
    assert words[0] == "quoteprov"
    assert any(ch.isdigit() for ch in words[-1]), result.out


def test_version_as_a_process(tmp_path: Path) -> None:
    proc = _run_process(["--version"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("quoteprov ")
    assert any(ch.isdigit() for ch in proc.stdout)
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["extract", "track"])
def test_progress_on_a_terminal(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status = main([command, str(CORPUS), "--format", "json"])
    err = capsys.readouterr().err
    assert status == 0
    articles = len(list(CORPUS.glob("*.txt")))
    assert f"extract {articles}/{articles}" in err


@pytest.mark.parametrize("quiet", [True, False])
def test_no_progress_when_quiet_or_not_a_terminal(
    quiet: bool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: quiet)  # a terminal only with --quiet
    argv = ["track", str(CORPUS), "--format", "json", *(["--quiet"] if quiet else [])]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- --engine spark options


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "parquet"], "--format parquet needs --engine spark"),
        (["--engine", "spark"], "--engine spark needs -o FOLDER"),
        (["--engine", "spark", "--format", "text", "-o", "out"], "--engine spark writes tables"),
    ],
)
def test_spark_engine_options_are_checked_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“We will win,” Ana Ruiz said.", encoding="utf-8")
    status = main(["track", str(article), *extra])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert err.count("\n") == 1


def test_spark_engine_refuses_an_existing_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“We will win,” Ana Ruiz said.", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("earlier result", encoding="utf-8")
    status = main(["track", "--engine", "spark", str(article), "-o", str(tmp_path / "out")])
    assert status == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "out" / "keep.txt").read_text(encoding="utf-8") == "earlier result"
