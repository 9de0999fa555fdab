"""Find what a resident's question is about: the best documents, how sure we are, the intent."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import add, itemgetter, mul, ne
from typing import TypeVar

from rapidfuzz import fuzz, process

from knowledge.index import Doc, Index, content_tokens
from knowledge.intent import detect_intent, is_greeting, strip_greeting
from knowledge.text import char_bigrams, cjk_runs, has_cjk, normalize

# Decision thresholds, tuned on tests/knowledge/questions.yaml (see benchmarks/bench_ask.py).
CONFIDENT_SCORE = 6.0
MIN_COVERAGE = 0.4
# A long message that tells a story around its need: many unknown words, a strong match.
STRONG_SCORE = 25.0
STRONG_MIN_COVERAGE = 0.12
AMBIGUOUS_RATIO = 0.9
MAX_RESULTS = 5
# On an exact tie a curated answer to the question beats one organization among several.
KIND_ORDER = {"fact": 0, "organization": 1, "project": 2, "activity": 3}
RANK_POOL = 50  # best raw scores that the place narrowing may reorder

# Candidate generation skips words in more than this share of documents (a large knowledge
# base); they still count when the candidates are scored.
LARGE_KB = 1000  # documents; above this, candidate generation prunes common words
COMMON_SHARE = 0.05
COMMON_POSTINGS = 2000
RESCORE_POOL = 300  # candidates that very common words re-score
NAME_MENTION = 6.0  # a name or alias spelt out in the question
HOMOPHONE_FACTOR = 0.8
EXPANSION_FACTOR = 0.85
FUZZY_NAME_MIN = 82  # rapidfuzz partial_ratio for a misspelt name
HOMOPHONE_WINDOW = 80  # characters of a long story searched for sound-alike typos
FUZZY_WINDOW = 80  # characters of a long message searched for a misspelt name
FUZZY_GRAM_LIMIT = 2000  # character pairs in more documents than this say nothing
FUZZY_DOCS = 20  # documents whose names are compared letter by letter
UNKNOWN_WORD_WEIGHT = 2.5  # an unknown word weighs like a rare one in the coverage
MEMO_SIZE = 50_000  # entries in each of the matcher's memos (words, character pairs)


_V = TypeVar("_V")
# A known word and each of its characters' readings.
SoundAlike = tuple[tuple[tuple[str, ...], ...], str]


@dataclass
class Scored:
    doc: Doc
    score: float
    coverage: float


@dataclass
class Match:
    query: str
    normalized: str
    intent: str
    results: list[Scored] = field(default_factory=list)
    decision: str = "none"  # answer | choose | none
    places: list[tuple[str, str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def top(self) -> Scored | None:
        return self.results[0] if self.results else None


@dataclass
class WordHits:
    """Which of the question's words each document matched (the best result's coverage)."""

    by_doc: defaultdict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Very common words re-score a pool of candidates: each with the documents it hit.
    rescored: list[tuple[str, frozenset[int]]] = field(default_factory=list)

    def words(self, doc: int) -> set[str]:
        found = set(self.by_doc.get(doc, ()))
        found.update(word for word, docs in self.rescored if doc in docs)
        return found


class Matcher:
    """Scores documents against a question.

    Answers depend only on the index. The memos are shared between threads: an entry is
    stored whole or not at all, and a missing one is recomputed.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self._seg = index.segmenter
        self._n_docs = max(len(index.docs), 1)
        # Memos of what depends only on the index, filled as questions come in.
        self._sounds: dict[str, frozenset[str]] = {}
        self._pairs_seen: set[str] = set()
        self._pair_sounds: dict[str, list[SoundAlike]] = {}  # pairs that sound like a word
        self._expansions: dict[str, list[tuple[str, float]]] = {}
        self._weights: dict[str, float] = {}
        self._scores: dict[str, list[tuple[int, float]]] = {}  # small knowledge bases only
        self._name_prefixes = {name[:2] for name in index.names}

    def match(self, question: str) -> Match:
        normalized = normalize(question)
        greeting = is_greeting(normalized)
        normalized = strip_greeting(normalized)
        text = self._from_pinyin(normalized)
        mentioned, names = self._mentions(text.replace(" ", ""))
        corrections = self._homophones(text[:HOMOPHONE_WINDOW])
        for written, word in corrections.items():
            for doc in self.index.names.get(word, ()):  # 明名心理 is 明明心理 misspelt
                value = (NAME_MENTION + 0.5 * len(word)) * HOMOPHONE_FACTOR
                mentioned[doc] = max(mentioned.get(doc, 0.0), value)
                names.append(written)
        remainder = _without(text if text != normalized else normalized, names)
        intent = (
            "greeting"
            if greeting
            else detect_intent(remainder)
            if remainder.strip()
            else "introduce"
        )
        match = Match(question, normalized, intent)
        if not text:
            match.intent = "greeting" if greeting else "unknown"
            return match
        places = self._places(text)
        match.places = places
        place_words = {p for p in self.index.places if p in text}
        words, search_words = self._seg.cut_with_parts(text)
        content = [
            w
            for w in dict.fromkeys(content_tokens(search_words, self.index.expansions))
            if w not in place_words
        ]
        match.words = content
        scores, hits = self._score_words(content, corrections, places, mentioned)
        for doc, value in mentioned.items():
            scores[doc] += value
            hits.by_doc[doc].add("<name>")
        self._score_bigrams(text, scores)
        if not scores:
            match.intent = "greeting" if greeting else "unknown"
            return match
        coverage_words = [
            w
            for w in dict.fromkeys(content_tokens(words, self.index.expansions))
            if w not in place_words
        ]
        match.results = self._rank(scores, hits, coverage_words, places)
        match.decision = self._decide(match.results, match.intent)
        if match.decision == "none" and match.intent != "greeting":
            match.intent = "unknown"
        elif match.intent == "introduce" and not mentioned and match.results[0].doc.kind != "fact":
            match.intent = "services"  # a need described without naming anyone
        return match

    # --- query rewriting ----------------------------------------------------------------

    def _from_pinyin(self, text: str) -> str:
        """Pinyin runs (wushu xiehui, zhita) become the knowledge-base words they spell."""
        parts = text.split()
        latin = [p for p in parts if p.isascii() and p.isalpha()]
        if not latin:
            return text
        others = [p for p in parts if not (p.isascii() and p.isalpha())]
        return " ".join([*others, self._pinyin_words("".join(latin))]).strip()

    def _pinyin_words(self, letters: str) -> str:
        found: list[str] = []
        i, n = 0, len(letters)
        table = self.index.pinyin_words
        while i < n:
            for j in range(min(n, i + 40), i + 3, -1):
                word = table.get(letters[i:j])
                if word:
                    found.append(word)
                    i = j
                    break
            else:
                i += 1
        return " ".join(found)

    def _homophones(self, text: str) -> dict[str, str]:
        """Known words that a misspelt stretch of the question sounds like (心里咨询 → 心理咨询)."""
        found: dict[str, tuple[int, str]] = {}
        for run in cjk_runs(text):
            pairs = {run[i : i + 2] for i in range(len(run) - 1)}
            if len(self._pairs_seen) + len(pairs) > MEMO_SIZE:  # bounded: start afresh
                self._pairs_seen.clear()
                self._pair_sounds.clear()
            self._learn_pairs(pairs - self._pairs_seen)  # set operations run in C
            for i, pair in _positions(run, pairs & self._pair_sounds.keys()):
                candidates = self._pair_sounds.get(pair)  # another thread may have cleared it
                if candidates is None:
                    candidates = self._sound_alikes(pair)
                self._sound_alike_at(run, i, candidates, found)
        return {written: word for written, (_, word) in found.items()}

    def _learn_pairs(self, pairs: set[str]) -> None:
        for pair in pairs:
            candidates = self._sound_alikes(pair)
            if candidates:  # stored before the pair counts as seen: no thread misses it
                self._pair_sounds[pair] = candidates
            self._pairs_seen.add(pair)

    def _sound_alike_at(
        self, run: str, i: int, candidates: list[SoundAlike], found: dict[str, tuple[int, str]]
    ) -> None:
        table = self.index.char_pinyin
        for readings, word in candidates:
            size = len(readings)
            written = run[i : i + size]
            if len(written) < size or written == word or self._seg.is_word(written):
                continue
            if all(not self._sounds_of(written[k]).isdisjoint(readings[k]) for k in range(2, size)):
                # 屋一 sounds like 武艺 and, through 台's rare reading yi, like 舞台: prefer
                # the word whose usual readings are the characters' usual readings.
                usual = 0
                for k in range(size):
                    mine, theirs = table.get(written[k], ("",))[0], readings[k][0]
                    usual += 2 * (mine == theirs) + (mine in readings[k])
                    usual += theirs in self._sounds_of(written[k])
                candidate = (-usual, word)
                if written not in found or candidate < found[written]:
                    found[written] = candidate

    def _sound_alikes(self, pair: str) -> list[SoundAlike]:
        """Known words whose first two characters sound like this pair (and could be misspelt
        as it: a two-character word is not, when the pair is itself a word)."""
        homophones, table = self.index.homophones, self.index.char_pinyin
        pair_is_word = self._seg.is_word(pair)
        return [  # readings in pypinyin's order: the same candidates in every process
            (readings, word)
            for a in table.get(pair[0], ())
            for b in table.get(pair[1], ())
            for readings, word in homophones.get((a, b), ())
            if len(readings) > 2 or not (pair_is_word or word == pair)
        ]

    def _sounds_of(self, char: str) -> frozenset[str]:
        sounds = self._sounds.get(char)
        if sounds is None:
            sounds = self._sounds[char] = frozenset(self.index.char_pinyin.get(char, ()))
        return sounds

    def _places(self, text: str) -> list[tuple[str, str]]:
        compact = text.replace(" ", "")
        hits = {self.index.places[p] for p in self.index.places if p in compact}
        return sorted(hits)

    # --- scoring ------------------------------------------------------------------------

    def _expand(self, word: str) -> list[tuple[str, float]]:
        groups = self.index.expansions.get(word)
        if not groups:
            return [(word, 1.0)]
        keys = self._expansions.get(word)
        if keys is None:
            keys = [(word, 1.0), *((key, EXPANSION_FACTOR) for key in groups)]
            _remember(self._expansions, word, keys)
        return keys

    def _score_words(
        self,
        words: list[str],
        corrections: dict[str, str],
        places: list[tuple[str, str]],
        named: dict[int, float],
    ) -> tuple[dict[int, float], WordHits]:
        postings, idf = self.index.postings, self.index.idf
        large = self._n_docs > LARGE_KB
        queries: list[tuple[str, list[tuple[str, float]]]] = [(w, self._expand(w)) for w in words]
        corrected = len(queries)
        for written, word in corrections.items():
            expanded = [(k, f * HOMOPHONE_FACTOR) for k, f in self._expand(word)]
            queries.append((written, expanded))
        common = min(COMMON_SHARE * self._n_docs, COMMON_POSTINGS) if large else math.inf
        if large and named:
            common = 0  # a large knowledge base: a question naming something scores just that
        scores: dict[int, float] = defaultdict(float)
        hits = WordHits()
        matched = hits.by_doc
        deferred: list[tuple[str, list[tuple[str, float]]]] = []
        for position, (word, keys) in enumerate(queries):
            if large:
                rare = [(k, f) for k, f in keys if len(postings.get(k, ())) <= common]
                frequent = [(k, f) for k, f in keys if len(postings.get(k, ())) > common]
                if frequent:
                    deferred.append((word, frequent))
                found = self._best_of(rare)
            elif position < corrected:
                found = self._word_scores(word, keys)
            else:
                found = self._best_of(keys)
            for doc, value in found:
                scores[doc] += value
                matched[doc].add(word)
        if not deferred:
            return scores, hits
        # Very common words only re-score the best candidates the rarer words found; when
        # every word is common, the rarest one (in the place asked about) proposes them.
        if large and named:
            pool = list(named)
        elif scores:
            pool = heapq.nlargest(RESCORE_POOL, scores, key=scores.__getitem__)
        else:
            pool = self._common_candidates(deferred, places)
        # Column by column over the pool, in C (map, compress): hundreds of candidates times
        # every word would otherwise be the slowest part of a question.
        before = [scores.get(doc, 0.0) for doc in pool]
        totals = before
        columns: dict[str, list[float]] = {}  # a synonym group or topic shared by several words
        for word, keys in deferred:
            scaled = []
            for key, factor in keys:
                column = columns.get(key)
                if column is None:
                    weights = map(postings[key].get, pool, repeat(0.0))
                    column = columns[key] = list(map(mul, repeat(idf[key]), weights))
                scaled.append(column if factor == 1.0 else list(map(mul, column, repeat(factor))))
            values = list(map(max, *scaled)) if len(scaled) > 1 else scaled[0]
            totals = list(map(add, totals, values))
            hits.rescored.append((word, frozenset(compress(pool, values))))
        scores.update(compress(zip(pool, totals, strict=True), map(ne, totals, before)))
        return scores, hits

    def _word_scores(self, word: str, keys: list[tuple[str, float]]) -> list[tuple[int, float]]:
        found = self._scores.get(word)
        if found is None:
            found = self._best_of(keys)
            _remember(self._scores, word, found)
        return found

    def _best_of(self, keys: list[tuple[str, float]]) -> list[tuple[int, float]]:
        """Each document's score for one word: its best-scoring spelling or synonym."""
        postings, idf = self.index.postings, self.index.idf
        present = [(k, f) for k, f in keys if k in postings]
        if len(present) == 1:  # most words: no synonym group, nothing to take the best of
            key, factor = present[0]
            return [(doc, idf[key] * weight * factor) for doc, weight in postings[key].items()]
        best: dict[int, float] = {}
        for key, factor in present:
            for doc, weight in postings[key].items():
                value = idf[key] * weight * factor
                if value > best.get(doc, 0.0):
                    best[doc] = value
        return list(best.items())

    def _common_candidates(
        self, deferred: list[tuple[str, list[tuple[str, float]]]], places: list[tuple[str, str]]
    ) -> list[int]:
        postings = self.index.postings
        keys = [k for _, ks in deferred for k, _ in ks if k in postings]
        rarest = min(keys, key=lambda k: len(postings[k]))
        if not places:
            # Postings list documents in ascending order (the index adds them so): the first
            # RESCORE_POOL of them, without sorting thousands.
            return list(islice(postings[rarest], RESCORE_POOL))
        docs = postings[rarest].keys() & self.index.place_docs.get(places[0][1], frozenset())
        for _, place in places[1:]:
            docs &= self.index.place_docs.get(place, frozenset())
        return sorted(docs)[:RESCORE_POOL]

    def _is_named_thing(self, doc: int) -> bool:
        """Organizations and projects have names; a fact's "name" reads like a question."""
        return self.index.docs[doc].kind in ("organization", "project")

    def _mentions(self, compact: str) -> tuple[dict[int, float], list[str]]:
        """Names or aliases in the question, exact or nearly: the strongest signal there is."""
        mentioned: dict[int, float] = {}
        names: list[str] = []
        starts = self.index.name_starts
        pairs = {compact[i : i + 2] for i in range(len(compact) - 1)}
        # Only where a name could start (found in C): long stories are cheap.
        for i, _ in _positions(compact, pairs & self._name_prefixes):
            for size in (2, 4, 6):
                bucket = starts.get(compact[i : i + size], ()) if i + size <= len(compact) else ()
                for name in bucket:
                    if not compact.startswith(name, i):
                        continue
                    for doc in self.index.names[name]:
                        value = NAME_MENTION + 0.5 * len(name)
                        mentioned[doc] = max(mentioned.get(doc, 0.0), value)
                        if self._is_named_thing(doc):
                            names.append(name)
        if mentioned or len(compact) < 3 or not has_cjk(compact):
            return mentioned, names
        in_question = set(compact).__contains__
        # partial_ratio ≥ m needs m/(200 − m) of a name's characters (one spared for the
        # shorter side) in the question: a check in C that spares most of the scoring.
        share = FUZZY_NAME_MIN / (200 - FUZZY_NAME_MIN)
        candidates = [
            name
            for name in self._fuzzy_candidates(compact)
            if 4 <= len(name) <= len(compact) + 1
            and sum(map(in_question, name)) >= share * (len(name) - 1)
        ]
        # Score them all in one call; only the few close enough need their alignment.
        close = process.extract(
            compact, candidates, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_NAME_MIN, limit=None
        )
        aligned = []
        for name, _, _ in sorted(close, key=lambda hit: hit[2]):
            alignment = fuzz.partial_ratio_alignment(name, compact, score_cutoff=FUZZY_NAME_MIN)
            if alignment is not None:
                aligned.append((name, alignment))
        top_scores = sorted((a.score for _, a in aligned), reverse=True)
        if len(top_scores) >= 3 and top_scores[0] == top_scores[2]:
            return mentioned, names  # a category (社会组织服务中心), not one misspelt name
        for name, alignment in aligned:
            if any(self._is_named_thing(doc) for doc in self.index.names[name]):
                names.append(compact[alignment.dest_start : alignment.dest_end])
            value = (NAME_MENTION + 0.5 * len(name)) * alignment.score / 100 * 0.8
            for doc in self.index.names[name]:
                mentioned[doc] = max(mentioned.get(doc, 0.0), value)
        return mentioned, names

    def _fuzzy_candidates(self, compact: str) -> list[str]:
        """Names sharing at least two character pairs with the question (a likely misspelling)."""
        name_grams = self.index.name_grams
        shared: dict[int, int] = defaultdict(int)
        grams = dict.fromkeys(char_bigrams(compact[:FUZZY_WINDOW]))
        for gram in filter(name_grams.__contains__, grams):
            docs = name_grams[gram]
            if len(docs) <= FUZZY_GRAM_LIMIT:
                for doc in docs:
                    shared[doc] += 1
        best = sorted((d for d, n in shared.items() if n >= 2), key=lambda d: -shared[d])
        return list(dict.fromkeys(n for d in best[:FUZZY_DOCS] for n in self.index.doc_names[d]))

    def _score_bigrams(self, text: str, scores: dict[int, float]) -> None:
        """Character pairs of names add a little to what words found (and alone find rare names)."""
        name_grams, idf = self.index.name_grams, self.index.idf
        for gram in filter(name_grams.__contains__, dict.fromkeys(char_bigrams(text))):
            docs = name_grams[gram]
            gram_idf = idf["B:" + gram]
            if len(docs) <= 3:
                for doc, weight in docs.items():
                    scores[doc] += gram_idf * weight
            elif len(docs) > len(scores):
                for doc in scores.keys() & docs.keys():  # in C, from the smaller side
                    scores[doc] += gram_idf * docs[doc]
            else:
                for doc, weight in docs.items():
                    if doc in scores:
                        scores[doc] += gram_idf * weight

    # --- ranking ------------------------------------------------------------------------

    def _rank(
        self,
        scores: dict[int, float],
        hits: WordHits,
        words: list[str],
        places: list[tuple[str, str]],
    ) -> list[Scored]:
        docs = self.index.docs
        best = heapq.nlargest(RANK_POOL, scores.items(), key=itemgetter(1))
        if places:
            placed = [(docs[i], score * _place_factor(docs[i], places), i) for i, score in best]
        else:
            placed = [(docs[i], score, i) for i, score in best]
        placed.sort(key=lambda x: (-x[1], KIND_ORDER[x[0].kind]))
        ranked = [Scored(doc, score, 0.0) for doc, score, _ in placed[:MAX_RESULTS]]
        if ranked:  # only the best result's coverage decides anything
            ranked[0].coverage = self._coverage(hits.words(placed[0][2]), words)
        return ranked

    def _coverage(self, hit: set[str], words: list[str]) -> float:
        """How much of what the resident wrote the document accounts for (by word weight)."""
        if "<name>" in hit:
            return 1.0
        parts = {h for h in hit if len(h) >= 2}
        joined = "\x00".join(parts)
        total = covered = 0.0
        for word in words:  # distinct already
            weight = self._word_weight(word)
            total += weight
            if word in hit or _covered(word, parts, joined):
                covered += weight
        if total == 0:
            return 1.0 if hit else 0.0
        return covered / total

    def _word_weight(self, word: str) -> float:
        weight = self._weights.get(word)
        if weight is None:
            idf = [self.index.idf[k] for k, _ in self._expand(word) if k in self.index.idf]
            weight = max(idf) if idf else UNKNOWN_WORD_WEIGHT
            _remember(self._weights, word, weight)
        return weight

    def _decide(self, results: list[Scored], intent: str) -> str:
        top = results[0]
        confident = (top.score >= CONFIDENT_SCORE and top.coverage >= MIN_COVERAGE) or (
            top.score >= STRONG_SCORE and top.coverage >= STRONG_MIN_COVERAGE
        )
        if not confident:
            return "none"
        rivals = [
            r
            for r in results[1:]
            if r.score >= AMBIGUOUS_RATIO * top.score and not _same_family(r.doc, top.doc)
        ]
        return "choose" if rivals else "answer"


