"""Read staff files (YAML, CSV, .xlsx) into raw records that remember their file and line.

Whatever a file holds, reading it ends in records or in problems naming the file, the line
and the column: never an exception. A file past the import's limits (`limits.py`) is
refused before it is read whole.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from knowledge.curation.columns import FIGURES_TABLE, header_field, table_for_sheet
from knowledge.curation.encoding import decode
from knowledge.curation.limits import MAX_CELL_CHARS, MAX_COLUMNS, ImportLimits, size_text
from knowledge.curation.messages import CheckError, Msg, Problem, Severity
from knowledge.curation.raw import RawRecord, ReadResult
from knowledge.curation.workbook import Formulas, sheets, survey
from knowledge.curation.yaml_reader import read_yaml

__all__ = ["RawRecord", "ReadResult", "read_files", "unescape_cell"]

SUFFIXES = {".yaml", ".yml", ".csv", ".xlsx"}
# OWASP's CSV-injection guidance: a cell starting with one of these is a formula to Excel.
# An export writes such a value after a ' (as Excel itself shows text), and reading takes it
# off again, so the value comes back as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A byte-order mark inside a file: two files pasted together, or a header copied with it.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"))
_CSV_REASONS = {
    "field larger than field limit": f"有一格超过 {csv.field_size_limit()} 个字符",
    "new-line character seen in unquoted field": "引号外有单独的回车符",
    "unexpected end of data": "文件在引号里结束（缺少右引号）",
}


def read_files(paths: list[Path], limits: ImportLimits | None = None) -> ReadResult:
    """Read every file (folders: their .yaml/.yml/.csv/.xlsx files), collecting all problems."""
    limits = limits or ImportLimits()
    result = ReadResult()
    for path in _expand(paths):
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            result.problems.append(Problem(str(path), 0, "file", Msg.UNSUPPORTED_FILE))
            continue
        try:
            _read_one(path, suffix, result, limits)
        except OSError as exc:
            reason = (("reason", exc.strerror or str(exc)),)
            result.problems.append(Problem(str(path), 0, "file", Msg.CANNOT_READ, reason))
    return result


def _read_one(path: Path, suffix: str, result: ReadResult, limits: ImportLimits) -> None:
    rows_left = limits.max_rows - len(result.records) - len(result.figures)
    if suffix == ".xlsx":
        found = survey(path, result, limits, rows_left)
        if found is None:
            return
        for title, rows in sheets(path, result, found):
            rows_left = limits.max_rows - len(result.records) - len(result.figures)
            name = f"{path}[{title}]"
            formulas = found.formulas.get(title, {})
            _rows_to_records(rows, name, title, result, rows_left, limits, formulas)
        return
    size = path.stat().st_size
    if size > limits.max_bytes:
        values = (("size", size_text(size)), ("limit", size_text(limits.max_bytes)))
        result.problems.append(Problem(str(path), 0, "file", Msg.FILE_TOO_BIG, values))
        return
    if suffix == ".csv":
        _read_csv(path, result, rows_left, limits)
        return
    before = len(result.records)
    read_yaml(str(path), path.read_bytes(), result)
    if len(result.records) - before > rows_left:
        del result.records[before:]
        values = (("limit", limits.max_rows),)
        result.problems.append(Problem(str(path), 0, "file", Msg.TOO_MANY_ROWS, values))


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.iterdir()) if p.suffix.lower() in SUFFIXES)
        else:
            out.append(path)
    return out


def unescape_cell(value: str) -> str:
    """A CSV cell as the staff member meant it: '=SUM(A1) is the text =SUM(A1)."""
    if value.startswith("'") and value[1:2] and value[1] in (*FORMULA_STARTS, "'"):
        return value[1:]
    return value


