"""Large knowledge bases: common words' postings laid out by document number, and the
candidates a question of only common words starts from.

A large knowledge base re-scores a pool of a few hundred candidates with every common word
of the question. Looked up in the word's postings dict, each candidate costs a probe into a
table of tens of thousands of entries that the previous question has pushed out of the CPU
cache. Laid out as one byte per document (a code for the document's weight, 0 when the word
is absent), the same look-ups read a compact array and cost about half as much.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from knowledge.answering.index import Index

DENSE_BYTES = 64_000_000  # memory all laid-out words may take together
# Only words in this many documents are laid out (the matcher's COMMON_POSTINGS): for
# rarer ones a layout would cost more to build and keep than the look-ups it spares.
DENSE_MIN_POSTINGS = 2000
# Curated documents among a registry's rows: up to this many, every one holding a common
# word of the question is scored in full (they are few; the rows are what pruning is for).
CURATED_POOL = 1000

# One byte per document: the number of the document's weight among the word's (0: absent),
# and idf × each weight by number.
Layout = tuple[bytes, tuple[float, ...]]


class Columns:
    """Each word's weight for a list of documents, from a layout built on first use."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._n_docs = len(index.docs)
        self._limit = max(1, DENSE_BYTES // max(self._n_docs, 1))  # words laid out at once
        self._layouts: dict[str, Layout | None] = {}  # None: the word is not laid out
        self._place_order: dict[frozenset[int], list[int]] = {}
        curated = [i for i, doc in enumerate(index.docs) if doc.curated]
        few = len(curated) < self._n_docs and len(curated) <= CURATED_POOL
        self._curated = curated if few else []
        self._curated_holding: dict[str, list[int]] = {}

    def column(self, key: str, docs: list[int]) -> list[float]:
        """idf × weight of the key in each document (0.0 where it is absent)."""
        layout = self._layout(key)
        if layout is None:
            idf, postings = self.index.idf[key], self.index.postings[key]
            return [idf * postings.get(doc, 0.0) for doc in docs]
        numbers, values = layout
        return [values[numbers[doc]] for doc in docs]

    def first_holding(self, keys: list[str], places: list[str], limit: int) -> list[int]:
        """The first documents (by number) that hold the rarest of the keys, in the places.

        Postings list documents in ascending order (the index adds them so; a test checks).
        """
        postings = self.index.postings
        rarest_key = min((k for k in keys if k in postings), key=lambda k: len(postings[k]))
        rarest = postings[rarest_key]
        if not places:
            return list(islice(rarest, limit))
        place_docs = [self.index.place_docs.get(place, frozenset()) for place in places]
        smallest = min(place_docs, key=len)
        # filter() with the sets' and the layout's own tests: a question of common words in
        # one district walks thousands of its documents, and a Python test per document
        # took two and a half times as long here (bench_ask.py's 100,000 organizations).
        if len(rarest) <= len(smallest):
            found = filter(smallest.__contains__, rarest)
        else:  # walk the place's documents in order until enough hold the word
            found = filter(self.holding(rarest_key), self._in_order(smallest))
        for docs in place_docs:
            if docs is not smallest:
                found = filter(docs.__contains__, found)
        return list(islice(found, limit))

    def curated_holding(self, keys: list[str]) -> list[int]:
        """The curated documents holding any of the keys, when they are few among registry
        rows (else none): a need they answer is scored for them as without the registry."""
        found: list[int] = []
        for key in keys:
            if key not in self._curated_holding:
                if len(self._curated_holding) >= self._limit:
                    self._curated_holding = {}  # bounded: start afresh
                postings = self.index.postings.get(key, {})
                self._curated_holding[key] = [i for i in self._curated if i in postings]
            found.extend(self._curated_holding[key])
        return found

    def _in_order(self, docs: frozenset[int]) -> list[int]:
        """A place's documents in ascending order (few places: kept for good)."""
        if docs not in self._place_order:
            self._place_order[docs] = sorted(docs)
        return self._place_order[docs]

    def holding(self, key: str) -> Callable[[int], object]:
        """A test, true for the documents the key occurs in."""
        layout = self._layout(key)
        return self.index.postings[key].__contains__ if layout is None else layout[0].__getitem__

    def _layout(self, key: str) -> Layout | None:
        if key not in self._layouts:
            if len(self._layouts) >= self._limit:
                self._layouts = {}  # bounded: start afresh
            self._layouts[key] = self._lay_out(key)
        return self._layouts[key]

    def _lay_out(self, key: str) -> Layout | None:
        postings = self.index.postings[key]
        if len(postings) < DENSE_MIN_POSTINGS:
            return None
        weights = sorted(set(postings.values()))
        if len(weights) > 255:  # numbers are bytes; never so in practice (a few field weights)
            return None
        number = {weight: n for n, weight in enumerate(weights, start=1)}
        layout = bytearray(self._n_docs)
        for doc, weight in postings.items():
            layout[doc] = number[weight]
        idf = self.index.idf[key]
        # The same products the postings path computes: the scores do not change by a bit.
        return bytes(layout), (0.0, *(idf * weight for weight in weights))
