"""Typed records: built from what the store holds, one class per kind, each with its card."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from knowledge.catalog import Catalog
from knowledge.curation.apply import import_files, open_knowledge
from knowledge.records import RECORD_TYPES, Activity, Kind, Project
from knowledge.schema import TABLES
from knowledge.store import KnowledgeStore
from tests.knowledge.conftest import csv_text, write
from tests.knowledge.curation.test_registry import CODE_A, CODE_B, CODE_C

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


def test_a_card_cites_the_fields_it_shows_and_never_the_legal_representative(
    tmp_path: Path,
) -> None:
    store = open_knowledge(tmp_path / "orgbot.db")  # the shipped knowledge
    before = Catalog.from_records(store.all_records())
    scope = "为辖区居民提供心理咨询、情绪疏导、心理健康讲座等服务，" * 5  # 135 characters
    rows = [
        ["名称", "统一社会信用代码", "法定代表人", "业务范围", "联系电话"],
        ["宝鸡明明心理关爱中心", CODE_A, "测试丁", scope, "0917-3261234"],
        ["宝鸡市中小企业协会", CODE_B, "测试戊", "", ""],
        ["测试心灵驿站", CODE_C, "测试己", scope, ""],
    ]
    report = import_files(store, [write(tmp_path, "registry.csv", csv_text(rows))])
    assert report.ok, report.describe()
    catalog = Catalog.from_records(store.all_records())

    def card(catalog: Catalog, org_id: str) -> list[str]:
        return catalog.organizations[org_id].card(catalog, SHANGHAI).lines

    # A phone the registry added is cited as the registry, the article's summary as the article.
    mingming = card(catalog, "baoji-mingming-psychology")
    was = card(before, "baoji-mingming-psychology")
    assert "电话：0917-3261234" in mingming
    assert mingming[-1] == was[-1] + "；民政局登记信息"
    assert not any("业务范围" in line for line in mingming)  # its services say what it does
    # Registry facts a card does not show are not cited, and 法定代表人 is never shown.
    assert card(catalog, "baoji-sme-association") == card(before, "baoji-sme-association")
    [new] = [o for o in catalog.organizations.values() if o.name == "测试心灵驿站"]
    lines = card(catalog, new.id)
    assert f"业务范围：{scope[:100]}…" in lines
    assert lines[-1] == "来源：民政局登记信息"
    assert not any("测试" in line for cards in (mingming, lines) for line in cards)
