"""Candidate pairs: which renderings are worth aligning (never all pairs).

An inverted index from keys (content words, and pairs of neighbouring content
words) to the units that hold them. A unit's candidates are the units sharing at
least two of its keys (one, for a unit with at most one indexed single word: a
one-word fragment, or a common word beside one rarer word). Keys held by more
than ``max_df`` units of the whole corpus (boilerplate) are left out of the
index, which keeps the candidate set near-linear. The rule is symmetric (``a``
is a candidate of ``b`` exactly when ``b`` is one of ``a``), so the same pairs
come from a shuffle on keys, which is how :mod:`quoteprov.spark` finds them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

__all__ = ["Index", "frequent_keys", "indexed", "linked", "need", "shared_enough"]


def frequent_keys(keys: Iterable[Iterable[str]], *, max_df: int) -> frozenset[str]:
    """The keys held by more than ``max_df`` of the units (each unit counted once per key).

    >>> sorted(frequent_keys([{"a", "b"}, {"a"}, {"a", "c"}], max_df=2))
    ['a']
    """
    df: Counter[str] = Counter()
    for unit_keys in keys:
        df.update(set(unit_keys))
    return frozenset(key for key, n in df.items() if n > max_df)


def need(keys: Iterable[str], excluded: frozenset[str]) -> int:
    """How many indexed keys a unit must share with another to be its candidate:
    two, or one when it has at most one indexed single word (a one-word fragment,
    or a common word beside one rarer word, as in "never deny"). Keys with a space
    are word pairs, which never count as single words."""
    words = sum(1 for key in keys if " " not in key and key not in excluded)
    return 1 if words <= 1 else 2


def indexed(keys: Iterable[str], excluded: frozenset[str]) -> list[str]:
    """The keys of a unit that go into the index: not ``excluded``, and no pair
    of two different words that are both indexed (every unit holding the pair
    holds both words, so shares two keys already: the pair adds no candidate).

    >>> sorted(indexed({"nuclear", "talks", "nuclear talks", "the", "the talks"}, frozenset({"the"})))
    ['nuclear', 'talks', 'the talks']
    """
    return [key for key in keys if key not in excluded and not _redundant(key, excluded)]


def _redundant(key: str, excluded: frozenset[str]) -> bool:
    """A pair of two different words, both indexed ("talks talks" is not: it shares one word)."""
    first, space, second = key.partition(" ")
    return bool(space) and first != second and first not in excluded and second not in excluded


def linked(shared: int, need_a: int, need_b: int) -> bool:
    """Whether two units sharing ``shared`` indexed keys are candidates of each
    other, given what each :func:`need` s."""
    return shared >= max(1, min(need_a, need_b))


class Index:
    """An inverted index over the content keys of each unit.

    Args:
        keys: for each unit, its distinct content keys.
        max_df: keys held by more units than this are not indexed.
        excluded: the keys not to index, when the units are part of a larger
            corpus (its :func:`frequent_keys`); ``max_df`` is then not used.

    >>> index = Index([{"strike", "iran"}, {"strike", "iran", "israel"}, {"tax"}], max_df=10)
    >>> index.neighbours(0)
    [1]
    """

    def __init__(
        self,
        keys: Sequence[frozenset[str] | set[str]],
        *,
        max_df: int,
        excluded: frozenset[str] | None = None,
    ) -> None:
        if excluded is None:
            excluded = frequent_keys(keys, max_df=max_df)
        #: The keys left out of the index.
        self.excluded = excluded
        postings: dict[str, set[int]] = {}
        self._indexed = [indexed(unit_keys, excluded) for unit_keys in keys]
        for unit, unit_keys in enumerate(self._indexed):
            for key in unit_keys:
                postings.setdefault(key, set()).add(unit)
        self._postings = {key: frozenset(units) for key, units in postings.items()}
        self._needs = [need(k, excluded) for k in keys]
        self._easy = frozenset(unit for unit, wants in enumerate(self._needs) if wants <= 1)

    def neighbours(self, unit: int) -> list[int]:
        """The units sharing enough indexed keys with ``unit`` (see :func:`linked`), in order."""
        postings = (self._postings[key] for key in self._indexed[unit])
        found = shared_enough(postings, self._easy, wants=self._needs[unit])
        found.discard(unit)
        return sorted(found)


def shared_enough(postings: Iterable[AbstractSet[int]], easy: AbstractSet[int], *, wants: int) -> set[int]:
    """The units sharing enough keys with a unit (itself included) whose keys have
    these posting lists: the rule of :func:`linked` in set operations, the hot loop
    of candidate generation. ``wants`` is the unit's :func:`need`; ``easy`` holds (at
    least) the units of the lists that need one shared key.

    >>> sorted(shared_enough([{1, 2, 3}, {1, 3}], easy={2}, wants=2))
    [1, 2, 3]
    >>> sorted(shared_enough([{1, 2, 3}, {1, 3}], easy=set(), wants=2))
    [1, 3]
    """
    # Units seen in two lists share two keys; those needing one key need only be seen.
    seen: set[int] = set()
    twice: set[int] = set()
    for members in postings:
        twice |= seen & members
        seen |= members
    return seen if wants <= 1 else twice | (seen & easy)
