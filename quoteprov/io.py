"""Reading articles from disk: .txt files, folders of them, and JSONL.

This is the I/O edge: everything here raises :class:`~quoteprov.errors.InputError`
with a one-line message naming the file (and line or byte) at fault.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Final

from quoteprov.errors import InputError, ReferenceFileError
from quoteprov.models import Article, Reference

__all__ = ["TEXT_SUFFIXES", "read_articles", "read_jsonl_records", "read_references", "write_atomically"]

#: File endings read as one article each; JSONL endings hold one article a line.
TEXT_SUFFIXES: Final = (".txt", ".text")
JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")
_OPTIONAL_FIELDS: Final = ("title", "source", "published", "url")


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); convert the file to UTF-8") from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_jsonl_records(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield (line number, object) for each non-blank line of a JSONL file."""
    text = _decode(path, _read_bytes(path))
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: malformed JSONL ({exc.msg}, column {exc.colno})") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: malformed JSONL (a line must be a JSON object)")
        yield number, record


def _articles_from_jsonl(path: Path) -> Iterator[Article]:
    for number, record in read_jsonl_records(path):
        ident, text = record.get("id"), record.get("text")
        if not isinstance(ident, str) or not ident:
            raise InputError(f'{path}:{number}: malformed JSONL ("id" must be a non-empty string)')
        if not isinstance(text, str):
            raise InputError(f'{path}:{number}: malformed JSONL ("text" must be a string)')
        extra: dict[str, str | None] = {}
        for field in _OPTIONAL_FIELDS:
            value = record.get(field)
            if value is not None and not isinstance(value, str):
                raise InputError(f'{path}:{number}: malformed JSONL ("{field}" must be a string)')
            extra[field] = value
        yield Article(id=ident, text=text, **extra)


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        found = [
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
        ]
        if not found:
            raise InputError(f"{path}: folder holds no .txt or .jsonl files")
        return sorted(found)
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.suffix.lower() not in TEXT_SUFFIXES + JSONL_SUFFIXES:
        raise InputError(f"{path}: not a .txt or .jsonl file (or a folder of them)")
    return [path]


def _articles_from_file(path: Path) -> list[Article]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        return list(_articles_from_jsonl(path))
    text = _decode(path, _read_bytes(path))
    return [Article(id=path.stem, text=text)]


def read_articles(
    paths: Sequence[str | os.PathLike[str]],
    *,
    skip_bad: bool = False,
    on_skip: Callable[[str], None] | None = None,
) -> list[Article]:
    """Read every article under ``paths``.

    Args:
        paths: .txt files (an article each, its id the file stem; the text is
            decoded as UTF-8 without newline translation), .jsonl files (an
            article a line: ``id``, ``text`` and optional ``title``, ``source``,
            ``published``, ``url``), or folders of them.
        skip_bad: report a file that cannot be read through ``on_skip`` and go
            on, instead of raising.
        on_skip: receives the one-line message of each skipped file.

    Returns:
        The articles in the order given (folders sorted by path).

    Raises:
        InputError: a path is missing, a file is not UTF-8, a JSONL line is
            malformed, or two articles share an id.
    """
    articles: list[Article] = []
    seen: dict[str, Path] = {}

    def bad(exc: InputError) -> None:
        if not skip_bad:
            raise exc
        if on_skip:
            on_skip(str(exc))

    for raw in paths:
        try:
            files = _files(Path(raw))
        except InputError as exc:
            bad(exc)
            continue
        for path in files:
            try:
                found = _articles_from_file(path)
                ids: set[str] = set()
                for article in found:
                    if article.id in seen or article.id in ids:
                        where = seen.get(article.id, path)
                        raise InputError(f"{path}: article id {article.id!r} also comes from {where}")
                    ids.add(article.id)
            except InputError as exc:
                bad(exc)
                continue
            seen.update((article.id, path) for article in found)
            articles.extend(found)
    return articles


def read_references(path: str | os.PathLike[str]) -> list[Reference]:
    """Read primary-source statements from JSONL: ``id``, ``speaker`` and ``text``
    (strings, required), ``source`` and ``date`` (optional).

    Raises:
        ReferenceFileError: the file is missing, not UTF-8, or a line is malformed
            (the message names the line).
    """
    file = Path(path)
    references = []
    seen: set[str] = set()
    try:
        for number, record in read_jsonl_records(file):
            fields: dict[str, str | None] = {}
            for name in ("id", "speaker", "text", "source", "date"):
                value = record.get(name)
                required = name in ("id", "speaker", "text")
                if (required and not isinstance(value, str)) or (
                    value is not None and not isinstance(value, str)
                ):
                    kind = "a string" if required else "a string when given"
                    raise ReferenceFileError(
                        f'{file}:{number}: malformed reference ("{name}" must be {kind})'
                    )
                fields[name] = value
            ident = str(fields["id"])
            if ident in seen:
                raise ReferenceFileError(f"{file}:{number}: malformed reference (id {ident!r} repeated)")
            seen.add(ident)
            references.append(
                Reference(
                    id=ident,
                    speaker=str(fields["speaker"]),
                    text=str(fields["text"]),
                    source=fields["source"],
                    date=fields["date"],
                )
            )
    except ReferenceFileError:
        raise
    except InputError as exc:
        raise ReferenceFileError(str(exc).replace("malformed JSONL", "malformed reference JSONL")) from None
    return references


def write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file, so that a failure
    never leaves a half-written file or destroys the one already there."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
