"""Apply validated changes to the knowledge store: all or nothing, every change audited.

Files staff import and records typed in a chat take the same path: read (or typed) raw
records → validation against what the store holds → one transaction with an audit row per
change → a new knowledge version. The shipped files seed a new database the same way.

A row that updates a known record changes only the fields it gives. Those fields keep the
row's own source (`field_sources`) when it is not the record's: a phone from the registry
on an organization curated from an article is cited as 来源：民政局登记信息, the article's
summary still as the article.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.answering.cache import load_or_build_index
from knowledge.curation.columns import TABLE_SHEET_NAMES
from knowledge.curation.dataset import Dataset
from knowledge.curation.limits import ImportLimits
from knowledge.curation.messages import Lang
from knowledge.curation.readers import RawRecord, ReadResult, read_files
from knowledge.curation.validate import validate_read
from knowledge.db import now_utc
from knowledge.schema import SLUG_TABLES, TABLE_ORDER, TABLES
from knowledge.store import KnowledgeStore, encode

SHIPPED_DATA = Path(__file__).parent.parent / "data"
# Fields whose source is not a question: bookkeeping, or read from other fields.
_UNSOURCED = {"id", "source", "field_sources", "topics", "inferred_topics"}
_VERBS = {
    "added": ("新增", "added"),
    "changed": ("更新", "updated"),
    "unchanged": ("未变", "unchanged"),
    "removed": ("删除", "removed"),
}


@dataclass
class ImportReport:
    dataset: Dataset
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)  # updated
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dataset.ok

    @property
    def changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def describe(self, *, verbose: bool = False, lang: Lang = Lang.ZH) -> str:
        """Counts per table (one line each); with `verbose`, every record that changed."""
        if not self.ok:
            return "\n".join(p.text(lang) for p in self.dataset.problems)
        lists = {
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }
        tables = [
            t
            for t in TABLE_ORDER
            if any(t == table for items in lists.values() for table, _ in items)
        ]
        if not tables:
            return "没有变化" if lang is Lang.ZH else "no changes"
        lines = []
        for table in tables:
            counts = [
                (verb, sum(1 for t, _ in items if t == table)) for verb, items in lists.items()
            ]
            if lang is Lang.ZH:
                parts = "，".join(f"{_VERBS[v][0]} {n}" for v, n in counts)
                lines.append(f"{TABLE_SHEET_NAMES[table]}：{parts}")
            else:
                parts = ", ".join(f"{_VERBS[v][1]} {n}" for v, n in counts)
                lines.append(f"{table}: {parts}")
        if verbose:
            for verb in ("added", "changed", "removed"):
                word = _VERBS[verb][0 if lang is Lang.ZH else 1]
                lines.extend(f"  {word} {table} {key}" for table, key in lists[verb])
        return "\n".join(lines)


def validate_files(
    store: KnowledgeStore | None,
    paths: list[Path],
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
    strict: bool = False,
    limits: ImportLimits | None = None,
) -> Dataset:
    """Check files against what the store holds, changing nothing."""
    existing = store.all_records() if store is not None else None
    removed = _removed(store) if store is not None else None
    return validate_read(
        read_files(paths, limits),
        existing,
        replace=replace,
        default_tz=default_tz,
        removed=removed,
        strict=strict,
    )


def import_files(
    store: KnowledgeStore,
    paths: list[Path],
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
    dry_run: bool = False,
    strict: bool = False,
    index_cache: Path | None = None,
    today: date | None = None,
    limits: ImportLimits | None = None,
) -> ImportReport:
    """Validate files, then apply every change in one transaction; a problem means no change.

    With `index_cache`, the search index of the new knowledge is built and cached here, so a
    running bot loads it instead of building it while residents wait. `limits` bound what
    is read (a file past them is refused before it is read whole)."""
    report = _apply(
        store,
        read_files(paths, limits),
        ", ".join(map(str, paths)),
        replace=replace,
        default_tz=default_tz,
        dry_run=dry_run,
        strict=strict,
        today=today,
    )
    if index_cache is not None and report.ok and not dry_run:
        load_or_build_index(store, index_cache)
    return report


def apply_records(
    store: KnowledgeStore,
    records: list[tuple[str, dict[str, Any]]],
    *,
    origin: str,
    default_tz: str = "Asia/Shanghai",
    dry_run: bool = False,
) -> ImportReport:
    """Apply records given as (table, fields), e.g. typed by staff in a chat; `origin` names
    who and where (it stands in the audit trail where a file's name would)."""
    raw = [RawRecord(table, dict(data), origin, n) for n, (table, data) in enumerate(records, 1)]
    return _apply(
        store, ReadResult(raw), origin, replace=False, default_tz=default_tz, dry_run=dry_run
    )


def seed_if_new(store: KnowledgeStore) -> None:
    """Load the shipped knowledge files into a database that has never been seeded."""
    if store.get_meta("seeded_at"):
        return
    report = import_files(store, [SHIPPED_DATA])
    if not report.ok:  # the shipped files are tested; this guards a broken install
        raise RuntimeError("shipped knowledge files do not validate:\n" + report.describe())
    store.set_meta("seeded_at", now_utc())


def open_knowledge(path: Path | str | None = None) -> KnowledgeStore:
    """The knowledge store in a database file (or in memory), seeded on first use."""
    store = KnowledgeStore.open(path)
    seed_if_new(store)
    return store


def _removed(store: KnowledgeStore) -> dict[str, dict[str, str]]:
    return {table: store.removed_ids(table) for table in SLUG_TABLES}


def _apply(
    store: KnowledgeStore,
    read: ReadResult,
    removed_by: str,
    *,
    replace: bool,
    default_tz: str,
    dry_run: bool,
    strict: bool = False,
    today: date | None = None,
) -> ImportReport:
    existing = store.all_records()
    dataset = validate_read(
        read,
        existing,
        replace=replace,
        default_tz=default_tz,
        removed=_removed(store),
        strict=strict,
        today=today,
    )
    report = ImportReport(dataset)
    if not dataset.ok:
        return report
    writes: dict[str, list[dict[str, str]]] = {}  # table → rows as stored
    audits: list[tuple[str, str, str, str, Any, Any]] = []
    version = hashlib.sha256(store.version.encode())
    for table in dataset.tables:
        current = existing[table]
        for key, record in dataset.records[table].items():
            before = current.get(key)
            if before is not None:
                record = merge(table, before, record, dataset, key)
            row = encode(table, record)
            if before is not None and encode(table, before) == row:
                report.unchanged.append((table, key))
                continue
            (report.added if before is None else report.changed).append((table, key))
            writes.setdefault(table, []).append(row)
            version.update(f"{table}\0{key}\0{json.dumps(row, sort_keys=True)}\n".encode())
            file = dataset.origins[(table, key)].rsplit(":", 1)[0]
            action = "added" if before is None else "changed"
            audits.append((table, key, action, file, before, record))
        if replace:
            for key in sorted(set(current) - set(dataset.records[table])):
                report.removed.append((table, key))
                version.update(f"{table}\0{key}\0removed\n".encode())
                audits.append((table, key, "removed", removed_by, current[key], None))
    if dry_run or not report.changes:
        return report
    with store.transaction():
        for table, rows in writes.items():
            store.write_rows(table, rows)
        for table, key in report.removed:
            store.delete_record(table, key)
        store.audit_many(audits)
        # The version follows from the one before and the changes: it changes whenever the
        # content does, in time proportional to the change, not to the knowledge base.
        store.set_meta("kb_version", version.hexdigest()[:16])
    return report


def merge(
    table: str, before: dict[str, Any], record: dict[str, Any], dataset: Dataset, key: str
) -> dict[str, Any]:
    """A known record updated by a row: the fields the row gave, each with its source."""
    given = dataset.present.get((table, key), set(record)) - {"id"}
    merged = {**before, **{k: v for k, v in record.items() if k in given}}
    old, new = encode(table, before), encode(table, merged)
    changed = {k for k in given if old.get(k) != new.get(k)}
    if "name" in changed and dataset.matched.get((table, key)) == "code":
        # Renamed in the registry: residents may still ask by the old name.
        old = before["name"]
        if old not in merged.get("aliases", []):
            merged["aliases"] = [*merged.get("aliases", []), old]
    if "field_sources" in given or "source" not in TABLES[table].json_fields:
        return merged
    row_source = dataset.row_sources.get((table, key)) or before.get("source") or {}
    content = {k for k, v in before.items() if v not in ("", [], {}, None)} - _UNSOURCED
    if "source" in given and content <= given:
        merged["field_sources"] = {}  # the row restates the record: its source is the record's
        return merged
    merged["source"] = before.get("source") or row_source
    sources = dict(before.get("field_sources") or {})
    for name in sorted(changed - _UNSOURCED):
        if row_source == merged["source"]:
            sources.pop(name, None)
        else:
            sources[name] = row_source
    merged["field_sources"] = sources
    return merged


def comparable(table: str, record: dict[str, Any]) -> str:
    """Records compare equal when every schema field is equal, as stored."""
    return json.dumps(encode(table, record), sort_keys=True, ensure_ascii=False)
