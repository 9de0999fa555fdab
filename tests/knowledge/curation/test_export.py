"""Round trips: what `kb export` writes (YAML or CSV) imports back into a new database unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.curation.apply import import_files
from knowledge.curation.export import export_csv, export_yaml
from knowledge.store import KnowledgeStore
from tests.knowledge.conftest import SRC, csv_text, fresh_store, org, run_kb, yaml_table


def round_trip(export, store: KnowledgeStore, tmp_path: Path) -> KnowledgeStore:
    """Export `store` with `export`, import that into a new database and return it."""
    out = tmp_path / "export"
    export(store, out)
    fresh = fresh_store(tmp_path / "fresh.db")

    report = import_files(fresh, [out])

    assert report.ok, report.describe()
    return fresh


@pytest.mark.parametrize(
    "export",
    [
        pytest.param(export_yaml, id="yaml"),
        pytest.param(export_csv, id="csv"),
    ],
)
def test_export_of_the_shipped_knowledge_imports_back_identically(store, tmp_path, export):
    assert round_trip(export, store, tmp_path).all_records() == store.all_records()


EVERY_KIND_OF_FIELD = f"""\
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
"""


def test_csv_export_imports_back_identically(empty_store, kb_file, tmp_path):
    """Every kind of field (lists, figures, sources, times) survives a CSV round trip."""
    assert import_files(empty_store, [kb_file("kb.yaml", EVERY_KIND_OF_FIELD)]).ok

    fresh = round_trip(export_csv, empty_store, tmp_path)

    assert fresh.all_records() == empty_store.all_records()
    assert fresh.get("organizations", "test-org")["figures"][0]["value"] == 20000


EXTRA_ORG = yaml_table(
    "organizations",
    org("test-extra-org", "测试新增组织", district="渭滨区", services="[心理咨询]"),
)


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_cli_export_then_import_into_a_new_database(kb_file, tmp_path, fmt):
    src_db, new_db, out = tmp_path / "src.db", tmp_path / "new.db", tmp_path / "out"
    extra = kb_file("extra.yaml", EXTRA_ORG)
    added = run_kb("import", extra, "--verbose", "--db", src_db)
    assert added.exit_code == 0, added.output
    assert "新增 organizations test-extra-org" in added.stdout

    exported = run_kb("export", "--format", fmt, "--out", out, "--db", src_db)
    assert exported.exit_code == 0, exported.output
    assert (out / f"organizations.{fmt}").exists()

    imported = run_kb("import", out, "--db", new_db)
    assert imported.exit_code == 0, imported.output

    source = fresh_store(src_db).all_records()
    assert fresh_store(new_db).all_records() == source
    assert "test-extra-org" in source["organizations"]


# --- spreadsheets for people: xlsx, Chinese headers, formulas neutralised ----------------------

HOSTILE_CELLS = {
    "summary": '=HYPERLINK("http://evil.example","点我")',
    "address": "=cmd|' /C calc'!A0",
    "opening_hours": "@SUM(1+1)*cmd|' /C calc'!A0",
    "street": "+1-1",
    "website": "",
    "email": "",
}


@pytest.fixture
def registry_and_hostile(store, kb_file, tmp_path):
    """The shipped knowledge, a registry organization with every kind of registry field, and
    cells that Excel would run as formulas."""
    headers = [
        "名称",
        "统一社会信用代码",
        "法定代表人",
        "成立日期",
        "业务范围",
        "注册资金（万元）",
        "是否慈善组织",
        "评估等级",
        "证书有效期",
        "联系电话",
        "区县",
        "简介",
        "住所",
        "开放时间",
        "街道",
        "来源",
    ]
    row = [
        "测试导出协会",
        "52610302MJX000010M",
        "测试甲",
        "2019/3/5",
        "居家养老、日间照料",
        3,
        "是",
        "AAAA",
        "2021-03-05至2026-03-04",
        "0917-3261234转8",
        "渭滨区",
        HOSTILE_CELLS["summary"],
        HOSTILE_CELLS["address"],
        HOSTILE_CELLS["opening_hours"],
        HOSTILE_CELLS["street"],
        "-民政局｜'=原文",
    ]
    path = kb_file("registry.csv", csv_text([headers, [str(c) for c in row]]))  # cells as text
    report = import_files(store, [path])
    assert report.ok, report.describe()
    phone = kb_file("phone.csv", "编号,电话\nbaoji-zhita-children,0917-3269999\n")  # a field source
    assert import_files(store, [phone]).ok
    return store


def test_xlsx_export_imports_back_identically(registry_and_hostile, tmp_path):
    from knowledge.curation.export import export_xlsx

    store = registry_and_hostile
    [book] = export_xlsx(store, tmp_path / "kb.xlsx")
    fresh = fresh_store(tmp_path / "fresh.db")
    report = import_files(fresh, [book])
    assert report.ok, report.describe()
    assert fresh.all_records() == store.all_records()
    org = next(o for o in fresh.records("organizations").values() if o["name"] == "测试导出协会")
    assert org["summary"] == HOSTILE_CELLS["summary"]
    assert (org["registered_capital"], org["rating"], org["is_charity"]) == ("3万元", "4A", "是")
    assert org["certificate_valid_until"] == "2026-03-04"


def test_xlsx_export_is_for_people(registry_and_hostile, tmp_path):
    from openpyxl import load_workbook

    from knowledge.curation.export import export_xlsx

    [book] = export_xlsx(registry_and_hostile, tmp_path / "kb.xlsx")
    workbook = load_workbook(book)
    assert workbook.sheetnames == [
        *("来源", "主题", "同义词", "说法", "行政区划"),
        *("组织", "项目", "问答", "活动", "数据"),
    ]
    sheet = workbook["组织"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["编号", "名称", "简称", "类型"] and "统一社会信用代码" in headers
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not any(c.value.lstrip().startswith(("[", "{")) for c in cells)  # no JSON in cells
    formulas = [c for c in cells if c.value.startswith(("=", "+", "-", "@"))]
    assert len(formulas) >= 4
    assert all(c.data_type == "s" and c.quotePrefix for c in formulas)  # text, never run
    zhita = next(
        row for row in sheet.iter_rows(values_only=True) if row[0] == "baoji-zhita-children"
    )
    assert "、" in zhita[headers.index("简称")]  # lists joined with 、
    assert "电话：民政局登记信息｜phone.csv，" in zhita[headers.index("字段来源")]


def test_csv_export_neutralises_formulas_and_reads_them_back(registry_and_hostile, tmp_path):
    store = registry_and_hostile
    out = tmp_path / "csv"
    export_csv(store, out)
    text = (out / "organizations.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("编号,名称,简称,类型,城市,区县")
    assert "'=HYPERLINK(" in text and "'=cmd|" in text and "'@SUM(" in text and "'+1-1" in text
    assert "'-民政局｜'=原文" in text
    fresh = round_trip(export_csv, store, tmp_path)
    assert fresh.all_records() == store.all_records()