def _place_factor(doc: Doc, places: list[tuple[str, str]]) -> float:
    factor = 1.0
    for level, name in places:
        value = getattr(doc, level)
        if value == name:
            factor *= 1.5
        elif value:
            factor *= 0.3
        elif level == "street" and doc.district:
            factor *= 0.8
    return factor


def _positions(text: str, pairs: set[str]) -> list[tuple[int, str]]:
    """Where each of these character pairs occurs, in reading order (never in set order,
    which Python salts per process)."""
    found = []
    for pair in pairs:
        i = text.find(pair)
        while i >= 0:
            found.append((i, pair))
            i = text.find(pair, i + 1)
    found.sort()
    return found


def _remember(memo: dict[str, _V], key: str, value: _V) -> None:
    """Bounded memo: a burst of junk questions empties it rather than filling it for good."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value


def _same_family(a: Doc, b: Doc) -> bool:
    """A project and its organization are one answer, not two choices."""
    org_a = a.id if a.kind == "organization" else a.organization
    org_b = b.id if b.kind == "organization" else b.organization
    return bool(org_a) and org_a == org_b


def _covered(word: str, hits: set[str], joined: str) -> bool:
    """A word inside a matched word, or one containing it (cut() may keep "自闭症儿童" whole
    where the search words matched its parts)."""
    if word in joined:
        return True
    n = len(word)
    return n > 2 and any(word[a:b] in hits for a in range(n - 1) for b in range(a + 2, n + 1))


def _without(text: str, names: list[str]) -> str:
    """The question with the names it mentions blanked (志愿者 in 益人行志愿者协会 is no intent)."""
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        text = text.replace(name, " ")
    return text
