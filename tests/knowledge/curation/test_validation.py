"""Bad knowledge files: every problem reported precisely (file:第N行：field：message, in Chinese
by default, naming the field as the staff member wrote it), nothing written."""

from __future__ import annotations

import pytest

from knowledge.curation.apply import import_files
from tests.knowledge.conftest import (
    CSV_HEADERS,
    CSV_ROW,
    DOC,
    ORG_FIELDS,
    SRC,
    activity,
    csv_text,
    org,
    problem_lines,
    run_kb,
    snapshot,
    write_xlsx,
    yaml_table,
)

GOOD_ORG = org("test-good-org", "测试好组织")
GOOD_ONE = org("test-good-one", "测试好组织一")
GOOD_TWO = org("test-good-two", "测试好组织二")
BAD_PHONE_ORG = org("test-phone-org", "测试电话组织", phone="12345")
ORPHAN_PROJECT = {
    "id": "test-project",
    "name": "测试项目",
    "organization": "no-such-org",
    "source": SRC,
}
NO_ORG = "知识库和这些文件里都没有组织「no-such-org」"
UNKNOWN_TZ = "没有这个时区「Asia/Shangai」（如 Asia/Shanghai）"
BAD_DATE = "看不懂「2026-13-45」，请写成 2026-12-05 09:30"
ORG_FIELDS_ZH = ORG_FIELDS.replace(", ", "、")


def bad(case_id: str, name: str, text: str, *expected: str, encoding: str = "utf-8"):
    """A file that must be refused, and its problems ("{f}" stands for the file's path)."""
    return pytest.param(name, text, encoding, list(expected), id=case_id)


BAD_INPUTS = [
    bad(
        "missing-name",
        "orgs.yaml",
        yaml_table(
            "organizations",
            GOOD_ORG,
            {"id": "test-nameless-org", "district": "渭滨区", "source": SRC},
        ),
        "{f}:第5行：name：不能为空",
    ),
    bad(
        "duplicate-id",
        "orgs.yaml",
        yaml_table(
            "organizations",
            GOOD_ORG,
            {"name": "测试另一个组织", "id": "test-good-org", "source": SRC},
        ),
        "{f}:第6行：id：编号「test-good-org」重复（第一次出现在 {f}:2）",
    ),
    bad(
        "unknown-topic",
        "orgs.yaml",
        yaml_table(
            "organizations",
            org("test-good-org", "测试好组织", topics="[养老助老]"),
            org("test-topic-org", "测试主题组织", source=SRC, topics="[养老助老, 火星移民]"),
        ),
        "{f}:第9行：topics：没有这个主题「火星移民」",
    ),
    bad(
        "bad-date-quoted",
        "activities.yaml",
        yaml_table("activities", activity(start='"2026-13-45"')),
        f"{{f}}:第4行：start：{BAD_DATE}",
    ),
    bad(
        "bad-date-unquoted",
        "activities.yaml",
        yaml_table("activities", activity(start="2026-13-45")),
        f"{{f}}:第4行：start：{BAD_DATE}",
    ),
    bad(
        "unknown-timezone",
        "activities.yaml",
        yaml_table("activities", activity(timezone="Asia/Shangai")),
        f"{{f}}:第5行：timezone：{UNKNOWN_TZ}",
    ),
    bad(
        "unknown-timezone-naive-start",
        "activities.yaml",
        yaml_table("activities", activity(start='"2026-12-05 09:30"', timezone="Asia/Shangai")),
        f"{{f}}:第5行：timezone：{UNKNOWN_TZ}",
    ),
    bad(
        "end-before-start",
        "activities.yaml",
        yaml_table("activities", activity(end="2026-12-05T08:30:00+08:00")),
        "{f}:第5行：end：结束时间早于开始时间",
    ),
    bad(
        "malformed-phone",
        "orgs.yaml",
        yaml_table("organizations", BAD_PHONE_ORG),
        "{f}:第4行：phone：电话号码「12345」格式不对",
    ),
    bad(
        "project-missing-organization",
        "projects.yaml",
        yaml_table("projects", ORPHAN_PROJECT),
        f"{{f}}:第4行：organization：{NO_ORG}",
    ),
    bad(
        "activity-missing-organization",
        "activities.yaml",
        yaml_table("activities", activity(source=SRC, organization="no-such-org")),
        f"{{f}}:第6行：organization：{NO_ORG}",
    ),
    bad(
        "invalid-yaml",
        "orgs.yaml",
        yaml_table("organizations", org("test-yaml-org", "测试: 组织")),
        "{f}:第3行：yaml：YAML 格式有误：mapping values are not allowed here",
    ),
    bad(
        "unknown-field",
        "orgs.yaml",
        yaml_table(
            "organizations", org("test-field-org", "测试字段组织", source=SRC, colour="red")
        ),
        f"{{f}}:第5行：colour：未知字段（可用的有：{ORG_FIELDS_ZH}）",
    ),
    bad(
        "csv-row-line-after-multiline-cell",
        "orgs.csv",
        csv_text(
            [
                CSV_HEADERS,
                [*CSV_ROW[:7], "第一行简介\n第二行简介", *CSV_ROW[8:]],  # a cell over two lines
                ["宝鸡测试第二中心", "", "金台区", "", "", "12345", "", "", DOC],
            ]
        ),
        "{f}:第4行：电话：电话号码「12345」格式不对",
    ),
    bad(
        "every-problem-not-just-the-first",
        "orgs.yaml",
        yaml_table(
            "organizations",
            {"id": "test-nameless-org", "source": SRC},
            BAD_PHONE_ORG,
            org("test-topic-org", "测试主题组织", topics="[火星移民]"),
        ),
        "{f}:第2行：name：不能为空",
        "{f}:第6行：phone：电话号码「12345」格式不对",
        "{f}:第10行：topics：没有这个主题「火星移民」",
    ),
    bad(
        "problems-of-a-duplicate-record-all-reported",
        "orgs.yaml",
        yaml_table(
            "organizations",
            org("test-org", "测试组织甲"),
            org("test-org", "测试组织乙", topics="[火星移民]"),
        ),
        "{f}:第5行：id：编号「test-org」重复（第一次出现在 {f}:2）",
        "{f}:第7行：topics：没有这个主题「火星移民」",
    ),
    bad(
        "non-text-yaml-key-reported-not-crashed-on",
        "intkey.yaml",
        yaml_table("organizations", org("x-org", "测试", **{"1": "x"}, source="{document: d}")),
        f"{{f}}:第4行：1：未知字段（可用的有：{ORG_FIELDS_ZH}）",
    ),
]


