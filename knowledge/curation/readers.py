"""Read staff files (YAML, CSV, .xlsx) into raw records that remember their file and line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.curation.checks import Problem
from knowledge.schema import TABLES

# Spreadsheet column headers (Chinese as staff write them, or English field names) → field.
HEADER_ALIASES: dict[str, str] = {
    "编号": "id",
    "id": "id",
    "ID": "id",
    "名称": "name",
    "组织名称": "name",
    "机构名称": "name",
    "项目名称": "name",
    "简称": "aliases",
    "别名": "aliases",
    "又称": "aliases",
    "类型": "legal_form",
    "组织类型": "legal_form",
    "登记类型": "legal_form",
    "城市": "city",
    "市": "city",
    "区县": "district",
    "区": "district",
    "县区": "district",
    "街道": "street",
    "街道乡镇": "street",
    "镇街": "street",
    "地址": "address",
    "电话": "phone",
    "联系电话": "phone",
    "邮箱": "email",
    "电子邮箱": "email",
    "网站": "website",
    "网址": "website",
    "开放时间": "opening_hours",
    "服务时间": "opening_hours",
    "简介": "summary",
    "服务": "services",
    "服务内容": "services",
    "主题": "topics",
    "领域": "topics",
    "数据": "figures",
    "来源": "source",
    "更新日期": "updated_at",
    "活动名称": "title",
    "标题": "title",
    "组织": "organization",
    "所属组织": "organization",
    "开始时间": "start",
    "结束时间": "end",
    "时区": "timezone",
    "地点": "place",
    "报名方式": "registration",
    "报名": "registration",
    "状态": "status",
    "问法": "questions",
    "答案": "answer",
    "时间": "period",
}
# Per-table renames where one Chinese header means different fields.
_TABLE_HEADER_OVERRIDES = {
    "activities": {"简介": "description"},
    "projects": {"简介": "description"},
    "facts": {"标题": "name"},
}
_SHEET_TABLES = {
    "组织": "organizations",
    "机构": "organizations",
    "社会组织": "organizations",
    "项目": "projects",
    "活动": "activities",
    "问答": "facts",
    "事实": "facts",
}


@dataclass
class RawRecord:
    table: str
    data: dict[str, Any]
    file: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class ReadResult:
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_files(paths: list[Path]) -> ReadResult:
    """Read every file (folders: their .yaml/.yml/.csv/.xlsx files), collecting all problems."""
    result = ReadResult()
    for path in _expand(paths):
        suffix = path.suffix.lower()
        reader = {".yaml": _read_yaml, ".yml": _read_yaml, ".csv": _read_csv, ".xlsx": _read_xlsx}
        if suffix not in reader:
            result.problems.append(Problem(str(path), 0, "file", "unsupported file type"))
            continue
        try:
            reader[suffix](path, result)
        except OSError as exc:
            result.problems.append(Problem(str(path), 0, "file", f"cannot read: {exc.strerror}"))
    return result


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.iterdir())
                if p.suffix.lower() in {".yaml", ".yml", ".csv", ".xlsx"}
            )
        else:
            out.append(path)
    return out


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping and of each of its keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {
            key.value: key.start_mark.line + 1
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        return mapping


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """An impossible date (2026-13-45) stays text, so the checker reports it with its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _strip_marks(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_marks(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_marks(v) for v in value]
    return value


def _read_yaml(path: Path, result: ReadResult) -> None:
    name = str(path)
    text = _decode(path.read_bytes(), name, result)
    if text is None:
        return
    try:
        doc = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        result.problems.append(
            Problem(name, line, "yaml", f"not valid YAML: {exc}".splitlines()[0])
        )
        return
    if doc is None:
        return
    if not isinstance(doc, dict):
        result.problems.append(
            Problem(name, 1, "file", f"top level must be a mapping of tables ({', '.join(TABLES)})")
        )
        return
    lines = doc.get("__lines__", {})
    for table, items in doc.items():
        if table in ("__line__", "__lines__"):
            continue
        where = lines.get(table, 1)
        if table not in TABLES:
            result.problems.append(
                Problem(name, where, table, f"unknown table (expected one of: {', '.join(TABLES)})")
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            result.problems.append(Problem(name, where, table, "must be a list of records"))
            continue
        for item in items:
            if table == "synonyms" and isinstance(item, list):
                words = [str(w).strip() for w in item if str(w).strip()]
                data = {"id": words[0] if words else "", "words": words}
                result.records.append(RawRecord(table, data, name, where))
            elif isinstance(item, dict):
                result.records.append(
                    RawRecord(table, _strip_marks(item), name, item["__line__"], item["__lines__"])
                )
            else:
                result.problems.append(Problem(name, where, table, "each record must be a mapping"))


def _decode(raw: bytes, name: str, result: ReadResult) -> str | None:
    """UTF-8 (with or without BOM), else GBK/GB18030 as Excel in China saves CSV."""
    if b"\x00" in raw[:4096]:
        result.problems.append(
            Problem(name, 1, "encoding", "looks like UTF-16 or a binary file: save it as UTF-8 CSV")
        )
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            result.problems.append(
                Problem(name, line, "encoding", "neither UTF-8 nor GBK: save the file as UTF-8")
            )
            return None


def _table_for_headers(headers: list[str], hint: str = "") -> str:
    for key, table in _SHEET_TABLES.items():
        if key in hint:
            return table
    for table in TABLES:
        if table in hint.lower():
            return table
    fields = {HEADER_ALIASES.get(h, h) for h in headers}
    if {"start", "title"} & fields and "start" in fields:
        return "activities"
    if "answer" in fields:
        return "facts"
    if "organization" in fields and "项目名称" in headers:
        return "projects"
    return "organizations"


def _rows_to_records(
    rows: list[tuple[int, list[Any]]], name: str, hint: str, result: ReadResult
) -> None:
    if not rows:
        return
    header_line, header_cells = rows[0]
    headers = [str(h or "").strip() for h in header_cells]
    table = _table_for_headers(headers, hint)
    overrides = _TABLE_HEADER_OVERRIDES.get(table, {})
    fields: list[str | None] = []
    for col, header in enumerate(headers, 1):
        if not header:
            fields.append(None)
            continue
        mapped = overrides.get(header) or HEADER_ALIASES.get(header) or header
        if TABLES[table].field(mapped) is None:
            result.problems.append(
                Problem(name, header_line, header, f"unknown column {col} for {table}")
            )
            fields.append(None)
        else:
            fields.append(mapped)
    for line, cells in rows[1:]:
        data: dict[str, Any] = {}
        for field_name, cell in zip(fields, cells, strict=False):
            if field_name is None:
                continue
            # An empty cell under a column the sheet has means "empty", not "leave as is".
            data[field_name] = (
                "" if cell is None else cell.strip() if isinstance(cell, str) else cell
            )
        if any(v not in ("", None) for v in data.values()):
            result.records.append(RawRecord(table, data, name, line))


def _read_csv(path: Path, result: ReadResult) -> None:
    name = str(path)
    text = _decode(path.read_bytes(), name, result)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        result.problems.append(Problem(name, reader.line_num, "csv", str(exc)))
        return
    _rows_to_records(rows, name, path.stem, result)


def _read_xlsx(path: Path, result: ReadResult) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        result.problems.append(
            Problem(str(path), 0, "file", f"not a readable .xlsx workbook: {exc}")
        )
        return
    try:
        for sheet in workbook.worksheets:
            rows = [
                (i, list(row))
                for i, row in enumerate(sheet.iter_rows(values_only=True), 1)
                if any(cell not in (None, "") for cell in row)
            ]
            _rows_to_records(rows, f"{path}[{sheet.title}]", sheet.title, result)
    finally:
        workbook.close()
