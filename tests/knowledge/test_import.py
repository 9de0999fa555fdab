"""Staff import knowledge files: every problem reported precisely, all or nothing, audited."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.importer import export_csv, export_yaml, import_files
from knowledge.store import KnowledgeStore

SRC = "{document: 民政局2026年走访核实}"
ORG_FIELDS = (
    "address, aliases, city, district, email, figures, id, legal_form, name, opening_hours, "
    "phone, services, source, street, summary, topics, updated_at, website"
)


# --- helpers ---------------------------------------------------------------------------


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.write_bytes(textwrap.dedent(text).encode(encoding))
    return path


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def snapshot(db_path: Path) -> tuple[dict, int, str | None]:
    """What the database file holds, read through a fresh connection."""
    store = KnowledgeStore.open(db_path, seed=False)
    return store.all_records(), store.db["audit"].count, store.get_meta("kb_version")


def problem_lines(report) -> list[str]:
    return [str(p) for p in report.dataset.problems]


def fresh_store(path: Path) -> KnowledgeStore:
    return KnowledgeStore.open(path, seed=False)


# --- bad input: exact message, nothing written --------------------------------------------

CSV_HEADERS = ["名称", "简称", "区县", "街道", "地址", "电话", "服务", "简介", "来源"]
CSV_ROW = [
    "宝鸡测试服务中心",
    "测试中心",
    "渭滨区",
    "经二路街道",
    "经二路1号",
    "0917-3261234",
    "心理咨询；养老",
    "测试用的组织。",
    "民政局2026年走访核实｜电话已核实",
]

BAD_INPUTS = [
    pytest.param(
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-good-org
            name: 测试好组织
            source: {SRC}
          - id: test-nameless-org
            district: 渭滨区
            source: {SRC}
        """,
        "utf-8",
        ["{f}:5: name: missing (required)"],
        id="missing-name",
    ),
    pytest.param(
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-good-org
            name: 测试好组织
            source: {SRC}
          - name: 测试另一个组织
            id: test-good-org
            source: {SRC}
        """,
        "utf-8",
        ["{f}:6: id: duplicate id 'test-good-org' (first at {f}:2)"],
        id="duplicate-id",
    ),
    pytest.param(
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-good-org
            name: 测试好组织
            topics: [养老助老]
            source: {SRC}
          - id: test-topic-org
            name: 测试主题组织
            source: {SRC}
            topics: [养老助老, 火星移民]
        """,
        "utf-8",
        ["{f}:9: topics: unknown topic '火星移民'"],
        id="unknown-topic",
    ),
    pytest.param(
        "activities.yaml",
        f"""\
        activities:
          - id: test-activity
            title: 测试活动
            start: "2026-13-45"
            source: {SRC}
        """,
        "utf-8",
        ["{f}:4: start: bad date/time 2026-13-45: use e.g. 2026-12-05T09:30:00+08:00"],
        id="bad-date-quoted",
    ),
    pytest.param(
        "activities.yaml",
        f"""\
        activities:
          - id: test-activity
            title: 测试活动
            start: 2026-13-45
            source: {SRC}
        """,
        "utf-8",
        ["{f}:4: start: bad date/time 2026-13-45: use e.g. 2026-12-05T09:30:00+08:00"],
        id="bad-date-unquoted",
    ),
    pytest.param(
        "activities.yaml",
        f"""\
        activities:
          - id: test-activity
            title: 测试活动
            start: 2026-12-05T09:30:00+08:00
            timezone: Asia/Shangai
            source: {SRC}
        """,
        "utf-8",
        ["{f}:5: timezone: unknown time zone 'Asia/Shangai' (use e.g. Asia/Shanghai)"],
        id="unknown-timezone",
    ),
    pytest.param(
        "activities.yaml",
        f"""\
        activities:
          - id: test-activity
            title: 测试活动
            start: "2026-12-05 09:30"
            timezone: Asia/Shangai
            source: {SRC}
        """,
        "utf-8",
        ["{f}:5: timezone: unknown time zone 'Asia/Shangai' (use e.g. Asia/Shanghai)"],
        id="unknown-timezone-naive-start",
    ),
    pytest.param(
        "activities.yaml",
        f"""\
        activities:
          - id: test-activity
            title: 测试活动
            start: 2026-12-05T09:30:00+08:00
            end: 2026-12-05T08:30:00+08:00
            source: {SRC}
        """,
        "utf-8",
        ["{f}:5: end: ends before it starts"],
        id="end-before-start",
    ),
    pytest.param(
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-phone-org
            name: 测试电话组织
            phone: 12345
            source: {SRC}
        """,
        "utf-8",
        ["{f}:4: phone: malformed phone number '12345'"],
        id="malformed-phone",
    ),
    pytest.param(
        "projects.yaml",
        f"""\
        projects:
          - id: test-project
            name: 测试项目
            organization: no-such-org
            source: {SRC}
        """,
        "utf-8",
        ["{f}:4: organization: no organization 'no-such-org' in the knowledge base or these files"],
        id="project-missing-organization",
    ),
    pytest.param(
        "activities.yaml",
        f"""\
        activities:
          - id: test-activity
            title: 测试活动
            start: 2026-12-05T09:30:00+08:00
            source: {SRC}
            organization: no-such-org
        """,
        "utf-8",
        ["{f}:6: organization: no organization 'no-such-org' in the knowledge base or these files"],
        id="activity-missing-organization",
    ),
    pytest.param(
        "orgs.csv",
        csv_text([CSV_HEADERS, CSV_ROW]),
        "utf-16",
        ["{f}:1: encoding: looks like UTF-16 or a binary file: save it as UTF-8 CSV"],
        id="csv-utf16",
    ),
    pytest.param(
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-yaml-org
            name: 测试: 组织
            source: {SRC}
        """,
        "utf-8",
        ["{f}:3: yaml: not valid YAML: mapping values are not allowed here"],
        id="invalid-yaml",
    ),
    pytest.param(
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-field-org
            name: 测试字段组织
            source: {SRC}
            colour: red
        """,
        "utf-8",
        [f"{{f}}:5: colour: unknown field (expected one of: {ORG_FIELDS})"],
        id="unknown-field",
    ),
    pytest.param(
        "orgs.csv",
        csv_text([[*CSV_HEADERS, "备注"], [*CSV_ROW, "内部备注"]]),
        "utf-8",
        ["{f}:1: 备注: unknown column 10 for organizations"],
        id="csv-unknown-column",
    ),
    pytest.param(
        "orgs.csv",
        csv_text(
            [
                CSV_HEADERS,
                [*CSV_ROW[:7], "第一行简介\n第二行简介", *CSV_ROW[8:]],  # a cell over two lines
                ["宝鸡测试第二中心", "", "金台区", "", "", "12345", "", "", "民政局2026年走访核实"],
            ]
        ),
        "utf-8",
        ["{f}:4: phone: malformed phone number '12345'"],
        id="csv-row-line-after-multiline-cell",
    ),
]


@pytest.mark.parametrize(("name", "text", "encoding", "expected"), BAD_INPUTS)
def test_bad_input_is_reported_precisely_and_changes_nothing(
    store, db_path, tmp_path, name, text, encoding, expected
):
    path = write(tmp_path, name, text, encoding)
    before = snapshot(db_path)

    report = import_files(store, [path])

    assert not report.ok
    assert problem_lines(report) == [e.replace("{f}", str(path)) for e in expected]
    assert report.added == report.changed == report.removed == []
    assert snapshot(db_path) == before


def test_every_problem_is_reported_not_just_the_first(store, db_path, tmp_path):
    path = write(
        tmp_path,
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-nameless-org
            source: {SRC}
          - id: test-phone-org
            name: 测试电话组织
            phone: 12345
            source: {SRC}
          - id: test-topic-org
            name: 测试主题组织
            topics: [火星移民]
            source: {SRC}
        """,
    )
    before = snapshot(db_path)

    report = import_files(store, [path])

    assert problem_lines(report) == [
        f"{path}:2: name: missing (required)",
        f"{path}:6: phone: malformed phone number '12345'",
        f"{path}:10: topics: unknown topic '火星移民'",
    ]
    assert snapshot(db_path) == before