@pytest.mark.parametrize(("name", "text", "encoding", "expected"), BAD_INPUTS)
def test_bad_input_is_reported_precisely_and_changes_nothing(
    store, kb_file, import_refused, name, text, encoding, expected
):
    path = kb_file(name, text, encoding)

    report = import_refused(store, [path])

    assert problem_lines(report) == [e.replace("{f}", str(path)) for e in expected]
    assert report.added == report.changed == report.removed == []


def test_xlsx_problems_name_the_sheet_and_row(empty_store, tmp_path, import_refused):
    second = ["宝鸡第二测试协会", "", "", "", "", "12345", "", "", DOC]
    path = write_xlsx(tmp_path / "kb.xlsx", {"组织": [CSV_HEADERS, CSV_ROW, second]})

    report = import_refused(empty_store, [path])

    assert problem_lines(report) == [f"{path}[组织]:第3行：电话：电话号码「12345」格式不对"]


def test_cli_import_of_a_bad_file_prints_problems_and_changes_nothing(store, db_path, kb_file):
    path = kb_file("orgs.yaml", yaml_table("organizations", BAD_PHONE_ORG))
    before = snapshot(db_path)

    result = run_kb("import", path, "--db", db_path)

    assert result.exit_code != 0
    assert f"{path}:第4行：phone：电话号码「12345」格式不对" in result.stderr
    assert "数据库没有改动" in result.stderr
    assert snapshot(db_path) == before


# --- all or nothing ----------------------------------------------------------------------


def test_two_good_organizations_and_one_bad_import_nothing(store, kb_file, import_refused):
    bad_email = org("test-bad", "测试坏组织", email="not-an-email")
    path = kb_file("orgs.yaml", yaml_table("organizations", GOOD_ONE, GOOD_TWO, bad_email))

    report = import_refused(store, [path])

    assert problem_lines(report) == [f"{path}:第10行：email：邮箱「not-an-email」格式不对"]
    assert store.get("organizations", "test-good-one") is None
    assert store.get("organizations", "test-good-two") is None


def test_a_bad_file_stops_the_good_files_imported_with_it(store, kb_file, import_refused):
    good = kb_file("good.yaml", yaml_table("organizations", GOOD_ONE))
    bad_file = kb_file("bad.yaml", yaml_table("projects", ORPHAN_PROJECT))

    import_refused(store, [good, bad_file])


def test_a_write_failing_midway_leaves_the_database_as_it_was(store, db_path, kb_file, monkeypatch):
    """Valid files, but the disk fails on the second record: the first must not stay."""
    path = kb_file("orgs.yaml", yaml_table("organizations", GOOD_ONE, GOOD_TWO))
    before = snapshot(db_path)
    real_audit = store.audit_many

    def failing_audit(rows):
        real_audit(rows[:1])  # the records are written, the first audit row too
        raise OSError("disk full")

    monkeypatch.setattr(store, "audit_many", failing_audit)
    with pytest.raises(OSError, match="disk full"):
        import_files(store, [path])

    assert snapshot(db_path) == before
