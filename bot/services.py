"""The services every handler shares, as one typed object (not string keys in bot_data)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from telegram.ext import CallbackContext, ExtBot

from bot.settings import Settings
from bot.throttle import FloodGuard
from knowledge.answering.answer import Answerer
from knowledge.answering.browse import Browser
from knowledge.opening import open_answerer
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore


@dataclass
class Services:
    settings: Settings
    knowledge: KnowledgeStore
    residents: ResidentsStore
    answerer: Answerer
    flood: FloodGuard = field(default_factory=FloodGuard)
    _reloading: asyncio.Lock = field(default_factory=asyncio.Lock)
    stopping_for_database: bool = field(default=False, init=False)
    _file_identity: tuple[int, int] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._file_identity = _identity(self.knowledge.path)

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

    async def refresh(self) -> None:
        """Pick up knowledge staff changed, loading it off the event loop; meanwhile the
        other residents are answered from the previous version."""
        if self.answerer.is_stale():
            async with self._reloading:
                await asyncio.to_thread(self.answerer.refresh)

    def close(self) -> None:
        """Write the questions still queued and close the database."""
        if self.answerer.questions is not None:
            self.answerer.questions.close()
        self.knowledge.close()


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