def test_problems_of_a_duplicate_record_are_all_reported(store, tmp_path):
    path = write(
        tmp_path,
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-org
            name: 测试组织甲
            source: {SRC}
          - id: test-org
            name: 测试组织乙
            topics: [火星移民]
            source: {SRC}
        """,
    )
    report = import_files(store, [path])
    assert problem_lines(report) == [
        f"{path}:5: id: duplicate id 'test-org' (first at {path}:2)",
        f"{path}:7: topics: unknown topic '火星移民'",
    ]


def test_cli_import_of_a_bad_file_prints_problems_and_changes_nothing(store, db_path, tmp_path):
    path = write(
        tmp_path,
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-phone-org
            name: 测试电话组织
            phone: 12345
            source: {SRC}
        """,
    )
    before = snapshot(db_path)

    result = CliRunner().invoke(main, ["kb", "import", str(path), "--db", str(db_path)])

    assert result.exit_code != 0
    assert f"{path}:4: phone: malformed phone number '12345'" in result.stderr
    assert "the database was not changed" in result.stderr
    assert snapshot(db_path) == before


# --- all or nothing ----------------------------------------------------------------------


def test_two_good_organizations_and_one_bad_import_nothing(store, db_path, tmp_path):
    path = write(
        tmp_path,
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-good-one
            name: 测试好组织一
            source: {SRC}
          - id: test-good-two
            name: 测试好组织二
            source: {SRC}
          - id: test-bad
            name: 测试坏组织
            email: not-an-email
            source: {SRC}
        """,
    )
    before = snapshot(db_path)

    report = import_files(store, [path])

    assert problem_lines(report) == [f"{path}:10: email: malformed email address 'not-an-email'"]
    assert snapshot(db_path) == before
    assert store.get("organizations", "test-good-one") is None
    assert store.get("organizations", "test-good-two") is None


def test_a_bad_file_stops_the_good_files_imported_with_it(store, db_path, tmp_path):
    good = write(
        tmp_path,
        "good.yaml",
        f"""\
        organizations:
          - id: test-good-one
            name: 测试好组织一
            source: {SRC}
        """,
    )
    bad = write(
        tmp_path,
        "bad.yaml",
        f"""\
        projects:
          - id: test-project
            name: 测试项目
            organization: no-such-org
            source: {SRC}
        """,
    )
    before = snapshot(db_path)

    report = import_files(store, [good, bad])

    assert not report.ok
    assert snapshot(db_path) == before


def test_a_write_failing_midway_leaves_the_database_as_it_was(
    store, db_path, tmp_path, monkeypatch
):
    """Valid files, but the disk fails on the second record: the first must not stay."""
    path = write(
        tmp_path,
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-good-one
            name: 测试好组织一
            source: {SRC}
          - id: test-good-two
            name: 测试好组织二
            source: {SRC}
        """,
    )
    before = snapshot(db_path)
    real_write = store.write_record
    calls = []

    def failing_write(table, record):
        calls.append(record["id"])
        if len(calls) == 2:
            raise OSError("disk full")
        real_write(table, record)

    monkeypatch.setattr(store, "write_record", failing_write)
    with pytest.raises(OSError, match="disk full"):
        import_files(store, [path])

    assert calls == ["test-good-one", "test-good-two"]
    assert snapshot(db_path) == before


