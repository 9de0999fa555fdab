"""Workbooks and text files built to hurt or simply odd (issue 15): each found by the corrupt-
file properties or written after them; each refused with its place named, or read as staff
see it — and never a crash of the process (a workbook of two cells used to abort it)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from knowledge.curation.limits import MB, ImportLimits
from tests.knowledge.conftest import (
    CSV_HEADERS,
    CSV_ORG_ID,
    CSV_ROW,
    problem_lines,
    snapshot,
    write_xlsx,
)
from tests.knowledge.curation.measured import kb_import


def with_member(good: Path, out: Path, member: str, change) -> Path:
    """`good` with one member's bytes changed by `change(bytes) -> bytes`."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item.filename, change(data) if item.filename == member else data)
    return out


def registry(tmp_path: Path, *rows: list) -> Path:
    return write_xlsx(tmp_path / "good.xlsx", {"组织": [CSV_HEADERS, CSV_ROW, *rows]})


def moved(path: Path, out: Path, to: str) -> Path:
    """The workbook with its first sheet at another path, as its relationships say."""
    old = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(old.encode(), to.encode())
            dst.writestr(to if item.filename == old else item.filename, data)
    return out


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/odd/place.xml"])
def test_a_workbook_reaching_xfd1048576_is_refused_before_it_is_read(tmp_path, member):
    """Two cells, A1 and XFD1048576: the reader allocated the rectangle between them
    (512 GB) and the process aborted — wherever the workbook keeps the sheet."""
    bomb = with_member(
        registry(tmp_path),
        tmp_path / "bomb.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        ),
    )
    if member != "xl/worksheets/sheet1.xml":
        bomb = moved(bomb, tmp_path / "moved.xlsx", member)
    measured = kb_import(tmp_path / "orgbot.db", bomb)
    assert measured.code == 1, measured.stderr
    assert measured.stderr.splitlines() == [
        f"{bomb}：file：工作表「组织」用到了 XFD1048576 格（上限 30001 行、200 列）："
        "请删掉多余的行和列，另存后再导入",
        "Error: 发现 1 个问题，数据库没有改动",
    ]
    assert measured.cpu < 5 and measured.peak_mb < 150, measured.line()


def test_a_declared_dimension_of_the_whole_sheet_is_only_a_claim(tmp_path, empty_store):
    """<dimension ref="A1:XFD1048576"/>: the reader sizes a sheet by its cells, not by this."""
    from knowledge.curation.apply import import_files

    path = with_member(
        registry(tmp_path),
        tmp_path / "claims.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:I2"', b'<dimension ref="A1:XFD1048576"'),
    )
    assert b"XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    report = import_files(empty_store, [path])
    assert report.ok and report.added == [("organizations", CSV_ORG_ID)]


def test_a_workbook_unpacking_past_the_limit_is_refused(tmp_path, empty_store, import_refused):
    good = registry(tmp_path)
    strings = b"<sst>" + b"<si><t>" + b"x" * 6 * MB + b"</t></si></sst>"  # 6 MB of XML, zipped 6 KB
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item))
        dst.writestr("xl/sharedStrings.xml", strings)
    assert path.stat().st_size < 100_000
    report = import_refused(empty_store, [path], limits=ImportLimits(max_bytes=1 * MB))
    assert problem_lines(report) == [
        f"{path}：file：工作簿解压后有 6.0 MB，超过上限 5.0 MB（ORGBOT_IMPORT_MAX_MB 的 5 倍）"
    ]


