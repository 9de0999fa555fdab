"""Which record a registry row is: a known one updated (by 统一社会信用代码, then name or
alias), never a duplicate; new ids that never collide and are never reused."""

from __future__ import annotations

from knowledge.curation.apply import import_files
from knowledge.store import KnowledgeStore
from tests.knowledge.conftest import csv_text, run_kb, write, write_xlsx
from tests.knowledge.curation.test_registry import CODE_A, CODE_B, HEADERS, ask, imported, stored


def test_a_phone_added_to_a_known_organization_is_answered_with_its_source(tmp_path):
    db = tmp_path / "orgbot.db"
    assert "资料中没有宝鸡明明心理关爱中心的电话" in ask(db, "明明心理的电话")
    introduction = ask(db, "明明心理关爱中心是做什么的")
    path = write_xlsx(
        tmp_path / "registry.xlsx",
        {
            "Sheet1": [
                HEADERS,
                [
                    "宝鸡明明心理关爱中心",
                    CODE_A,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "0917-3261234",
                    "渭滨区",
                    "",
                ],
            ]
        },
    )

    out = imported(db, path, "--verbose")

    assert "组织：新增 0，更新 1" in out
    assert "更新 organizations baoji-mingming-psychology" in out
    records = KnowledgeStore.open(db).records("organizations")
    assert len(records) == 18  # not a second 明明心理
    reply = ask(db, "明明心理的电话")
    assert "电话：0917-3261234" in reply
    assert "来源：民政局登记信息" in reply
    # What the article said is still there and still cited; the district came from the file.
    now = ask(db, "明明心理关爱中心是做什么的")
    assert now.splitlines()[2:-1] == introduction.splitlines()[2:-1]
    assert now.splitlines()[1] == "宝鸡市渭滨区"
    assert now.splitlines()[-1] == introduction.splitlines()[-1] + "；民政局登记信息"
    # The same file again changes nothing.
    assert imported(db, path).strip() == "组织：新增 0，更新 0，未变 1，删除 0"


def test_a_row_is_matched_by_credit_code_before_its_name(tmp_path):
    db = tmp_path / "orgbot.db"
    first = write(
        tmp_path, "a.csv", csv_text([["名称", "统一社会信用代码"], ["测试旧名协会", CODE_B]])
    )
    imported(db, first)
    renamed = write(
        tmp_path, "b.csv", csv_text([["名称", "统一社会信用代码"], ["测试新名协会", CODE_B]])
    )
    assert "新增 0，更新 1" in imported(db, renamed)
    record = stored(db, "测试新名协会")
    assert "测试旧名协会" in record["aliases"]  # residents may still ask by the old name


def test_two_rows_for_one_organization_are_refused(tmp_path):
    path = write(
        tmp_path,
        "r.csv",
        csv_text([["名称", "统一社会信用代码"], ["测试甲协会", CODE_A], ["测试乙协会", CODE_A]]),
    )
    result = run_kb("import", path, "--db", tmp_path / "orgbot.db")
    assert result.exit_code != 0
    assert (
        f"{path}:第3行：名称：和 {path}:2 是同一个组织（统一社会信用代码相同），请合并成一行"
        in result.stderr
    )


def test_ids_made_from_long_names_that_share_40_characters_never_collide(tmp_path):
    prefix = "宝鸡市渭滨区经二路街道社区居民委员会"  # the pinyin passes 40 characters
    names = [prefix + "老年服务中心", prefix + "老年协会", prefix + "志愿服务队"]
    path = write(tmp_path, "r.csv", csv_text([["名称"], *[[n] for n in names]]))
    report = import_files(KnowledgeStore.open(tmp_path / "a.db"), [path])
    assert report.ok, report.describe()
    ids = [key for _, key in report.added]
    assert len(set(ids)) == 3 and all(len(i) <= 40 for i in ids)
    again = import_files(KnowledgeStore.open(tmp_path / "b.db"), [path])
    assert [key for _, key in again.added] == ids  # stable: the same names, the same ids


def test_an_id_removed_once_is_never_given_to_another_organization(store, kb_file):
    from tests.knowledge.conftest import org, yaml_table

    assert import_files(
        store, [kb_file("a.yaml", yaml_table("organizations", org("test-gone", "测试旧组织")))]
    ).ok
    keep = kb_file(
        "keep.yaml",
        yaml_table(
            "organizations",
            *[
                {"id": key, "name": r["name"], "source": "{document: x}"}
                for key, r in store.records("organizations").items()
                if key != "test-gone"
            ],
        ),
    )
    assert import_files(store, [keep], replace=True).removed == [("organizations", "test-gone")]
    reused = kb_file("b.yaml", yaml_table("organizations", org("test-gone", "测试新组织")))
    report = import_files(store, [reused])
    assert [str(p) for p in report.dataset.problems] == [
        f"{reused}:第2行：id：编号「test-gone」曾属于已删除的「测试旧组织」，编号不能给另一条记录再用；请换一个编号"
    ]
    restored = kb_file("c.yaml", yaml_table("organizations", org("test-gone", "测试旧组织")))
    assert import_files(store, [restored]).added == [("organizations", "test-gone")]