# --- good input: CSV (any encoding), Excel, phones ----------------------------------------

CSV_ROWS = [
    CSV_HEADERS,
    CSV_ROW,
    [
        "宝鸡第二测试协会",
        "",
        "金台区",
        "",
        "",
        "13912345678",
        "武术、健身",
        "第二个测试组织。",
        "民政局2026年走访核实",
    ],
]


def test_utf8_csv_with_chinese_headers_imports_with_pinyin_ids(empty_store, tmp_path):
    path = write(tmp_path, "orgs.csv", csv_text(CSV_ROWS))

    report = import_files(empty_store, [path])

    assert report.ok, report.describe()
    orgs = empty_store.records("organizations")
    assert sorted(orgs) == ["bao-ji-ce-shi-fu-wu-zhong-xin", "bao-ji-di-er-ce-shi-xie-hui"]
    org = orgs["bao-ji-ce-shi-fu-wu-zhong-xin"]
    assert org["name"] == "宝鸡测试服务中心"
    assert org["aliases"] == ["测试中心"]
    assert (org["district"], org["street"], org["address"]) == ("渭滨区", "经二路街道", "经二路1号")
    assert org["phone"] == "0917-3261234"
    assert org["services"] == ["心理咨询", "养老"]
    assert org["summary"] == "测试用的组织。"
    assert org["source"] == {"document": "民政局2026年走访核实", "quote": "电话已核实"}
    second = orgs["bao-ji-di-er-ce-shi-xie-hui"]
    assert second["services"] == ["武术", "健身"]
    assert second["source"] == {"document": "民政局2026年走访核实", "quote": ""}


