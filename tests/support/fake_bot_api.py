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
Text rules (HTML entities, 4096 UTF-16 units, emptiness) live in telegram_html.py.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import math
import re
import select
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .telegram_html import MessageTextError, check_message_text, utf16_len

DEFAULT_TOKEN = "123456789:AAHfakeTokenForEndToEndTests-012345"
BOT_USERNAME = "orgbot_test_bot"
BOT_FIRST_NAME = "OrgBot Test"
DEFAULT_GROUP_ID = -987654321
DEFAULT_SUPERGROUP_ID = -1001987654321

QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]{35}$")
_PATH_RE = re.compile(r"^/bot([^/]*)/([^/]*)$")
_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_COMMAND_TOKEN_RE = re.compile(r"^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?$")
_JSON_PARAMS = frozenset(
    {"reply_markup", "entities", "commands", "results", "allowed_updates", "scope",
     "reply_parameters", "link_preview_options", "button"}
)  # fmt: skip
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note",
     "upload_video_note"}
)  # fmt: skip
_BUTTON_ACTIONS = (
    "callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "web_app", "login_url", "copy_text", "callback_game", "pay",
)  # fmt: skip
_INLINE_RESULT_TYPES = frozenset(
    {"article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document", "location",
     "venue", "contact", "game", "sticker"}
)  # fmt: skip
_SCOPE_TYPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
     "chat_administrators", "chat_member"}
)  # fmt: skip
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_FLOOD_COUNTED = frozenset({"sendMessage"})
_FORBIDDEN = {
    "private": "Forbidden: bot was blocked by the user",
    "group": "Forbidden: bot was kicked from the group chat",
    "supergroup": "Forbidden: bot was kicked from the supergroup chat",
    "channel": "Forbidden: bot is not a member of the channel chat",
}
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)

Params = dict[str, Any]


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


class _ClientGone(Exception):
    """The HTTP client disconnected while its request was waiting."""


