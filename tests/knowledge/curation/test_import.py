"""Importing changes the knowledge: added/changed/removed, --replace, the audit, kb_version, ids."""

from __future__ import annotations

import json

import pytest

from knowledge.curation.apply import import_files
from tests.knowledge.conftest import (
    ONLY_ORG_A,
    ORG_A,
    ORG_B,
    TWO_ORGS,
    TWO_ORGS_V2,
    org,
    problem_lines,
    project,
    snapshot,
    yaml_table,
)

# --- what an import reports, audit, kb_version ---------------------------------------------


def test_import_reports_added_then_changed_then_nothing(store, db_path, kb_file):
    path = kb_file("orgs.yaml", TWO_ORGS)

    first = import_files(store, [path])
    assert first.ok
    assert first.added == [("organizations", "test-org-a"), ("organizations", "test-org-b")]
    assert first.changed == first.removed == []

    path.write_text(TWO_ORGS_V2, encoding="utf-8")
    second = import_files(store, [path])
    assert second.added == second.removed == []
    assert second.changed == [("organizations", "test-org-a")]
    assert store.get("organizations", "test-org-a")["summary"] == "第二版简介。"

    before = snapshot(db_path)
    third = import_files(store, [path])
    assert third.ok
    assert third.added == third.changed == third.removed == []
    assert third.unchanged == [("organizations", "test-org-a"), ("organizations", "test-org-b")]
    assert third.describe() == "组织：新增 0，更新 0，未变 2，删除 0"
    assert snapshot(db_path) == before  # no audit rows, same kb_version


def test_the_audit_records_each_change_with_its_file(empty_store, kb_file):
    path = kb_file("orgs.yaml", TWO_ORGS)
    import_files(empty_store, [path])
    path.write_text(TWO_ORGS_V2, encoding="utf-8")
    import_files(empty_store, [path])
    only_a = kb_file("only-a.yaml", ONLY_ORG_A.replace("第一版简介。", "第二版简介。"))
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


def test_kb_version_changes_only_when_content_changes(store, kb_file):
    version = store.version
    assert version != "0"  # seeding set it
    path = kb_file("orgs.yaml", TWO_ORGS)

    assert import_files(store, [path]).ok
    changed = store.version
    assert changed != version

    assert import_files(store, [path]).ok  # the same file again: a no-op
    assert store.version == changed

    bad = kb_file("bad.yaml", TWO_ORGS.replace("测试组织乙", ""))
    assert not import_files(store, [bad]).ok
    assert store.version == changed

    path.write_text(TWO_ORGS_V2, encoding="utf-8")
    assert import_files(store, [path]).ok
    assert store.version not in (version, changed)


def test_dry_run_reports_changes_but_writes_nothing(store, db_path, kb_file):
    path = kb_file("orgs.yaml", TWO_ORGS)
    before = snapshot(db_path)
    report = import_files(store, [path], dry_run=True)
    assert report.added == [("organizations", "test-org-a"), ("organizations", "test-org-b")]
    assert snapshot(db_path) == before


# --- --replace -----------------------------------------------------------------------------


@pytest.fixture
def org_b_runs_a_project(empty_store, kb_file):
    """test-org-a and test-org-b imported, and test-project run by test-org-b."""
    setup = kb_file("setup.yaml", TWO_ORGS + yaml_table("projects", project("test-org-b")))
    assert import_files(empty_store, [setup]).ok
    return empty_store


def test_replace_removes_records_of_that_table_absent_from_the_files(empty_store, kb_file):
    three = yaml_table("organizations", ORG_A, ORG_B, org("test-org-c", "测试组织丙"))
    topic = yaml_table("topics", {"name": "测试主题"})
    assert import_files(empty_store, [kb_file("three.yaml", three + topic)]).ok
    two = kb_file("two.yaml", TWO_ORGS)

    without_replace = import_files(empty_store, [two])
    assert without_replace.removed == []
    assert "test-org-c" in empty_store.records("organizations")

    report = import_files(empty_store, [two], replace=True)
    assert report.ok
    assert report.removed == [("organizations", "test-org-c")]
    assert report.added == report.changed == []
    assert sorted(empty_store.records("organizations")) == ["test-org-a", "test-org-b"]
    assert list(empty_store.records("topics")) == ["测试主题"]  # other tables untouched


