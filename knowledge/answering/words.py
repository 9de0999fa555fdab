"""Residents' words → the knowledge base's words, before a question is cut into words.

The table is reviewed knowledge (knowledge/data/words.yaml, the `words` table): Shaanxi
dialect and plain spoken Chinese (碎娃 → 孩子, 咋 → 怎么), voice-input slips (心里咨询 →
心理咨询), needs told as a situation (放学没人接 → 课后托管) and a small English glossary
(autism → 自闭症). Longer words are replaced first; a word inside a longer word that keeps its
own meaning (额 in 金额, a name of the knowledge base) is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.answering.text import normalize

_ASCII_RE = re.compile(r"[a-z0-9 ]+")
# Left out of an English question once its glossary words are read: they say nothing about
# the need (the question words a resident asks with are in the glossary).
_ENGLISH_STOP = """a an the is are was were be been am there here any some for in on at of to with from by
    about and or but so i my me mine we us our you your he she his her they them their it its
    this that these those do does did can could would should will shall may might must please
    help helps need needs want wants looking look find know tell get got have has had any
    anyone someone somebody something thing things s d ll m re ve t if just also very really
    much many lot lots kind sort way ways one ones near around nearby city area what who
    which how whom whose why helped helping offer offers provide provides run runs"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP.split())


@dataclass(frozen=True)
class Standardized:
    text: str
    english: bool  # the question was (partly) in English: the reply says details are Chinese


def table_entries(records: dict[str, dict[str, object]]) -> dict[str, str]:
    """The `words` records as normalized word → normalized standard word."""
    table: dict[str, str] = {}
    for record in records.values():
        word, standard = normalize(str(record["word"])), normalize(str(record["standard"]))
        if word and standard and word != standard:
            table[word] = standard
    return table


def table_guards(records: dict[str, dict[str, object]]) -> set[str]:
    """The words that keep their meaning although they hold a word of the table."""
    guards: set[str] = set()
    for record in records.values():
        items = record.get("not_in") or []
        guards.update(normalize(str(w)) for w in items if isinstance(items, list))
    return guards


def english_words(records: dict[str, dict[str, object]]) -> set[str]:
    """English words of the table that are English, not a place's pinyin (Baoji is both)."""
    return {
        normalize(str(r["word"]))
        for r in records.values()
        if r.get("kind") == "english" and not _is_place(str(r["standard"]))
    }


def _is_place(standard: str) -> bool:
    return standard.endswith(("区", "市", "县", "街道", "镇", "路")) or standard in ("宝鸡", "西安")


class Wording:
    """Rewrites a normalized question in the knowledge base's words (one regex pass)."""

    def __init__(self, table: dict[str, str], guards: list[str], english: set[str]) -> None:
        self.table = table
        self.english = english
        # Guards first among equals: at one position the longest word wins, a guard over a
        # table word of the same length.
        words = {w: False for w in table} | {g: True for g in guards if g not in table}
        self.guards = {w for w, guard in words.items() if guard}
        ordered = sorted(words, key=lambda w: (-len(w), not words[w], w))
        self._re = re.compile("|".join(_pattern(w) for w in ordered)) if ordered else None

    def standardize(self, text: str) -> Standardized:
        if self._re is None or not text:
            return Standardized(text, False)
        english = False

        def replace(found: re.Match[str]) -> str:
            nonlocal english
            word = found.group(0)
            key = _known(word, self.table, self.guards)
            if key in self.guards:
                return word
            if key in self.english:
                english = True
            standard = self.table[key]
            # Keep English apart from Chinese: "lonely old people" → " 空巢老人 ".
            return f" {standard} " if _ASCII_RE.fullmatch(word) else standard

        rewritten = self._re.sub(replace, text)
        latin = [w for w in rewritten.split() if _ASCII_RE.fullmatch(w) and not w.isdigit()]
        if not english and latin:
            english = sum(w in ENGLISH_STOP_WORDS for w in latin) >= 2
        if english:
            kept = [w for w in rewritten.split() if w not in ENGLISH_STOP_WORDS]
            rewritten = " ".join(kept)
        elif rewritten != text:
            rewritten = " ".join(rewritten.split())
        return Standardized(rewritten, english)


def _pattern(word: str) -> str:
    if not _ASCII_RE.fullmatch(word):
        return re.escape(word)
    # An English word stands alone, perhaps in the plural.
    return rf"(?<![a-z]){re.escape(word)}(?:s|es)?(?![a-z])"


def _known(word: str, table: dict[str, str], guards: set[str]) -> str:
    """The table's spelling of a found word (an English plural without its ending)."""
    for key in (word, word[:-1], word[:-2]):
        if key in table or key in guards:
            return key
    raise LookupError(word)  # the pattern only finds the table's words
