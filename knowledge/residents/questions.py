"""The question log: every question residents ask, kept for the staff's review.

Answering never waits for it. With a database file, a writer thread on its own connection
inserts what was asked in batches, so a resident's reply never waits on the disk or on a
staff import holding the write lock in another process. `close()` (at a clean stop) writes
everything still queued; a crash can lose the questions of the last moment, never an answer.
"""

from __future__ import annotations

import logging
import queue
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from knowledge.db import UnusableDatabase, connect, describe, now_utc

log = logging.getLogger(__name__)
MAX_QUERY = 2000  # characters kept of one question
BATCH = 500
RETRY_SECONDS = 1.0
# The writer lets a moment's questions gather and writes them in one transaction: woken and
# committing for each question (hundreds a second under load) cost the bot more CPU than
# answering some of them (benchmarks/bench_load.py).
GATHER_SECONDS = 0.05
# user_ref is left empty (NULL): the review needs no asker (see m004 in store.py), and
# until retention and /forget land nothing ties a question to a Telegram account.
_INSERT = (
    "INSERT INTO questions (at, channel, query, answered, intent, top_kind, top_id,"
    " score, ref, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def new_ref() -> str:
    """A short id for a logged question that buttons can carry (👍/👎, 转人工)."""
    return secrets.token_urlsafe(6)


@dataclass(frozen=True)
class AskedQuestion:
    """One question asked, as the log keeps it (row() is what is written)."""

    channel: str
    user_ref: str  # who asked: accepted from the callers, never stored
    query: str
    answered: bool
    intent: str
    top_kind: str = ""
    top_id: str = ""
    score: float = 0.0
    decision: str = ""  # answer | choose | confirm | none: how sure the bot was
    ref: str = field(default_factory=new_ref)
    at: str = field(default_factory=now_utc)

    def row(self) -> tuple[object, ...]:
        """The values in the order of _INSERT's columns (never who asked)."""
        return (
            self.at,
            self.channel,
            # A lone surrogate cannot be encoded for SQLite and would stop the writer.
            self.query[:MAX_QUERY].encode("utf-8", "replace").decode("utf-8"),
            int(self.answered),
            self.intent,
            self.top_kind,
            self.top_id,
            round(self.score, 4),
            self.ref,
            self.decision,
        )


class QuestionLog:
    """Writes asked questions to the residents' store without holding up the answer."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None) -> None:
        self._db = db  # used directly for an in-memory database (tests, benchmarks)
        self._path = path
        self._queue: queue.Queue[AskedQuestion | None] = queue.Queue()
        self._closing = threading.Event()
        self._hurry = threading.Event()  # flush() or close(): write now, without gathering
        self._failing = False  # writes fail (a full disk...): said once, and when they work again
        self._thread: threading.Thread | None = None
        if path is not None:
            self._thread = threading.Thread(
                target=self._write_loop, name="question-log", daemon=True
            )
            self._thread.start()

    def record(self, question: AskedQuestion) -> None:
        """Queue a question for writing (in memory: write it now)."""
        if self._thread is None:
            self._write([question], self._db)
        else:
            self._queue.put(question)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every question recorded so far is written; False when `timeout` seconds
        passed first (the database is locked by an import, or the disk is full)."""
        if self._thread is None:
            return True
        self._hurry.set()
        if timeout is None:
            self._queue.join()
            return True
        deadline = time.monotonic() + timeout
        done = self._queue.all_tasks_done  # what Queue.join waits on, with a timeout
        with done:
            while self._queue.unfinished_tasks:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                done.wait(left)
        return True

    def close(self) -> None:
        """Write what is queued and stop the writer (a clean stop loses nothing)."""
        if self._thread is not None and self._thread.is_alive():
            self._closing.set()  # a write that keeps failing is given up, not retried
            self._hurry.set()
            self._queue.put(None)
            self._thread.join()

    def _write_loop(self) -> None:
        db = self._connect()  # a connection of this thread's own
        if db is None:
            return
        try:
            while True:
                first = self._queue.get()
                if self._hurry.wait(GATHER_SECONDS) and not self._closing.is_set():
                    self._hurry.clear()
                batch = [first]
                while len(batch) < BATCH:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                stop = None in batch
                questions = [q for q in batch if q is not None]
                while questions and not self._try_write(questions, db, stop):
                    stop = self._closing.wait(RETRY_SECONDS)
                for _ in batch:
                    self._queue.task_done()
                if stop:
                    return
        finally:
            db.close()

    def _try_write(
        self, questions: list[AskedQuestion], db: sqlite_utils.Database, stopping: bool
    ) -> bool:
        try:
            self._write(questions, db)
        except sqlite3.Error as exc:
            if stopping:  # shutting down: say what is lost rather than hang
                log.warning("could not log %d question(s) at shutdown: %s", len(questions), exc)
                return True
            if not self._failing:  # once, not every second while the disk stays full
                self._failing = True
                log.warning(
                    "cannot write the question log (%s); answering goes on, questions wait "
                    "in memory and are written once it works again",
                    describe(self._path or Path(":memory:"), exc),
                )
            return False
        if self._failing:
            self._failing = False
            log.info("the question log is written again")
        return True

    def _connect(self) -> sqlite_utils.Database | None:
        """The writer's connection, tried again until it opens or close() is called."""
        while True:
            try:
                return connect(self._path)
            except (sqlite3.Error, OSError, UnusableDatabase) as exc:
                if not self._failing:
                    self._failing = True
                    log.warning(
                        "cannot open the question log (%s); answering goes on",
                        describe(self._path or Path(":memory:"), exc),
                    )
            if self._closing.wait(RETRY_SECONDS):
                return None

    @staticmethod
    def _write(questions: list[AskedQuestion], db: sqlite_utils.Database) -> None:
        with db.conn:
            db.conn.executemany(_INSERT, [q.row() for q in questions])