def _client_gone(connection: socket.socket | None) -> bool:
    """Whether the peer closed the connection (readable with EOF)."""
    if connection is None:
        return False
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _bad(description: str) -> ApiError:
    """A 400 error with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {description}")


def _int(params: Params, name: str, default: int | None = None) -> int | None:
    """An integer parameter (form values arrive as strings)."""
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f"wrong parameter {name} specified") from None


def _bool(params: Params, name: str) -> bool:
    """A boolean parameter; PTB sends JSON "true"/"false"."""
    return params.get(name) in (True, 1, "true", "True", "1")


@dataclass
class _Stored:
    """A message as the server remembers it."""

    message: dict[str, Any]
    from_bot: bool
    markup: dict[str, Any] | None = None  # the inline keyboard shown under the message


class FakeBotAPI:
    """In-process Telegram Bot API: start() it, point the bot at base_url, drive it with push_*."""

    def __init__(
        self,
        *,
        flood_limit_per_chat: int | None = None,
        flood_limit_global: int | None = None,
        require_known_chats: bool = False,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
    ) -> None:
        if not _TOKEN_RE.match(token):
            raise ValueError("token must look like <digits>:<35 characters>")
        self._token, self._host = token, host
        self._flood_per_chat, self._flood_global = flood_limit_per_chat, flood_limit_global
        self._require_known_chats = require_known_chats
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._stopping = False
        self._local = threading.local()
        self._methods: dict[str, Callable[[Params, int], Any]] = {
            "getMe": self._get_me, "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook, "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info, "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands, "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message, "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message, "answerCallbackQuery": self._answer_callback,
            "answerInlineQuery": self._answer_inline, "sendChatAction": self._send_chat_action,
            "getChat": self._get_chat, "close": self._true, "logOut": self._true,
        }  # fmt: skip
        self._method_names = {name.lower(): name for name in self._methods}
        # server-side state
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        self._query_ids = itertools.count(4_718_000_000_000_000_001)
        self._allowed_updates: set[str] | None = None
        self._poll_generation = 0
        self._chats: dict[int, dict[str, Any]] = {}
        self._last_message_id: dict[int, int] = defaultdict(int)
        self._messages: dict[tuple[int, int], _Stored] = {}
        self._callback_queries: dict[str, bool] = {}  # id -> answered
        self._inline_queries: dict[str, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._scripted_failures: dict[str, deque[int]] = defaultdict(deque)
        self._flood_chat_times: dict[int, deque[float]] = defaultdict(deque)
        self._flood_all_times: deque[float] = deque()
        self._webhook: dict[str, Any] = {"url": ""}
        self._command_lists: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._last_commands: list[dict[str, str]] = []
        # records for assertions
        self._calls: list[tuple[str, Params]] = []
        self._errors: list[tuple[str, int, str]] = []
        self._flood_errors: list[tuple[str, Any, int]] = []
        self._sent: list[dict[str, Any]] = []
        self._edits: list[dict[str, Any]] = []
        self._deleted: list[tuple[int, int]] = []
        self._callback_answers: list[dict[str, Any]] = []
        self._inline_answers: list[dict[str, Any]] = []

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> FakeBotAPI:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread."""
        if self._server is None:
            self._stopping = False
            self._server = _Server((self._host, 0), self)
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
    ) -> int:
        """Queue a text message from a user; returns its update_id."""
        user = self._user(user_id, username, first_name)
        if chat_type == "private":
            if chat_id not in (None, user_id):
                raise ValueError("a private chat's id is the user's id")
            chat: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        elif chat_type in ("group", "supergroup"):
            if chat_id is None:
                chat_id = DEFAULT_GROUP_ID if chat_type == "group" else DEFAULT_SUPERGROUP_ID
            if chat_id >= 0:
                raise ValueError("group chat ids are negative")
            chat = {"id": chat_id, "type": chat_type, "title": chat_title}
        else:
            raise ValueError(f"unsupported chat_type {chat_type!r}")
        if entities is None:
            first_word = text.split(maxsplit=1)[0] if text.strip() else ""
            entities = []
            if text.startswith("/") and _COMMAND_TOKEN_RE.match(first_word):
                entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(first_word)}]
        with self._cond:
            self._chats[chat["id"]] = chat
            message: dict[str, Any] = {
                "message_id": self._new_message_id(chat["id"]),
                "from": user,
                "chat": dict(chat),
                "date": int(time.time()),
                "text": text,
            }
            if entities:
                message["entities"] = copy.deepcopy(entities)
            if reply_to_message_id is not None:
                replied = self._messages.get((chat["id"], reply_to_message_id))
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat['id']}")
                message["reply_to_message"] = _without_reply(replied.message)
            self._messages[(chat["id"], message["message_id"])] = _Stored(message, from_bot=False)
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
            buttons = [b.get("callback_data") for b in _inline_buttons(stored.markup)]
            if check_button and data not in buttons:
                raise ValueError(
                    f"message {message_id} has no button with callback_data {data!r}; "
                    f"its buttons carry {buttons!r}"
                )
            query_id = str(next(self._query_ids))
            self._callback_queries[query_id] = False
            self._push_update(
                "callback_query",
                {
                    "id": query_id,
                    "from": self._user(user_id, username, first_name),
                    "message": copy.deepcopy(stored.message),
                    "chat_instance": str(abs(chat_id) * 7919 + 104729),
                    "data": data,
                },
            )
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
            inline = {
                "id": query_id,
                "from": self._user(user_id, username, first_name),
                "query": query,
                "offset": offset,
            }
            if chat_type:
                inline["chat_type"] = chat_type
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

    def fail_next(self, method: str, count: int = 1, retry_after: int = 1) -> None:
        """Answer the next `count` calls of `method` with 429 Too Many Requests."""
        name = self._method_names.get(method.lower())
        if name is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        with self._cond:
            self._scripted_failures[name].extend([retry_after] * count)

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
                token = _TOKEN_RE.match(match.group(1))
                if token is None:
                    raise ApiError(401, "Unauthorized")
                if method not in self._methods:
                    raise ApiError(404, "Not Found")
                failures = self._scripted_failures.get(method)
                if failures:
                    seconds = failures.popleft()
                    raise ApiError(429, f"Too Many Requests: retry after {seconds}", seconds)
                self._local.connection = connection
                result = self._methods[method](params, int(token.group(1)))
                body: dict[str, Any] = {"ok": True, "result": result}
                status = 200
            except ApiError as exc:
                status, body = exc.status, self._error_body(method, params, exc)
            except _ClientGone:
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
            return self._error_body(method, {}, _bad(description))

    # ------------------------------------------------------------ internals

    def _push_update(self, kind: str, payload: dict[str, Any]) -> int:
        """Append an update and wake long polls (lock held)."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self._cond.notify_all()
        return update_id

    def _user(self, user_id: int, username: str | None, first_name: str) -> dict[str, Any]:
        """A Bot API User dict for a human user."""
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "zh-hans",
        }
        if username:
            user["username"] = username
        return user

    def _bot_user(self, bot_id: int) -> dict[str, Any]:
        """The bot as the `from` of its own messages."""
        return {"id": bot_id, "is_bot": True, "first_name": BOT_FIRST_NAME,
                "username": BOT_USERNAME}  # fmt: skip

    def _new_message_id(self, chat_id: int) -> int:
        """Next message id in a chat (lock held)."""
        self._last_message_id[chat_id] += 1
        return self._last_message_id[chat_id]

    def _chat(self, params: Params, name: str = "chat_id") -> dict[str, Any]:
        """Resolve chat_id (number or @username) to a Chat dict."""
        raw = params.get(name)
        if raw is None or raw == "":
            raise _bad("chat_id is empty")
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == raw[1:].lower():
                    return dict(chat)
            raise _bad("chat not found")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise _bad("chat not found") from None
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if self._require_known_chats or chat_id == 0:
            raise _bad("chat not found")
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "测试"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "测试群"}

    def _check_blocked(self, chat: dict[str, Any]) -> None:
        """403 when the user blocked the bot (or the bot left the group)."""
        if chat["id"] in self._blocked:
            raise ApiError(403, _FORBIDDEN.get(chat["type"], _FORBIDDEN["private"]))

    def _check_flood(self, method: str, chat_id: int) -> None:
        """Automatic flood control: sliding one-second windows per chat and overall."""
        if method not in _FLOOD_COUNTED:
            return
        now = time.monotonic()
        windows = (
            (self._flood_per_chat, self._flood_chat_times[chat_id]),
            (self._flood_global, self._flood_all_times),
        )
        for limit, times in windows:
            while times and now - times[0] >= 1.0:
                times.popleft()
            if limit is not None and len(times) >= limit:
                seconds = max(1, math.ceil(times[0] + 1.0 - now))
                raise ApiError(429, f"Too Many Requests: retry after {seconds}", seconds)
        for _, times in windows:
            times.append(now)

    def _text(self, params: Params, name: str = "text") -> tuple[str, list[dict[str, Any]]]:
        """Validate a text + parse_mode/entities; returns (plain, entities)."""
        entities = params.get("entities")
        if entities is not None:
            _check_entities(entities)
        try:
            return check_message_text(params.get(name), params.get("parse_mode"), entities)
        except MessageTextError as exc:
            raise _bad(str(exc)) from None

    def _stored(self, params: Params, action: str) -> tuple[dict[str, Any], _Stored]:
        """The chat and the bot message an edit/delete refers to."""
        chat = self._chat(params)
        message_id = _int(params, "message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        stored = self._messages.get((chat["id"], message_id))
        if stored is None:
            raise _bad(f"message to {action} not found")
        if not stored.from_bot and action == "edit":
            raise _bad("message can't be edited")
        return chat, stored

    def _record_edit(self, method: str, params: Params, stored: _Stored | None) -> None:
        """Remember a successful edit."""
        message = stored.message if stored else {}
        self._edits.append({
            "method": method,
            "chat_id": message.get("chat", {}).get("id"),
            "message_id": message.get("message_id"),
            "inline_message_id": params.get("inline_message_id"),
            "text": params.get("text"),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": params.get("reply_markup"),
            "plain": message.get("text"),
        })  # fmt: skip

    # ------------------------------------------------------------- methods

    def _true(self, params: Params, bot_id: int) -> bool:
        """close / logOut."""
        return True

    def _get_me(self, params: Params, bot_id: int) -> dict[str, Any]:
        """getMe."""
        return {
            **self._bot_user(bot_id),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: Params, bot_id: int) -> list[dict[str, Any]]:
        """getUpdates with offset confirmation, limit and long polling."""
        if self._webhook["url"]:
            raise ApiError(409, _WEBHOOK_CONFLICT)
        offset = _int(params, "offset", 0) or 0
        limit = min(max(_int(params, "limit", 100) or 100, 1), 100)
        timeout = max(_int(params, "timeout", 0) or 0, 0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise _bad("can't parse allowed_updates JSON object")
            self._allowed_updates = set(allowed) or None
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()
        deadline = time.monotonic() + timeout
        while True:
            self._updates = [u for u in self._updates if self._is_allowed(u)]
            if self._updates or self._stopping:
                return copy.deepcopy(self._updates[:limit])
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            self._cond.wait(min(remaining, 0.2))
            if _client_gone(getattr(self._local, "connection", None)):
                raise _ClientGone  # a cancelled long poll: nobody is left to answer
            if generation != self._poll_generation:
                raise ApiError(409, _POLL_CONFLICT)

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        """Whether allowed_updates lets this update through."""
        kind = next(key for key in update if key != "update_id")
        if self._allowed_updates is None:
            return kind not in _NOT_DEFAULT_UPDATES
        return kind in self._allowed_updates

    def _set_webhook(self, params: Params, bot_id: int) -> bool:
        """setWebhook (recorded; getUpdates then answers 409 like Telegram)."""
        url = params.get("url") or ""
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad("secret token contains unallowed characters")
        if _bool(params, "drop_pending_updates"):
            self._updates.clear()
        self._webhook = {k: v for k, v in params.items() if k != "certificate"}
        self._webhook["url"] = url
        return True

    def _delete_webhook(self, params: Params, bot_id: int) -> bool:
        """deleteWebhook, optionally dropping pending updates."""
        if _bool(params, "drop_pending_updates"):
            self._updates.clear()
        self._webhook = {"url": ""}
        return True

    def _get_webhook_info(self, params: Params, bot_id: int) -> dict[str, Any]:
        """getWebhookInfo."""
        info: dict[str, Any] = {
            "url": self._webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook["url"]:
            info["max_connections"] = _int(self._webhook, "max_connections", 40)
            if self._webhook.get("allowed_updates") is not None:
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    def _commands_key(self, params: Params) -> tuple[str, str]:
        """(scope, language_code) key of a command list."""
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES:
            raise _bad("can't parse BotCommandScope JSON object")
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    def _set_my_commands(self, params: Params, bot_id: int) -> bool:
        """setMyCommands with Telegram's command-name and description rules."""
        commands = params.get("commands", [])
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand: BotCommand must be an Object")
            for field in ("command", "description"):
                if not isinstance(command.get(field), str):
                    raise _bad(f"can't parse BotCommand: Can't find field \"{field}\"")
            if not _COMMAND_NAME_RE.match(command["command"]):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"].strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        listed = [{"command": c["command"], "description": c["description"]} for c in commands]
        self._command_lists[key] = listed
        self._last_commands = copy.deepcopy(listed)
        return True

    def _get_my_commands(self, params: Params, bot_id: int) -> list[dict[str, str]]:
        """getMyCommands."""
        return copy.deepcopy(self._command_lists.get(self._commands_key(params), []))

    def _delete_my_commands(self, params: Params, bot_id: int) -> bool:
        """deleteMyCommands."""
        self._command_lists.pop(self._commands_key(params), None)
        return True

    def _send_message(self, params: Params, bot_id: int) -> dict[str, Any]:
        """sendMessage."""
        chat = self._chat(params)
        plain, entities = self._text(params)
        markup = _check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat["id"], params)
        self._check_blocked(chat)
        self._check_flood("sendMessage", chat["id"])
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self._bot_user(bot_id),
            "chat": chat,
            "date": int(time.time()),
            "text": plain,
        }
        if entities:
            message["entities"] = entities
        inline = markup if markup and "inline_keyboard" in markup else None
        if inline:
            message["reply_markup"] = inline
        if reply_to:
            message["reply_to_message"] = reply_to
        self._messages[(chat["id"], message["message_id"])] = _Stored(message, True, inline)
        self._sent.append({
            "chat_id": chat["id"],
            "message_id": message["message_id"],
            "text": params.get("text"),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": markup,
            "plain": plain,
            "entities": entities,
            "reply_to_message_id": reply_to["message_id"] if reply_to else None,
        })  # fmt: skip
        return copy.deepcopy(message)

    def _reply_target(self, chat_id: int, params: Params) -> dict[str, Any] | None:
        """The message being replied to, from reply_parameters (or reply_to_message_id)."""
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id") is not None:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": _bool(params, "allow_sending_without_reply"),
            }
        if reply is None:
            return None
        if not isinstance(reply, dict):
            raise _bad("can't parse reply parameters JSON object")
        target = self._chat(reply) if "chat_id" in reply else {"id": chat_id}
        stored = self._messages.get((target["id"], _int(reply, "message_id", 0) or 0))
        if stored is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise _bad("message to be replied not found")
        return _without_reply(stored.message)

    def _edit_message_text(self, params: Params, bot_id: int) -> dict[str, Any] | bool:
        """editMessageText; a missing reply_markup removes the inline keyboard, as on Telegram."""
        if params.get("inline_message_id"):
            self._text(params)
            _check_reply_markup(params.get("reply_markup"), inline_only=True)
            self._record_edit("editMessageText", params, None)
            return True
        chat, stored = self._stored(params, "edit")
        plain, entities = self._text(params)
        markup = _check_reply_markup(params.get("reply_markup"), inline_only=True)
        self._check_blocked(chat)
        message = stored.message
        if (message.get("text"), message.get("entities", []), stored.markup) == (
            plain,
            entities,
            markup,
        ):
            raise _bad(NOT_MODIFIED)
        message["text"] = plain
        _set_or_drop(message, "entities", entities)
        _set_or_drop(message, "reply_markup", markup)
        message["edit_date"] = int(time.time())
        stored.markup = markup
        self._record_edit("editMessageText", params, stored)
        return copy.deepcopy(message)

    def _edit_message_reply_markup(self, params: Params, bot_id: int) -> dict[str, Any] | bool:
        """editMessageReplyMarkup."""
        markup = _check_reply_markup(params.get("reply_markup"), inline_only=True)
        if params.get("inline_message_id"):
            self._record_edit("editMessageReplyMarkup", params, None)
            return True
        chat, stored = self._stored(params, "edit")
        self._check_blocked(chat)
        if stored.markup == markup:
            raise _bad(NOT_MODIFIED)
        _set_or_drop(stored.message, "reply_markup", markup)
        stored.message["edit_date"] = int(time.time())
        stored.markup = markup
        self._record_edit("editMessageReplyMarkup", params, stored)
        return copy.deepcopy(stored.message)

    def _delete_message(self, params: Params, bot_id: int) -> bool:
        """deleteMessage."""
        chat, stored = self._stored(params, "delete")
        del self._messages[(chat["id"], stored.message["message_id"])]
        self._deleted.append((chat["id"], stored.message["message_id"]))
        return True

    def _answer_callback(self, params: Params, bot_id: int) -> bool:
        """answerCallbackQuery: each query can be answered once."""
        query_id = str(params.get("callback_query_id") or "")
        if self._callback_queries.get(query_id, True):
            raise _bad(QUERY_TOO_OLD)
        text = params.get("text")
        if text is not None and utf16_len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        self._callback_answers.append({
            "callback_query_id": query_id,
            "text": text,
            "show_alert": _bool(params, "show_alert"),
            "url": params.get("url"),
            "cache_time": _int(params, "cache_time"),
        })  # fmt: skip
        return True

    def _answer_inline(self, params: Params, bot_id: int) -> bool:
        """answerInlineQuery: ≤ 50 results with unique ids and valid message contents."""
        query_id = str(params.get("inline_query_id") or "")
        query = self._inline_queries.get(query_id)
        if query is None or query["answered"]:
            raise _bad(QUERY_TOO_OLD)
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("can't parse inline query results JSON object")
        if len(results) > 50:
            raise _bad("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            _check_inline_result(result, seen)
        next_offset = params.get("next_offset") or ""
        if len(str(next_offset).encode("utf-8")) > 64:
            raise _bad("NEXT_OFFSET_INVALID")
        query["answered"] = True
        self._inline_answers.append({
            "inline_query_id": query_id,
            "query": query["query"],
            "results": copy.deepcopy(results),
            "cache_time": _int(params, "cache_time"),
            "is_personal": _bool(params, "is_personal"),
            "next_offset": next_offset,
            "button": params.get("button"),
        })  # fmt: skip
        return True

    def _send_chat_action(self, params: Params, bot_id: int) -> bool:
        """sendChatAction."""
        chat = self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self._check_blocked(chat)
        return True

    def _get_chat(self, params: Params, bot_id: int) -> dict[str, Any]:
        """getChat (a ChatFullInfo)."""
        chat = self._chat(params)
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription",
                 "gifts_from_channels")  # fmt: skip
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys(gifts, False),
        }


