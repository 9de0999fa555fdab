"""The Bot API methods the fake server implements, with the server-side state they share.

Each method takes the request's params and the bot id from the token, and returns the
result or raises ApiError the way api.telegram.org does; FakeBotAPI (fake_bot_api.py)
routes requests to them and adds the server lifecycle and the helpers tests drive it with.
"""

from __future__ import annotations

import copy
import itertools
import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any

from . import telegram_objects as objects
from .fake_bot_api_http import ClientGone, client_gone
from .telegram_objects import Stored
from .telegram_validate import (
    FORBIDDEN,
    NOT_MODIFIED,
    POLL_CONFLICT,
    QUERY_TOO_OLD,
    WEBHOOK_CONFLICT,
    ApiError,
    Params,
    bad,
    bool_param,
    check_callback_answer_text,
    check_chat_action,
    check_commands,
    check_inline_answer,
    check_reply_markup,
    check_text,
    check_webhook,
    commands_key,
    int_param,
)

_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_FLOOD_COUNTED = frozenset({"sendMessage"})


class BotAPIMethods:
    """Server-side state and the Bot API methods of the fake server."""

    def __init__(
        self,
        flood_limit_per_chat: int | None,
        flood_limit_global: int | None,
        require_known_chats: bool,
    ) -> None:
        self._flood_per_chat, self._flood_global = flood_limit_per_chat, flood_limit_global
        self._require_known_chats = require_known_chats
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
        self._messages: dict[tuple[int, int], Stored] = {}
        self._callback_queries: dict[str, bool] = {}  # id -> answered
        self._inline_queries: dict[str, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._scripted_failures: dict[str, deque[int]] = defaultdict(deque)  # 429s
        self._status_failures: dict[str, deque[int]] = defaultdict(deque)  # 5xx and others
        self._outage: tuple[int | None, frozenset[str] | None] | None = None
        self._revoked_tokens: set[str] = set()
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

    # ------------------------------------------------------------ internals

    def _push_update(self, kind: str, payload: dict[str, Any]) -> int:
        """Append an update and wake long polls (lock held)."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self._cond.notify_all()
        return update_id

    def _new_message_id(self, chat_id: int) -> int:
        """Next message id in a chat (lock held)."""
        self._last_message_id[chat_id] += 1
        return self._last_message_id[chat_id]

    def _chat(self, params: Params, name: str = "chat_id") -> dict[str, Any]:
        """Resolve chat_id (number or @username) to a Chat dict."""
        raw = params.get(name)
        if raw is None or raw == "":
            raise bad("chat_id is empty")
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == raw[1:].lower():
                    return dict(chat)
            raise bad("chat not found")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad("chat not found") from None
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if self._require_known_chats or chat_id == 0:
            raise bad("chat not found")
        return objects.unseen_chat(chat_id)

    def _check_blocked(self, chat: dict[str, Any]) -> None:
        """403 when the user blocked the bot (or the bot left the group)."""
        if chat["id"] in self._blocked:
            raise ApiError(403, FORBIDDEN.get(chat["type"], FORBIDDEN["private"]))

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

    def _stored(self, params: Params, action: str) -> tuple[dict[str, Any], Stored]:
        """The chat and the bot message an edit/delete refers to."""
        chat = self._chat(params)
        message_id = int_param(params, "message_id")
        if message_id is None:
            raise bad("message identifier is not specified")
        stored = self._messages.get((chat["id"], message_id))
        if stored is None:
            raise bad(f"message to {action} not found")
        if not stored.from_bot and action == "edit":
            raise bad("message can't be edited")
        return chat, stored

    def _record_edit(self, method: str, params: Params, stored: Stored | None) -> None:
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
        return objects.bot_info(bot_id)

    def _get_updates(self, params: Params, bot_id: int) -> list[dict[str, Any]]:
        """getUpdates with offset confirmation, limit and long polling."""
        if self._webhook["url"]:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = int_param(params, "offset", 0) or 0
        limit = min(max(int_param(params, "limit", 100) or 100, 1), 100)
        timeout = max(int_param(params, "timeout", 0) or 0, 0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise bad("can't parse allowed_updates JSON object")
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
            if client_gone(getattr(self._local, "connection", None)):
                raise ClientGone  # a cancelled long poll: nobody is left to answer
            if generation != self._poll_generation:
                raise ApiError(409, POLL_CONFLICT)

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        """Whether allowed_updates lets this update through."""
        kind = objects.update_kind(update)
        if self._allowed_updates is None:
            return kind not in _NOT_DEFAULT_UPDATES
        return kind in self._allowed_updates

    def _set_webhook(self, params: Params, bot_id: int) -> bool:
        """setWebhook (recorded; getUpdates then answers 409 like Telegram)."""
        url = check_webhook(params)
        if bool_param(params, "drop_pending_updates"):
            self._updates.clear()
        self._webhook = {k: v for k, v in params.items() if k != "certificate"}
        self._webhook["url"] = url
        return True

    def _delete_webhook(self, params: Params, bot_id: int) -> bool:
        """deleteWebhook, optionally dropping pending updates."""
        if bool_param(params, "drop_pending_updates"):
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
            info["max_connections"] = int_param(self._webhook, "max_connections", 40)
            if self._webhook.get("allowed_updates") is not None:
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    def _set_my_commands(self, params: Params, bot_id: int) -> bool:
        """setMyCommands with Telegram's command-name and description rules."""
        listed = check_commands(params.get("commands", []))
        self._command_lists[commands_key(params)] = listed
        self._last_commands = copy.deepcopy(listed)
        return True

    def _get_my_commands(self, params: Params, bot_id: int) -> list[dict[str, str]]:
        """getMyCommands."""
        return copy.deepcopy(self._command_lists.get(commands_key(params), []))

    def _delete_my_commands(self, params: Params, bot_id: int) -> bool:
        """deleteMyCommands."""
        self._command_lists.pop(commands_key(params), None)
        return True

    def _send_message(self, params: Params, bot_id: int) -> dict[str, Any]:
        """sendMessage."""
        chat = self._chat(params)
        plain, entities = check_text(params)
        markup = check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat["id"], params)
        thread = self._topic_thread(chat, params)  # type: ignore[attr-defined]
        self._check_blocked(chat)
        self._check_flood("sendMessage", chat["id"])
        message_id = self._new_message_id(chat["id"])
        message = objects.text_message(message_id, objects.bot_user(bot_id), chat, plain, entities)
        inline = markup if markup and "inline_keyboard" in markup else None
        if inline:
            message["reply_markup"] = inline
        if reply_to:
            message["reply_to_message"] = reply_to
        if thread is not None:
            message.update(message_thread_id=thread, is_topic_message=True)
        self._messages[(chat["id"], message_id)] = Stored(message, True, inline)
        self._sent.append({
            "chat_id": chat["id"],
            "message_id": message_id,
            "text": params.get("text"),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": markup,
            "plain": plain,
            "entities": entities,
            "reply_to_message_id": reply_to["message_id"] if reply_to else None,
            "message_thread_id": thread,
            "at": time.monotonic(),
        })  # fmt: skip
        return copy.deepcopy(message)

    def _reply_target(self, chat_id: int, params: Params) -> dict[str, Any] | None:
        """The message being replied to, from reply_parameters (or reply_to_message_id)."""
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id") is not None:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": bool_param(params, "allow_sending_without_reply"),
            }
        if reply is None:
            return None
        if not isinstance(reply, dict):
            raise bad("can't parse reply parameters JSON object")
        target = self._chat(reply) if "chat_id" in reply else {"id": chat_id}
        stored = self._messages.get((target["id"], int_param(reply, "message_id", 0) or 0))
        if stored is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise bad("message to be replied not found")
        return objects.without_reply(stored.message)

    def _edit_message_text(self, params: Params, bot_id: int) -> dict[str, Any] | bool:
        """editMessageText; a missing reply_markup removes the inline keyboard, as on Telegram."""
        if params.get("inline_message_id"):
            check_text(params)
            check_reply_markup(params.get("reply_markup"), inline_only=True)
            self._record_edit("editMessageText", params, None)
            return True
        chat, stored = self._stored(params, "edit")
        plain, entities = check_text(params)
        markup = check_reply_markup(params.get("reply_markup"), inline_only=True)
        self._check_blocked(chat)
        message = stored.message
        if (message.get("text"), message.get("entities", []), stored.markup) == (
            plain,
            entities,
            markup,
        ):
            raise bad(NOT_MODIFIED)
        message["text"] = plain
        objects.set_or_drop(message, "entities", entities)
        objects.set_or_drop(message, "reply_markup", markup)
        message["edit_date"] = int(time.time())
        stored.markup = markup
        self._record_edit("editMessageText", params, stored)
        return copy.deepcopy(message)

    def _edit_message_reply_markup(self, params: Params, bot_id: int) -> dict[str, Any] | bool:
        """editMessageReplyMarkup."""
        markup = check_reply_markup(params.get("reply_markup"), inline_only=True)
        if params.get("inline_message_id"):
            self._record_edit("editMessageReplyMarkup", params, None)
            return True
        chat, stored = self._stored(params, "edit")
        self._check_blocked(chat)
        if stored.markup == markup:
            raise bad(NOT_MODIFIED)
        objects.set_or_drop(stored.message, "reply_markup", markup)
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
            raise bad(QUERY_TOO_OLD)
        text = params.get("text")
        check_callback_answer_text(text)
        self._callback_queries[query_id] = True
        self._callback_answers.append({
            "callback_query_id": query_id,
            "text": text,
            "show_alert": bool_param(params, "show_alert"),
            "url": params.get("url"),
            "cache_time": int_param(params, "cache_time"),
        })  # fmt: skip
        return True

    def _answer_inline(self, params: Params, bot_id: int) -> bool:
        """answerInlineQuery: ≤ 50 results with unique ids and valid message contents."""
        query_id = str(params.get("inline_query_id") or "")
        query = self._inline_queries.get(query_id)
        if query is None or query["answered"]:
            raise bad(QUERY_TOO_OLD)
        results, next_offset = check_inline_answer(params)
        query["answered"] = True
        self._inline_answers.append({
            "inline_query_id": query_id,
            "query": query["query"],
            "results": copy.deepcopy(results),
            "cache_time": int_param(params, "cache_time"),
            "is_personal": bool_param(params, "is_personal"),
            "next_offset": next_offset,
            "button": params.get("button"),
        })  # fmt: skip
        return True

    def _send_chat_action(self, params: Params, bot_id: int) -> bool:
        """sendChatAction."""
        chat = self._chat(params)
        check_chat_action(params.get("action"))
        self._check_blocked(chat)
        return True

    def _get_chat(self, params: Params, bot_id: int) -> dict[str, Any]:
        """getChat (a ChatFullInfo)."""
        return objects.chat_full_info(self._chat(params))
