"""Records as read from staff files, before any check: each remembers where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.curation.messages import Problem


@dataclass
class RawRecord:
    table: str
    data: dict[str, Any]
    file: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)
    # Each field as the staff member wrote it (the column header 联系电话, or the YAML key).
    columns: dict[str, str] = field(default_factory=dict)
    # A unit a header names for its bare numbers (注册资金（万元） → 万元).
    units: dict[str, str] = field(default_factory=dict)
    # A spreadsheet row (not curated YAML): its 来源 may be left out.
    spreadsheet: bool = False

    def column(self, name: str) -> str:
        """How the staff member wrote a field: its header, or its YAML key (a YAML record
        names even a field it lacks by the key); "" when only the schema's label can say."""
        return self.columns.get(name, name if self.columns and not self.spreadsheet else "")


@dataclass
class ReadResult:
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Figure rows of spreadsheets (a 数据 sheet): attached to their records by validation.
    figures: list[RawRecord] = field(default_factory=list)
