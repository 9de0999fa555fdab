"""Valid staff files and the ways they get damaged, as hypothesis strategies.

The files are the shipped YAML and a small SYNTHETIC registry (synthetic_registry.py) as
CSV in UTF-8 and GBK and as .xlsx; the damage is what a disk, a mail gateway, a careless
macro or an attacker does to them: cut short, bytes flipped, inserted or deleted, a BOM or
a NUL in the middle, another encoding pasted in, a cell of the wrong type, a formula, deep
nesting, a very long cell, merged cells, a hidden sheet.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from knowledge.curation.apply import SHIPPED_DATA
from tests.knowledge.curation.synthetic_registry import HEADERS, organizations

SHIPPED_YAML = sorted(p.name for p in SHIPPED_DATA.glob("*.yaml"))
NONEMPTY_YAML = [
    n for n in SHIPPED_YAML if any(yaml.safe_load((SHIPPED_DATA / n).read_text("utf-8")).values())
]
ROWS: list[list[Any]] = [HEADERS, *(org.row for org in organizations(12, seed=15))]
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","点我")',
    "=cmd|' /C calc'!A0",
    "+1-1",
    "-2+3",
    "@SUM(A1:A2)",
    "=A2&B2",
]


def csv_bytes(rows: list[list[Any]], encoding: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([str(c) for c in row] for row in rows)
    return buf.getvalue().encode(encoding, errors="replace")


# --- damage to bytes ------------------------------------------------------------------------


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one to three byte-level injuries."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(out)))
        kind = draw(
            st.sampled_from(["cut", "flip", "insert", "delete", "bom", "nul", "gbk", "utf8"])
        )
        if kind == "cut":
            del out[at:]
        elif kind == "flip" and at < len(out):
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "bom":
            out[at:at] = b"\xef\xbb\xbf"
        elif kind == "nul":
            out[at:at] = b"\x00"
        elif kind == "gbk":  # a cell pasted from a GBK file into a UTF-8 one
            out[at:at] = "渭滨区".encode("gbk")
        elif kind == "utf8":  # and the other way round
            out[at:at] = "渭滨区".encode()
    return bytes(out)


# --- values of the wrong kind -----------------------------------------------------------------

deep_text = st.integers(21, 10_000).map(lambda n: "[" * n + "]" * n)
long_text = st.sampled_from([32_768, 40_000, 140_000]).map(lambda n: "长" * n)
odd_text = st.sampled_from(
    ["\x00", "甲\x00乙", "\ufeff宝鸡", "a\x01b", "\u200b", "   ", "'=1+1", "''", "\r", "\n\n"]
)
cell_texts = st.one_of(
    st.sampled_from(FORMULAS),
    long_text,
    odd_text,
    st.text(max_size=30),
    st.integers(-(10**20), 10**20).map(str),
)
typed_cells = st.one_of(
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(date(1900, 3, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1900, 3, 1), datetime(9999, 12, 31)),
    st.times(),
    st.sampled_from(FORMULAS),
    st.sampled_from(["长" * 32_767, "宝鸡" * 5000]),
    st.text(alphabet=st.characters(min_codepoint=32, exclude_categories=["Cs"]), max_size=30),
)
yaml_values = st.one_of(
    st.lists(st.text(max_size=5), max_size=3),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.text(max_size=20),
    st.sampled_from(FORMULAS),
    st.just("长" * 40_000),
)


@st.composite
def csv_with_cells(draw: st.DrawFn) -> list[list[Any]]:
    rows = [list(row) for row in ROWS]
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = draw(cell_texts)
    return rows


@st.composite
def yaml_with_values(draw: st.DrawFn) -> bytes:
    """A shipped file with some fields' values swapped for values of other kinds."""
    name = draw(st.sampled_from(NONEMPTY_YAML))
    doc = yaml.safe_load((SHIPPED_DATA / name).read_text(encoding="utf-8"))
    deep: str | None = None
    [items] = doc.values()
    for _ in range(draw(st.integers(1, 3))):
        item = draw(st.sampled_from(items))
        if isinstance(item, dict):
            key = draw(st.sampled_from([*item, "unknown"]))
            if draw(st.integers(0, 5)) == 0:
                deep = draw(deep_text)
                item[key] = "__DEEP__"
            else:
                item[key] = draw(yaml_values)
        else:
            items[items.index(item)] = draw(yaml_values)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    if deep is not None:
        text = text.replace("__DEEP__", deep, 1)
    return text.encode()


# --- workbooks --------------------------------------------------------------------------------


@st.composite
def workbook_plan(draw: st.DrawFn) -> dict[str, Any]:
    """How to build a registry workbook: typed cells, merged ranges, a hidden sheet."""
    cells = {}
    for _ in range(draw(st.integers(0, 4))):
        r = draw(st.integers(1, len(ROWS)))
        c = draw(st.integers(1, len(HEADERS)))
        cells[(r, c)] = draw(typed_cells)
    merges = []
    for _ in range(draw(st.integers(0, 2))):
        r = draw(st.integers(2, len(ROWS)))
        c = draw(st.integers(1, len(HEADERS)))
        merges.append((r, c, r + draw(st.integers(0, 3)), c + draw(st.integers(0, 2))))
    return {"cells": cells, "merges": merges, "hidden": draw(st.booleans())}


def write_workbook(path: Path, plan: dict[str, Any]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "社会组织"
    for row in ROWS:
        sheet.append(row)
    for (r, c), value in plan["cells"].items():
        sheet.cell(r, c).value = value
    for top, left, bottom, right in plan["merges"]:
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    if plan["hidden"]:  # what a template's drop-down lists look like
        lists = workbook.create_sheet("下拉选项")
        lists.append(["区县", "类型"])
        lists.append(["渭滨区", "社会团体"])
        lists.sheet_state = "hidden"
    workbook.save(path)
    return path


def rezipped(path: Path, member: str, change: bytes | None, out: Path) -> Path:
    """The workbook with one member's bytes replaced (None: the member left out)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == member:
                if change is None:
                    continue
                dst.writestr(item.filename, change)
            else:
                dst.writestr(item, src.read(item))
    return out


def members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def member_bytes(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member)


__all__ = [
    "ROWS",
    "SHIPPED_YAML",
    "csv_bytes",
    "csv_with_cells",
    "damaged",
    "member_bytes",
    "members",
    "rezipped",
    "workbook_plan",
    "write_workbook",
    "yaml_with_values",
]
