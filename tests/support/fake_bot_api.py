"""A strict fake Telegram Bot API server for end-to-end tests of the bot (stdlib only).

Usage::

    with FakeBotAPI() as api:
        app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
        ...
        api.push_message(42, "/start")
        [reply] = api.wait_sent(42)

Requests are answered the way api.telegram.org answers them: same URL scheme
(`<base_url><token>/<method>`), same result shapes and the same error JSON
(`{"ok": false, "error_code": 400, "description": "Bad Request: ..."}`), so that
python-telegram-bot raises the same BadRequest / Forbidden / RetryAfter / Conflict.
Text rules (HTML entities, 4096 UTF-16 units, emptiness) live in telegram_html.py, the
other request checks in telegram_validate.py, the Bot API objects in telegram_objects.py,
the methods in fake_bot_api_methods.py, scripted failures and outages in
fake_bot_api_faults.py and the HTTP server in fake_bot_api_http.py.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from . import telegram_objects as objects
from .fake_bot_api_faults import Faults
from .fake_bot_api_http import ClientGone, Server
from .fake_bot_api_methods import BotAPIMethods
from .fake_bot_api_topics import TopicMethods
from .telegram_objects import (
    BOT_FIRST_NAME,
    BOT_USERNAME,
    DEFAULT_GROUP_ID,
    DEFAULT_SUPERGROUP_ID,
    DEFAULT_TOKEN,
    Stored,
)
from .telegram_validate import NOT_MODIFIED, QUERY_TOO_OLD, TOKEN_RE, ApiError, Params, bad

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_USERNAME",
    "DEFAULT_GROUP_ID",
    "DEFAULT_SUPERGROUP_ID",
    "DEFAULT_TOKEN",
    "NOT_MODIFIED",
    "QUERY_TOO_OLD",
    "ApiError",
    "FakeBotAPI",
    "Params",
]

_PATH_RE = re.compile(r"^/bot([^/]*)/([^/]*)$")


class FakeBotAPI(Faults, TopicMethods, BotAPIMethods):
    """In-process Telegram Bot API: start() it, point the bot at base_url, drive it with push_*."""

    def __init__(
        self,
        *,
        flood_limit_per_chat: int | None = None,
        flood_limit_global: int | None = None,
        require_known_chats: bool = False,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if not TOKEN_RE.match(token):
            raise ValueError("token must look like <digits>:<35 characters>")
        super().__init__(flood_limit_per_chat, flood_limit_global, require_known_chats)
        self._methods.update(self._topic_methods())
        self._method_names = {name.lower(): name for name in self._methods}
        self._token, self._host, self._port = token, host, port
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> FakeBotAPI:
        """Bind the port given (a free one by default) on 127.0.0.1; serve in a daemon thread."""
        if self._server is None:
            self._stopping = False
            self._server = Server((self._host, self._port), self)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"FakeBotAPI:{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Wake long polls, close every connection and release the port."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """What to pass to ApplicationBuilder().base_url() / Bot(base_url=) / TELEGRAM_BASE_URL."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def token(self) -> str:
        """A valid token (any <digits>:<35 chars> token is accepted)."""
        return self._token

    @property
    def bot_id(self) -> int:
        """The bot's user id, taken from the token."""
        return int(self._token.split(":")[0])

    # ------------------------------------------------------------ test helpers

    def push_message(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        username: str | None = None,
        first_name: str = "测试",
        entities: list[dict[str, Any]] | None = None,
        *,
        chat_title: str = "测试群",
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
    ) -> int:
        """Queue a text message from a user (in a forum topic: `message_thread_id`); returns
        its update_id."""
        user = objects.user(user_id, username, first_name)
        chat = objects.user_chat(user_id, chat_id, chat_type, username, first_name, chat_title)
        if entities is None:
            entities = objects.command_entities(text)
        with self._cond:
            if chat_type != "private" and chat["id"] in self._chats:
                chat = self._chats[chat["id"]]  # a group keeps its title and forum flag
            self._chats[chat["id"]] = chat
            message_id = self._new_message_id(chat["id"])
            message = objects.text_message(
                message_id, user, dict(chat), text, copy.deepcopy(entities)
            )
            if reply_to_message_id is not None:
                replied = self._messages.get((chat["id"], reply_to_message_id))
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat['id']}")
                message["reply_to_message"] = objects.without_reply(replied.message)
            if message_thread_id is not None:
                if message_thread_id not in self._topics.get(chat["id"], {}):
                    raise ValueError(f"no topic {message_thread_id} in chat {chat['id']}")
                message.update(message_thread_id=message_thread_id, is_topic_message=True)
            self._messages[(chat["id"], message_id)] = Stored(message, from_bot=False)
            return self._push_update("message", message)

    def push_callback(
        self,
        user_id: int,
        message_id: int,
        data: str,
        chat_id: int | None = None,
        *,
        username: str | None = None,
        first_name: str = "测试",
        check_button: bool = True,
    ) -> str:
        """Queue a button press on a message the bot sent; returns the callback_query_id."""
        chat_id = user_id if chat_id is None else chat_id
        with self._cond:
            stored = self._messages.get((chat_id, message_id))
            if stored is None or not stored.from_bot:
                raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
            buttons = [b.get("callback_data") for b in objects.inline_buttons(stored.markup)]
            if check_button and data not in buttons:
                raise ValueError(
                    f"message {message_id} has no button with callback_data {data!r}; "
                    f"its buttons carry {buttons!r}"
                )
            query_id = str(next(self._query_ids))
            self._callback_queries[query_id] = False
            sender = objects.user(user_id, username, first_name)
            query = objects.callback_query(query_id, sender, stored.message, chat_id, data)
            self._push_update("callback_query", query)
            return query_id

    def push_inline_query(
        self,
        user_id: int,
        query: str,
        *,
        offset: str = "",
        chat_type: str | None = "sender",
        username: str | None = None,
        first_name: str = "测试",
    ) -> str:
        """Queue an inline query ("@orgbot_test_bot query"); returns the inline_query_id."""
        with self._cond:
            query_id = str(next(self._query_ids))
            sender = objects.user(user_id, username, first_name)
            inline = objects.inline_query(query_id, sender, query, offset, chat_type)
            self._inline_queries[query_id] = {"query": query, "answered": False}
            self._push_update("inline_query", inline)
            return query_id

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update dict (its update_id is assigned here); returns the update_id."""
        with self._cond:
            kinds = [key for key in update if key != "update_id"]
            if len(kinds) != 1:
                raise ValueError("an update carries exactly one object")
            return self._push_update(kinds[0], copy.deepcopy(update[kinds[0]]))

    def block_user(self, chat_id: int) -> None:
        """Make every send to this chat fail with 403 Forbidden (blocked / kicked)."""
        with self._cond:
            self._blocked.add(chat_id)

    def unblock_user(self, chat_id: int) -> None:
        """Undo block_user()."""
        with self._cond:
            self._blocked.discard(chat_id)

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent successfully, in order (as they were when sent)."""
        with self._lock:
            found = [m for m in self._sent if chat_id is None or m["chat_id"] == chat_id]
            return copy.deepcopy(found)

    def edits(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Successful editMessageText / editMessageReplyMarkup calls, in order."""
        with self._lock:
            found = [m for m in self._edits if chat_id is None or m["chat_id"] == chat_id]
            return copy.deepcopy(found)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The current Bot API Message dict of a stored message (None if absent or deleted)."""
        with self._lock:
            stored = self._messages.get((chat_id, message_id))
            return copy.deepcopy(stored.message) if stored else None

    def calls(self, method: str | None = None) -> list[tuple[str, Params]]:
        """(method, params) of every request, failed ones included."""
        with self._lock:
            return copy.deepcopy([c for c in self._calls if method is None or c[0] == method])

    def clear(self) -> None:
        """Forget recorded calls, errors, messages sent and answers (chats and updates stay)."""
        with self._lock:
            for record in (self._calls, self._errors, self._flood_errors, self._sent,
                           self._edits, self._deleted, self._callback_answers,
                           self._inline_answers):  # fmt: skip
                record.clear()

    @property
    def errors(self) -> list[tuple[str, int, str]]:
        """(method, HTTP status, description) of every error answer given."""
        with self._lock:
            return list(self._errors)

    @property
    def flood_errors(self) -> list[tuple[str, Any, int]]:
        """(method, chat_id, retry_after) of every 429 given."""
        with self._lock:
            return list(self._flood_errors)

    @property
    def deleted(self) -> list[tuple[int, int]]:
        """(chat_id, message_id) of messages the bot deleted."""
        with self._lock:
            return list(self._deleted)

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        """Successful answerCallbackQuery calls."""
        with self._lock:
            return copy.deepcopy(self._callback_answers)

    @property
    def inline_answers(self) -> list[dict[str, Any]]:
        """Successful answerInlineQuery calls."""
        with self._lock:
            return copy.deepcopy(self._inline_answers)

    @property
    def commands(self) -> list[dict[str, str]]:
        """The commands of the last successful setMyCommands (any scope)."""
        with self._lock:
            return copy.deepcopy(self._last_commands)

    def commands_for(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list:
        """The commands currently set for a scope and language, as getMyCommands returns them."""
        with self._lock:
            key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
            return copy.deepcopy(self._command_lists.get(key, []))

    @property
    def webhook(self) -> dict[str, Any]:
        """The webhook settings recorded by setWebhook ({"url": ""} when none)."""
        with self._lock:
            return copy.deepcopy(self._webhook)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._lock:
            return copy.deepcopy(self._updates)

    def wait_for(
        self, predicate: Callable[[FakeBotAPI], Any], timeout: float = 10.0, what: str = ""
    ) -> Any:
        """Poll until predicate(self) is truthy and return its value; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate(self)
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what or predicate!r}\n{self.dump()}"
                )
            with self._cond:
                self._cond.wait(min(remaining, 0.05))

    def wait_sent(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> list[dict]:
        """Wait until at least `count` messages were sent to chat_id; return all sent there."""
        self.wait_for(
            lambda api: len(api.sent(chat_id)) >= count,
            timeout,
            f"{count} message(s) sent to chat {chat_id}",
        )
        return self.sent(chat_id)

    def dump(self, last: int = 10) -> str:
        """A readable summary of recent traffic, for failure messages."""
        with self._lock:
            lines = [f"last {last} messages sent:"]
            lines += [
                f"  chat {m['chat_id']} #{m['message_id']}: {m['plain'][:300]!r}"
                for m in self._sent[-last:]
            ] or ["  (none)"]
            lines.append(f"last {last} errors:")
            lines += [f"  {m} -> {s} {d}" for m, s, d in self._errors[-last:]] or ["  (none)"]
            lines.append(f"last {last} calls: {[c[0] for c in self._calls[-last:]]}")
            lines.append(f"unconfirmed updates: {[u['update_id'] for u in self._updates]}")
            return "\n".join(lines)

    # --------------------------------------------------------------- dispatch

    def _dispatch(
        self, path: str, params: Params, connection: socket.socket | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        """Route one HTTP request; returns (status, JSON body), None if the client hung up."""
        match = _PATH_RE.match(path)
        raw_method = match.group(2) if match else path.rsplit("/", 1)[-1]
        method = self._method_names.get(raw_method.lower(), raw_method)
        with self._cond:
            self._calls.append((method, copy.deepcopy(params)))
            try:
                if match is None:
                    raise ApiError(404, "Not Found")
                token = TOKEN_RE.match(match.group(1))
                if token is None or self._revoked(match.group(1)):
                    raise ApiError(401, "Unauthorized")
                if method not in self._methods:
                    raise ApiError(404, "Not Found")
                if self._drop_connection(method):  # raises the scripted error, if any
                    return None
                self._local.connection = connection
                result = self._methods[method](params, int(token.group(1)))
                body: dict[str, Any] = {"ok": True, "result": result}
                status = 200
            except ApiError as exc:
                status, body = exc.status, self._error_body(method, params, exc)
            except ClientGone:
                return None
            self._cond.notify_all()
            return status, body

    def _error_body(self, method: str, params: Params, exc: ApiError) -> dict[str, Any]:
        """Record an error answer and build Telegram's error JSON."""
        self._errors.append((method, exc.status, exc.description))
        body: dict[str, Any] = {
            "ok": False,
            "error_code": exc.status,
            "description": exc.description,
        }
        if exc.retry_after is not None:
            chat_id = params.get("chat_id")
            with contextlib.suppress(TypeError, ValueError):
                chat_id = int(chat_id)  # type: ignore[arg-type]
            self._flood_errors.append((method, chat_id, exc.retry_after))
            body["parameters"] = {"retry_after": exc.retry_after}
        return body

    def _bad_body(self, method: str, description: str) -> dict[str, Any]:
        """Record and build a 400 for a request whose body could not be read."""
        with self._lock:
            self._calls.append((method, {}))
            return self._error_body(method, {}, bad(description))
