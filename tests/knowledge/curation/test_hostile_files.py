"""Files built to hurt (issue 11, item 10): each is refused with a message, quickly, and
changes nothing — never a traceback, never an internal marker stored as data."""

from __future__ import annotations

import time
import zipfile

import pytest

from tests.knowledge.conftest import CSV_HEADERS, CSV_ROW, problem_lines, write_xlsx

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
organizations:
  - id: test-bomb
    name: 测试
    aliases: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    source: {document: x}
"""

WRONG_TYPES = [
    pytest.param(
        "name: [甲, 乙]",
        "{f}:第3行：name：应为文字，这里是列表（YAML 里请加引号写成文字）",
        id="list-as-name",
    ),
    pytest.param(
        "name: yes",
        "{f}:第3行：name：应为文字，这里是是/否（YAML 里请加引号写成文字）",
        id="yes-as-name",
    ),
    pytest.param(
        "name: 测试\n    aliases: !!set {甲, 乙}",
        "{f}:第4行：aliases：应为列表，这里是集合（!!set）（YAML 里请加引号写成文字）",
        id="set-as-aliases",
    ),
    pytest.param(
        "name: 测试\n    services: [[甲, 乙]]",
        "{f}:第4行：services：应为列表，这里是列表里套着列表或字段（YAML 里请加引号写成文字）",
        id="nested-list",
    ),
    pytest.param(
        "name: {a: 1}",
        "{f}:第3行：name：应为文字，这里是「字段: 值」（YAML 里请加引号写成文字）",
        id="mapping-as-name",
    ),
]


@pytest.mark.timed
def test_a_yaml_alias_bomb_is_refused_at_once(store, kb_file, import_refused):
    path = kb_file("bomb.yaml", ALIAS_BOMB)
    started = time.perf_counter()
    report = import_refused(store, [path])
    assert time.perf_counter() - started < 2
    assert problem_lines(report) == [
        f"{path}:第2行：yaml：不支持 YAML 的引用（*a）：请把内容直接写出来"
    ]


@pytest.mark.parametrize(("fields", "expected"), WRONG_TYPES)
def test_a_wrong_yaml_type_is_refused_with_its_line(
    store, kb_file, import_refused, fields, expected
):
    text = f"organizations:\n  - id: test-typed\n    {fields}\n    source: {{document: x}}\n"
    path = kb_file("typed.yaml", text)
    report = import_refused(store, [path])
    assert problem_lines(report) == [expected.replace("{f}", str(path))]


def test_a_workbook_with_a_broken_sheet_gets_a_message(empty_store, tmp_path, import_refused):
    good = write_xlsx(tmp_path / "good.xlsx", {"组织": [CSV_HEADERS, CSV_ROW]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet's XML cut in the middle
            dst.writestr(item, data)
    report = import_refused(empty_store, [broken])
    [line] = problem_lines(report)
    assert line.startswith(f"{broken}：file：工作表「组织」损坏，读不出来（")
    assert line.endswith("）：请用 Excel 打开后另存为 .xlsx 再导入")


def test_a_file_that_is_no_workbook_gets_a_message(empty_store, tmp_path, import_refused):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    [line] = problem_lines(import_refused(empty_store, [path]))
    assert line.startswith(f"{path}：file：不是能读的 Excel 工作簿（")
