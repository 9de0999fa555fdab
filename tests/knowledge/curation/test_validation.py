"""Bad knowledge files: every problem reported precisely (file:line: field), nothing written."""

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
NO_ORG = "no organization 'no-such-org' in the knowledge base or these files"
UNKNOWN_TZ = "unknown time zone 'Asia/Shangai' (use e.g. Asia/Shanghai)"
BAD_DATE = "bad date/time 2026-13-45: use e.g. 2026-12-05T09:30:00+08:00"


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
        "{f}:5: name: missing (required)",
    ),
    bad(
        "duplicate-id",
        "orgs.yaml",
        yaml_table(
            "organizations",
            GOOD_ORG,
            {"name": "测试另一个组织", "id": "test-good-org", "source": SRC},
        ),
        "{f}:6: id: duplicate id 'test-good-org' (first at {f}:2)",
    ),
    bad(
        "unknown-topic",
        "orgs.yaml",
        yaml_table(
            "organizations",
            org("test-good-org", "测试好组织", topics="[养老助老]"),
            org("test-topic-org", "测试主题组织", source=SRC, topics="[养老助老, 火星移民]"),
        ),
        "{f}:9: topics: unknown topic '火星移民'",
    ),
    bad(
        "bad-date-quoted",
        "activities.yaml",
        yaml_table("activities", activity(start='"2026-13-45"')),
        f"{{f}}:4: start: {BAD_DATE}",
    ),
    bad(
        "bad-date-unquoted",
        "activities.yaml",
        yaml_table("activities", activity(start="2026-13-45")),
        f"{{f}}:4: start: {BAD_DATE}",
    ),
    bad(
        "unknown-timezone",
        "activities.yaml",
        yaml_table("activities", activity(timezone="Asia/Shangai")),
        f"{{f}}:5: timezone: {UNKNOWN_TZ}",
    ),
    bad(
        "unknown-timezone-naive-start",
        "activities.yaml",
        yaml_table("activities", activity(start='"2026-12-05 09:30"', timezone="Asia/Shangai")),
        f"{{f}}:5: timezone: {UNKNOWN_TZ}",
    ),
    bad(
        "end-before-start",
        "activities.yaml",
        yaml_table("activities", activity(end="2026-12-05T08:30:00+08:00")),
        "{f}:5: end: ends before it starts",
    ),
    bad(
        "malformed-phone",
        "orgs.yaml",
        yaml_table("organizations", BAD_PHONE_ORG),
        "{f}:4: phone: malformed phone number '12345'",
    ),
    bad(
        "project-missing-organization",
        "projects.yaml",
        yaml_table("projects", ORPHAN_PROJECT),
        f"{{f}}:4: organization: {NO_ORG}",
    ),
    bad(
        "activity-missing-organization",
        "activities.yaml",
        yaml_table("activities", activity(source=SRC, organization="no-such-org")),
        f"{{f}}:6: organization: {NO_ORG}",
    ),
    bad(
        "csv-utf16",
        "orgs.csv",
        csv_text([CSV_HEADERS, CSV_ROW]),
        "{f}:1: encoding: looks like UTF-16 or a binary file: save it as UTF-8 CSV",
        encoding="utf-16",
    ),
    bad(
        "invalid-yaml",
        "orgs.yaml",
        yaml_table("organizations", org("test-yaml-org", "测试: 组织")),
        "{f}:3: yaml: not valid YAML: mapping values are not allowed here",
    ),
    bad(
        "unknown-field",
        "orgs.yaml",
        yaml_table(
            "organizations", org("test-field-org", "测试字段组织", source=SRC, colour="red")
        ),
        f"{{f}}:5: colour: unknown field (expected one of: {ORG_FIELDS})",
    ),
    bad(
        "csv-unknown-column",
        "orgs.csv",
        csv_text([[*CSV_HEADERS, "备注"], [*CSV_ROW, "内部备注"]]),
        "{f}:1: 备注: unknown column 10 for organizations",
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
        "{f}:4: phone: malformed phone number '12345'",
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
        "{f}:2: name: missing (required)",
        "{f}:6: phone: malformed phone number '12345'",
        "{f}:10: topics: unknown topic '火星移民'",
    ),
    bad(
        "problems-of-a-duplicate-record-all-reported",
        "orgs.yaml",
        yaml_table(
            "organizations",
            org("test-org", "测试组织甲"),
            org("test-org", "测试组织乙", topics="[火星移民]"),
        ),
        "{f}:5: id: duplicate id 'test-org' (first at {f}:2)",
        "{f}:7: topics: unknown topic '火星移民'",
    ),
    bad(
        "non-text-yaml-key-reported-not-crashed-on",
        "intkey.yaml",
        yaml_table("organizations", org("x-org", "测试", **{"1": "x"}, source="{document: d}")),
        f"{{f}}:4: 1: unknown field (expected one of: {ORG_FIELDS})",
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

    assert problem_lines(report) == [f"{path}[组织]:3: phone: malformed phone number '12345'"]


def test_cli_import_of_a_bad_file_prints_problems_and_changes_nothing(store, db_path, kb_file):
    path = kb_file("orgs.yaml", yaml_table("organizations", BAD_PHONE_ORG))
    before = snapshot(db_path)

    result = run_kb("import", path, "--db", db_path)

    assert result.exit_code != 0
    assert f"{path}:4: phone: malformed phone number '12345'" in result.stderr
    assert "the database was not changed" in result.stderr
    assert snapshot(db_path) == before


# --- all or nothing ----------------------------------------------------------------------


def test_two_good_organizations_and_one_bad_import_nothing(store, kb_file, import_refused):
    bad_email = org("test-bad", "测试坏组织", email="not-an-email")
    path = kb_file("orgs.yaml", yaml_table("organizations", GOOD_ONE, GOOD_TWO, bad_email))

    report = import_refused(store, [path])

    assert problem_lines(report) == [f"{path}:10: email: malformed email address 'not-an-email'"]
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