def test_a_member_unpacking_to_more_than_it_says_is_refused(tmp_path, empty_store, import_refused):
    """The zip's own sizes can lie: it is read no further than they say, and found out."""
    good = registry(tmp_path)
    path = tmp_path / "lying.xlsx"
    path.write_bytes(good.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")  # the central directory's first entry
    while not data[central + 46 :].startswith(b"xl/worksheets/sheet1.xml"):
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")  # declared: 100 bytes
    data[info.header_offset + 22 : info.header_offset + 26] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    [line] = problem_lines(import_refused(empty_store, [path]))
    assert line == (
        f"{path}：file：不是能读的 Excel 工作簿（xl/worksheets/sheet1.xml 损坏）："
        "请用 Excel 打开后另存为 .xlsx 再导入"
    )


def test_formula_cells_are_refused_with_their_row_and_column(tmp_path, empty_store, import_refused):
    """The reader gives a formula's last computed value; a workbook made by a program has
    none, so =1+1 read as empty — an update would have cleared the phone."""
    second = [f"宝鸡公式{n}协会" for n in range(3)]
    path = write_xlsx(
        tmp_path / "formulas.xlsx",
        {
            "组织": [
                ["名称", "电话", "简介", "来源"],
                [second[0], "=1+1", "简介", "民政局"],
                [second[1], "0917-3261234", '=HYPERLINK("http://evil.example","点我")', "民政局"],
                [second[2], "0917-3261234", "=cmd|' /C calc'!A0", "民政局"],
            ]
        },
    )
    report = import_refused(empty_store, [path])
    tail = "不导入公式：请复制后「选择性粘贴 → 数值」再导入"
    assert problem_lines(report) == [
        f"{path}[组织]:第2行：电话：这一格是公式（=1+1），{tail}",
        f'{path}[组织]:第3行：简介：这一格是公式（=HYPERLINK("http://evil.example","点我")），{tail}',
        f"{path}[组织]:第4行：简介：这一格是公式（=cmd|' /C calc'!A0），{tail}",
    ]


def test_text_that_looks_like_a_formula_is_kept_as_text_and_exported_as_text(tmp_path, empty_store):
    from openpyxl import load_workbook

    from knowledge.curation.apply import import_files
    from knowledge.curation.export import export_csv, export_xlsx

    text = "=cmd|' /C calc'!A0"
    path = write_xlsx(tmp_path / "text.xlsx", {"组织": [CSV_HEADERS, CSV_ROW]})
    workbook = load_workbook(path)
    workbook.active["H2"].value = text
    workbook.active["H2"].data_type = "s"  # typed as text, as Excel stores '=…
    workbook.save(path)
    assert import_files(empty_store, [path]).ok
    [org] = empty_store.records("organizations").values()
    assert org["summary"] == text
    [book] = export_xlsx(empty_store, tmp_path / "out.xlsx")
    cell = next(
        c for row in load_workbook(book)["组织"].iter_rows() for c in row if c.value == text
    )
    assert cell.data_type == "s" and cell.quotePrefix
    export_csv(empty_store, tmp_path / "csv")
    assert f"'{text}" in (tmp_path / "csv" / "organizations.csv").read_text("utf-8-sig")


def test_merged_cells_give_each_row_the_value_shown(tmp_path, empty_store):
    from openpyxl import load_workbook

    from knowledge.curation.apply import import_files

    rows = [
        ["名称", "区县", "来源"],
        ["宝鸡合并甲协会", "渭滨区", "民政局"],
        ["宝鸡合并乙协会", None, "民政局"],
    ]
    path = write_xlsx(tmp_path / "merged.xlsx", {"组织": rows})
    workbook = load_workbook(path)
    workbook.active.merge_cells("B2:B3")  # 区县 merged over two rows, as offices do
    workbook.active.merge_cells("C2:C3")
    workbook.save(path)
    report = import_files(empty_store, [path])
    assert report.ok, problem_lines(report)
    districts = {r["name"]: r["district"] for r in empty_store.records("organizations").values()}
    assert districts == {"宝鸡合并甲协会": "渭滨区", "宝鸡合并乙协会": "渭滨区"}


def test_a_hidden_sheet_is_left_out_with_a_warning(tmp_path, empty_store):
    from openpyxl import load_workbook

    from knowledge.curation.apply import import_files

    path = write_xlsx(
        tmp_path / "template.xlsx",
        {"组织": [CSV_HEADERS, CSV_ROW], "下拉选项": [["区县"], ["渭滨区"], ["金台区"]]},
    )
    workbook = load_workbook(path)
    workbook["下拉选项"].sheet_state = "hidden"  # the lists behind a template's drop-downs
    workbook.save(path)
    report = import_files(empty_store, [path])
    assert report.ok
    assert [str(w) for w in report.dataset.warnings] == [
        f"{path}：工作表「下拉选项」是隐藏的，没有导入（要导入请先取消隐藏）"
    ]
    assert len(empty_store.records("organizations")) == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("organizations: " + "[" * 10_000 + "]" * 10_000, 1, id="10000-lists"),
        pytest.param("organizations:\n- name: " + "{a: " * 5_000 + "1" + "}" * 5_000, 2, id="maps"),
    ],
)
@pytest.mark.timed
def test_yaml_nested_ten_thousand_deep_is_refused_with_its_line(
    kb_file, store, import_refused, text, line
):
    """PyYAML composes by recursion: this raised RecursionError, a traceback to staff."""
    path = kb_file("deep.yaml", text)
    started = time.perf_counter()
    report = import_refused(store, [path])
    assert time.perf_counter() - started < 2
    assert problem_lines(report) == [f"{path}:第{line}行：yaml：嵌套超过 20 层：请检查括号和缩进"]


