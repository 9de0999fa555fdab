"""Good input in the formats staff use: CSV (any encoding), Excel workbooks, phone numbers."""

from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.curation.apply import import_files
from tests.knowledge.conftest import (
    CSV_HEADERS,
    CSV_ORG_ID,
    CSV_ROW,
    CSV_ROWS,
    CSV_SECOND_ORG_ID,
    DOC,
    csv_text,
    fresh_store,
    org,
    write,
    write_xlsx,
    yaml_table,
)


def test_utf8_csv_with_chinese_headers_imports_with_pinyin_ids(empty_store, kb_file):
    path = kb_file("orgs.csv", csv_text(CSV_ROWS))

    report = import_files(empty_store, [path])

    assert report.ok, report.describe()
    orgs = empty_store.records("organizations")
    assert sorted(orgs) == [CSV_ORG_ID, CSV_SECOND_ORG_ID]
    first = orgs[CSV_ORG_ID]
    assert first["name"] == "宝鸡测试服务中心"
    assert first["aliases"] == ["测试中心"]
    assert (first["district"], first["street"], first["address"]) == (
        "渭滨区",
        "经二路街道",
        "经二路1号",
    )
    assert first["phone"] == "0917-3261234"
    assert first["services"] == ["心理咨询", "养老"]
    assert first["summary"] == "测试用的组织。"
    assert first["source"] == {"document": "民政局2026年走访核实", "quote": "电话已核实"}
    second = orgs[CSV_SECOND_ORG_ID]
    assert second["services"] == ["武术", "健身"]
    assert second["source"] == {"document": "民政局2026年走访核实", "quote": ""}


def test_an_id_column_overrides_the_pinyin_id(empty_store, kb_file):
    rows = [["编号", *CSV_HEADERS], ["my-test-org", *CSV_ROW]]
    path = kb_file("orgs.csv", csv_text(rows))
    assert import_files(empty_store, [path]).ok
    assert list(empty_store.records("organizations")) == ["my-test-org"]


def test_csv_in_gbk_and_utf8_bom_import_identically(tmp_path):
    results = {}
    for encoding in ("utf-8", "gbk", "utf-8-sig"):
        folder = tmp_path / encoding
        folder.mkdir()
        path = write(folder, "orgs.csv", csv_text(CSV_ROWS), encoding)
        store = fresh_store(tmp_path / f"{encoding}.db")
        report = import_files(store, [path])
        assert report.ok, report.describe()
        results[encoding] = store.all_records()
    assert results["gbk"] == results["utf-8"]
    assert results["utf-8-sig"] == results["utf-8"]
    assert results["utf-8"]["organizations"][CSV_ORG_ID]["name"] == "宝鸡测试服务中心"


def test_xlsx_workbook_with_organizations_and_activities_imports(empty_store, tmp_path):
    second_org = ["宝鸡第二测试协会", "", "金台区", "", "", 13912345678, "武术", "", DOC]
    activity = [
        "test-activity",
        "心理健康讲座",
        "宝鸡测试服务中心",
        datetime(2026, 12, 5, 9, 30),
        datetime(2026, 12, 5, 11, 0),
        "经二路1号",
        DOC,
    ]
    path = write_xlsx(
        tmp_path / "kb.xlsx",
        {
            "组织": [CSV_HEADERS, CSV_ROW, second_org],  # the second phone typed as a number
            "活动": [
                ["编号", "活动名称", "组织", "开始时间", "结束时间", "地点", "来源"],
                activity,
            ],
        },
    )

    report = import_files(empty_store, [path])

    assert report.ok, report.describe()
    assert sorted(report.added) == [
        ("activities", "test-activity"),
        ("organizations", CSV_ORG_ID),
        ("organizations", CSV_SECOND_ORG_ID),
    ]
    assert empty_store.get("organizations", CSV_ORG_ID)["phone"] == "0917-3261234"
    assert empty_store.get("organizations", CSV_SECOND_ORG_ID)["phone"] == "13912345678"
    stored = empty_store.get("activities", "test-activity")
    assert stored["organization"] == CSV_ORG_ID  # the name was resolved
    assert stored["start"] == "2026-12-05T09:30:00+08:00"  # naive time read in Asia/Shanghai
    assert stored["end"] == "2026-12-05T11:00:00+08:00"
    assert stored["status"] == "scheduled"


@pytest.mark.parametrize("phone", ["0917-3261234", "13912345678", "029-86251234、13912345678"])
def test_valid_staff_phone_numbers_are_accepted(empty_store, kb_file, phone):
    record = org("test-phone-org", "测试电话组织", phone=f'"{phone}"')
    path = kb_file("orgs.yaml", yaml_table("organizations", record))
    report = import_files(empty_store, [path])
    assert report.ok, report.describe()
    assert empty_store.get("organizations", "test-phone-org")["phone"] == phone
