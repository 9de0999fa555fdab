"""The services every handler shares, as one typed object (not string keys in bot_data)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from telegram.ext import CallbackContext, ExtBot

from bot.settings import Settings
from bot.throttle import FloodGuard
from knowledge.answering.answer import Answerer
from knowledge.answering.browse import Browser
from knowledge.opening import open_answerer
from knowledge.records import Catalog
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

    @property
    def browser(self) -> Browser:
        """Lists and cards over the knowledge the answers come from."""
        return self.answerer.snapshot.browser

    @property
    def catalog(self) -> Catalog:
        """The records the answers come from, typed (to check ids a button carries)."""
        return self.answerer.snapshot.catalog

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


def open_services(settings: Settings) -> Services:
    """The stores in the settings' database file (seeded and upgraded), and the answerer."""
    answerer, residents = open_answerer(settings.db_path, settings.tz_name)
    return Services(settings, answerer.store, residents, answerer)


class BotData:
    """Application.bot_data: holds the services, set once by bot.app.build_application."""

    services: Services


Context = CallbackContext[ExtBot[None], dict, dict, BotData]
