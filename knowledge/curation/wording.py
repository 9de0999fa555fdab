"""Checks of the residents' words and the administrative divisions, as a whole: a division's
parent is a division, no place holds itself, a word is not its own standard word."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.curation.messages import Msg, Problem
from knowledge.curation.raw import RawRecord

Records = Mapping[str, Mapping[str, Mapping[str, Any]]]


def check_wording(
    records: Records,
    rows: Mapping[tuple[str, str], RawRecord],
    existing: Records,
    replace: bool,
) -> list[Problem]:
    """Problems of the `words` and `divisions` records given (`records`), against what the
    database holds (`existing`; not when `replace` gives the table anew)."""
    problems: list[Problem] = []
    for key, record in records.get("words", {}).items():
        if record.get("standard") == record.get("word"):
            problems.append(_problem(rows, ("words", key), "standard", Msg.SAME_WORD, key))
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
