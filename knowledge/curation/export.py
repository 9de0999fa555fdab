"""Write the knowledge base back out as files that `kb import` reads (YAML, CSV)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import yaml

from knowledge.schema import TABLE_ORDER, TABLES, FieldType
from knowledge.store import KnowledgeStore


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


def export_csv(store: KnowledgeStore, out_dir: Path) -> list[Path]:
    """One CSV per table, UTF-8 with BOM (so Excel opens the Chinese correctly)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLE_ORDER:
        spec = TABLES[table]
        path = out_dir / f"{table}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([f.name for f in spec.fields])
            for _, record in sorted(store.records(table).items()):
                writer.writerow([_csv_cell(f.kind, record.get(f.name)) for f in spec.fields])
        written.append(path)
    return written


def _csv_cell(kind: FieldType, value: Any) -> str:
    if value in (None, "", [], {}):
        return ""
    if kind is FieldType.LIST:
        if any(re.search(r"[、;；,，\n]", item) for item in value):
            return json.dumps(value, ensure_ascii=False)  # items with separators stay whole
        return "；".join(value)
    if kind is FieldType.SOURCE:
        return f"{value['document']}｜{value['quote']}" if value.get("quote") else value["document"]
    if kind is FieldType.FIGURES:
        return json.dumps(value, ensure_ascii=False)
    return str(value)
