"""A validated dataset: the records a set of files gives, each remembering where it came from
(validate.py makes it, apply.py writes it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from knowledge.curation.messages import Problem
from knowledge.curation.raw import RawRecord
from knowledge.schema import TABLE_ORDER

Records = dict[str, dict[str, dict[str, Any]]]  # table → key → record
Existing = Mapping[str, Mapping[str, Mapping[str, Any]]]
Key = tuple[str, str]  # (table, key)


@dataclass
class Dataset:
    """Validated records from a set of files, each remembering where it came from."""

    records: Records = field(default_factory=lambda: {t: {} for t in TABLE_ORDER})
    origins: dict[Key, str] = field(default_factory=dict)  # → "file:line"
    # The fields each record's row gave; an update keeps the others as they were.
    present: dict[Key, set[str]] = field(default_factory=dict)
    # The source the row's fields come from (its 来源, or the file's default).
    row_sources: dict[Key, dict[str, str]] = field(default_factory=dict)
    matched: dict[Key, str] = field(default_factory=dict)  # how a row found its record
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows: dict[Key, RawRecord] = field(default_factory=dict)
    duplicates: list[tuple[str, dict[str, Any], RawRecord]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def tables(self) -> list[str]:
        return [t for t in TABLE_ORDER if self.records[t]]
