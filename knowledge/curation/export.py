"""Write the knowledge base back out as files that `kb import` reads (YAML, CSV, .xlsx).

Spreadsheets are for people: Chinese headers, lists joined with 、 (one item per line when
an item holds a separator itself), statuses in Chinese, figures as rows of a 数据 sheet,
and no JSON in any cell. A cell that Excel would run as a formula (= + - @, or a tab or
carriage return first; OWASP's CSV-injection guidance) is written as text: in CSV after a
' (which `kb import` takes off again), in a workbook as a text cell with Excel's own quote
prefix. Either comes back as the same value.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from knowledge.curation.checks import split_list
from knowledge.curation.columns import FIGURES_TABLE, TABLE_SHEET_NAMES
from knowledge.curation.readers import FORMULA_STARTS
from knowledge.schema import (
    FIGURE_COLUMNS,
    FIGURE_TABLES,
    STATUS_WORDS,
    TABLE_ORDER,
    TABLES,
    ActivityStatus,
    FieldSpec,
    FieldType,
)
from knowledge.store import KnowledgeStore

_FIGURE_OWNER_WORDS = {"organizations": "组织", "projects": "项目"}


def _clean(table: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record as a staff member would write it: empty fields left out, schema order kept."""
    out: dict[str, Any] = {}
    for fs in TABLES[table].fields:
        value = record.get(fs.name)
        if value in (None, "", [], {}):
            continue
        out[fs.name] = value
    return out


def export_yaml(store: KnowledgeStore, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLE_ORDER:
        records = store.records(table)
        if table == "synonyms":
            items: list[Any] = [r["words"] for _, r in sorted(records.items())]
        else:
            items = [_clean(table, r) for _, r in sorted(records.items())]
        path = out_dir / f"{table}.yaml"
        path.write_text(
            yaml.safe_dump({table: items}, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )
        written.append(path)
    return written


# --- spreadsheets ---------------------------------------------------------------------------


def sheet_fields(table: str) -> list[FieldSpec]:
    """A table's columns in a spreadsheet: every field but figures (their own sheet)."""
    return [f for f in TABLES[table].fields if f.kind is not FieldType.FIGURES]


def sheet_rows(store: KnowledgeStore, table: str) -> Iterator[list[str]]:
    """A table as rows of text cells, the Chinese headers first."""
    fields = sheet_fields(table)
    yield [f.label or f.name for f in fields]
    for _, record in sorted(store.records(table).items()):
        yield [cell_text(f, record.get(f.name)) for f in fields]


def figure_rows(store: KnowledgeStore) -> Iterator[list[str]]:
    yield [chinese for _, chinese in FIGURE_COLUMNS]
    for table in FIGURE_TABLES:
        for key, record in sorted(store.records(table).items()):
            for figure in record.get("figures", []):
                row = {"table": _FIGURE_OWNER_WORDS[table], "record": key, **figure}
                if "value" in row:
                    row["value"] = _number(row["value"])
                yield [str(row.get(name, "")) for name, _ in FIGURE_COLUMNS]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def cell_text(fs: FieldSpec, value: Any) -> str:
    """One field as a spreadsheet cell that reads back as the same value."""
    if value in (None, "", [], {}):
        return ""
    if fs.kind is FieldType.LIST:
        joined = "、".join(value)
        return joined if split_list(joined) == value else "\n".join(value)
    if fs.kind is FieldType.SOURCE:
        return _source_text(value)
    if fs.kind is FieldType.FIELD_SOURCES:
        labels = {f.name: f.label or f.name for spec in TABLES.values() for f in spec.fields}
        return "\n".join(f"{labels.get(k, k)}：{_source_text(v)}" for k, v in value.items())
    if fs.name == "status":
        return STATUS_WORDS.get(ActivityStatus(value), str(value))
    return str(value)


def _source_text(source: dict[str, str]) -> str:
    quote = source.get("quote", "")
    return f"{source['document']}｜{quote}" if quote else source["document"]


def neutralised(text: str) -> str:
    """A CSV cell Excel shows as text: a leading formula character (or ') gets a '."""
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def export_csv(store: KnowledgeStore, out_dir: Path) -> list[Path]:
    """One CSV per table (and figures.csv), UTF-8 with BOM so Excel opens the Chinese."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    sheets: list[tuple[str, Iterator[list[str]]]] = [
        (table, sheet_rows(store, table)) for table in TABLE_ORDER
    ]
    sheets.append((FIGURES_TABLE, figure_rows(store)))
    for name, rows in sheets:
        path = out_dir / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            for row in rows:
                writer.writerow([neutralised(cell) for cell in row])
        written.append(path)
    return written


def export_xlsx(store: KnowledgeStore, path: Path) -> list[Path]:
    """One workbook: a sheet per table, named in Chinese, then the 数据 sheet of figures."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook(write_only=True)
    sheets: list[tuple[str, Iterator[list[str]]]] = [
        (table, sheet_rows(store, table)) for table in TABLE_ORDER
    ]
    sheets.append((FIGURES_TABLE, figure_rows(store)))
    for name, rows in sheets:
        sheet = workbook.create_sheet(TABLE_SHEET_NAMES[name])
        for row in rows:
            cells: list[Any] = []
            for text in row:
                if text.startswith(FORMULA_STARTS):
                    cell = WriteOnlyCell(sheet, value=text)
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True  # and stays text when someone edits it
                    cells.append(cell)
                else:
                    cells.append(text or None)
            sheet.append(cells)
    workbook.save(path)
    return [path]
