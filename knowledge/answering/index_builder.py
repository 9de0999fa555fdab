"""Turn the knowledge records into an Index: one document per record, each field's words
weighed by the field they stand in, and the vocabularies (names, places, synonyms: read by
index_vocabulary.py; sounds: text.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

from knowledge.answering.index import Doc, Index, content_tokens, no_cycle_collection
from knowledge.answering.index_vocabulary import (
    all_names,
    expansions,
    names_holding,
    places,
    service_words,
    short_names,
    typed_in_pinyin,
)
from knowledge.answering.intent import Intent, asks_who_serves, detect_intent
from knowledge.answering.segmenter import Segmenter, build_dictionary
from knowledge.answering.sounds import (
    HOMOPHONE_MAX,
    char_pinyin_table,
    residents_spellings,
    sound_tables,
)
from knowledge.answering.text import char_bigrams, normalize
from knowledge.answering.words import english_words, table_entries, table_guards

# How much a word counts, by the field it stands in.
FIELD_WEIGHTS = {
    "name": 3.0,
    "aliases": 3.0,
    "projects": 2.0,
    "questions": 2.5,
    "services": 1.5,
    "topics": 1.5,
    "figures": 0.8,
    "summary": 1.0,
    "owner": 1.0,
}
# Names join jieba's dictionary so it keeps them whole; past this many, the prefix
# dictionary balloons and names are found by the matcher's name scan instead.
NAMES_IN_TOKENIZER = 5000
EXPANSION_SHARE = 0.9  # a synonym group or topic a field's word belongs to
REPEATED_TEXTS = 4096  # short field texts remembered while building
# A registry row's name is its place, its own word and its kind (…微光心理咨询服务中心): the
# name's words that repeat its 业务范围 or topics say what it does, and weigh as that
# (services, 1.5), not as a curated name, which sources vouch for. Who it is (its own
# word, the whole name, its short names, their characters and sounds) is found as any
# name is.
REGISTRY_NAME_SHARE = FIELD_WEIGHTS["services"] / FIELD_WEIGHTS["name"]
BIGRAM_WEIGHT = 0.35  # character pairs of names: a partial or misspelt name still finds them


def build_index(records: dict[str, dict[str, dict[str, Any]]], version: str) -> Index:
    with no_cycle_collection():
        return IndexBuilder(records, version).build()


# A name's piece outside its quotes names the record only when this long (院落服务合作社 of
# “我帮你”院落服务合作社; not 公益项目).
OUTSIDE_QUOTES = 5
_QUOTED = re.compile(r"[“\"「『‘]([^”\"」』’]+)[”\"」』’]")


class IndexBuilder:
    """Turns the knowledge records into an Index."""

    def __init__(self, records: dict[str, dict[str, dict[str, Any]]], version: str) -> None:
        self.records = records
        self.version = version
        self.docs: list[Doc] = []
        self.postings: dict[str, dict[int, float]] = defaultdict(dict)
        self.names: dict[str, list[int]] = defaultdict(list)
        self.doc_names: list[tuple[str, ...]] = []
        self.expansions: dict[str, tuple[str, ...]] = {}
        self.domain_words: set[str] = set()
        # Services, topics and places repeat from record to record: each is normalized and
        # cut once (a fifth of a large build's time), within a bound (names never repeat).
        self._normalized = lru_cache(maxsize=REPEATED_TEXTS)(self._normalize)
        self._tokens = lru_cache(maxsize=REPEATED_TEXTS)(self._tokens_of)
        self._does = lru_cache(maxsize=REPEATED_TEXTS)(self._does_of)  # rows of one kind
        self._weights: dict[float, float] = {}

    def build(self) -> Index:
        self.expansions, expanded = expansions(self.records)
        self.domain_words.update(expanded)
        self.domain_words.update(service_words(self.records, self._normalized))
        known_places = places(self.records, self._normalized)
        self.domain_words.update(known_places)
        names = all_names(self.records, self._normalized)
        if len(names) <= NAMES_IN_TOKENIZER:
            self.domain_words.update(names)
        else:
            # A registry's thousands of full names stay out of the tokenizer, but the short
            # names residents type (智塔, 常青藤: names and aliases of a few characters) keep
            # their words, so pinyin (zhita) and sound-alike typos (常清藤) still find them.
            self.domain_words.update(short_names(self.records, self._normalized))
        word_freq, word_total = build_dictionary(self.domain_words)
        self.segmenter = Segmenter(word_freq, word_total)
        self._documents()
        char_pinyin = char_pinyin_table()
        words = self.records.get("words", {})
        table = table_entries(words)
        spelt = typed_in_pinyin(self.records, self._normalized, self.segmenter, table)
        if len(names) > NAMES_IN_TOKENIZER:  # a registry's full names: fuzzy matching's
            spelt = {w for w in spelt if len(w) <= HOMOPHONE_MAX}
        homophones, pinyin_words = sound_tables(self.domain_words, char_pinyin, spelt)
        for spelling, word in residents_spellings(table, char_pinyin).items():
            pinyin_words.setdefault(spelling, word)  # the knowledge base's own words first
        place_docs: dict[str, set[int]] = defaultdict(set)
        for i, doc in enumerate(self.docs):
            for value in (doc.city, doc.district, doc.street):
                if value:
                    place_docs[self._normalized(value)].add(i)
        return Index(
            version=self.version,
            docs=self.docs,
            postings=dict(self.postings),
            names=dict(self.names),
            place_docs={k: frozenset(v) for k, v in place_docs.items()},
            doc_names=self.doc_names,
            expansions=self.expansions,
            places=known_places,
            pinyin_words=pinyin_words,
            homophones=homophones,
            char_pinyin=char_pinyin,
            word_freq=word_freq,
            word_total=word_total,
            words=table,
            word_guards=sorted(
                table_guards(words) | names_holding(table, [*self.names, *self.domain_words])
            ),
            english_words=sorted(english_words(words, known_places)),
        )

    # --- documents ----------------------------------------------------------------------

    def _documents(self) -> None:
        orgs = self.records.get("organizations", {})
        projects_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for project in self.records.get("projects", {}).values():
            projects_of[project["organization"]].append(project)

        for org in orgs.values():
            described = org.get("summary") or org.get("services") or projects_of[org["id"]]
            fields = {
                "name": [org["name"]],
                "aliases": org.get("aliases", []),
                "projects": [
                    n for p in projects_of[org["id"]] for n in [p["name"], *p.get("aliases", [])]
                ],
                # 业务范围 (the registry's words for what it does) counts as services.
                "services": [*org.get("services", []), org.get("business_scope", "")],
                "summary": [org.get("summary", "")],
                "figures": [f["label"] for f in org.get("figures", [])],
            }
            self._add(
                Doc(
                    "organization",
                    org["id"],
                    org["name"],
                    "",
                    org.get("city", ""),
                    org.get("district", ""),
                    org.get("street", ""),
                    bool(described),
                ),
                fields,
                org,
            )
        for project in self.records.get("projects", {}).values():
            owner = orgs.get(project["organization"], {})
            fields = {
                "name": [project["name"]],
                "aliases": project.get("aliases", []),
                "owner": [owner.get("name", ""), *owner.get("aliases", [])],
                "summary": [project.get("description", ""), project.get("period", "")],
                "figures": [f["label"] for f in project.get("figures", [])],
            }
            self._add(
                Doc(
                    "project",
                    project["id"],
                    project["name"],
                    project["organization"],
                    owner.get("city", ""),
                    owner.get("district", ""),
                    owner.get("street", ""),
                ),
                fields,
                project,
            )
        for fact in self.records.get("facts", {}).values():
            fields = {
                "name": [fact["name"]],
                "questions": fact.get("questions", []),
                "summary": [fact.get("answer", "")],
            }
            self._add(
                Doc(
                    "fact",
                    fact["id"],
                    fact["name"],
                    fact.get("organization", ""),
                    fact.get("city", ""),
                    fact.get("district", ""),
                    serves=any(asks_who_serves(normalize(q)) for q in fact.get("questions", [])),
                    counts=_counts(fact),
                ),
                fields,
                fact,
            )
        for activity in self.records.get("activities", {}).values():
            if activity.get("status") == "cancelled":
                continue
            owner = orgs.get(activity.get("organization", ""), {})
            fields = {
                "name": [activity["title"]],
                "owner": [owner.get("name", "")],
                "summary": [activity.get("description", ""), activity.get("place", "")],
            }
            self._add(
                Doc(
                    "activity",
                    activity["id"],
                    activity["title"],
                    activity.get("organization", ""),
                    activity.get("city", "") or owner.get("city", ""),
                    activity.get("district", "") or owner.get("district", ""),
                ),
                fields,
                activity,
            )

    @staticmethod
    def _normalize(text: str) -> str:
        return normalize(text, limit=2000)

    def _tokens_of(self, text: str) -> list[tuple[str, float]]:
        """What a normalized field text is indexed under, each with its share of the field's
        weight: its dictionary words, and the synonym groups and topics they belong to."""
        tokens = []
        for token in content_tokens(self.segmenter.all_words(text), self.expansions):
            tokens.append((token, 1.0))
            for key in self.expansions.get(token, ()):
                tokens.append((key, EXPANSION_SHARE))
        return tokens

    def _does_of(
        self, services: tuple[str, ...], topics: tuple[str, ...]
    ) -> tuple[frozenset[str], str]:
        """What a registry row's 业务范围 and topics are indexed under (and those joined)."""
        tokens = {f"T:{topic}" for topic in topics}
        for text in services:
            tokens.update(token for token, _ in self._tokens(self._normalized(text)))
        return frozenset(tokens), "\x00".join(tokens)

    def _add(self, doc: Doc, fields: dict[str, list[str]], record: dict[str, Any]) -> None:
        i = len(self.docs)
        self.docs.append(doc)
        weights: dict[str, float] = {}
        own_names: list[str] = []
        # A handful of distinct weights: millions of postings share a few float objects
        # (100,000 organizations: 551 MB at the peak of the build, 658 MB without).
        shared = self._weights
        does, does_text = (
            (frozenset(), "")
            if doc.curated
            else self._does(tuple(fields["services"]), tuple(record.get("topics", [])))
        )
        for field_name, texts in fields.items():
            fw = FIELD_WEIGHTS[field_name]
            for text in texts:
                norm = self._normalized(text)
                if not norm:
                    continue
                tokens = self._tokens(norm)
                if field_name in ("name", "aliases"):
                    # The whole name, and a quoted nickname inside it (“在城长”儿童保护…);
                    # not two-character pieces like 社工 from “康复+特教+社工”, nor a short
                    # kind of thing left outside the quotes (公益项目 of 陕西妇联“秦女子”公益项目).
                    parts = norm.split()
                    quoted = {
                        q for part in _QUOTED.findall(text) for q in self._normalized(part).split()
                    }
                    keys = {"".join(parts)} | {
                        p for p in parts if len(p) >= (3 if p in quoted else OUTSIDE_QUOTES)
                    }
                    for key in sorted(keys):
                        if len(key) >= 2:
                            self.names[key].append(i)
                            own_names.append(key)
                    grams = [("B:" + gram, BIGRAM_WEIGHT) for gram in char_bigrams(norm)]
                    if not doc.curated:  # its kind's words and their pairs: what it does
                        tokens = [
                            (token, f * REGISTRY_NAME_SHARE if token in does else f)
                            for token, f in tokens
                        ]
                        grams = [
                            (gram, f * REGISTRY_NAME_SHARE if gram[2:] in does_text else f)
                            for gram, f in grams
                        ]
                    tokens = grams + tokens
                for token, factor in tokens:
                    weight = factor * fw
                    if weight > weights.get(token, 0.0):
                        weights[token] = shared.setdefault(weight, weight)
        for topic in record.get("topics", []):
            weight = FIELD_WEIGHTS["topics"]
            if weight > weights.get("T:" + topic, 0.0):
                weights["T:" + topic] = shared.setdefault(weight, weight)
        self.doc_names.append(tuple(dict.fromkeys(own_names)))
        postings = self.postings
        for token, weight in weights.items():
            postings[token][i] = weight


def _counts(fact: dict[str, Any]) -> bool:
    """Whether staff wrote the fact as a count: most of its questions ask a figure."""
    questions = [normalize(q) for q in [fact["name"], *fact.get("questions", [])]]
    figures = sum(detect_intent(q) == Intent.FIGURE for q in questions)
    return figures > len(questions) / 2