# ------------------------------------------------------------------ validators


def _without_reply(message: dict[str, Any]) -> dict[str, Any]:
    """A copy of a message suitable as reply_to_message (no nested reply)."""
    reply = copy.deepcopy(message)
    reply.pop("reply_to_message", None)
    return reply


def _set_or_drop(target: dict[str, Any], key: str, value: Any) -> None:
    """Set a key, or remove it when the value is empty."""
    if value:
        target[key] = value
    else:
        target.pop(key, None)


def _check_entities(entities: Any) -> None:
    """Explicit MessageEntity lists must be well-formed."""
    if not isinstance(entities, list) or not all(
        isinstance(e, dict) and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int) and isinstance(e.get("length"), int)
        for e in entities
    ):  # fmt: skip
        raise _bad("can't parse entities JSON object")


def _inline_buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    """All buttons of an inline keyboard."""
    if not markup:
        return []
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def _check_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate reply_markup like Telegram; returns the parsed markup (None when absent)."""
    if markup is None or markup == "":
        return None
    kind = "inline keyboard" if inline_only else "reply keyboard"
    if not isinstance(markup, dict):
        raise _bad(f"can't parse {kind} markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        if sum(len(row) for row in rows) > 100:
            raise _bad("reply markup is too long")
        for row in rows:
            for button in row:
                _check_inline_button(button)
        return markup
    if inline_only:
        raise _bad("can't parse inline keyboard markup JSON object")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
        for row in rows:
            for button in row:
                text = button.get("text") if isinstance(button, dict) else button
                if not isinstance(text, str) or not text.strip():
                    raise _bad('can\'t parse keyboard button: Field "text" must be of type String')
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise _bad(f"can't parse {kind} markup JSON object")


def _check_inline_button(button: Any) -> None:
    """An inline button: non-empty text and exactly one action; callback_data ≤ 64 bytes."""
    if not isinstance(button, dict):
        raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise _bad('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not text.strip():
        raise _bad("BUTTON_TEXT_INVALID")
    actions = [a for a in _BUTTON_ACTIONS if button.get(a) not in (None, "", False)]
    # an empty switch_inline_query* is meaningful: it opens inline mode with an empty query
    actions += [a for a in _BUTTON_ACTIONS[2:4] if button.get(a) == ""]
    if not actions:
        raise _bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise _bad(
            "can't parse inline keyboard button: exactly one of the optional fields must be "
            f"used, got {', '.join(actions)}"
        )
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or len(data.encode("utf-8")) > 64):
        raise _bad("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (
        not isinstance(url, str) or not re.match(r"^(https?://[^\s/?#]+|tg://)\S*$", url)
    ):
        raise _bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _check_inline_result(result: Any, seen: set[str]) -> None:
    """One InlineQueryResult: known type, unique 1–64-byte id, valid message content."""
    if not isinstance(result, dict):
        raise _bad("can't parse inline query result: InlineQueryResult must be an Object")
    kind = result.get("type")
    if kind not in _INLINE_RESULT_TYPES:
        raise _bad(f'can\'t parse inline query result: unsupported result type "{kind}"')
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
        raise _bad("RESULT_ID_INVALID")
    if result_id in seen:
        raise _bad("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if kind == "article":
        if not isinstance(result.get("title"), str) or not result["title"].strip():
            raise _bad('can\'t parse inline query result: Field "title" must be of type String')
        if not isinstance(content, dict):
            raise _bad(
                'can\'t parse inline query result: Field "input_message_content" must be of '
                "type Object"
            )
    if content is not None:
        if not isinstance(content, dict):
            raise _bad("can't parse input message content JSON object")
        if "message_text" in content:
            if content.get("entities") is not None:
                _check_entities(content["entities"])
            try:
                check_message_text(
                    content["message_text"], content.get("parse_mode"), content.get("entities")
                )
            except MessageTextError as exc:
                raise _bad(str(exc)) from None
    _check_reply_markup(result.get("reply_markup"), inline_only=True)


# ------------------------------------------------------------------ HTTP layer


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its FakeBotAPI and can drop open keep-alive sockets."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], fake: FakeBotAPI) -> None:
        super().__init__(address, _Handler)
        self.fake = fake
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def close_connections(self) -> None:
        """Shut down every open client connection."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up (cancelled long polls) are normal; stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    """Decodes Bot API requests (query string, form, multipart or JSON) and writes JSON."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        try:
            params = self._params(url.query)
        except ValueError as exc:
            method = url.path.rsplit("/", 1)[-1]
            status, body = 400, self.server.fake._bad_body(method, str(exc))
        else:
            answer = self.server.fake._dispatch(url.path, params, self.connection)
            if answer is None:
                self.close_connection = True
                return
            status, body = answer
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""

    def _params(self, query: str) -> Params:
        """All request parameters, with JSON-valued ones (reply_markup, ...) decoded."""
        params: Params = dict(parse_qsl(query, keep_blank_values=True))
        body = self._body()
        content_type = self.headers.get("Content-Type", "")
        if body and content_type.startswith("application/json"):
            try:
                decoded = json.loads(body)
            except ValueError:
                raise ValueError("can't parse JSON request body") from None
            if not isinstance(decoded, dict):
                raise ValueError("JSON request body must be an object")
            params.update(decoded)
        elif body and content_type.startswith("multipart/form-data"):
            params.update(_multipart(content_type, body))
        elif body:
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        for name in _JSON_PARAMS & params.keys():
            if isinstance(params[name], str):
                # an unparsable value stays a string; the method reports it
                with contextlib.suppress(ValueError):
                    params[name] = json.loads(params[name])
        return params

    def _body(self) -> bytes:
        """The request body (Content-Length or chunked)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))


def _multipart(content_type: str, body: bytes) -> Params:
    """Form fields of a multipart/form-data body; uploaded files become {filename, size}."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: Params = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            fields[name] = {"filename": part.get_filename(), "size": len(payload)}
        else:
            fields[name] = payload.decode("utf-8")
    return fields
