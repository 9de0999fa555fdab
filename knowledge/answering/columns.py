"""Large knowledge bases: common words' postings laid out by document number, and the
candidates a question of only common words starts from.

A large knowledge base re-scores a pool of a few hundred candidates with every common word
of the question. Looked up in the word's postings dict, each candidate costs a probe into a
table of tens of thousands of entries that the previous question has pushed out of the CPU
cache. Laid out as one byte per document (a code for the document's weight, 0 when the word
is absent), the same look-ups read a compact array and cost about half as much.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from itertools import islice, repeat
from operator import mul

from knowledge.answering.index import Index

DENSE_BYTES = 64_000_000  # memory all laid-out words may take together
# Only words in this many documents are laid out (the matcher's COMMON_POSTINGS): for
# rarer ones a layout would cost more to build and keep than the look-ups it spares.
DENSE_MIN_POSTINGS = 2000
_NO_LAYOUT = (b"", ())  # remembered for a word that is not laid out


class Columns:
    """Each word's weight for a list of documents, from a layout built on first use.

    Shared between threads: a layout is stored whole or not at all.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self._n_docs = len(index.docs)
        self._limit = max(1, DENSE_BYTES // max(self._n_docs, 1))  # words laid out at once
        self._dense: dict[str, tuple[bytes, tuple[float, ...]]] = {}  # or _NO_LAYOUT
        self._place_order: dict[frozenset[int], list[int]] = {}

    def column(self, key: str, docs: list[int]) -> list[float]:
        """idf × weight of the key in each document (0.0 where it is absent)."""
        dense = self._layout(key)
        if dense is None:
            weights = map(self.index.postings[key].get, docs, repeat(0.0))
            return list(map(mul, repeat(self.index.idf[key]), weights))
        codes, values = dense
        return list(map(values.__getitem__, map(codes.__getitem__, docs)))

    def first_holding(self, keys: list[str], places: list[str], limit: int) -> list[int]:
        """The first documents (by number) that hold the rarest of the keys, in the places.

        Postings list documents in ascending order (the index adds them so; a test checks).
        """
        postings = self.index.postings
        rarest_key = min(filter(postings.__contains__, keys), key=lambda k: len(postings[k]))
        rarest = postings[rarest_key]
        if not places:
            return list(islice(rarest, limit))
        place_docs = [self.index.place_docs.get(place, frozenset()) for place in places]
        smallest = min(place_docs, key=len)
        if len(rarest) <= len(smallest):
            found = filter(smallest.__contains__, rarest)
        else:  # walk the place's documents in order until enough hold the word
            found = filter(self.holding(rarest_key), self._in_order(smallest))
        for docs in place_docs:
            if docs is not smallest:
                found = filter(docs.__contains__, found)
        return list(islice(found, limit))

    def _in_order(self, docs: frozenset[int]) -> list[int]:
        """A place's documents in ascending order (few places: kept for good)."""
        ordered = self._place_order.get(docs)
        if ordered is None:
            ordered = self._place_order[docs] = sorted(docs)
        return ordered

    def holding(self, key: str) -> Callable[[int], object]:
        """A test, true for the documents the key occurs in."""
        dense = self._layout(key)
        return self.index.postings[key].__contains__ if dense is None else dense[0].__getitem__

    def _layout(self, key: str) -> tuple[bytes, tuple[float, ...]] | None:
        dense = self._dense.get(key)
        if dense is None:
            dense = self._lay_out(key)
            if len(self._dense) >= self._limit:
                self._dense = {}  # bounded: start afresh
            self._dense[key] = dense
        return None if dense is _NO_LAYOUT else dense

    def _lay_out(self, key: str) -> tuple[bytes, tuple[float, ...]]:
        postings = self.index.postings[key]
        if len(postings) < DENSE_MIN_POSTINGS:
            return _NO_LAYOUT
        weights = sorted(set(postings.values()))
        if len(weights) > 255:  # codes are bytes; never so in practice (a few field weights)
            return _NO_LAYOUT
        code = {weight: n for n, weight in enumerate(weights, start=1)}
        layout = bytearray(self._n_docs)
        _set_each(layout.__setitem__, postings, map(code.__getitem__, postings.values()))
        idf = self.index.idf[key]
        # The same products the dict path computes: the scores do not change by a bit.
        return bytes(layout), (0.0, *(mul(idf, weight) for weight in weights))


def _set_each(
    setter: Callable[[int, int], None], keys: Iterable[int], values: Iterable[int]
) -> None:
    deque(map(setter, keys, values), maxlen=0)  # no Python loop over a million postings
