"""The curated knowledge in SQLite (through sqlite-utils): its tables, version and audit trail."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from knowledge.db import connect, file_of, now_utc
from knowledge.schema import JSON_KINDS, TABLE_ORDER, TABLES, FieldType

JSON_TYPES = JSON_KINDS
Records = dict[str, dict[str, dict[str, Any]]]  # table → key → record, as stored

migrations = Migrations("orgbot-knowledge")


@migrations()
def m001_curated_tables(db: sqlite_utils.Database) -> None:
    """The tables of release 0.1.0 (a database made by it already has them)."""
    for name in TABLE_ORDER:
        spec = TABLES[name]
        if not db[name].exists():
            db[name].create({f.name: str for f in spec.fields}, pk=spec.key)
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["audit"].create(
        {
            "id": int,
            "at": str,
            "table_name": str,
            "record_id": str,
            "action": str,
            "file": str,
            "before": str,
            "after": str,
        },
        pk="id",
        if_not_exists=True,
    )


# Added by release 0.2 (issue 14): the registry's columns, the topics an import inferred, and
# which source each later-added field came from. Listed here, not read from the schema, so
# this migration means the same thing forever.
M002_COLUMNS = {
    "organizations": (
        "credit_code",
        "registration_authority",
        "supervisor",
        "legal_representative",
        "registered_on",
        "business_scope",
        "registered_capital",
        "activity_area",
        "is_charity",
        "rating",
        "annual_check",
        "certificate_valid_until",
        "inferred_topics",
        "field_sources",
    ),
    "projects": ("field_sources",),
    "facts": ("field_sources",),
    "activities": ("field_sources",),
}


@migrations()
def m002_registry_columns(db: sqlite_utils.Database) -> None:
    """Registry columns on organizations; per-field sources on every sourced table. A new
    database got them from m001 already (it creates the current schema's tables)."""
    for table, columns in M002_COLUMNS.items():
        have = set(db[table].columns_dict)
        for column in columns:
            if column not in have:
                db[table].add_column(column, str)
    # Rows of release 0.1.0 hold NULL in the new columns: the store reads NULL as empty.
    db["organizations"].create_index(["credit_code"], if_not_exists=True)


# Added by issue 16: residents' words and the administrative divisions, as knowledge tables.
# Listed here, not read from the schema, so this migration means the same thing forever.
M003_TABLES = {
    "words": ("word", ("word", "standard", "kind", "not_in")),
    "divisions": ("name", ("name", "level", "parent", "aliases")),
}
M003_LISTS = {"not_in", "aliases"}
SHIPPED_WORDS = Path(__file__).parent / "data"


@migrations()
def m003_residents_words(db: sqlite_utils.Database) -> None:
    """The residents' words and divisions tables. A database seeded before them gets the
    shipped tables (knowledge/data/words.yaml, divisions.yaml), audited, with a new knowledge
    version so the search index is rebuilt; a new database gets them when it is seeded."""
    for table, (key, columns) in M003_TABLES.items():
        if not db[table].exists():
            db[table].create({column: str for column in columns}, pk=key)
    seeded = db.execute("SELECT value FROM meta WHERE key = 'seeded_at'").fetchone()
    if not seeded:
        return
    import yaml  # only for this upgrade: `orgbot ask` starts without it

    version = hashlib.sha256((_meta(db, "kb_version") or "0").encode())
    at = now_utc()
    for table, (key, columns) in M003_TABLES.items():
        if db[table].count:
            continue
        items = yaml.safe_load((SHIPPED_WORDS / f"{table}.yaml").read_text("utf-8"))[table]
        for item in items:
            row = {
                column: json.dumps(item.get(column) or [], ensure_ascii=False, sort_keys=True)
                if column in M003_LISTS
                else str(item.get(column) or "")
                for column in columns
            }
            db[table].insert(row, pk=key, replace=True)
            after = json.dumps({c: item.get(c) for c in columns}, ensure_ascii=False)
            db["audit"].insert(
                {
                    "at": at,
                    "table_name": table,
                    "record_id": row[key],
                    "action": "added",
                    "file": f"m003_residents_words: {table}.yaml",
                    "before": "",
                    "after": after,
                }
            )
            version.update(f"{table}\0{row[key]}\n".encode())
    db["meta"].upsert({"key": "kb_version", "value": version.hexdigest()[:16]}, pk="key")


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


class KnowledgeStore:
    """All reads and writes of the curated tables go through here."""

    def __init__(self, db: sqlite_utils.Database, *, migrate: bool = True) -> None:
        self.db = db
        self.path = file_of(db)  # None in memory
        if migrate:
            migrations.apply(db)

    @classmethod
    def open(cls, path: Any = None) -> KnowledgeStore:
        """The store in a database file (created and upgraded if needed), or in memory."""
        return cls(connect(path))

    def reader(self) -> KnowledgeStore:
        """The same store on a new connection, for another thread (in memory: this one)."""
        if self.path is None:
            return self
        return KnowledgeStore(connect(self.path), migrate=False)

    def close(self) -> None:
        self.db.close()

    # --- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db["meta"].upsert({"key": key, "value": value}, pk="key")

    @property
    def version(self) -> str:
        """Changes whenever the curated content changes (the matcher's cache key)."""
        return self.get_meta("kb_version") or "0"

    # --- records ------------------------------------------------------------------------

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        spec = TABLES[table]
        return {row[spec.key]: decode(table, row) for row in self.db[table].rows}

    def all_records(self) -> Records:
        return {table: self.records(table) for table in TABLE_ORDER}

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        spec = TABLES[table]
        rows = list(self.db[table].rows_where(f"[{spec.key}] = ?", [key]))
        return decode(table, rows[0]) if rows else None

    def count(self, table: str) -> int:
        return self.db[table].count

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: the block's writes land together or not at all."""
        with self.db.atomic():
            yield

    def write_record(self, table: str, record: dict[str, Any]) -> None:
        spec = TABLES[table]
        self.db[table].insert(encode(table, record), pk=spec.key, replace=True)

    def write_rows(self, table: str, rows: list[dict[str, str]]) -> None:
        """Many records, already encoded, in one executemany: a registry of 10,000 rows in a
        tenth of a second (sqlite-utils' insert_all takes ten times as long)."""
        if rows:
            names = [f.name for f in TABLES[table].fields]
            sql = (
                f"INSERT OR REPLACE INTO [{table}] ({', '.join(f'[{n}]' for n in names)}) "
                f"VALUES ({', '.join('?' for _ in names)})"
            )
            self.db.conn.executemany(sql, ([row[n] for n in names] for row in rows))

    def removed_ids(self, table: str) -> dict[str, str]:
        """Keys the audit says were removed from `table` and are not there now → the name
        they had (an id is never given to a different record; FORMAT.md)."""
        name_field = "title" if table == "activities" else "name"
        rows = self.db.execute(
            "SELECT record_id, before FROM audit WHERE table_name = ? AND action = 'removed' "
            "ORDER BY id",
            [table],
        ).fetchall()
        current = {
            row[0] for row in self.db.execute(f"SELECT [{TABLES[table].key}] FROM [{table}]")
        }
        removed: dict[str, str] = {}
        for key, before in rows:
            if key not in current:
                try:
                    removed[key] = str(json.loads(before).get(name_field, "")) if before else ""
                except ValueError:
                    removed[key] = ""
        return removed

    def delete_record(self, table: str, key: str) -> None:
        self.db[table].delete(key)

    def audit_many(self, rows: list[tuple[str, str, str, str, Any, Any]]) -> None:
        """Audit rows (table, key, action, file, before, after) in one batch."""
        at = now_utc()
        self.db.conn.executemany(
            "INSERT INTO audit (at, table_name, record_id, action, file, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    at,
                    table,
                    key,
                    action,
                    file,
                    json.dumps(before, ensure_ascii=False) if before else "",
                    json.dumps(after, ensure_ascii=False) if after else "",
                )
                for table, key, action, file, before, after in rows
            ),
        )

    def audit(
        self,
        table: str,
        key: str,
        action: str,
        file: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.db["audit"].insert(
            {
                "at": now_utc(),
                "table_name": table,
                "record_id": key,
                "action": action,
                "file": file,
                "before": json.dumps(before, ensure_ascii=False) if before else "",
                "after": json.dumps(after, ensure_ascii=False) if after else "",
            }
        )


def decode(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as a record: JSON fields parsed, NULLs as empty text."""
    out = dict(row)
    for fs in TABLES[table].fields:
        value = out.get(fs.name)
        if fs.kind in JSON_TYPES:
            out[fs.name] = json.loads(value) if value else _empty_json(fs.kind)
        elif value is None:
            out[fs.name] = ""
    return out


def encode(table: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record as stored: every schema field, JSON fields as canonical JSON text."""
    out = {}
    for fs in TABLES[table].fields:
        value = record.get(fs.name)
        if fs.kind in JSON_TYPES:
            out[fs.name] = json.dumps(
                value or _empty_json(fs.kind), ensure_ascii=False, sort_keys=True
            )
        else:
            out[fs.name] = "" if value is None else str(value)
    return out


def _empty_json(kind: FieldType) -> Any:
    return {} if kind in (FieldType.SOURCE, FieldType.FIELD_SOURCES) else []
