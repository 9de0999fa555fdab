"""The services every handler shares, as one typed object (not string keys in bot_data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram.ext import CallbackContext, ExtBot

from bot.settings import Settings
from bot.throttle import FloodGuard
from knowledge.answer import Answerer
from knowledge.browse import Browser
from knowledge.store import KnowledgeStore


@dataclass
class Services:
    settings: Settings
    store: KnowledgeStore
    answerer: Answerer
    flood: FloodGuard = field(default_factory=FloodGuard)
    _browser: tuple[str, Browser] | None = None

    @property
    def browser(self) -> Browser:
        """A browser over the current knowledge (rebuilt when staff change it)."""
        version = self.answerer.index.version
        if self._browser is None or self._browser[0] != version:
            self._browser = (version, Browser(self.answerer.records))
        return self._browser[1]


class BotData:
    """Application.bot_data: holds the services, set once by bot.app.build_application."""

    services: Services


Context = CallbackContext[ExtBot[None], dict, dict, BotData]
