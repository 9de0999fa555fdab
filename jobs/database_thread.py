"""The notices' database work off the event loop: one thread with its own connection."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from knowledge.db import connect

T = TypeVar("T")


class DatabaseThread:
    """One thread with its own connection to the database file, so that SQLite's waits (staff
    importing in another process holds the write lock) never stall the event loop."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="notices-db")
        self._db: sqlite_utils.Database | None = None

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, fn, args)

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._db is None:
            self._db = connect(self.path)
        return fn(self._db, *args)

    def close(self) -> None:
        def close_db() -> None:
            if self._db is not None:
                self._db.close()
                self._db = None

        self._executor.submit(close_db)
        self._executor.shutdown(wait=True)