def test_a_utf8_file_with_gbk_bytes_pasted_in_names_the_line(tmp_path, empty_store, import_refused):
    """A BOM says UTF-8; a cell pasted from a GBK file breaks it (this raised
    UnicodeDecodeError)."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "\ufeff名称,区县,来源\n宝鸡甲协会,渭滨区,民政局\n".encode()
        + "宝鸡乙协会,金台区,民政局\n".encode("gbk")
    )
    [line] = problem_lines(import_refused(empty_store, [path]))
    assert line == (
        f"{path}:第3行：encoding：文件是 UTF-8 编码，但这一行有不是 UTF-8 的字节"
        "（混入了别的编码，或文件损坏）：请检查这一行，另存为「CSV UTF-8」再导入"
    )


@pytest.mark.parametrize(
    ("most", "pasted", "named"), [("gbk", "utf-8", "GBK"), ("utf-8", "gbk", "UTF-8")]
)
def test_a_row_pasted_in_another_encoding_names_its_line(
    tmp_path, empty_store, import_refused, most, pasted, named
):
    """Read as the file's encoding, the pasted row would be stored as other characters
    (渭滨区 as 娓花婊ㄥ尯)."""
    path = tmp_path / "mixed.csv"
    lines = ["名称,区县,来源", *(f"宝鸡第{n}测试协会,渭滨区,民政局" for n in range(5))]
    path.write_bytes(
        "\n".join(lines).encode(most) + "\n宝鸡粘贴协会,金台区,民政局\n".encode(pasted)
    )
    [line] = problem_lines(import_refused(empty_store, [path]))
    assert line == (
        f"{path}:第7行：encoding：文件是 {named} 编码，但这一行有不是 {named} 的字节"
        "（混入了别的编码，或文件损坏）：请检查这一行，另存为「CSV UTF-8」再导入"
    )


def test_odd_csv_cells_name_their_row_and_column(tmp_path, empty_store, import_refused):
    path = tmp_path / "odd.csv"
    rows = [
        "名称,简介,来源",
        f"宝鸡甲协会,{'长' * 40_000},民政局",
        '宝鸡乙协会,"甲\x00乙",民政局',
        "\ufeff宝鸡丙协会,正常,民政局",  # a BOM in the middle: two files pasted together
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert problem_lines(import_refused(empty_store, [path])) == [
        f"{path}:第2行：简介：内容有 40000 个字符，超过上限 32767",
        f"{path}:第3行：简介：含有看不见的控制字符（U+0000），可能是文件损坏：请检查这一格",
    ]


def test_a_csv_a_million_columns_wide_is_refused_at_once(tmp_path, empty_store, import_refused):
    """Each unknown column is a warning: 500,000 of them took 5.5 s and as many lines."""
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"x{n}" for n in range(500_000)) + "\n", encoding="utf-8")
    started = time.process_time()
    report = import_refused(empty_store, [path])
    assert time.process_time() - started < 2
    assert problem_lines(report) == [
        f"{path}:第1行：表头有 500000 列，超过上限 200 列：这不像登记表，请检查分隔符或删掉多余的列"
    ]


def test_a_yaml_text_longer_than_a_cell_is_refused_with_its_line(kb_file, store, import_refused):
    text = f"organizations:\n  - id: test-long\n    name: 测试\n    summary: {'长' * 40_000}\n"
    path = kb_file("long.yaml", text + "    source: {document: 民政局}\n")
    assert problem_lines(import_refused(store, [path])) == [
        f"{path}:第4行：summary：内容有 40000 个字符，超过上限 32767"
    ]


def test_a_bom_inside_a_cell_is_not_part_of_the_name(tmp_path, empty_store):
    from knowledge.curation.apply import import_files

    path = tmp_path / "bom.csv"
    path.write_text("名称,来源\n\ufeff宝鸡丙协会,民政局\n", encoding="utf-8")
    assert import_files(empty_store, [path]).ok
    [org] = empty_store.records("organizations").values()
    assert org["name"] == "宝鸡丙协会"


def test_what_a_refused_import_leaves_is_what_was_there(tmp_path, store, db_path):
    """The database file, read afresh, after a refused workbook (the all-or-nothing check
    the properties make for every example, once by hand)."""
    from knowledge.curation.apply import import_files

    before = snapshot(db_path)
    path = write_xlsx(tmp_path / "f.xlsx", {"组织": [CSV_HEADERS, CSV_ROW, ["=1+1"] * 9]})
    assert not import_files(store, [path]).ok
    assert snapshot(db_path) == before