def test_replace_refuses_to_orphan_projects_that_stay(
    org_b_runs_a_project, kb_file, import_refused
):
    only_a = kb_file("only-a.yaml", ONLY_ORG_A)

    report = import_refused(org_b_runs_a_project, [only_a], replace=True)

    assert problem_lines(report) == [
        "（数据库）：projects.test-project：引用的组织「test-org-b」会被 --replace 删除"
    ]
    # Without --replace the same file is fine: nothing is removed.
    assert import_files(org_b_runs_a_project, [only_a]).ok
    assert "test-org-b" in org_b_runs_a_project.records("organizations")


def test_replace_allows_removing_an_organization_when_its_projects_move_too(
    org_b_runs_a_project, kb_file
):
    moved = kb_file("moved.yaml", ONLY_ORG_A + yaml_table("projects", project("test-org-a")))

    report = import_files(org_b_runs_a_project, [moved], replace=True)

    assert report.ok, report.describe()
    assert report.removed == [("organizations", "test-org-b")]
    assert report.changed == [("projects", "test-project")]
    assert org_b_runs_a_project.get("projects", "test-project")["organization"] == "test-org-a"


def test_replace_refuses_to_orphan_shipped_projects(store, kb_file, import_refused):
    """Replacing the shipped organizations with one new one would orphan every project, and
    every fact about one of them."""
    report = import_refused(store, [kb_file("orgs.yaml", TWO_ORGS)], replace=True)

    owned = [f for f in store.records("facts").values() if f.get("organization")]
    assert owned  # the fact on what a street centre does is 辛家庙's
    assert len(report.dataset.problems) == store.count("projects") + len(owned)
    assert all(
        p.file == "(database)" and p.field.startswith(("projects.", "facts."))
        for p in report.dataset.problems
    )


def test_replace_refuses_to_remove_topics_still_in_use(store, kb_file, import_refused):
    path = kb_file("topics.yaml", yaml_table("topics", {"name": "养老助老", "synonyms": "[老人]"}))
    import_refused(store, [path], replace=True)


# --- spreadsheets with some columns, ids made from names ------------------------------------


def test_a_spreadsheet_with_some_columns_updates_only_those(store, kb_file) -> None:
    before = store.get("organizations", "baoji-zhita-children")
    sheet = kb_file(
        "phone.csv",
        "编号,组织名称,电话,来源\nbaoji-zhita-children,宝鸡智塔儿童启能成长中心,0917-3261234,民政局核实\n",
    )
    report = import_files(store, [sheet])
    assert report.ok and report.changed == [("organizations", "baoji-zhita-children")]
    after = store.get("organizations", "baoji-zhita-children")
    assert after["phone"] == "0917-3261234"
    assert after["summary"] == before["summary"] and after["figures"] == before["figures"]


def test_an_id_made_from_a_name_never_takes_over_another_record(store, kb_file) -> None:
    """Two names with the same pinyin are two organizations: the second id gets a suffix."""
    first = kb_file("s1.csv", "名称,来源\n铭铭心理服务社,民政局核实\n")
    second = kb_file("s2.csv", "名称,来源\n明明心理服务社,民政局核实\n")
    assert import_files(store, [first]).added == [("organizations", "ming-ming-xin-li-fu-wu-she")]
    report = import_files(store, [second])
    assert report.ok, report.describe()
    [(_, second_id)] = report.added
    assert second_id.startswith("ming-ming-xin-li-fu-wu-she-") and len(second_id) <= 40
    assert store.get("organizations", "ming-ming-xin-li-fu-wu-she")["name"] == "铭铭心理服务社"
    assert store.get("organizations", second_id)["name"] == "明明心理服务社"


def test_a_row_naming_a_known_organization_by_its_alias_is_that_organization(store, kb_file):
    before = store.all_records()
    row = kb_file("s.csv", "名称,来源\n明明心理关爱中心,民政局核实\n")  # an alias of 宝鸡明明…
    report = import_files(store, [row])
    assert (
        report.ok
        and report.added == []
        and report.unchanged == [("organizations", "baoji-mingming-psychology")]
    )
    assert store.all_records() == before  # its name stays 宝鸡明明心理关爱中心


def test_ids_made_from_long_names_fit_telegram_buttons(store, kb_file) -> None:
    sheet = kb_file(
        "long.csv", "名称,来源\n宝鸡市渭滨区经二路街道社区社会组织联合会志愿服务中心,民政局核实\n"
    )
    report = import_files(store, [sheet])
    assert report.ok
    [(_, new_id)] = report.added
    assert len(f"a:o:{new_id}".encode()) <= 64