def test_an_id_column_overrides_the_pinyin_id(empty_store, tmp_path):
    rows = [["编号", *CSV_HEADERS], ["my-test-org", *CSV_ROW]]
    path = write(tmp_path, "orgs.csv", csv_text(rows))
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
    org = results["utf-8"]["organizations"]["bao-ji-ce-shi-fu-wu-zhong-xin"]
    assert org["name"] == "宝鸡测试服务中心"


def test_xlsx_workbook_with_organizations_and_activities_imports(empty_store, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    orgs = workbook.active
    orgs.title = "组织"
    orgs.append(CSV_HEADERS)
    orgs.append(CSV_ROW)
    orgs.append(
        ["宝鸡第二测试协会", "", "金台区", "", "", 13912345678, "武术", "", "民政局2026年走访核实"]
    )  # the phone typed as a number
    activities = workbook.create_sheet("活动")
    activities.append(["编号", "活动名称", "组织", "开始时间", "结束时间", "地点", "来源"])
    activities.append(
        [
            "test-activity",
            "心理健康讲座",
            "宝鸡测试服务中心",
            datetime(2026, 12, 5, 9, 30),
            datetime(2026, 12, 5, 11, 0),
            "经二路1号",
            "民政局2026年走访核实",
        ]
    )
    path = tmp_path / "kb.xlsx"
    workbook.save(path)

    report = import_files(empty_store, [path])

    assert report.ok, report.describe()
    assert sorted(report.added) == [
        ("activities", "test-activity"),
        ("organizations", "bao-ji-ce-shi-fu-wu-zhong-xin"),
        ("organizations", "bao-ji-di-er-ce-shi-xie-hui"),
    ]
    org = empty_store.get("organizations", "bao-ji-ce-shi-fu-wu-zhong-xin")
    assert org["phone"] == "0917-3261234"
    assert empty_store.get("organizations", "bao-ji-di-er-ce-shi-xie-hui")["phone"] == "13912345678"
    activity = empty_store.get("activities", "test-activity")
    assert activity["organization"] == "bao-ji-ce-shi-fu-wu-zhong-xin"  # the name was resolved
    assert activity["start"] == "2026-12-05T09:30:00+08:00"  # naive time read in Asia/Shanghai
    assert activity["end"] == "2026-12-05T11:00:00+08:00"
    assert activity["status"] == "scheduled"


def test_xlsx_problems_name_the_sheet_and_row(empty_store, db_path, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "组织"
    sheet.append(CSV_HEADERS)
    sheet.append(CSV_ROW)
    sheet.append(["宝鸡第二测试协会", "", "", "", "", "12345", "", "", "民政局2026年走访核实"])
    path = tmp_path / "kb.xlsx"
    workbook.save(path)
    before = snapshot(db_path)

    report = import_files(empty_store, [path])

    assert problem_lines(report) == [f"{path}[组织]:3: phone: malformed phone number '12345'"]
    assert snapshot(db_path) == before


@pytest.mark.parametrize("phone", ["0917-3261234", "13912345678", "029-86251234、13912345678"])
def test_valid_staff_phone_numbers_are_accepted(empty_store, tmp_path, phone):
    path = write(
        tmp_path,
        "orgs.yaml",
        f"""\
        organizations:
          - id: test-phone-org
            name: 测试电话组织
            phone: "{phone}"
            source: {SRC}
        """,
    )
    report = import_files(empty_store, [path])
    assert report.ok, report.describe()
    assert empty_store.get("organizations", "test-phone-org")["phone"] == phone


# --- what an import reports, --replace, audit, kb_version ---------------------------------

TWO_ORGS = f"""\
organizations:
  - id: test-org-a
    name: 测试组织甲
    summary: 第一版简介。
    source: {SRC}
  - id: test-org-b
    name: 测试组织乙
    source: {SRC}
"""


def test_import_reports_added_then_changed_then_nothing(store, db_path, tmp_path):
    path = write(tmp_path, "orgs.yaml", TWO_ORGS)

    first = import_files(store, [path])
    assert first.ok
    assert first.added == [("organizations", "test-org-a"), ("organizations", "test-org-b")]
    assert first.changed == first.removed == []

    path.write_text(TWO_ORGS.replace("第一版简介。", "第二版简介。"), encoding="utf-8")
    second = import_files(store, [path])
    assert second.added == second.removed == []
    assert second.changed == [("organizations", "test-org-a")]
    assert store.get("organizations", "test-org-a")["summary"] == "第二版简介。"

    before = snapshot(db_path)
    third = import_files(store, [path])
    assert third.ok
    assert third.added == third.changed == third.removed == []
    assert third.describe() == "added: 0\nchanged: 0\nremoved: 0"
    assert snapshot(db_path) == before  # no audit rows, same kb_version


def test_the_audit_records_each_change_with_its_file(empty_store, tmp_path):
    path = write(tmp_path, "orgs.yaml", TWO_ORGS)
    import_files(empty_store, [path])
    path.write_text(TWO_ORGS.replace("第一版简介。", "第二版简介。"), encoding="utf-8")
    import_files(empty_store, [path])
    current = path.read_text(encoding="utf-8")
    only_a = write(tmp_path, "only-a.yaml", current.split("  - id: test-org-b")[0])
    assert import_files(empty_store, [only_a], replace=True).ok

    rows = list(empty_store.db["audit"].rows_where(order_by="id"))
    assert [(r["table_name"], r["record_id"], r["action"]) for r in rows] == [
        ("organizations", "test-org-a", "added"),
        ("organizations", "test-org-b", "added"),
        ("organizations", "test-org-a", "changed"),
        ("organizations", "test-org-b", "removed"),
    ]
    assert [r["file"] for r in rows[:3]] == [str(path)] * 3
    assert str(only_a) in rows[3]["file"]
    assert rows[0]["before"] == ""
    assert json.loads(rows[2]["before"])["summary"] == "第一版简介。"
    assert json.loads(rows[2]["after"])["summary"] == "第二版简介。"
    assert json.loads(rows[3]["before"])["name"] == "测试组织乙"
    assert rows[3]["after"] == ""


def test_replace_removes_records_of_that_table_absent_from_the_files(empty_store, tmp_path):
    three = write(
        tmp_path,
        "three.yaml",
        TWO_ORGS
        + f"""\
  - id: test-org-c
    name: 测试组织丙
    source: {SRC}
topics:
  - name: 测试主题
""",
    )
    assert import_files(empty_store, [three]).ok
    two = write(tmp_path, "two.yaml", TWO_ORGS)

    without_replace = import_files(empty_store, [two])
    assert without_replace.removed == []
    assert "test-org-c" in empty_store.records("organizations")

    report = import_files(empty_store, [two], replace=True)
    assert report.ok
    assert report.removed == [("organizations", "test-org-c")]
    assert report.added == report.changed == []
    assert sorted(empty_store.records("organizations")) == ["test-org-a", "test-org-b"]
    assert list(empty_store.records("topics")) == ["测试主题"]  # other tables untouched


def test_replace_refuses_to_orphan_projects_that_stay(empty_store, db_path, tmp_path):
    setup = write(
        tmp_path,
        "setup.yaml",
        TWO_ORGS
        + f"""\
projects:
  - id: test-project
    organization: test-org-b
    name: 测试项目
    source: {SRC}
""",
    )
    assert import_files(empty_store, [setup]).ok
    only_a = write(tmp_path, "only-a.yaml", TWO_ORGS.split("  - id: test-org-b")[0])
    before = snapshot(db_path)

    report = import_files(empty_store, [only_a], replace=True)

    assert not report.ok
    assert problem_lines(report) == [
        "(database):0: projects.test-project: refers to organization 'test-org-b', "
        "which --replace would remove"
    ]
    assert snapshot(db_path) == before
    # Without --replace the same file is fine: nothing is removed.
    assert import_files(empty_store, [only_a]).ok
    assert "test-org-b" in empty_store.records("organizations")


def test_replace_allows_removing_an_organization_when_its_projects_move_too(empty_store, tmp_path):
    setup = write(
        tmp_path,
        "setup.yaml",
        TWO_ORGS
        + f"""\
projects:
  - id: test-project
    organization: test-org-b
    name: 测试项目
    source: {SRC}
""",
    )
    assert import_files(empty_store, [setup]).ok
    moved = write(
        tmp_path,
        "moved.yaml",
        TWO_ORGS.split("  - id: test-org-b")[0]
        + f"""\
projects:
  - id: test-project
    organization: test-org-a
    name: 测试项目
    source: {SRC}
""",
    )

    report = import_files(empty_store, [moved], replace=True)

    assert report.ok, report.describe()
    assert report.removed == [("organizations", "test-org-b")]
    assert report.changed == [("projects", "test-project")]
    assert empty_store.get("projects", "test-project")["organization"] == "test-org-a"


def test_replace_refuses_to_orphan_shipped_projects(store, db_path, tmp_path):
    """Replacing the shipped organizations with one new one would orphan every project."""
    path = write(tmp_path, "orgs.yaml", TWO_ORGS)
    before = snapshot(db_path)

    report = import_files(store, [path], replace=True)

    assert not report.ok
    assert len(report.dataset.problems) == store.count("projects")
    assert all(
        p.file == "(database)" and p.field.startswith("projects.") for p in report.dataset.problems
    )
    assert snapshot(db_path) == before


def test_replace_refuses_to_remove_topics_still_in_use(store, db_path, tmp_path):
    path = write(
        tmp_path,
        "topics.yaml",
        """\
        topics:
          - name: 养老助老
            synonyms: [老人]
        """,
    )
    before = snapshot(db_path)
    report = import_files(store, [path], replace=True)
    assert not report.ok
    assert snapshot(db_path) == before


def test_kb_version_changes_only_when_content_changes(store, tmp_path):
    version = store.version
    assert version != "0"  # seeding set it
    path = write(tmp_path, "orgs.yaml", TWO_ORGS)

    assert import_files(store, [path]).ok
    changed = store.version
    assert changed != version

    assert import_files(store, [path]).ok  # the same file again: a no-op
    assert store.version == changed

    bad = write(tmp_path, "bad.yaml", TWO_ORGS.replace("测试组织乙", ""))
    assert not import_files(store, [bad]).ok
    assert store.version == changed

    path.write_text(TWO_ORGS.replace("第一版简介。", "第二版简介。"), encoding="utf-8")
    assert import_files(store, [path]).ok
    assert store.version not in (version, changed)


def test_dry_run_reports_changes_but_writes_nothing(store, db_path, tmp_path):
    path = write(tmp_path, "orgs.yaml", TWO_ORGS)
    before = snapshot(db_path)
    report = import_files(store, [path], dry_run=True)
    assert report.added == [("organizations", "test-org-a"), ("organizations", "test-org-b")]
    assert snapshot(db_path) == before


# --- round trips ---------------------------------------------------------------------------


def test_yaml_export_imports_back_identically(store, tmp_path):
    out = tmp_path / "export"
    export_yaml(store, out)
    fresh = fresh_store(tmp_path / "fresh.db")

    report = import_files(fresh, [out])

    assert report.ok, report.describe()
    assert fresh.all_records() == store.all_records()


def test_csv_export_of_the_shipped_knowledge_imports_back_identically(store, tmp_path):
    out = tmp_path / "export"
    export_csv(store, out)
    fresh = fresh_store(tmp_path / "fresh.db")

    report = import_files(fresh, [out])

    assert report.ok, report.describe()
    assert fresh.all_records() == store.all_records()


def test_csv_export_imports_back_identically(empty_store, tmp_path):
    """Every kind of field (lists, figures, sources, times) survives a CSV round trip."""
    path = write(
        tmp_path,
        "kb.yaml",
        f"""\
        topics:
          - name: 心理健康
            synonyms: [心理, 心理咨询]
        synonyms:
          - [心理咨询, 心理疏导]
        organizations:
          - id: test-org
            name: 测试心理中心
            aliases: [测试中心, 心理中心]
            legal_form: 民办非企业单位
            city: 宝鸡市
            district: 渭滨区
            phone: 0917-3261234
            services: [心理咨询, 心理疏导]
            topics: [心理健康]
            figures:
              - {{label: 服务群众, text: 2万人, value: 20000, unit: 人, as_of: "2021",
                 quote: 服务群众2万人}}
            source: {{document: 民政局2026年走访核实, quote: 电话已核实}}
            updated_at: 2026-01-15
        projects:
          - id: test-project
            organization: test-org
            name: 测试项目
            period: 2021年起
            source: {SRC}
        facts:
          - id: test-fact
            name: 测试问答
            questions: [测试问题一, 测试问题二]
            answer: 测试答案。
            source: {SRC}
        activities:
          - id: test-activity
            title: 测试活动
            organization: test-org
            start: 2026-12-05T09:30:00+08:00
            end: 2026-12-05T11:00:00+08:00
            status: cancelled
            source: {SRC}
        """,
    )
    assert import_files(empty_store, [path]).ok
    out = tmp_path / "export"
    export_csv(empty_store, out)
    fresh = fresh_store(tmp_path / "fresh.db")

    report = import_files(fresh, [out])

    assert report.ok, report.describe()
    assert fresh.all_records() == empty_store.all_records()
    assert fresh.get("organizations", "test-org")["figures"][0]["value"] == 20000


EXTRA_ORG = f"""\
organizations:
  - id: test-extra-org
    name: 测试新增组织
    district: 渭滨区
    services: [心理咨询]
    source: {SRC}
"""


@pytest.mark.parametrize(
    "fmt",
    [
        "yaml",
        pytest.param(
            "csv",
        ),
    ],
)
def test_cli_export_then_import_into_a_new_database(tmp_path, fmt):
    runner = CliRunner()
    src_db, new_db, out = tmp_path / "src.db", tmp_path / "new.db", tmp_path / "out"
    extra = write(tmp_path, "extra.yaml", EXTRA_ORG)
    added = runner.invoke(main, ["kb", "import", str(extra), "--db", str(src_db)])
    assert added.exit_code == 0, added.output
    assert "organizations test-extra-org" in added.stdout

    exported = runner.invoke(
        main, ["kb", "export", "--format", fmt, "--out", str(out), "--db", str(src_db)]
    )
    assert exported.exit_code == 0, exported.output
    assert (out / f"organizations.{fmt}").exists()

    imported = runner.invoke(main, ["kb", "import", str(out), "--db", str(new_db)])
    assert imported.exit_code == 0, imported.output

    source = KnowledgeStore.open(src_db, seed=False).all_records()
    assert KnowledgeStore.open(new_db, seed=False).all_records() == source
    assert "test-extra-org" in source["organizations"]


# --- found in review --------------------------------------------------------------------


def test_a_spreadsheet_with_some_columns_updates_only_those(store, tmp_path) -> None:
    before = store.get("organizations", "baoji-zhita-children")
    sheet = tmp_path / "phone.csv"
    sheet.write_text(
        "编号,组织名称,电话,来源\nbaoji-zhita-children,宝鸡智塔儿童启能成长中心,0917-3261234,民政局核实\n",
        encoding="utf-8",
    )
    report = import_files(store, [sheet])
    assert report.ok and report.changed == [("organizations", "baoji-zhita-children")]
    after = store.get("organizations", "baoji-zhita-children")
    assert after["phone"] == "0917-3261234"
    assert after["summary"] == before["summary"] and after["figures"] == before["figures"]


def test_an_id_made_from_a_name_never_takes_over_another_record(store, tmp_path) -> None:
    first, second = tmp_path / "s1.csv", tmp_path / "s2.csv"
    first.write_text("名称,来源\n铭铭心理关爱中心,民政局核实\n", encoding="utf-8")
    second.write_text("名称,来源\n明明心理关爱中心,民政局核实\n", encoding="utf-8")
    assert import_files(store, [first]).ok
    before = store.all_records()
    report = import_files(store, [second])
    assert not report.ok
    assert "give this row its own 编号" in report.describe()
    assert store.all_records() == before


def test_ids_made_from_long_names_fit_telegram_buttons(store, tmp_path) -> None:
    sheet = tmp_path / "long.csv"
    sheet.write_text(
        "名称,来源\n宝鸡市渭滨区经二路街道社区社会组织联合会志愿服务中心,民政局核实\n",
        encoding="utf-8",
    )
    report = import_files(store, [sheet])
    assert report.ok
    [(_, new_id)] = report.added
    assert len(f"a:o:{new_id}".encode()) <= 64


def test_a_non_text_yaml_key_is_reported_not_crashed_on(store, tmp_path) -> None:
    bad = tmp_path / "intkey.yaml"
    bad.write_text(
        "organizations:\n  - id: x-org\n    name: 测试\n    1: x\n    source: {document: d}\n",
        encoding="utf-8",
    )
    report = import_files(store, [bad])
    assert [str(p) for p in report.dataset.problems] == [
        f"{bad}:4: 1: unknown field (expected one of: {ORG_FIELDS})"
    ]
