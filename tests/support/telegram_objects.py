"""Bot API object factories for the fake server: users, chats, messages, queries, updates.

Each returns a plain dict shaped like the JSON api.telegram.org sends.
"""

from __future__ import annotations

import copy
import re
import time
from dataclasses import dataclass
from typing import Any

from .telegram_html import utf16_len

DEFAULT_TOKEN = "123456789:AAHfakeTokenForEndToEndTests-012345"
BOT_USERNAME = "orgbot_test_bot"
BOT_FIRST_NAME = "OrgBot Test"
DEFAULT_GROUP_ID = -987654321
DEFAULT_SUPERGROUP_ID = -1001987654321

_COMMAND_TOKEN_RE = re.compile(r"^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?$")


@dataclass
class Stored:
    """A message as the server remembers it."""

    message: dict[str, Any]
    from_bot: bool
    markup: dict[str, Any] | None = None  # the inline keyboard shown under the message


# ------------------------------------------------------------------ users and chats


def user(user_id: int, username: str | None, first_name: str) -> dict[str, Any]:
    """A Bot API User dict for a human user."""
    found: dict[str, Any] = {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "language_code": "zh-hans",
    }
    if username:
        found["username"] = username
    return found


def bot_user(bot_id: int) -> dict[str, Any]:
    """The bot as the `from` of its own messages."""
    return {"id": bot_id, "is_bot": True, "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME}  # fmt: skip


def bot_info(bot_id: int) -> dict[str, Any]:
    """What getMe answers."""
    return {
        **bot_user(bot_id),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def user_chat(
    user_id: int,
    chat_id: int | None,
    chat_type: str,
    username: str | None,
    first_name: str,
    chat_title: str,
) -> dict[str, Any]:
    """The Chat a user writes in: their private chat, or a (super)group (default ids)."""
    if chat_type == "private":
        if chat_id not in (None, user_id):
            raise ValueError("a private chat's id is the user's id")
        chat: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}
        if username:
            chat["username"] = username
        return chat
    if chat_type in ("group", "supergroup"):
        if chat_id is None:
            chat_id = DEFAULT_GROUP_ID if chat_type == "group" else DEFAULT_SUPERGROUP_ID
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        return {"id": chat_id, "type": chat_type, "title": chat_title}
    raise ValueError(f"unsupported chat_type {chat_type!r}")


def unseen_chat(chat_id: int) -> dict[str, Any]:
    """A Chat for an id no update mentioned yet: private if positive, else a (super)group."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "测试"}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": "测试群"}


def chat_full_info(chat: dict[str, Any]) -> dict[str, Any]:
    """What getChat answers for a chat (a ChatFullInfo)."""
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription",
             "gifts_from_channels")  # fmt: skip
    return {
        **chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys(gifts, False),
    }


# ------------------------------------------------------------------ messages


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram adds when a text starts with /command[@bot]."""
    first_word = text.split(maxsplit=1)[0] if text.strip() else ""
    if text.startswith("/") and _COMMAND_TOKEN_RE.match(first_word):
        return [{"type": "bot_command", "offset": 0, "length": utf16_len(first_word)}]
    return []


def text_message(
    message_id: int,
    sender: dict[str, Any],
    chat: dict[str, Any],
    text: str,
    entities: list[dict[str, Any]] | None,
) -> dict[str, Any]:
    """A text Message dict dated now (entities only when there are some)."""
    message: dict[str, Any] = {
        "message_id": message_id,
        "from": sender,
        "chat": chat,
        "date": int(time.time()),
        "text": text,
    }
    if entities:
        message["entities"] = entities
    return message


def without_reply(message: dict[str, Any]) -> dict[str, Any]:
    """A copy of a message suitable as reply_to_message (no nested reply)."""
    reply = copy.deepcopy(message)
    reply.pop("reply_to_message", None)
    return reply


def set_or_drop(target: dict[str, Any], key: str, value: Any) -> None:
    """Set a key, or remove it when the value is empty."""
    if value:
        target[key] = value
    else:
        target.pop(key, None)


def inline_buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    """All buttons of an inline keyboard."""
    if not markup:
        return []
    return [button for row in markup.get("inline_keyboard", []) for button in row]


# ------------------------------------------------------------------ queries and updates


def callback_query(
    query_id: str, sender: dict[str, Any], message: dict[str, Any], chat_id: int, data: str
) -> dict[str, Any]:
    """A CallbackQuery for a button press under `message`."""
    return {
        "id": query_id,
        "from": sender,
        "message": copy.deepcopy(message),
        "chat_instance": str(abs(chat_id) * 7919 + 104729),
        "data": data,
    }


def inline_query(
    query_id: str, sender: dict[str, Any], query: str, offset: str, chat_type: str | None
) -> dict[str, Any]:
    """An InlineQuery ("@orgbot_test_bot query"); chat_type only when given."""
    inline: dict[str, Any] = {"id": query_id, "from": sender, "query": query, "offset": offset}
    if chat_type:
        inline["chat_type"] = chat_type
    return inline


def update_kind(update: dict[str, Any]) -> str:
    """The kind of object an Update carries ("message", "callback_query", ...)."""
    return next(key for key in update if key != "update_id")
