"""Typed exceptions: each says what went wrong and what to do about it."""

from __future__ import annotations

__all__ = ["InputError", "OptionError", "QuoteprovError", "ReferenceFileError", "WorkerError"]


class QuoteprovError(Exception):
    """Base class of every error quoteprov raises on purpose."""


class InputError(QuoteprovError):
    """An input file or record cannot be read (missing, not UTF-8, bad JSONL)."""


class ReferenceFileError(InputError):
    """A primary-source reference file cannot be read."""


class OptionError(QuoteprovError):
    """An option has a value quoteprov cannot use."""


class WorkerError(QuoteprovError):
    """Worker processes (``jobs`` > 1) could not start, or one died (out of memory?)."""
