"""What each chat asked lately and what the bot said: the context a hand-off shows staff.

Kept in the bot's memory only (a restart forgets it): the question log keeps no asker, and a
ticket needs no more than the last few exchanges of the chat that asks for a person.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass

KEPT_EXCHANGES = 5  # per chat
KEPT_CHATS = 10_000  # the least recently active chats are forgotten first
KEPT_CHARACTERS = 500  # of a question or reply: a ticket quotes less, memory stays bounded


@dataclass(frozen=True)
class Exchange:
    question: str
    reply: str
    ref: str  # the logged question's ref ("" when it was not logged)


class ChatHistory:
    """The last few exchanges of each recently active chat."""

    def __init__(self, per_chat: int = KEPT_EXCHANGES, chats: int = KEPT_CHATS) -> None:
        self._per_chat = per_chat
        self._chats = chats
        self._exchanges: OrderedDict[int, deque[Exchange]] = OrderedDict()

    def add(self, chat_id: int, question: str, reply: str, ref: str) -> None:
        kept = self._exchanges.pop(chat_id, None) or deque(maxlen=self._per_chat)
        kept.append(Exchange(question[:KEPT_CHARACTERS], reply[:KEPT_CHARACTERS], ref))
        self._exchanges[chat_id] = kept
        while len(self._exchanges) > self._chats:
            self._exchanges.popitem(last=False)

    def of(self, chat_id: int) -> list[Exchange]:
        """The chat's exchanges, oldest first."""
        return list(self._exchanges.get(chat_id, ()))

    def last_ref(self, chat_id: int) -> str:
        kept = self._exchanges.get(chat_id)
        return kept[-1].ref if kept else ""

    def forget(self, chat_id: int) -> None:
        self._exchanges.pop(chat_id, None)
