"""Turn the knowledge records into an Index: one document per record, each field's words
weighed by the field they stand in, and the vocabularies (names, places, synonyms, sounds)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

from knowledge.answering.index import Doc, Index, content_tokens, no_cycle_collection
from knowledge.answering.intent import asks_who_serves
from knowledge.answering.places import PROVINCE
from knowledge.answering.segmenter import Segmenter, build_dictionary
from knowledge.answering.text import (
    HOMOPHONE_MAX,
    char_bigrams,
    char_pinyin_table,
    normalize,
    sound_tables,
)
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

# Residents shorten place names; these map what they type to the records' spelling.
PLACE_SUFFIXES = ("市", "区", "县", "街道", "镇")


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
        self._vocabularies()
        places = self._places()
        self.domain_words.update(places)
        names = self._all_names()
        if len(names) <= NAMES_IN_TOKENIZER:
            self.domain_words.update(names)
        else:
            # A registry's thousands of full names stay out of the tokenizer, but the short
            # names residents type (智塔, 常青藤: names and aliases of a few characters) keep
            # their words, so pinyin (zhita) and sound-alike typos (常清藤) still find them.
            self.domain_words.update(self._short_names())
        word_freq, word_total = build_dictionary(self.domain_words)
        self.segmenter = Segmenter(word_freq, word_total)
        self._documents()
        char_pinyin = char_pinyin_table()
        homophones, pinyin_words = sound_tables(self.domain_words, char_pinyin)
        words = self.records.get("words", {})
        table = table_entries(words)
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
            places=places,
            pinyin_words=pinyin_words,
            homophones=homophones,
            char_pinyin=char_pinyin,
            word_freq=word_freq,
            word_total=word_total,
            words=table,
            word_guards=sorted(table_guards(words) | self._names_holding(table)),
            english_words=sorted(english_words(words, places)),
        )

    # --- vocabularies -------------------------------------------------------------------

    def _vocabularies(self) -> None:
        expansions: dict[str, set[str]] = defaultdict(set)
        for group in self.records.get("synonyms", {}).values():
            words = [normalize(w) for w in group["words"]]
            for word in words:
                expansions[word].add("S:" + words[0])
            self.domain_words.update(words)
        for topic in self.records.get("topics", {}).values():
            key = "T:" + topic["name"]
            for word in [topic["name"], *topic.get("synonyms", [])]:
                expansions[normalize(word)].add(key)
                self.domain_words.add(normalize(word))
        self.expansions = {w: tuple(sorted(keys)) for w, keys in expansions.items()}
        for table in ("organizations", "projects"):
            for record in self.records.get(table, {}).values():
                # A service listing several (红管家、红驿站、红咖汇) gives each its word.
                self.domain_words.update(
                    self._normalized(part)
                    for s in record.get("services", [])
                    for part in re.split(r"[、，,]", s)
                    if 2 <= len(part) <= 8
                )

    def _all_names(self) -> set[str]:
        names: set[str] = set()
        for table in ("organizations", "projects", "facts", "activities"):
            for record in self.records.get(table, {}).values():
                for name in [
                    record.get("name") or record.get("title", ""),
                    *record.get("aliases", []),
                ]:
                    if name:
                        names.update(self._normalized(name).split())
        return names

    def _short_names(self) -> set[str]:
        short: set[str] = set()
        for table in ("organizations", "projects", "facts", "activities"):
            for record in self.records.get(table, {}).values():
                name = record.get("name") or record.get("title", "")
                for written in [name, *record.get("aliases", [])]:
                    short.update(
                        part
                        for part in self._normalized(written).split()
                        if len(part) <= HOMOPHONE_MAX
                    )
        return short

    def _names_holding(self, table: dict[str, str]) -> set[str]:
        """The knowledge base's names and words that hold a word of the table: a name is
        never rewritten (娃 in a name stays 娃)."""
        keys = [w for w in table if not w.isascii()]
        if not keys:
            return set()
        pattern = re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))
        found = set()
        for word in (*self.names, *self.domain_words):
            if pattern.search(word) and word not in table:
                found.add(word)
        return found

    def _places(self) -> dict[str, tuple[str, str]]:
        places: dict[str, tuple[str, str]] = {}
        for table in ("organizations", "facts", "activities"):
            for record in self.records.get(table, {}).values():
                for level in ("city", "district", "street"):
                    value = self._normalized(record.get(level, ""))
                    if not value:
                        continue
                    places[value] = (level, value)
                    for suffix in PLACE_SUFFIXES:
                        short = value.removesuffix(suffix)
                        if short != value and len(short) >= 2:
                            places.setdefault(short, (level, value))
        self._division_places(places)
        return places

    def _division_places(self, places: dict[str, tuple[str, str]]) -> None:
        """A division the records do not name stands for the nearest one holding it that they
        do (虢镇街道 → 陈仓区, 凤翔区 → 宝鸡市)."""
        divisions = self.records.get("divisions", {})
        known = {name: place for place in places.values() for name in [place[1]]}
        for key, division in divisions.items():
            found, seen = None, set()
            current = key
            while current and current not in seen and found is None:
                seen.add(current)
                found = known.get(self._normalized(current))
                current = divisions.get(current, {}).get("parent", "")
            if found is None:
                found = self._province(key, division, divisions, known)
            if found is None:
                continue
            name = self._normalized(key)
            for text in [name, *map(self._normalized, division.get("aliases", []))]:
                if len(text) >= 2:
                    places.setdefault(text, found)

    def _province(
        self,
        key: str,
        division: dict[str, Any],
        divisions: dict[str, dict[str, Any]],
        known: dict[str, tuple[str, str]],
    ) -> tuple[str, str] | None:
        """A province holding every city the records name (陕西省: 宝鸡 and 西安) is a place
        a resident may write, one that narrows nothing (places.py)."""
        if division.get("level") != PROVINCE:
            return None
        cities = [name for level, name in known.values() if level == "city"]
        for city in cities:
            current, seen = city, set()
            while current and current != key and current not in seen:
                seen.add(current)
                current = self._parent(current, divisions)
            if current != key:
                return None
        return (PROVINCE, self._normalized(key)) if cities else None

    def _parent(self, name: str, divisions: dict[str, dict[str, Any]]) -> str:
        """The parent of a division named as the records write it (宝鸡市 or 宝鸡)."""
        for key, division in divisions.items():
            if name in (self._normalized(key), *map(self._normalized, division.get("aliases", []))):
                return str(division.get("parent", ""))
        return ""

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
