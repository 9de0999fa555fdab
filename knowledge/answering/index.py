"""The search index: its documents, weighted postings and vocabularies (built from the records
by index_builder.py, cached by cache.py), and what follows from them: each word's weight."""

from __future__ import annotations

import gc
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from knowledge.answering.segmenter import Segmenter
from knowledge.answering.text import STOP_WORDS

# Fewer curated documents than this (a base of registry rows alone) give no statistics of
# their own: words are weighed over all the documents.
MIN_CURATED = 20


@dataclass
class Doc:
    kind: str  # organization | project | fact | activity
    id: str
    name: str
    organization: str = ""  # owning organization id (projects, facts, activities)
    city: str = ""
    district: str = ""
    street: str = ""
    # Written by staff from the sources (a description, services or projects); False for an
    # organization known only from a registry row (a name and its 业务范围).
    curated: bool = True
    # A fact curated to say who or where serves a need (社会组织在哪里可以免费办公): a
    # question asking who serves may be answered with it, unlike a policy or a count.
    serves: bool = False
    # A fact curated as a count (未央区社会组织有多少家: most of its questions ask a figure).
    counts: bool = False


def bm25_idf(df: float, n_docs: int) -> float:
    """How much a word found in `df` of `n_docs` documents tells (BM25's, floored at 0.2)."""
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5)) + 0.2


def word_weights(postings: dict[str, dict[int, float]], docs: list[Doc]) -> dict[str, float]:
    """Each token's idf, on the curated documents' scale.

    A registry brings thousands of rows that repeat a dozen kinds' words (心理咨询, 武术):
    counted with them, a need curated records answer (武术) would weigh less than a stray
    word of a curated text (干什么, 方法), and every score would grow with log(rows), past
    the gate's thresholds, which were tuned on the curated documents alone. So a word the
    curated documents hold weighs what it weighs among them, whatever a registry adds; a
    word only registry rows hold weighs by its share of all the documents, brought to the
    curated documents' scale: as a word held by that share of the curated documents would
    (at most as much as their rarest word)."""
    n_docs = max(len(docs), 1)
    curated = [d.curated for d in docs]
    n_curated = sum(curated)
    if n_curated == len(docs) or n_curated < MIN_CURATED:
        return {token: bm25_idf(len(found), n_docs) for token, found in postings.items()}
    share = n_curated / n_docs
    idf = {}
    for token, found in postings.items():
        held = sum(map(curated.__getitem__, found))
        idf[token] = bm25_idf(held or max(len(found) * share, 1.0), n_curated)
    return idf


@dataclass
class Index:
    """What the builder makes (and the cache keeps), and what follows from it."""

    version: str
    docs: list[Doc]
    postings: dict[str, dict[int, float]]  # token → document → weight, documents ascending
    names: dict[str, list[int]]  # normalized name or alias → docs it names
    place_docs: dict[str, frozenset[int]]  # canonical place name → documents located there
    doc_names: list[tuple[str, ...]]  # each document's names and aliases
    expansions: dict[str, tuple[str, ...]]  # word → synonym group / topic keys
    places: dict[str, tuple[str, str]]  # what a resident types → (level, canonical name)
    pinyin_words: dict[str, str]  # joined toneless pinyin → word
    # first two syllables → (each character's readings, word)
    homophones: dict[tuple[str, str], list[tuple[tuple[tuple[str, ...], ...], str]]]
    char_pinyin: dict[str, tuple[str, ...]]
    word_freq: dict[str, int]  # jieba's prefix dictionary: word → count, a mere prefix → 0
    word_total: int  # jieba's total count
    # Residents' words (words.py): word → standard word; words left alone; English words.
    words: dict[str, str] = field(default_factory=dict)
    word_guards: list[str] = field(default_factory=list)
    english_words: list[str] = field(default_factory=list)
    idf: dict[str, float] = field(init=False)
    name_starts: dict[str, list[str]] = field(init=False)  # name_key() → names
    name_grams: dict[str, dict[int, float]] = field(
        init=False
    )  # name pair → postings of "B:" + pair
    doc_index: dict[tuple[str, str], int] = field(init=False)
    segmenter: Segmenter = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.idf = word_weights(self.postings, self.docs)
        starts: dict[str, list[str]] = defaultdict(list)
        for name in self.names:
            starts[name_key(name)].append(name)
        self.name_starts = dict(starts)
        self.name_grams = {k[2:]: v for k, v in self.postings.items() if k.startswith("B:")}
        self.doc_index = {(d.kind, d.id): i for i, d in enumerate(self.docs)}
        self.segmenter = Segmenter(self.word_freq, self.word_total)

    def doc(self, kind: str, key: str) -> Doc | None:
        i = self.doc_index.get((kind, key))
        return None if i is None else self.docs[i]


def name_key(text: str) -> str:
    """The bucket of a name: its first 2, 4 or 6 characters (more for longer names)."""
    return text[: 6 if len(text) >= 6 else 4 if len(text) >= 4 else 2]


def content_tokens(words: Iterable[str], expansions: dict[str, tuple[str, ...]]) -> list[str]:
    """Words that carry meaning: not function words, not lone characters unless in a synonym list."""
    return [
        w
        for w in words
        if w not in STOP_WORDS and (len(w) >= 2 or w in expansions) and not w.isdigit()
    ]


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Building or loading an index makes millions of lasting objects and no garbage cycles;
    the cyclic collector would only walk them again and again (100,000 organizations: a
    build takes 6.8 s instead of 7.5 s, loading its cache 1.0-1.2 s instead of 2.0-2.2 s).
    The switch is process-wide: answers made meanwhile on another thread make no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
