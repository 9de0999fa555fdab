"""The strict fake Bot API with the faults a broadcast meets beyond 429 and 403: an answer that
comes too late (the message was delivered), a group that became a supergroup, server errors."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from typing import Any

from tests.support.fake_bot_api import FakeBotAPI
from tests.support.telegram_validate import ApiError, Params


class FaultyBotAPI(FakeBotAPI):
    """FakeBotAPI plus slow_chat(), migrate_chat() and fail_chat() for sendMessage."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._slow: dict[int, float] = {}
        self._migrated: dict[int, int] = {}
        self._server_errors: Counter[int] = Counter()

    def slow_chat(self, chat_id: int, seconds: float) -> None:
        """Deliver messages to this chat, then answer only after `seconds`."""
        self._slow[chat_id] = seconds

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """The group became a supergroup: sends to the old id fail with migrate_to_chat_id."""
        self._migrated[old_chat_id] = new_chat_id

    def fail_chat(self, chat_id: int, count: int = 1) -> None:
        """Answer the next `count` sends to this chat with 500 Internal Server Error."""
        self._server_errors[chat_id] += count

    def _dispatch(self, path: str, params: Params, connection: Any = None) -> Any:
        chat: Any = params.get("chat_id")
        with contextlib.suppress(TypeError, ValueError):
            chat = int(chat)
        if path.endswith("/sendMessage"):
            with self._cond:
                if chat in self._migrated:
                    self._calls.append(("sendMessage", dict(params)))
                    error = ApiError(
                        400, "Bad Request: group chat was upgraded to a supergroup chat"
                    )
                    body = self._error_body("sendMessage", params, error)
                    body["parameters"] = {"migrate_to_chat_id": self._migrated[chat]}
                    return 400, body
                if self._server_errors[chat] > 0:
                    self._server_errors[chat] -= 1
                    self._calls.append(("sendMessage", dict(params)))
                    error = ApiError(500, "Internal Server Error")
                    return 500, self._error_body("sendMessage", params, error)
        answer = super()._dispatch(path, params, connection)
        delay = self._slow.get(chat) if path.endswith("/sendMessage") else None
        if delay and answer and answer[0] == 200:
            time.sleep(delay)
        return answer
