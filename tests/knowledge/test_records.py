"""Typed records: built from what the store holds, one class per kind, each with its card."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from knowledge.records import RECORD_TYPES, Activity, Catalog, Kind, Project
from knowledge.schema import TABLES
from knowledge.store import KnowledgeStore

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("kind", list(Kind))
def test_each_kind_has_a_class_with_every_field_of_its_table(kind: Kind) -> None:
    record_type = RECORD_TYPES[kind]
    assert kind.table == record_type.TABLE and record_type.KIND is kind
    stored = {f.name for f in TABLES[kind.table].fields}
    typed = {f.name for f in dataclasses.fields(record_type)}
    assert stored <= typed, f"{record_type.__name__} lacks {sorted(stored - typed)}"


def test_the_shipped_knowledge_reads_as_typed_records_with_sourced_cards(
    shipped_store: KnowledgeStore,
) -> None:
    records = shipped_store.all_records()
    catalog = Catalog.from_records(records)
    for kind in Kind:
        assert set(catalog.table(kind)) == set(records[kind.table])
        for key, record in catalog.table(kind).items():
            assert record.id == key and record.display_name
            card = catalog.record(kind, key).card(catalog, SHANGHAI)
            assert card.title == record.display_name
            assert card.lines[-1].startswith("来源：") and len(card.lines[-1]) > 3
    project = next(iter(catalog.projects.values()))
    owner = catalog.organization_of(project)
    assert isinstance(project, Project) and owner is not None
    assert project in catalog.projects_of(owner.id)
    assert project.card(catalog, SHANGHAI).lines[0] == f"{owner.name}的项目。"


def test_an_activity_is_shown_in_the_residents_time_zone() -> None:
    activity = Activity.from_stored(
        {
            "id": "talk",
            "title": "讲座",
            "start": "2026-12-05T01:30:00+00:00",
            "status": "cancelled",
            "source": {"document": "民政局核实"},
        }
    )
    assert activity.start == datetime(2026, 12, 5, 9, 30, tzinfo=SHANGHAI)
    assert activity.lines(SHANGHAI) == ["时间：2026年12月05日 09:30", "（已取消）"]
