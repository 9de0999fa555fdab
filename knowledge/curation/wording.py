"""Checks of the residents' words and the administrative divisions, as a whole: a division's
parent is a division, no place holds itself, a word is not its own standard word."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from knowledge.curation.messages import Msg, Problem
from knowledge.curation.raw import RawRecord

Records = Mapping[str, Mapping[str, Mapping[str, Any]]]

# An English word of the glossary (Xi'an, co-op: the apostrophe and hyphen become spaces when
# a question is normalized); any other kind is Chinese.
# A division's parent is of a higher level: a province holds cities, a city districts.
_RANK = {"province": 4, "city": 3, "district": 2, "street": 1}
_ENGLISH_RE = re.compile(r"[A-Za-z][A-Za-z' -]*")
_CHINESE_RE = re.compile(r"[\u3400-\u9fff]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def check_wording(
    records: Records,
    rows: Mapping[tuple[str, str], RawRecord],
    existing: Records,
    replace: bool,
) -> list[Problem]:
    """Problems of the `words` and `divisions` records given (`records`), against what the
    database holds (`existing`; not when `replace` gives the table anew)."""
    problems: list[Problem] = []
    given_words = records.get("words", {})
    words = set(given_words) if replace else {*existing.get("words", {}), *given_words}
    for key, record in given_words.items():
        problems.extend(_word_problems(rows, key, record, words))
    given = records.get("divisions", {})
    if not given:
        return problems
    divisions: dict[str, Mapping[str, Any]] = {}
    if not replace:
        divisions.update(existing.get("divisions", {}))
    divisions.update(given)
    for key, record in given.items():
        parent = record.get("parent", "")
        if parent and parent not in divisions:
            problems.append(_problem(rows, ("divisions", key), "parent", Msg.NO_DIVISION, parent))
            continue
        if parent and _RANK.get(divisions[parent].get("level", ""), 0) <= _RANK.get(
            record.get("level", ""), 0
        ):
            problems.append(
                _problem(rows, ("divisions", key), "parent", Msg.DIVISION_LEVEL, parent)
            )
        seen = {key}
        while parent and parent in divisions:
            if parent in seen:
                problems.append(
                    _problem(rows, ("divisions", key), "parent", Msg.DIVISION_LOOP, key)
                )
                break
            seen.add(parent)
            parent = divisions[parent].get("parent", "")
    return problems


def _word_problems(
    rows: Mapping[tuple[str, str], RawRecord],
    key: str,
    record: Mapping[str, Any],
    words: set[str],
) -> list[Problem]:
    """One word's problems: a rewrite that would do nothing, run on, or never match."""
    where = ("words", key)
    word, standard = str(record.get("word", "")), str(record.get("standard", ""))
    if standard == word:
        return [_problem(rows, where, "standard", Msg.SAME_WORD, key)]
    problems: list[Problem] = []
    if "…" in word and not all(part.strip() for part in word.split("…")):
        problems.append(_problem(rows, where, "word", Msg.GAP_AT_EDGE, word))
    if record.get("kind") == "english":
        if not _ENGLISH_RE.fullmatch(word):
            problems.append(_problem(rows, where, "word", Msg.ENGLISH_WORD, word))
        # read in the knowledge base's words: an English standard would match nothing
        if _LATIN_RE.search(standard) or not _CHINESE_RE.search(standard):
            problems.append(_problem(rows, where, "standard", Msg.ENGLISH_STANDARD, standard))
    elif _LATIN_RE.search(word) or not _CHINESE_RE.search(word):
        problems.append(_problem(rows, where, "word", Msg.CHINESE_WORD, word))
    # A question is rewritten once: a standard word that is itself a resident's word would
    # be left as the resident's word.
    if standard in words:
        problems.append(_problem(rows, where, "standard", Msg.STANDARD_IS_A_WORD, standard))
    for holder in record.get("not_in") or []:  # (a word with a gap has no literal holder)
        if word.lower() not in str(holder).lower():
            problems.append(_problem(rows, where, "not_in", Msg.NOT_IN_WITHOUT_WORD, str(holder)))
    return problems


def _problem(
    rows: Mapping[tuple[str, str], RawRecord],
    where: tuple[str, str],
    field_name: str,
    msg: Msg,
    value: str,
) -> Problem:
    raw = rows[where]
    return Problem(
        raw.file,
        raw.field_lines.get(field_name, raw.line),
        field_name,
        msg,
        (("value", value),),
        column=raw.column(field_name),
    )
