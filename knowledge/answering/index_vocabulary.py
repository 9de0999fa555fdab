"""The vocabularies an index is built with, read from the records before their documents: the
synonym groups and topics a word stands for, the words the tokenizer must keep whole (services,
names), and the places residents write — a district without its 区, a division the records do
not name standing for the nearest one holding it that they do."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from knowledge.answering.places import PROVINCE
from knowledge.answering.segmenter import Segmenter
from knowledge.answering.sounds import HOMOPHONE_MAX
from knowledge.answering.text import normalize

Records = dict[str, dict[str, dict[str, Any]]]  # table → id → fields, as stored
Normalize = Callable[[str], str]  # the builder's normalize, remembering repeated texts
Place = tuple[str, str]  # (level, the records' spelling)

# Residents shorten place names; these map what they type to the records' spelling.
PLACE_SUFFIXES = ("市", "区", "县", "街道", "镇")
NAMED_TABLES = ("organizations", "projects", "facts", "activities")
PINYIN_NAME_MAX = 16  # characters: a whole name typed in pinyin, with its place
_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]+")


def expansions(records: Records) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The synonym groups (S:…) and topics (T:…) each word stands for, and those words in the
    order they were read."""
    found: dict[str, set[str]] = defaultdict(set)
    read: list[str] = []
    for group in records.get("synonyms", {}).values():
        words = [normalize(w) for w in group["words"]]
        for word in words:
            found[word].add("S:" + words[0])
        read.extend(words)
    for topic in records.get("topics", {}).values():
        key = "T:" + topic["name"]
        for word in [topic["name"], *topic.get("synonyms", [])]:
            found[normalize(word)].add(key)
            read.append(normalize(word))
    return {w: tuple(sorted(keys)) for w, keys in found.items()}, read


def service_words(records: Records, normalized: Normalize) -> Iterator[str]:
    """The services organizations and projects list, each a word; a service listing several
    (红管家、红驿站、红咖汇) gives each its word."""
    for table in ("organizations", "projects"):
        for record in records.get(table, {}).values():
            for service in record.get("services", []):
                for part in re.split(r"[、，,]", service):
                    if 2 <= len(part) <= 8:
                        yield normalized(part)


def all_names(records: Records, normalized: Normalize) -> set[str]:
    """Every word of every record's name and aliases."""
    names: set[str] = set()
    for table in NAMED_TABLES:
        for record in records.get(table, {}).values():
            for name in [record.get("name") or record.get("title", ""), *record.get("aliases", [])]:
                if name:
                    names.update(normalized(name).split())
    return names


def short_names(records: Records, normalized: Normalize) -> set[str]:
    """The words of names and aliases short enough to be typed by their sound (智塔, 常青藤)."""
    short: set[str] = set()
    for table in NAMED_TABLES:
        for record in records.get(table, {}).values():
            name = record.get("name") or record.get("title", "")
            for written in [name, *record.get("aliases", [])]:
                short.update(
                    part for part in normalized(written).split() if len(part) <= HOMOPHONE_MAX
                )
    return short


def typed_in_pinyin(
    records: Records, normalized: Normalize, segmenter: Segmenter, table: dict[str, str]
) -> set[str]:
    """Words a resident writing pinyin may mean besides the tokenizer's (which sound_tables
    spells already): whole names and aliases (anxin xiaowu, jintai wushu xiehui), the words
    names are made of (xiehui, zhongxin, jiedao), legal forms (shehui tuanti) and the
    standard words the words table rewrites residents' words into."""
    spelt: set[str] = set()
    for table_name in NAMED_TABLES:
        for record in records.get(table_name, {}).values():
            name = record.get("name") or record.get("title", "")
            for written in [name, *record.get("aliases", [])]:
                for part in normalized(written).split():
                    if _CHINESE_WORD.fullmatch(part):
                        spelt.add(part)
                        spelt.update(w for w in segmenter.cut(part) if len(w) >= 2)
    for record in records.get("organizations", {}).values():
        spelt.add(normalized(record.get("legal_form") or ""))
    spelt.update(table.values())
    spelt.update(s for s in PLACE_SUFFIXES if len(s) >= 2)  # jiedao of a street's centre
    return {w for w in spelt if _CHINESE_WORD.fullmatch(w) and 2 <= len(w) <= PINYIN_NAME_MAX}


def names_holding(table: dict[str, str], words: Iterable[str]) -> set[str]:
    """The knowledge base's names and words that hold a word of the words table: a name is
    never rewritten (娃 in a name stays 娃)."""
    keys = [w for w in table if not w.isascii()]
    if not keys:
        return set()
    pattern = re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))
    return {word for word in words if pattern.search(word) and word not in table}


def places(records: Records, normalized: Normalize) -> dict[str, Place]:
    """Each place residents may write, as the records spell it, with its level."""
    found: dict[str, Place] = {}
    for table in ("organizations", "facts", "activities"):
        for record in records.get(table, {}).values():
            for level in ("city", "district", "street"):
                value = normalized(record.get(level, ""))
                if not value:
                    continue
                found[value] = (level, value)
                for suffix in PLACE_SUFFIXES:
                    short = value.removesuffix(suffix)
                    if short != value and len(short) >= 2:
                        found.setdefault(short, (level, value))
    _division_places(records.get("divisions", {}), found, normalized)
    return found


def _division_places(
    divisions: dict[str, dict[str, Any]], places: dict[str, Place], normalized: Normalize
) -> None:
    """A division the records do not name stands for the nearest one holding it that they
    do (虢镇街道 → 陈仓区, 凤翔区 → 宝鸡市)."""
    known = {name: place for place in places.values() for name in [place[1]]}
    for key, division in divisions.items():
        found, seen = None, set()
        current = key
        while current and current not in seen and found is None:
            seen.add(current)
            found = known.get(normalized(current))
            current = divisions.get(current, {}).get("parent", "")
        if found is None:
            found = _province(key, division, divisions, known, normalized)
        if found is None:
            continue
        name = normalized(key)
        for text in [name, *map(normalized, division.get("aliases", []))]:
            if len(text) >= 2:
                places.setdefault(text, found)


def _province(
    key: str,
    division: dict[str, Any],
    divisions: dict[str, dict[str, Any]],
    known: dict[str, Place],
    normalized: Normalize,
) -> Place | None:
    """A province holding every city the records name (陕西省: 宝鸡 and 西安) is a place
    a resident may write, one that narrows nothing (places.py)."""
    if division.get("level") != PROVINCE:
        return None
    cities = [name for level, name in known.values() if level == "city"]
    for city in cities:
        current, seen = city, set()
        while current and current != key and current not in seen:
            seen.add(current)
            current = _parent(current, divisions, normalized)
        if current != key:
            return None
    return (PROVINCE, normalized(key)) if cities else None


def _parent(name: str, divisions: dict[str, dict[str, Any]], normalized: Normalize) -> str:
    """The parent of a division named as the records write it (宝鸡市 or 宝鸡)."""
    for key, division in divisions.items():
        if name in (normalized(key), *map(normalized, division.get("aliases", []))):
            return str(division.get("parent", ""))
    return ""
