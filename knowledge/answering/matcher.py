"""Find what a resident's question is about: the best documents, how sure we are, the intent."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Container
from dataclasses import dataclass, field

from knowledge.answering.columns import Columns
from knowledge.answering.coverage import coverage_of
from knowledge.answering.fillers import tells_nothing
from knowledge.answering.gate import Decision, decide
from knowledge.answering.index import Index, content_tokens
from knowledge.answering.intent import (
    asks_who_serves,
    detect_intent,
    is_greeting,
    is_thanks,
    strip_greeting,
)
from knowledge.answering.match import BLANKED, Match, Scored, same_scored_family
from knowledge.answering.places import (
    PROVINCE,
    districts_cities,
    place_factor,
    places_asked,
)
from knowledge.answering.spelling import (
    HOMOPHONE_FACTOR,
    HOMOPHONE_WINDOW,
    NAME_MENTION,
    Spelling,
    remember,
)
from knowledge.answering.text import normalize
from knowledge.answering.topic_cap import TOPIC, cap_topic_only, capped_column, families
from knowledge.answering.weighing import (
    asks_of_several,
    counted,
    for_whom,
    none_there,
    weigh_facts,
    weigh_for_whom,
)
from knowledge.answering.words import Wording, whom_told, without_whom

# The thresholds of answering or not are in gate.py.
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
EXPANSION_FACTOR = 0.85
UNKNOWN_WORD_WEIGHT = 2.5  # an unknown word weighs like a rare one in the coverage


@dataclass
class WordHits:
    """The documents each of the question's words matched (the best result's coverage).

    Kept per word, not per document: only the best result ever asks which words it matched.
    """

    by_word: list[tuple[str, Container[int]]] = field(default_factory=list)
    named: set[int] = field(default_factory=set)  # documents the question names

    def words(self, doc: int) -> set[str]:
        found = {word for word, docs in self.by_word if doc in docs}
        if doc in self.named:
            found.add("<name>")
        return found


class Matcher:
    """Scores documents against a question; answers depend only on the index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._seg = index.segmenter
        self._n_docs = max(len(index.docs), 1)
        self.spelling = Spelling(index)
        self._columns = Columns(index)  # large knowledge bases: common words laid out
        self.wording = Wording(
            index.words, index.word_guards, set(index.english_words), index.pinyin_words
        )
        # Remembered per word: recomputing them made a long story a tenth slower.
        self._word_scores: dict[str, dict[int, float]] = {}  # small knowledge bases only
        self._word_weights: dict[str, float] = {}
        self._district_city = districts_cities(index.docs)
        self._counted = counted(index)
        self._needs = frozenset(w for w in index.words.values() if len(w) > 2)
        self._family = families(index.docs)  # each one's organization (topic_cap.py)

    def match(self, question: str) -> Match:
        plain = normalize(question)
        standardized = self.wording.standardize(plain)
        normalized = standardized.text
        greeting = is_greeting(normalized) or is_thanks(plain)  # thanks: no English stop word
        normalized = strip_greeting(normalized)
        text = self.spelling.from_pinyin(normalized, standardized.english)
        # Made once: names, sound-alikes and names' pairs are all looked up by the text's
        # character pairs (making them for each took a tenth of a long story's time).
        pairs = [text[i : i + 2] for i in range(len(text) - 1)]
        mentioned, names = self.spelling.mentions(text, pairs)
        window = HOMOPHONE_WINDOW
        corrections = self.spelling.homophones(text[:window], pairs[: window - 1])
        place_words = {p for p in self.index.places if p in text}
        words, search_words = self._seg.cut_for_search(text)
        # A place written is that place, not a sound-alike name (阳县 in 千阳县 is no 洋县);
        # and a word the knowledge base knows, read whole, is what was written (公场 in
        # 办公场地 is no 工厂).
        known = [w for w in words if w in self.index.postings or w in self.index.expansions]
        corrections = {
            written: word
            for written, word in corrections.items()
            if not any(written in place for place in place_words)
            and not any(written in w and written != w for w in known)
        }
        for written, word in corrections.items():
            for doc in self.index.names.get(word, ()):  # 明名心理 is 明明心理 misspelt
                value = (NAME_MENTION + 0.5 * len(word)) * HOMOPHONE_FACTOR
                mentioned[doc] = max(mentioned.get(doc, 0.0), value)
                names.append(written)
        remainder = _without(text, names)
        intent = (
            "greeting"
            if greeting
            else detect_intent(remainder)
            if remainder.strip()
            else "introduce"
        )
        # A question written in pinyin is read as the Chinese it spells (its lists, counts,
        # follow-ups): wei yang qu you ji jia she gong ji gou asks 未央区有几家社工机构.
        match = Match(question, text, intent, english=standardized.english)
        match.named = bool(mentioned)
        if mentioned:  # blanked apart from the spaces that part its clauses
            match.besides = _without(text, names, BLANKED)
            match.besides_plain = _without(plain, names, BLANKED)
        match.reworded = standardized.text != plain
        if not text:
            match.intent = "greeting" if greeting else "unknown"
            return match
        places = places_asked(self.index, text, names, mentioned)
        match.places = places
        # A place's pieces are the place too (新区 in 高新区 would score every 高新区 name).
        content = [
            w
            for w in content_tokens(dict.fromkeys(search_words), self.index.expansions)
            if not any(w in place for place in place_words)
        ]
        content = without_whom(content, words, plain, self._needs, self.index.expansions)
        match.words = content
        scores, hits = self._score_words(content, corrections, places, mentioned)
        for doc, value in mentioned.items():
            scores[doc] += value
        hits.named.update(mentioned)
        # 陕西 in 陕西有没有… names the province, not 陕西众益; and a place asked about adds to
        # the names holding it only what its words found (渭滨 of 我住渭滨区，想学秦腔 is no
        # reason for 渭滨区经二路…联合会: the place's own weight is place_factor's).
        asked = set(places)
        own = [p for p in place_words if self.index.places[p] in asked]
        wide = [p for p in place_words if self.index.places[p][0] == PROVINCE]
        if own or wide:
            placed = {w[i : i + 2] for w in own for i in range(len(w) - 1)}
            wider = {w[i : i + 2] for w in wide for i in range(len(w) - 1)}
            self._score_bigrams([p for p in pairs if p not in placed and p not in wider], scores)
            self._score_found_bigrams([p for p in pairs if p in placed], scores)
        else:
            self._score_bigrams(pairs, scores)
        if not scores:
            match.intent = "greeting" if greeting else "unknown"
            return match
        kept = set(content)  # every word is among the search words
        coverage_words = [w for w in dict.fromkeys(words) if w in kept and not tells_nothing(w)]
        weigh_facts(
            self.index,
            scores,
            asks_provider=intent in ("services", "address") or asks_who_serves(normalized),
            asks_figure=intent == "figure",
            counts=self._counted,
            words=set(content),
            several=intent == "figure" and asks_of_several(normalized),
            named=mentioned,
        )
        weigh_for_whom(self.index, scores, for_whom(self.index, normalized))
        whom = whom_told(coverage_words, self.index.expansions)
        match.results = self._rank(scores, hits, coverage_words, places, text, whom)
        length = len(text) - text.count(" ")
        match.decision = decide(
            match.results, same_scored_family, length, self._alike(hits, coverage_words)
        )
        if match.decision == Decision.UNKNOWN and match.intent != "greeting":
            match.intent = "unknown"
        elif match.intent == "introduce" and not mentioned and match.results[0].doc.kind != "fact":
            match.intent = "services"  # a need described without naming anyone
        return match

    # --- scoring ------------------------------------------------------------------------

    def _expand(self, word: str) -> list[tuple[str, float]]:
        """The word, and the synonym groups and topics it belongs to, each with its factor."""
        groups = self.index.expansions.get(word, ())
        return [(word, 1.0), *((key, EXPANSION_FACTOR) for key in groups)]

    def _score_words(
        self,
        words: list[str],
        corrections: dict[str, str],
        places: list[tuple[str, str]],
        named: dict[int, float],
    ) -> tuple[dict[int, float], WordHits]:
        scores: dict[int, float] = defaultdict(float)
        hits = WordHits()
        if self._n_docs <= LARGE_KB:
            for word in words:
                found = self._word_scores.get(word)
                if found is None:
                    found = self._best_of(self._expand(word))
                    remember(self._word_scores, word, found)
                hits.by_word.append((word, found))
            for written, word in corrections.items():
                expanded = [(k, f * HOMOPHONE_FACTOR) for k, f in self._expand(word)]
                hits.by_word.append((written, self._best_of(expanded)))
            for _, found in hits.by_word:
                for doc, value in found.items():
                    scores[doc] += value
            return scores, hits
        postings = self.index.postings
        queries: list[tuple[str, list[tuple[str, float]]]] = [(w, self._expand(w)) for w in words]
        for written, word in corrections.items():
            expanded = [(k, f * HOMOPHONE_FACTOR) for k, f in self._expand(word)]
            queries.append((written, expanded))
        common = min(COMMON_SHARE * self._n_docs, COMMON_POSTINGS)
        # A word's common spellings or synonyms, and what its rare ones found already.
        deferred: list[tuple[str, list[tuple[str, float]], dict[int, float], list[str]]] = []
        for word, keys in queries:
            rare = [(k, f) for k, f in keys if len(postings.get(k, ())) <= common]
            frequent = [(k, f) for k, f in keys if len(postings.get(k, ())) > common]
            own = [k for k, _ in keys if not k.startswith(TOPIC)]
            found = self._best_of(rare, own)
            if frequent:
                deferred.append((word, frequent, found, own))
            for doc, value in found.items():
                scores[doc] += value
            hits.by_word.append((word, found))
        if not deferred:
            return scores, hits
        # Very common words only re-score the best candidates the rarer words found; when
        # every word is common, the rarest one (in the place asked about) proposes them.
        common_keys = [key for _, keys, _, _ in deferred for key, _ in keys]
        if scores or named:
            # What the question names, and the best the rarer words found: a name can be a
            # fact's short alias met by chance, so it never shuts out the other candidates.
            best = heapq.nlargest(RESCORE_POOL, scores, key=scores.__getitem__)
            pool = [*named, *best]
        else:
            place_names = [place for _, place in places]
            pool = self._columns.first_holding(common_keys, place_names, RESCORE_POOL)
        # Curated records holding a common word too: a stray rare word (方法) must not leave
        # out the one record that answers the need (沟通) among a registry's rows.
        pool = list(dict.fromkeys([*pool, *self._columns.curated_holding(common_keys)]))
        # Column by column over the pool: hundreds of candidates times every word would
        # otherwise be the slowest part of a question.
        totals = [scores.get(doc, 0.0) for doc in pool]
        columns: dict[str, list[float]] = {}  # a synonym group or topic shared by several words
        for word, keys, rare_found, own in deferred:
            scaled = []
            for key, factor in keys:
                if key not in columns:
                    columns[key] = self._columns.column(key, pool)
                column = columns[key]
                scaled.append(column if factor == 1.0 else [value * factor for value in column])
            if len(scaled) == 1:
                values = scaled[0]
            else:
                values = [max(each) for each in zip(*scaled, strict=True)]
            values = capped_column(pool, values, rare_found, keys, own, postings, self._family)
            if rare_found:  # a word counts once, by its best key, as on a small base
                values = [
                    max(value, rare_found.get(doc, 0.0)) - rare_found.get(doc, 0.0)
                    for doc, value in zip(pool, values, strict=True)
                ]
            totals = [total + value for total, value in zip(totals, values, strict=True)]
            hits.by_word.append(
                (word, {doc for doc, value in zip(pool, values, strict=True) if value})
            )
        for doc, total in zip(pool, totals, strict=True):
            if total != scores.get(doc, 0.0):
                scores[doc] = total
        return scores, hits

    def _best_of(
        self, keys: list[tuple[str, float]], own: list[str] | None = None
    ) -> dict[int, float]:
        """Each document's score for one word: its best-scoring spelling or synonym (its
        topic alone capped below the word's holders: topic_cap.py)."""
        postings, idf = self.index.postings, self.index.idf
        best: dict[int, float] = {}
        for key, factor in keys:
            for doc, weight in postings.get(key, {}).items():
                value = idf[key] * weight * factor
                if value > best.get(doc, 0.0):
                    best[doc] = value
        cap_topic_only(best, keys, own, postings, self._family)
        return best

    def _score_bigrams(self, pairs: list[str], scores: dict[int, float]) -> None:
        """Character pairs of names add a little to what words found (and alone find rare names)."""
        name_grams = self.index.name_grams
        for gram in dict.fromkeys(pair for pair in pairs if pair in name_grams):
            docs = name_grams[gram]
            idf = self.index.idf["B:" + gram]
            if len(docs) <= 3:
                for doc, weight in docs.items():
                    scores[doc] += idf * weight
            elif len(docs) > COMMON_POSTINGS and self._n_docs > LARGE_KB:
                candidates = list(scores)
                column = self._columns.column("B:" + gram, candidates)
                for doc, value in zip(candidates, column, strict=True):
                    if value:
                        scores[doc] += value
            else:  # only adds to what was found
                for doc in scores.keys() & docs.keys():
                    scores[doc] += idf * docs[doc]

    def _score_found_bigrams(self, pairs: list[str], scores: dict[int, float]) -> None:
        """Character pairs that only add to the documents already found."""
        name_grams = self.index.name_grams
        for gram in dict.fromkeys(pair for pair in pairs if pair in name_grams):
            docs = name_grams[gram]
            idf = self.index.idf["B:" + gram]
            for doc in scores.keys() & docs.keys():
                scores[doc] += idf * docs[doc]

    # --- ranking ------------------------------------------------------------------------

    def _rank(
        self,
        scores: dict[int, float],
        hits: WordHits,
        words: list[str],
        places: list[tuple[str, str]],
        text: str = "",
        whom: Container[str] = (),
    ) -> list[Scored]:
        docs = self.index.docs
        best = heapq.nlargest(RANK_POOL, scores.items(), key=lambda item: item[1])
        if places:
            nearby = none_there(self.index, best, places, text)
            best = [
                (doc, score * place_factor(docs[doc], places, self._district_city, nearby))
                for doc, score in best
            ]
        # On equal scores, the kind (a fact first); then the order they came in.
        best.sort(key=lambda item: (-item[1], KIND_ORDER[docs[item[0]].kind]))
        ranked = [Scored(docs[doc], score, 0.0) for doc, score in best[:MAX_RESULTS]]
        if ranked:  # only the best result's coverage decides anything
            found = hits.words(best[0][0])
            coverage = coverage_of(found, words, self._word_weight)
            if whom:  # whom a story is about counts not against a result serving its need
                told = [w for w in words if w not in whom]
                coverage = max(coverage, coverage_of(found, told, self._word_weight))
            ranked[0].coverage = coverage
        return ranked

    def _alike(self, hits: WordHits, words: list[str]) -> Callable[[Scored, Scored], bool]:
        """Whether a rival found the question by every word the best result found it by, as
        itself or through its synonyms or topic (孩子 of 孩子的户口咋迁 finds 智塔 and 常青藤
        alike); a rival found by other words answers another part of the question."""

        def found_by(scored: Scored) -> set[str]:
            doc = self.index.doc_index[(scored.doc.kind, scored.doc.id)]
            return hits.words(doc) & set(words)

        return lambda rival, top: found_by(top) <= found_by(rival)

    def _word_weight(self, word: str) -> float:
        weight = self._word_weights.get(word)
        if weight is None:
            idf = [self.index.idf[k] for k, _ in self._expand(word) if k in self.index.idf]
            weight = max(idf) if idf else UNKNOWN_WORD_WEIGHT
            remember(self._word_weights, word, weight)
        return weight


def _without(text: str, names: list[str], blank: str = " ") -> str:
    """The question with the names it mentions blanked (志愿者 in 益人行志愿者协会 is no intent)."""
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        text = text.replace(name, blank)
    return text
