"""The notices' database work off the event loop: one thread with its own connection, and
writes that arrive while one is under way committed together."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Generic, TypeVar

import sqlite_utils

from knowledge.db import connect

T = TypeVar("T")
In = TypeVar("In")
Out = TypeVar("Out")


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


class GroupCommit(Generic[In, Out]):
    """Writes asked for while one is under way go together in the next transaction, so a
    burst of sends costs a few commits, yet each caller waits until its own write is durable."""

    def __init__(
        self, db: DatabaseThread, write: Callable[[sqlite_utils.Database, list[In]], list[Out]]
    ) -> None:
        self.db, self.write = db, write
        self._queue: list[tuple[In, asyncio.Future[Out]]] = []
        self._draining = False
        self._task: asyncio.Task[None] | None = None

    async def __call__(self, item: In) -> Out:
        return await self.submit(item)

    def submit(self, item: In) -> asyncio.Future[Out]:
        """Queue a write; the future is done when it is committed."""
        future: asyncio.Future[Out] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        if not self._draining:
            self._draining = True
            self._task = asyncio.get_running_loop().create_task(self._drain())
        return future

    async def flush(self) -> None:
        """Wait until everything queued so far is committed."""
        while self._draining and self._task is not None:
            await asyncio.shield(self._task)

    async def _drain(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue, []
                try:
                    results = await self.db.call(self.write, [item for item, _ in batch])
                except Exception as exc:  # each caller hears of it
                    for _, future in batch:
                        future.set_exception(exc)
                    continue
                for (_, future), result in zip(batch, results, strict=True):
                    future.set_result(result)
        finally:
            self._draining = False
