"""Apply validated changes to the knowledge store: all or nothing, every change audited.

Files staff import and records typed in a chat take the same path: read (or typed) raw
records → validation against what the store holds → one transaction with an audit row per
change → a new knowledge version. The shipped files seed a new database the same way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.answering.cache import load_or_build_index
from knowledge.curation.readers import RawRecord, ReadResult, read_files
from knowledge.curation.validate import Dataset, validate_read
from knowledge.db import now_utc
from knowledge.schema import TABLE_ORDER
from knowledge.store import KnowledgeStore, encode

SHIPPED_DATA = Path(__file__).parent.parent / "data"


@dataclass
class ImportReport:
    dataset: Dataset
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dataset.ok

    @property
    def changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

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


def validate_files(
    store: KnowledgeStore | None,
    paths: list[Path],
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
) -> Dataset:
    """Check files against what the store holds, changing nothing."""
    existing = store.all_records() if store is not None else None
    return validate_read(read_files(paths), existing, replace=replace, default_tz=default_tz)


def import_files(
    store: KnowledgeStore,
    paths: list[Path],
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
    dry_run: bool = False,
    index_cache: Path | None = None,
) -> ImportReport:
    """Validate files, then apply every change in one transaction; a problem means no change.

    With `index_cache`, the search index of the new knowledge is built and cached here, so a
    running bot loads it instead of building it while residents wait."""
    report = _apply(
        store,
        read_files(paths),
        ", ".join(map(str, paths)),
        replace=replace,
        default_tz=default_tz,
        dry_run=dry_run,
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


def _apply(
    store: KnowledgeStore,
    read: ReadResult,
    removed_by: str,
    *,
    replace: bool,
    default_tz: str,
    dry_run: bool,
) -> ImportReport:
    existing = store.all_records()
    dataset = validate_read(read, existing, replace=replace, default_tz=default_tz)
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
                (report.added if before is None else report.changed).append((table, key))
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
                        store.audit(table, key, "removed", removed_by, current[key], None)
        if not dry_run and report.changes:
            store.set_meta("kb_version", content_hash(store))
    return report


def _comparable(table: str, record: dict[str, Any]) -> str:
    """Records compare equal when every schema field is equal, as stored."""
    return json.dumps(encode(table, record), sort_keys=True, ensure_ascii=False)


def content_hash(store: KnowledgeStore) -> str:
    digest = hashlib.sha256()
    for table in TABLE_ORDER:
        for key, record in sorted(store.records(table).items()):
            digest.update(f"{table}\0{key}\0{_comparable(table, record)}\n".encode())
    return digest.hexdigest()[:16]
