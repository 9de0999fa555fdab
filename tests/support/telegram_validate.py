"""Request validation for the fake Bot API: parameters, buttons, inline results, commands.

Every check raises ApiError carrying the status and description api.telegram.org gives
for the same mistake, so python-telegram-bot raises the same exception.
Text rules (HTML entities, 4096 UTF-16 units, emptiness) live in telegram_html.py.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .telegram_html import MessageTextError, check_message_text, utf16_len

Params = dict[str, Any]

QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
FORBIDDEN = {
    "private": "Forbidden: bot was blocked by the user",
    "group": "Forbidden: bot was kicked from the group chat",
    "supergroup": "Forbidden: bot was kicked from the supergroup chat",
    "channel": "Forbidden: bot is not a member of the channel chat",
}
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]{35}$")
_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")
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


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


def bad(description: str) -> ApiError:
    """A 400 error with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {description}")


def int_param(params: Params, name: str, default: int | None = None) -> int | None:
    """An integer parameter (form values arrive as strings)."""
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad(f"wrong parameter {name} specified") from None


def bool_param(params: Params, name: str) -> bool:
    """A boolean parameter; PTB sends JSON "true"/"false"."""
    return params.get(name) in (True, 1, "true", "True", "1")


# ------------------------------------------------------------------ text and entities


def check_entities(entities: Any) -> None:
    """Explicit MessageEntity lists must be well-formed."""
    if not isinstance(entities, list) or not all(
        isinstance(e, dict) and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int) and isinstance(e.get("length"), int)
        for e in entities
    ):  # fmt: skip
        raise bad("can't parse entities JSON object")


def check_text(params: Params, name: str = "text") -> tuple[str, list[dict[str, Any]]]:
    """Validate a text + parse_mode/entities; returns (plain, entities)."""
    entities = params.get("entities")
    if entities is not None:
        check_entities(entities)
    try:
        return check_message_text(params.get(name), params.get("parse_mode"), entities)
    except MessageTextError as exc:
        raise bad(str(exc)) from None


# ------------------------------------------------------------------ keyboards


def check_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate reply_markup like Telegram; returns the parsed markup (None when absent)."""
    if markup is None or markup == "":
        return None
    kind = "inline keyboard" if inline_only else "reply keyboard"
    if not isinstance(markup, dict):
        raise bad(f"can't parse {kind} markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        if sum(len(row) for row in rows) > 100:
            raise bad("reply markup is too long")
        for row in rows:
            for button in row:
                check_inline_button(button)
        return markup
    if inline_only:
        raise bad("can't parse inline keyboard markup JSON object")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
        for row in rows:
            for button in row:
                text = button.get("text") if isinstance(button, dict) else button
                if not isinstance(text, str) or not text.strip():
                    raise bad('can\'t parse keyboard button: Field "text" must be of type String')
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad(f"can't parse {kind} markup JSON object")


def check_inline_button(button: Any) -> None:
    """An inline button: non-empty text and exactly one action; callback_data ≤ 64 bytes."""
    if not isinstance(button, dict):
        raise bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not text.strip():
        raise bad("BUTTON_TEXT_INVALID")
    actions = [a for a in _BUTTON_ACTIONS if button.get(a) not in (None, "", False)]
    # an empty switch_inline_query* is meaningful: it opens inline mode with an empty query
    actions += [a for a in _BUTTON_ACTIONS[2:4] if button.get(a) == ""]
    if not actions:
        raise bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad(
            "can't parse inline keyboard button: exactly one of the optional fields must be "
            f"used, got {', '.join(actions)}"
        )
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or len(data.encode("utf-8")) > 64):
        raise bad("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (
        not isinstance(url, str) or not re.match(r"^(https?://[^\s/?#]+|tg://)\S*$", url)
    ):
        raise bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


# ------------------------------------------------------------------ queries


def check_callback_answer_text(text: Any) -> None:
    """answerCallbackQuery's notification text is at most 200 UTF-16 units."""
    if text is not None and utf16_len(str(text)) > 200:
        raise bad("MESSAGE_TOO_LONG")


def check_inline_answer(params: Params) -> tuple[list[Any], Any]:
    """answerInlineQuery's results (≤ 50, unique ids) and next_offset (≤ 64 bytes)."""
    results = params.get("results")
    if not isinstance(results, list):
        raise bad("can't parse inline query results JSON object")
    if len(results) > 50:
        raise bad("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        check_inline_result(result, seen)
    next_offset = params.get("next_offset") or ""
    if len(str(next_offset).encode("utf-8")) > 64:
        raise bad("NEXT_OFFSET_INVALID")
    return results, next_offset


def check_inline_result(result: Any, seen: set[str]) -> None:
    """One InlineQueryResult: known type, unique 1–64-byte id, valid message content."""
    if not isinstance(result, dict):
        raise bad("can't parse inline query result: InlineQueryResult must be an Object")
    kind = result.get("type")
    if kind not in _INLINE_RESULT_TYPES:
        raise bad(f'can\'t parse inline query result: unsupported result type "{kind}"')
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
        raise bad("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if kind == "article":
        if not isinstance(result.get("title"), str) or not result["title"].strip():
            raise bad('can\'t parse inline query result: Field "title" must be of type String')
        if not isinstance(content, dict):
            raise bad(
                'can\'t parse inline query result: Field "input_message_content" must be of '
                "type Object"
            )
    if content is not None:
        if not isinstance(content, dict):
            raise bad("can't parse input message content JSON object")
        if "message_text" in content:
            if content.get("entities") is not None:
                check_entities(content["entities"])
            try:
                check_message_text(
                    content["message_text"], content.get("parse_mode"), content.get("entities")
                )
            except MessageTextError as exc:
                raise bad(str(exc)) from None
    check_reply_markup(result.get("reply_markup"), inline_only=True)


# ------------------------------------------------------------------ other methods


def check_commands(commands: Any) -> list[dict[str, str]]:
    """setMyCommands' list with Telegram's name and description rules; returns it cleaned."""
    if not isinstance(commands, list):
        raise bad("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not isinstance(command, dict):
            raise bad("can't parse BotCommand: BotCommand must be an Object")
        for field in ("command", "description"):
            if not isinstance(command.get(field), str):
                raise bad(f"can't parse BotCommand: Can't find field \"{field}\"")
        if not _COMMAND_NAME_RE.match(command["command"]):
            raise bad("BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"].strip()) <= 256:
            raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def commands_key(params: Params) -> tuple[str, str]:
    """(scope, language_code) key of a command list."""
    scope = params.get("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES:
        raise bad("can't parse BotCommandScope JSON object")
    language = params.get("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad("invalid language code specified")
    return json.dumps(scope, sort_keys=True), language


def check_webhook(params: Params) -> str:
    """setWebhook's url (HTTPS or empty) and secret_token; returns the url."""
    url = params.get("url") or ""
    if url and not url.startswith("https://"):
        raise bad("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
        raise bad("secret token contains unallowed characters")
    return url


def check_chat_action(action: Any) -> None:
    """sendChatAction's action must be one Telegram knows."""
    if action not in _CHAT_ACTIONS:
        raise bad("wrong parameter action in request")
