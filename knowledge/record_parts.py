"""What records are made of besides their own fields — where they come from (`Source`) and
the figures they give (`Figure`) — and how a record's fields are read from the dicts the
store keeps (table → id → fields), so that each class in records.py only names its fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

StoredRecords = Mapping[str, Mapping[str, Mapping[str, Any]]]  # table → id → fields, as stored
Stored = Mapping[str, Any]


@dataclass(frozen=True)
class Source:
    """Where a record comes from: a `sources` id or, for staff-entered data, free text."""

    document: str
    quote: str = ""

    @classmethod
    def from_stored(cls, stored: Stored | None) -> Source:
        stored = stored or {}
        return cls(text_of(stored, "document"), text_of(stored, "quote"))


@dataclass(frozen=True)
class Figure:
    """A dated number, as the source gives it (`text`), e.g. 服务学生：1.68万人次."""

    label: str
    text: str
    as_of: str = ""
    quote: str = ""

    @classmethod
    def from_stored(cls, stored: Stored) -> Figure:
        return cls(
            stored["label"], stored["text"], text_of(stored, "as_of"), text_of(stored, "quote")
        )


def text_of(stored: Stored, key: str) -> str:
    """A text field as text; "" when it is missing or None."""
    value = stored.get(key)
    return "" if value is None else str(value)


def texts_of(stored: Stored, key: str) -> tuple[str, ...]:
    """A list of texts (aliases, services, topics); () when missing."""
    return tuple(stored.get(key) or ())


def figures_of(stored: Stored) -> tuple[Figure, ...]:
    return tuple(Figure.from_stored(figure) for figure in stored.get("figures") or ())


def field_sources_of(stored: Stored) -> dict[str, Source]:
    """The sources of the fields a later file added, by field name."""
    given = stored.get("field_sources") or {}
    return {name: Source.from_stored(source) for name, source in given.items()}