def _rows_to_records(
    rows: list[tuple[int, list[Any]]],
    name: str,
    hint: str,
    result: ReadResult,
    rows_left: int,
    limits: ImportLimits,
    formulas: Formulas | None = None,
) -> None:
    if not rows:
        return
    if len(rows) - 1 > rows_left:
        values = (("limit", limits.max_rows),)
        result.problems.append(Problem(name, 0, "file", Msg.TOO_MANY_ROWS, values))
        return
    formulas = formulas or {}
    header_line, header_cells = rows[0]
    filled = [n for n, cell in enumerate(header_cells, 1) if cell not in (None, "")]
    header_cells = header_cells[: filled[-1] if filled else 0]  # not the empty columns after
    if len(header_cells) > MAX_COLUMNS:
        values = (("count", len(header_cells)), ("max", MAX_COLUMNS))
        result.problems.append(Problem(name, header_line, "", Msg.TOO_MANY_COLUMNS, values))
        return
    headers = [_text(h).strip() for h in header_cells]
    table = table_for_sheet(headers, hint)
    fields: list[str | None] = []
    columns: dict[str, str] = {}
    units: dict[str, str] = {}
    for number, header in enumerate(headers, 1):
        if (header_line, number) in formulas:
            formula = (("formula", formulas[(header_line, number)]),)
            result.problems.append(
                Problem(name, header_line, "", Msg.FORMULA, formula, column=header)
            )
        field_name, unit = header_field(table, header) if header else (None, "")
        if header and field_name is None:
            result.problems.append(
                Problem(
                    name,
                    header_line,
                    "",
                    Msg.UNKNOWN_COLUMN,
                    (("column", header),),
                    severity=Severity.WARNING,
                )
            )
        elif field_name in columns:
            values = (("other", columns[field_name]),)
            result.problems.append(
                Problem(name, header_line, field_name, Msg.DUPLICATE_COLUMN, values, header)
            )
            field_name = None
        elif field_name:
            columns[field_name] = header
            if unit:
                units[field_name] = unit
        fields.append(field_name)
    target = result.figures if table == FIGURES_TABLE else result.records
    for line, cells in rows[1:]:
        data: dict[str, Any] = {}
        for number, (field_name, cell) in enumerate(zip(fields, cells, strict=False), 1):
            if field_name is None:
                continue
            if (line, number) in formulas:
                formula = (("formula", formulas[(line, number)]),)
                column = columns[field_name]
                result.problems.append(
                    Problem(name, line, field_name, Msg.FORMULA, formula, column=column)
                )
                continue
            if isinstance(cell, str):
                cell = cell.translate(_INVISIBLE).strip()
                problem = _bad_text(cell)
                if problem is not None:
                    msg, values = problem
                    column = columns[field_name]
                    result.problems.append(Problem(name, line, field_name, msg, values, column))
                    continue
            # An empty cell under a column the sheet has means "empty", not "leave as is".
            data[field_name] = "" if cell is None else cell
        if any(v not in ("", None) for v in data.values()):
            lines = dict.fromkeys(data, line)
            target.append(
                RawRecord(table, data, name, line, lines, columns, units, spreadsheet=True)
            )


def _text(value: Any) -> str:
    return "" if value is None else str(value).translate(_INVISIBLE)


def _bad_text(cell: str) -> tuple[Msg, tuple[tuple[str, Any], ...]] | None:
    """A cell no person typed: longer than Excel allows, or holding control characters."""
    if len(cell) > MAX_CELL_CHARS:
        return Msg.CELL_TOO_LONG, (("length", len(cell)), ("max", MAX_CELL_CHARS))
    for char in cell:
        if char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cs"):
            return Msg.CONTROL_CHARACTER, (("char", f"U+{ord(char):04X}"),)
    return None


def _read_csv(path: Path, result: ReadResult, rows_left: int, limits: ImportLimits) -> None:
    name = str(path)
    try:
        text = decode(path.read_bytes())
    except CheckError as exc:
        line = dict(exc.values).get("line", 1)  # where another encoding begins
        result.problems.append(Problem(name, line, "encoding", exc.msg, exc.values))
        return
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, [unescape_cell(cell) for cell in row]))
            start = reader.line_num + 1
            if len(rows) > rows_left + 1:  # stop reading: the limit is passed
                break
    except csv.Error as exc:
        said = str(exc)
        reason = next((zh for en, zh in _CSV_REASONS.items() if said.startswith(en)), said)
        values = (("reason", reason),)
        result.problems.append(Problem(name, reader.line_num, "csv", Msg.CSV_BROKEN, values))
        return
    _rows_to_records(rows, name, path.stem, result, rows_left, limits)
