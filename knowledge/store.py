"""The knowledge base in SQLite (through sqlite-utils): curated tables, audit trail, question log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from knowledge.schema import TABLE_ORDER, TABLES, Kind

SHIPPED_DATA = Path(__file__).parent / "data"

_LOG_TABLES: dict[str, tuple[dict[str, type], str | None]] = {
    "audit": (
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
        "id",
    ),
    "questions": (
        {
            "id": int,
            "at": str,
            "channel": str,
            "user_ref": str,
            "query": str,
            "answered": int,
            "intent": str,
            "top_kind": str,
            "top_id": str,
            "score": float,
        },
        "id",
    ),
    "meta": ({"key": str, "value": str}, "key"),
    "subscriptions": (
        {"chat_id": int, "kind": str, "target": str, "created_at": str},
        None,
    ),
    "blocked_chats": ({"chat_id": int, "blocked_at": str}, "chat_id"),
}


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class KnowledgeStore:
    """All reads and writes of the knowledge database go through here."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._ensure_schema()

    @classmethod
    def open(cls, path: Path | str, *, seed: bool = True) -> KnowledgeStore:
        """Open (creating if needed) the database file; seed it from the shipped files once."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        store = cls(sqlite_utils.Database(path))
        # Short: the bot answers in its event loop and must not wait long on a staff import.
        store.db.execute("PRAGMA busy_timeout=1000")
        store.db.enable_wal()
        if seed:
            store.seed_if_new()
        return store

    @classmethod
    def memory(cls, *, seed: bool = True) -> KnowledgeStore:
        store = cls(sqlite_utils.Database(memory=True))
        if seed:
            store.seed_if_new()
        return store

    # --- schema -------------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        for name in TABLE_ORDER:
            spec = TABLES[name]
            if not self.db[name].exists():
                self.db[name].create({f.name: str for f in spec.fields}, pk=spec.key)
        for name, (columns, pk) in _LOG_TABLES.items():
            if not self.db[name].exists():
                self.db[name].create(columns, pk=pk)
        if not self.db["subscriptions"].indexes:
            self.db["subscriptions"].create_index(["chat_id", "kind", "target"], unique=True)
        if not self.db["questions"].indexes:
            self.db["questions"].create_index(["answered", "at"])

    def seed_if_new(self) -> None:
        """Load the shipped knowledge files into a database that has never been seeded."""
        if self.get_meta("seeded_at"):
            return
        from knowledge.importer import import_files

        report = import_files(self, [SHIPPED_DATA])
        if not report.ok:  # the shipped files are tested; this guards a broken install
            raise RuntimeError("shipped knowledge files do not validate:\n" + report.describe())
        self.set_meta("seeded_at", now_utc())

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
        return {row[spec.key]: self._decode(table, row) for row in self.db[table].rows}

    def all_records(self) -> dict[str, dict[str, dict[str, Any]]]:
        return {table: self.records(table) for table in TABLE_ORDER}

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        spec = TABLES[table]
        rows = list(self.db[table].rows_where(f"[{spec.key}] = ?", [key]))
        return self._decode(table, rows[0]) if rows else None

    def count(self, table: str) -> int:
        return self.db[table].count

    @staticmethod
    def _decode(table: str, row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for fs in TABLES[table].fields:
            value = out.get(fs.name)
            if fs.kind in (Kind.LIST, Kind.FIGURES, Kind.SOURCE):
                out[fs.name] = (
                    json.loads(value) if value else ([] if fs.kind != Kind.SOURCE else {})
                )
            elif value is None:
                out[fs.name] = ""
        return out

    @staticmethod
    def _encode(table: str, record: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for fs in TABLES[table].fields:
            value = record.get(fs.name)
            if fs.kind in (Kind.LIST, Kind.FIGURES, Kind.SOURCE):
                out[fs.name] = json.dumps(
                    value or ([] if fs.kind != Kind.SOURCE else {}),
                    ensure_ascii=False,
                    sort_keys=True,
                )
            else:
                out[fs.name] = "" if value is None else str(value)
        return out

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: the block's writes land together or not at all."""
        with self.db.atomic():
            yield

    def write_record(self, table: str, record: dict[str, Any]) -> None:
        spec = TABLES[table]
        self.db[table].insert(self._encode(table, record), pk=spec.key, replace=True)

    def delete_record(self, table: str, key: str) -> None:
        self.db[table].delete(key)

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

    # --- questions residents asked ----------------------------------------------------------

    def log_question(
        self,
        *,
        query: str,
        answered: bool,
        intent: str,
        top_kind: str = "",
        top_id: str = "",
        score: float = 0.0,
        channel: str = "cli",
        user_ref: str = "",
    ) -> None:
        self.db["questions"].insert(
            {
                "at": now_utc(),
                "channel": channel,
                "user_ref": user_ref,
                "query": query[:2000],
                "answered": int(answered),
                "intent": intent,
                "top_kind": top_kind,
                "top_id": top_id,
                "score": round(score, 4),
            }
        )

    def unanswered_questions(self, limit: int = 50) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT query, COUNT(*) AS times, MAX(at) AS last_asked FROM questions "
                "WHERE answered = 0 AND intent != 'greeting' GROUP BY query "
                "ORDER BY times DESC, last_asked DESC LIMIT ?",
                [limit],
            )
        )

    # --- residents' chats -----------------------------------------------------------------

    def subscribe(self, chat_id: int, kind: str, target: str) -> bool:
        """Remember a subscription; False when the chat already had it."""
        before = self.db["subscriptions"].count
        self.db["subscriptions"].insert(
            {"chat_id": chat_id, "kind": kind, "target": target, "created_at": now_utc()},
            ignore=True,
        )
        return self.db["subscriptions"].count > before

    def mark_blocked(self, chat_id: int) -> None:
        """A resident blocked the bot (Telegram answered 403): stop writing to them."""
        self.db["blocked_chats"].upsert({"chat_id": chat_id, "blocked_at": now_utc()}, pk="chat_id")

    def clear_blocked(self, chat_id: int) -> None:
        self.db.execute("DELETE FROM blocked_chats WHERE chat_id = ?", [chat_id])
        self.db.conn.commit()

    def is_blocked(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM blocked_chats WHERE chat_id = ?", [chat_id]).fetchone()
        return row is not None
