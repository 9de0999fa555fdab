"""Registry spreadsheets as a civil-affairs office keeps them: what lands in the database, and
what a resident then sees from `orgbot ask` (the real CLI over the real SQLite file)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.curation.apply import import_files
from knowledge.store import KnowledgeStore
from tests.knowledge.conftest import csv_text, run_kb, write, write_xlsx

# The registry columns, in a registry export's order.
HEADERS = [
    "名称",
    "统一社会信用代码",
    "登记管理机关",
    "业务主管单位",
    "法定代表人",
    "成立日期",
    "业务范围",
    "住所",
    "联系电话",
    "区县",
    "类型",
]
CODE_A = "52610302MJX000010M"  # valid check characters (GB 32100-2015)
CODE_B = "52610302MJX000020N"
CODE_C = "52610112MJX000030W"


def ask(db: Path, question: str) -> str:
    result = CliRunner().invoke(main, ["ask", question, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def stored(db: Path, name: str) -> dict:
    [record] = [
        r for r in KnowledgeStore.open(db).records("organizations").values() if r["name"] == name
    ]
    return record


def imported(db: Path, path: Path, *options: str) -> str:
    result = run_kb("import", path, *options, "--db", db)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- a table of messy registry files: each value as Excel or a clerk wrote it ----------------

MESSY = [
    pytest.param(
        "registry.csv",
        "gbk",
        [
            " 宝鸡市渭滨区 夕阳红老年服务中心 ",  # stray spaces, one inside the name
            "５２６１０３０２ＭＪＸ００００１０Ｍ",  # full-width
            "宝鸡市渭滨区民政局",
            "",
            "测试甲",
            "2019/3/5",
            "为辖区老年人提供日间照料、助餐、文体娱乐服务",
            "渭滨区经二路12号",
            "0917-3261234 转 801，13912345678",  # an extension, two numbers
            "渭滨区",  # the city comes from the district
            "民非",
        ],
        {
            "name": "宝鸡市渭滨区夕阳红老年服务中心",
            "credit_code": CODE_A,
            "registered_on": "2019-03-05",
            "phone": "0917-3261234转801、13912345678",
            "city": "宝鸡市",
            "district": "渭滨区",
            "address": "渭滨区经二路12号",
            "legal_form": "民办非企业单位",
            "topics": ["养老助老"],
            "inferred_topics": ["养老助老"],
        },
        [
            (
                "夕阳红老年服务中心的电话",
                ["0917-3261234转801、13912345678", "来源：民政局登记信息"],
            ),
            ("夕阳红老年服务中心在哪", ["地址：渭滨区经二路12号"]),
        ],
        id="gbk-csv-spaces-fullwidth-extension",
    ),
    pytest.param(
        "registry.csv",
        "gbk",
        [
            "西安市未央区心语心理咨询服务中心",
            CODE_C.lower(),  # lower case
            "西安市未央区民政局",
            "",
            "测试乙",
            "2020年12月5日",
            "心理咨询、心理健康讲座、情绪疏导",
            "未央区凤城八路1号",
            "０２９－８６２５１２３４",  # full-width digits and dash
            "西安未央区",  # city and district in one cell
            "民办非企业单位",
        ],
        {
            "credit_code": CODE_C,
            "registered_on": "2020-12-05",
            "phone": "029-86251234",
            "city": "西安市",
            "district": "未央区",
            "topics": ["心理健康"],
        },
        [("未央区哪里有心理咨询", ["西安市未央区心语心理咨询服务中心"])],
        id="gbk-csv-chinese-date-city-in-district",
    ),
    pytest.param(
        "registry.xlsx",
        "",
        [
            "宝鸡市金台区青少年武术协会",
            CODE_B,
            "宝鸡市金台区民政局",
            "金台区体育局",
            "测试丙",
            43800,  # an Excel serial number: 2019-12-01
            "开展武术培训、比赛、表演",
            "金台区中山路5号",
            13912345678.0,  # Excel stores numbers as floats
            "宝鸡金台区",
            "社会团体",
        ],
        {
            "registered_on": "2019-12-01",
            "phone": "13912345678",
            "city": "宝鸡市",
            "district": "金台区",
            "supervisor": "金台区体育局",
            "business_scope": "开展武术培训、比赛、表演",
        },
        [("青少年武术协会的电话", ["电话：13912345678"])],
        id="xlsx-serial-date-float-phone",
    ),
]


@pytest.mark.parametrize(("name", "encoding", "row", "lands", "sees"), MESSY)
def test_a_messy_registry_row_lands_clean_and_answers(tmp_path, name, encoding, row, lands, sees):
    db = tmp_path / "orgbot.db"
    if name.endswith(".xlsx"):
        path = write_xlsx(tmp_path / name, {"Sheet1": [HEADERS, row]})
    else:
        path = write(tmp_path, name, csv_text([HEADERS, [str(c) for c in row]]), encoding)

    out = imported(db, path)

    assert out.strip() == "组织：新增 1，更新 0，未变 0，删除 0"
    [record] = [
        r for r in KnowledgeStore.open(db).records("organizations").values() if r["credit_code"]
    ]
    for field, value in lands.items():
        assert record[field] == value, field
    assert record["source"]["document"] == "民政局登记信息"
    assert record["source"]["quote"].startswith(f"{name}，")  # the file and the import date
    for question, expected in sees:
        reply = ask(db, question)
        for text in expected:
            assert text in reply, (question, reply)
        assert "测试" not in reply  # 法定代表人 is never in a default answer


def test_activities_sheet_with_a_date_column_spoken_times_and_chinese_status(tmp_path):
    db = tmp_path / "orgbot.db"
    path = write_xlsx(
        tmp_path / "activities.xlsx",
        {
            "活动": [
                ["活动名称", "组织", "日期", "开始时间", "结束时间", "地点", "状态"],
                [
                    "测试健康讲座",
                    "宝鸡明明心理关爱中心",
                    "2026/12/5",
                    "上午9点半",
                    "11:00",
                    "渭滨区",
                    "已安排",
                ],
                [
                    "测试亲子活动",
                    "宝鸡明明心理关爱中心",
                    date(2026, 12, 6),
                    "下午3点",
                    "16:30",
                    "",
                    "已取消",
                ],
                ["测试秋季义诊", "", "2026年12月7日", "9：00", "", "", ""],
            ]
        },
    )
    imported(db, path)
    activities = {a["title"]: a for a in KnowledgeStore.open(db).records("activities").values()}
    assert activities["测试健康讲座"]["start"] == "2026-12-05T09:30:00+08:00"
    assert activities["测试健康讲座"]["end"] == "2026-12-05T11:00:00+08:00"
    assert activities["测试健康讲座"]["organization"] == "baoji-mingming-psychology"
    assert activities["测试亲子活动"]["start"] == "2026-12-06T15:00:00+08:00"
    assert activities["测试亲子活动"]["status"] == "cancelled"
    assert activities["测试秋季义诊"]["start"] == "2026-12-07T09:00:00+08:00"
    assert activities["测试秋季义诊"]["status"] == "scheduled"
    assert "时间：2026年12月05日 09:30" in ask(db, "测试健康讲座")


def test_an_activity_time_without_a_day_is_refused_in_chinese(tmp_path):
    db = tmp_path / "orgbot.db"
    path = write(
        tmp_path,
        "activities.csv",
        "活动名称,开始时间\n测试讲座,2026-12-05\n测试义诊,2026-13-05 09:30\n",
    )
    result = run_kb("import", path, "--db", db)
    assert result.exit_code != 0
    assert (
        f"{path}:第2行：开始时间：「2026-12-05」只有日期，请写上开始时间，如 2026-12-05 09:30"
        in result.stderr
    )
    assert (
        f"{path}:第3行：开始时间：看不懂「2026-13-05 09:30」，请写成 2026-12-05 09:30"
        in result.stderr
    )


def test_an_unreadable_date_is_the_rows_one_problem_not_its_time_too(tmp_path):
    """09:00 is read against the 日期 column: when the date cannot be read, the staff are told
    to mend the date, not also that 09:00 is unreadable."""
    path = write(
        tmp_path,
        "activities.csv",
        "活动名称,组织,日期,开始时间\n测试讲座,宝鸡明明心理关爱中心,2026-12-40,09:00\n",
        "gbk",
    )
    result = run_kb("import", path, "--db", tmp_path / "orgbot.db")
    assert result.exit_code != 0
    assert f"{path}:第2行：日期：看不懂「2026-12-40」，请写成 2026-12-05" in result.stderr
    assert "开始时间" not in result.stderr
    assert "发现 1 个问题，数据库没有改动" in result.stderr


# --- codes, columns, warnings ----------------------------------------------------------------


def test_a_wrong_check_character_names_the_row_and_column(tmp_path):
    path = write_xlsx(
        tmp_path / "registry.xlsx",
        {"Sheet1": [["名称", "社会信用代码"], ["测试协会", "52610302MJX000010N"]]},
    )
    result = run_kb("import", path, "--db", tmp_path / "orgbot.db")
    assert result.exit_code != 0
    assert (
        f"{path}[Sheet1]:第2行：社会信用代码：统一社会信用代码「52610302MJX000010N」的校验位不对"
        "（按前 17 位算应为 M），请核对是否抄错"
    ) in result.stderr
    english = run_kb("import", path, "--lang", "en", "--db", tmp_path / "orgbot.db")
    assert (
        f"{path}[Sheet1]:2: 社会信用代码: credit code '52610302MJX000010N' fails its check digit"
    ) in english.stderr


def test_an_unknown_column_is_a_warning_once_and_an_error_with_strict(tmp_path):
    db = tmp_path / "orgbot.db"
    path = write(
        tmp_path,
        "r.csv",
        csv_text([["名称", "备注"], ["测试甲协会", "内部"], ["测试乙协会", "内部"]]),
    )
    strict = run_kb("import", path, "--strict", "--db", db)
    assert strict.exit_code != 0
    assert f"{path}:第1行：未识别的列「备注」，已忽略" in strict.stderr
    assert KnowledgeStore.open(db).count("organizations") == 18
    result = run_kb("import", path, "--db", db)
    assert result.exit_code == 0
    assert result.stderr.count("未识别的列") == 1
    assert result.stdout.strip() == "组织：新增 2，更新 0，未变 0，删除 0"


def test_a_big5_file_gets_one_message_naming_big5(tmp_path):
    text = csv_text(
        [["名稱", "聯繫電話", "住所"], ["寶雞明明心理關愛中心", "0917-3261234", "寶雞市渭濱區"]]
    )
    path = write(tmp_path, "big5.csv", text, "big5")
    result = run_kb("import", path, "--db", tmp_path / "orgbot.db")
    assert result.exit_code != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert problems == [
        f"{path}:第1行：encoding：文件编码看起来是 Big5（繁体中文），不是 UTF-8 或 GBK：请在 Excel 里另存为「CSV UTF-8」再导入"
    ]


def test_utf16_tab_separated_as_excel_saves_unicode_text_imports(tmp_path):
    path = write(tmp_path, "r.csv", "名称\t电话\n测试十六协会\t13912345678\n", "utf-16")
    imported(tmp_path / "orgbot.db", path)
    assert stored(tmp_path / "orgbot.db", "测试十六协会")["phone"] == "13912345678"


def test_legal_representative_only_on_request(tmp_path):
    db = tmp_path / "orgbot.db"
    row = [
        "测试心灵驿站",
        CODE_A,
        "宝鸡市民政局",
        "",
        "测试丁",
        "2019-03-05",
        "心理咨询",
        "",
        "",
        "渭滨区",
        "",
    ]
    imported(db, write_xlsx(tmp_path / "r.xlsx", {"Sheet1": [HEADERS, row]}))
    assert "测试丁" not in ask(db, "测试心灵驿站是做什么的")
    reply = ask(db, "测试心灵驿站的法定代表人是谁")
    assert "法定代表人：测试丁" in reply and "来源：民政局登记信息" in reply
    assert "成立日期：2019-03-05" in ask(db, "测试心灵驿站是什么时候成立的")
    assert "是否慈善组织" not in ask(db, "测试心灵驿站是慈善组织吗")  # the file does not say


def test_kb_stats_inferred_lists_topics_for_review(tmp_path):
    db = tmp_path / "orgbot.db"
    imported(
        db,
        write(
            tmp_path,
            "r.csv",
            csv_text([["名称", "业务范围"], ["测试长者之家", "居家养老、日间照料"]]),
        ),
    )
    result = run_kb("stats", "--inferred", "--db", db)
    assert "推断主题的组织：1" in result.stdout
    assert "测试长者之家：养老助老" in result.stdout


def test_a_release_0_1_0_database_takes_registry_columns_in_place(tmp_path):
    import shutil

    db = tmp_path / "orgbot.db"
    shutil.copy(Path(__file__).parents[2] / "fixtures" / "release-0.1.0.db", db)
    before = KnowledgeStore.open(db).db["audit"].count
    path = write(
        tmp_path,
        "r.csv",
        csv_text(
            [
                HEADERS,
                ["宝鸡明明心理关爱中心", CODE_A, "", "", "", "", "", "", "0917-3261234", "", ""],
            ]
        ),
    )
    assert "更新 1" in imported(db, path)
    assert "电话：0917-3261234" in ask(db, "明明心理的电话")
    assert KnowledgeStore.open(db).db["audit"].count == before + 1


def test_excel_datetime_cells_and_full_width_times(tmp_path):
    db = tmp_path / "orgbot.db"
    path = write_xlsx(
        tmp_path / "a.xlsx",
        {
            "活动": [
                ["活动名称", "开始时间"],
                ["测试夜校", datetime(2026, 12, 5, 19, 0)],
                ["测试晨练", "2026-12-06 ６：３０"],
            ]
        },
    )
    imported(db, path)
    starts = {
        a["title"]: a["start"] for a in KnowledgeStore.open(db).records("activities").values()
    }
    assert starts == {
        "测试夜校": "2026-12-05T19:00:00+08:00",
        "测试晨练": "2026-12-06T06:30:00+08:00",
    }


# --- a city's registry (synthetic) -----------------------------------------------------------


def test_a_synthetic_registry_lands_whole_and_each_organization_answers(tmp_path):
    from knowledge.answering.answer import Answerer
    from knowledge.answering.index_builder import build_index
    from knowledge.curation.apply import open_knowledge
    from tests.knowledge.curation.synthetic_registry import (
        SYNTHETIC_SOURCE,
        organizations,
    )
    from tests.knowledge.curation.synthetic_registry import write_xlsx as registry_xlsx

    orgs = list(organizations(300))
    store = open_knowledge(tmp_path / "orgbot.db")
    report = import_files(store, [registry_xlsx(tmp_path / "registry.xlsx", orgs)])
    assert report.ok, report.describe()
    assert len(report.added) == 300 and not report.dataset.warnings
    by_name = {r["name"]: r for r in store.records("organizations").values()}
    assert all(by_name[o.name]["phone"] == o.phone for o in orgs)
    assert all(by_name[o.name]["credit_code"] == o.code for o in orgs)
    assert all(
        (by_name[o.name]["city"], by_name[o.name]["district"]) == (o.city, o.district) for o in orgs
    )
    answerer = Answerer(store, build_index(store.all_records(), store.version))
    for org in orgs[:20]:
        reply = answerer.answer(f"{org.name}的电话", log_question=False).text
        assert f"电话：{org.phone}" in reply and f"来源：{SYNTHETIC_SOURCE}" in reply
        by_place_and_short_name = answerer.answer(f"{org.district}{org.short}", log_question=False)
        assert by_place_and_short_name.top.id == by_name[org.name]["id"]
