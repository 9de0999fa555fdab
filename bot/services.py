"""The services every handler shares, as one typed object (not string keys in bot_data)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from telegram.ext import CallbackContext, ExtBot

from bot.settings import Settings
from bot.throttle import FloodGuard
from knowledge.answering.answer import Answerer
from knowledge.answering.browse import Browser
from knowledge.answering.context import Conversations
from knowledge.catalog import Catalog
from knowledge.opening import open_answerer
from knowledge.residents.history import ChatHistory
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore

log = logging.getLogger(__name__)
RELOAD_WAIT = 1.0  # seconds a resident may wait for knowledge staff just changed
QUESTIONS_WAIT_SECONDS = 3.0  # at most, before staff read the question log (/stats, /unanswered)


@dataclass
class Services:
    settings: Settings
    knowledge: KnowledgeStore
    residents: ResidentsStore
    answerer: Answerer
    flood: FloodGuard = field(default_factory=FloodGuard)
    reload_wait: float = RELOAD_WAIT  # tests on a loaded machine allow more
    # What each resident was last answered about, for follow-ups; in memory only.
    conversations: Conversations = field(init=False)
    history: ChatHistory = field(default_factory=ChatHistory)  # what a hand-off shows staff
    stopping_for_database: bool = field(default=False, init=False)
    _reload: asyncio.Future[bool] | None = field(default=None, init=False)
    _file_identity: tuple[int, int] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._file_identity = _identity(self.knowledge.path)
        self.conversations = Conversations(self.settings.context_minutes)

    def database_file_changed(self) -> bool:
        """Whether the database file was deleted or replaced since it was opened: the bot
        would go on answering from, and logging questions into, a file nobody sees any more."""
        return self._file_identity is not None and _identity(self.knowledge.path) != (
            self._file_identity
        )

    @property
    def browser(self) -> Browser:
        """Lists and cards over the knowledge the answers come from."""
        return self.answerer.snapshot.browser

    @property
    def catalog(self) -> Catalog:
        """The records the answers come from, typed (to check ids a button carries)."""
        return self.answerer.snapshot.catalog

    async def refresh(self) -> None:
        """Pick up knowledge staff changed, loading it in a thread, one load at a time.

        The resident whose message finds the knowledge changed waits for the new version
        up to RELOAD_WAIT (a small base loads well within it, so they see what staff just
        imported); residents writing while it loads, and that one after RELOAD_WAIT, are
        answered from the version in use. A large base takes seconds to load: had everyone
        waited for it, every conversation would stall for that long (issue 11, item 5)."""
        if self._reload is not None and not self._reload.done():
            return
        if not self.answerer.is_stale():
            return
        self._reload = asyncio.ensure_future(asyncio.to_thread(self.answerer.refresh))
        self._reload.add_done_callback(_log_failed_reload)
        await asyncio.wait({self._reload}, timeout=self.reload_wait)

    async def reload(self) -> bool:
        """Load the knowledge as it is now, waiting for it (after staff changed it here)."""
        return await asyncio.to_thread(self.answerer.refresh)

    async def update_question(self, ref: str, change: Callable[[str], bool]) -> bool:
        """Mark a logged question (👍/👎, 转人工) with `change(ref)`. It may still wait in the
        log's queue, written in a moment by its thread: then it is written first. False for a
        ref never logged (or deleted since)."""
        if change(ref):
            return True
        if self.answerer.questions is None:
            return False
        await self.questions_written()
        return change(ref)

    async def questions_written(self) -> None:
        """Wait until every question asked so far is in the database (the log's writer lets
        a moment's questions gather): before staff read what residents asked. At most a few
        seconds: a log that cannot be written (an import's lock, a full disk) must not hang
        the staff's commands; they then read what is written."""
        if self.answerer.questions is not None:
            await asyncio.to_thread(self.answerer.questions.flush, QUESTIONS_WAIT_SECONDS)

    def close(self) -> None:
        """Write the questions still queued and close the database."""
        if self.answerer.questions is not None:
            self.answerer.questions.close()
        self.knowledge.close()


def _log_failed_reload(reload: asyncio.Future[bool]) -> None:
    """A load that failed is tried again at the next message; say why it failed."""
    if not reload.cancelled() and reload.exception() is not None:
        log.error("could not load the changed knowledge", exc_info=reload.exception())


def _identity(path: Path | None) -> tuple[int, int] | None:
    """(device, inode) of a file: another file at the same path has another one."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (-1, -1)
    return stat.st_dev, stat.st_ino


def open_services(settings: Settings) -> Services:
    """The stores in the settings' database file (seeded and upgraded), and the answerer."""
    answerer, residents = open_answerer(settings.db_path, settings.tz_name)
    return Services(settings, answerer.store, residents, answerer)


class BotData:
    """Application.bot_data: holds the services, set once by bot.app.build_application."""

    services: Services


Context = CallbackContext[ExtBot[None], dict, dict, BotData]
