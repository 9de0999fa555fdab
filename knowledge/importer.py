"""Import validated files into the store (all or nothing, audited) and export them back."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from knowledge.schema import TABLE_ORDER, TABLES, Kind
from knowledge.validate import Dataset, load_dataset

if TYPE_CHECKING:
    from knowledge.store import KnowledgeStore


@dataclass
class ImportReport:
    dataset: Dataset
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dataset.ok

    def describe(self) -> str:
        if not self.ok:
            return "\n".join(str(p) for p in self.dataset.problems)
        lines = []
        for verb, items in (
            ("added", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
        ):
            lines.append(f"{verb}: {len(items)}")
            lines.extend(f"  {table} {key}" for table, key in items)
        return "\n".join(lines)


class ImportFailed(Exception):
    """The files did not validate; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.describe())
        self.report = report


def validate_files(
    store: KnowledgeStore | None,
    paths: list[Path],
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
) -> Dataset:
    existing = store.all_records() if store is not None else None
    return load_dataset(paths, existing, replace=replace, default_tz=default_tz)


def import_files(
    store: KnowledgeStore,
    paths: list[Path],
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
    dry_run: bool = False,
) -> ImportReport:
    """Validate, then apply every change in one transaction; problems mean no change at all."""
    existing = store.all_records()
    dataset = load_dataset(paths, existing, replace=replace, default_tz=default_tz)
    report = ImportReport(dataset)
    if not dataset.ok:
        return report
    source_files = {key: where.rsplit(":", 1)[0] for key, where in dataset.origins.items()}
    with store.transaction():
        for table in dataset.tables:
            current = existing[table]
            for key, record in dataset.records[table].items():
                before = current.get(key)
                if before is not None:  # fields the file did not give keep their values
                    given = dataset.present.get((table, key), frozenset(record))
                    record = {**before, **{k: v for k, v in record.items() if k in given}}
                if before is not None and _comparable(table, before) == _comparable(table, record):
                    continue
                report.added.append((table, key)) if before is None else report.changed.append(
                    (table, key)
                )
                if dry_run:
                    continue
                store.write_record(table, record)
                store.audit(
                    table,
                    key,
                    "added" if before is None else "changed",
                    source_files[(table, key)],
                    before,
                    record,
                )
            if replace:
                for key in sorted(set(current) - set(dataset.records[table])):
                    report.removed.append((table, key))
                    if not dry_run:
                        store.delete_record(table, key)
                        store.audit(
                            table, key, "removed", ", ".join(map(str, paths)), current[key], None
                        )
        if not dry_run and (report.added or report.changed or report.removed):
            store.set_meta("kb_version", content_hash(store))
    return report


def _comparable(table: str, record: dict[str, Any]) -> str:
    """Records compare equal when every schema field is equal, as stored."""
    from knowledge.store import KnowledgeStore

    return json.dumps(KnowledgeStore._encode(table, record), sort_keys=True, ensure_ascii=False)


def content_hash(store: KnowledgeStore) -> str:
    digest = hashlib.sha256()
    for table in TABLE_ORDER:
        for key, record in sorted(store.records(table).items()):
            digest.update(f"{table}\0{key}\0{_comparable(table, record)}\n".encode())
    return digest.hexdigest()[:16]


# --- export ----------------------------------------------------------------------------


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


def _csv_cell(kind: Kind, value: Any) -> str:
    if value in (None, "", [], {}):
        return ""
    if kind is Kind.LIST:
        if any(re.search(r"[、;；,，\n]", item) for item in value):
            return json.dumps(value, ensure_ascii=False)  # items with separators stay whole
        return "；".join(value)
    if kind is Kind.SOURCE:
        return f"{value['document']}｜{value['quote']}" if value.get("quote") else value["document"]
    if kind is Kind.FIGURES:
        return json.dumps(value, ensure_ascii=False)
    return str(value)
