"""Run a stage's independent work on several cores of one machine.

The embedded engine's stages are pure functions of a position in a sequence
(an article, a segment, a quote) and of state read by all of them (the
segments, the index, the remarks). :func:`map_ranges` hands ranges of
positions to worker processes forked after that state is built, so the state
is shared by copy-on-write and never pickled; only each range's results come
back, in order. The result is the same list whatever the number of jobs: the
workers call the very function the one-core path calls.

Where ``fork`` is not available (Windows), the work runs in this process.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from quoteprov.errors import WorkerError

__all__ = ["available_cores", "can_fork", "imap_ranges", "map_ranges"]

S = TypeVar("S")
R = TypeVar("R")

#: Ranges handed to each worker over a stage, so that a slow range is not the last one.
_RANGES_PER_JOB = 8
#: The most positions in one range (a bound on what one result carries, and how
#: often progress can be told).
_MAX_RANGE = 1024
#: Ranges computed ahead of the consumer, per job: a bound on the results held at once.
_AHEAD_PER_JOB = 2

#: The state of the stage being run, set before the pool forks (read by :func:`_run_range`).
_STATE: Any = None


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can share the state by forking."""
    return "fork" in multiprocessing.get_all_start_methods()


def _run_range(task: tuple[Callable[[Any, int, int], list[Any]], int, int]) -> list[Any]:
    work, lo, hi = task
    return work(_STATE, lo, hi)


def _ranges(count: int, jobs: int) -> list[tuple[int, int]]:
    size = max(1, min(-(-count // (jobs * _RANGES_PER_JOB)), _MAX_RANGE))
    return [(lo, min(lo + size, count)) for lo in range(0, count, size)]


def imap_ranges(
    work: Callable[[S, int, int], list[R]], state: S, count: int, *, jobs: int
) -> Iterator[list[R]]:
    """The results of ``work(state, lo, hi)`` over consecutive ranges covering
    ``range(count)``, range by range in order, computed by ``jobs`` processes.

    ``work`` must be a module-level function (it is sent to the workers by
    name) returning one list for its range. With ``jobs`` of 1, a ``count`` of at
    most 1, or no ``fork``, every range runs here. A few ranges are computed
    ahead of the consumer, which may keep building on earlier results; no more,
    so that results waiting to be read stay few.

    Raises:
        WorkerError: the workers could not be started, or one died (killed for
            want of memory, say): one line to show, not a hang.
    """
    global _STATE  # noqa: PLW0603 (the forked workers read the state from here)
    if jobs <= 1 or count <= 1 or not can_fork():
        for lo, hi in _ranges(count, 1):
            yield work(state, lo, hi)
        return
    _STATE = state
    try:
        yield from _in_workers(work, count, jobs)
    except (BrokenProcessPool, OSError) as exc:
        raise WorkerError(
            f"the {jobs} worker processes failed ({exc or type(exc).__name__}); "
            "run with fewer jobs, or with one, if memory is short"
        ) from exc
    finally:
        _STATE = None


def _in_workers(work: Callable[[Any, int, int], list[R]], count: int, jobs: int) -> Iterator[list[R]]:
    """:func:`imap_ranges`' ranges in ``jobs`` forked workers, a few ahead of the consumer."""
    tasks = iter(_ranges(count, jobs))
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(min(jobs, count), mp_context=multiprocessing.get_context("fork")) as pool:
        # With fork, every worker is forked at the first submit, before the pool's own
        # thread starts. Frozen objects are left alone by the workers' garbage
        # collector, which would otherwise write to (and so copy) every page of the state.
        gc.freeze()
        try:
            for lo, hi in itertools.islice(tasks, jobs * _AHEAD_PER_JOB):
                pending.append(pool.submit(_run_range, (work, lo, hi)))
        finally:
            gc.unfreeze()
        while pending:
            result = pending.popleft().result()  # a worker that died raises BrokenProcessPool
            for lo, hi in itertools.islice(tasks, 1):
                pending.append(pool.submit(_run_range, (work, lo, hi)))
            yield result


def map_ranges(work: Callable[[S, int, int], list[R]], state: S, count: int, *, jobs: int) -> list[R]:
    """The results of ``work(state, position, position + 1)`` for every position
    of ``range(count)``, in order, computed by ``jobs`` processes (see
    :func:`imap_ranges`).

    >>> def squares(state, lo, hi):
    ...     return [state[i] ** 2 for i in range(lo, hi)]
    >>> map_ranges(squares, [1, 2, 3], 3, jobs=1)
    [1, 4, 9]
    """
    return [result for part in imap_ranges(work, state, count, jobs=jobs) for result in part]
