"""Read staff files (YAML, CSV, .xlsx) into raw records that remember their file and line."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time
from pathlib import Path
from typing import Any

from knowledge.curation.columns import FIGURES_TABLE, header_field, table_for_sheet
from knowledge.curation.encoding import decode
from knowledge.curation.messages import CheckError, Msg, Problem, Severity
from knowledge.curation.raw import RawRecord, ReadResult
from knowledge.curation.yaml_reader import read_yaml

__all__ = ["RawRecord", "ReadResult", "read_files", "unescape_cell"]

SUFFIXES = {".yaml", ".yml", ".csv", ".xlsx"}
# OWASP's CSV-injection guidance: a cell starting with one of these is a formula to Excel.
# An export writes such a value after a ' (as Excel itself shows text), and reading takes it
# off again, so the value comes back as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_files(paths: list[Path]) -> ReadResult:
    """Read every file (folders: their .yaml/.yml/.csv/.xlsx files), collecting all problems."""
    result = ReadResult()
    for path in _expand(paths):
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            result.problems.append(Problem(str(path), 0, "file", Msg.UNSUPPORTED_FILE))
            continue
        try:
            if suffix == ".xlsx":
                _read_xlsx(path, result)
            elif suffix == ".csv":
                _read_csv(path, result)
            else:
                read_yaml(str(path), path.read_bytes(), result)
        except OSError as exc:
            reason = (("reason", exc.strerror or str(exc)),)
            result.problems.append(Problem(str(path), 0, "file", Msg.CANNOT_READ, reason))
    return result


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
    rows: list[tuple[int, list[Any]]], name: str, hint: str, result: ReadResult
) -> None:
    if not rows:
        return
    header_line, header_cells = rows[0]
    headers = [str(h or "").strip() for h in header_cells]
    table = table_for_sheet(headers, hint)
    fields: list[str | None] = []
    columns: dict[str, str] = {}
    units: dict[str, str] = {}
    for header in headers:
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
        for field_name, cell in zip(fields, cells, strict=False):
            if field_name is None:
                continue
            # An empty cell under a column the sheet has means "empty", not "leave as is".
            data[field_name] = (
                "" if cell is None else cell.strip() if isinstance(cell, str) else cell
            )
        if any(v not in ("", None) for v in data.values()):
            lines = dict.fromkeys(data, line)
            target.append(
                RawRecord(table, data, name, line, lines, columns, units, spreadsheet=True)
            )


def _read_csv(path: Path, result: ReadResult) -> None:
    name = str(path)
    try:
        text = decode(path.read_bytes())
    except CheckError as exc:
        result.problems.append(Problem(name, 1, "encoding", exc.msg, exc.values))
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
    except csv.Error as exc:
        reason = (("reason", str(exc)),)
        result.problems.append(Problem(name, reader.line_num, "csv", Msg.CSV_BROKEN, reason))
        return
    _rows_to_records(rows, name, path.stem, result)


def _cell(value: Any) -> Any:
    """A spreadsheet cell as read: a date-only cell comes as midnight; it is a date."""
    if isinstance(value, datetime) and value.time() == time(0) and value.tzinfo is None:
        return value.date()
    return value


def _read_xlsx(path: Path, result: ReadResult) -> None:
    """A workbook through calamine (Rust): a 10,000-row registry sheet reads in 0.2–0.35 s,
    where openpyxl's read-only mode takes 2.5–2.7 s, which alone put a 10,000-row .xlsx
    import past its 5 s target on a busy machine (openpyxl still writes exports)."""
    from python_calamine import CalamineWorkbook

    name = str(path)
    try:
        workbook = CalamineWorkbook.from_path(name)
    except Exception as exc:  # a damaged zip, not a workbook at all …
        reason = (("reason", _reason(exc)),)
        result.problems.append(Problem(name, 0, "file", Msg.XLSX_BROKEN, reason))
        return
    try:
        for title in workbook.sheet_names:
            try:  # a sheet's XML is parsed here: a damaged one fails alone
                cells = workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
            except Exception as exc:
                values = (("sheet", title), ("reason", _reason(exc)))
                result.problems.append(Problem(name, 0, "file", Msg.SHEET_BROKEN, values))
                continue
            rows = [
                (i, [_cell(c) for c in row])
                for i, row in enumerate(cells, 1)
                if any(cell not in (None, "") for cell in row)
            ]
            _rows_to_records(rows, f"{path}[{title}]", title, result)
    finally:
        workbook.close()


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__
