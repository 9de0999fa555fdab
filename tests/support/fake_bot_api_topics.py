"""copyMessage, forum topics (createForumTopic, deleteForumTopic, message_thread_id) and
photo/document messages for the fake Bot API server, answered the way api.telegram.org does."""

from __future__ import annotations

import copy
import time
from typing import Any

from . import telegram_objects as objects
from .telegram_html import utf16_len
from .telegram_objects import Stored
from .telegram_validate import Params, bad, check_reply_markup, check_text, int_param

CAPTION_LIMIT = 1024  # UTF-16 units after entities parsing
_COPYABLE = ("text", "photo", "document")


class TopicMethods:
    """Mixed into FakeBotAPI: the state is the server's (its lock is held by the dispatcher)."""

    _topics: dict[int, dict[int, str]]  # chat id → thread id → name

    def _topic_methods(self) -> dict[str, Any]:
        self._topics = {}
        return {
            "copyMessage": self._copy_message,
            "createForumTopic": self._create_forum_topic,
            "deleteForumTopic": self._delete_forum_topic,
        }

    # ------------------------------------------------------------ test helpers

    def make_forum(self, chat_id: int, title: str = "工作人员") -> None:
        """Make chat_id a forum supergroup the bot is in (topics on)."""
        if not str(chat_id).startswith("-100"):
            raise ValueError("a forum is a supergroup: its id starts with -100")
        with self._cond:  # type: ignore[attr-defined]
            self._chats[chat_id] = {  # type: ignore[attr-defined]
                "id": chat_id,
                "type": "supergroup",
                "title": title,
                "is_forum": True,
            }
            self._topics.setdefault(chat_id, {})

    def topics(self, chat_id: int) -> dict[int, str]:
        """The forum's open topics: thread id → name."""
        with self._lock:  # type: ignore[attr-defined]
            return dict(self._topics.get(chat_id, {}))

    def push_media(
        self,
        user_id: int,
        kind: str,
        caption: str = "",
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "测试",
        reply_to_message_id: int | None = None,
    ) -> int:
        """Queue a photo or document message from a user; returns its message id."""
        if kind not in ("photo", "document"):
            raise ValueError("kind is 'photo' or 'document'")
        user = objects.user(user_id, None, first_name)
        chat = objects.user_chat(user_id, chat_id, chat_type, None, first_name, "测试群")
        with self._cond:  # type: ignore[attr-defined]
            self._chats.setdefault(chat["id"], chat)  # type: ignore[attr-defined]
            chat = dict(self._chats[chat["id"]])  # type: ignore[attr-defined]
            message_id = self._new_message_id(chat["id"])  # type: ignore[attr-defined]
            message: dict[str, Any] = {
                "message_id": message_id,
                "from": user,
                "chat": chat,
                "date": int(time.time()),
            }
            file_id = f"{kind}-{chat['id']}-{message_id}"
            if kind == "photo":
                message["photo"] = [
                    {"file_id": file_id, "file_unique_id": file_id, "width": 90, "height": 90}
                ]
            else:
                message["document"] = {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "file_name": "材料.pdf",
                }
            if caption:
                message["caption"] = caption
            if reply_to_message_id is not None:
                replied = self._messages.get((chat["id"], reply_to_message_id))  # type: ignore[attr-defined]
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat['id']}")
                message["reply_to_message"] = objects.without_reply(replied.message)
            self._messages[(chat["id"], message_id)] = Stored(message, from_bot=False)  # type: ignore[attr-defined]
            self._push_update("message", message)  # type: ignore[attr-defined]
            return message_id

    # ------------------------------------------------------------------ methods

    def _topic_thread(self, chat: dict[str, Any], params: Params) -> int | None:
        """message_thread_id, checked: an open topic of a forum (lock held)."""
        thread = int_param(params, "message_thread_id")
        if thread is None:
            return None
        if not chat.get("is_forum") or thread not in self._topics.get(chat["id"], {}):
            raise bad("message thread not found")
        return thread

    def _create_forum_topic(self, params: Params, bot_id: int) -> dict[str, Any]:
        """createForumTopic: a forum supergroup only; a name of 1–128 characters."""
        chat = self._chat(params)  # type: ignore[attr-defined]
        if chat["type"] != "supergroup" or not chat.get("is_forum"):
            raise bad("the chat is not a forum")
        name = str(params.get("name") or "")
        if not 1 <= len(name) <= 128:
            raise bad("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
        thread = self._new_message_id(chat["id"])  # type: ignore[attr-defined]
        self._topics.setdefault(chat["id"], {})[thread] = name
        return {"message_thread_id": thread, "name": name, "icon_color": 7322096}

    def _delete_forum_topic(self, params: Params, bot_id: int) -> bool:
        """deleteForumTopic."""
        chat = self._chat(params)  # type: ignore[attr-defined]
        thread = int_param(params, "message_thread_id")
        if thread is None or self._topics.get(chat["id"], {}).pop(thread, None) is None:
            raise bad("TOPIC_ID_INVALID")
        return True

    def _copy_message(self, params: Params, bot_id: int) -> dict[str, Any]:
        """copyMessage: a text, photo or document message, with an optional new caption."""
        chat = self._chat(params)  # type: ignore[attr-defined]
        source_chat = self._chat(params, "from_chat_id")  # type: ignore[attr-defined]
        message_id = int_param(params, "message_id")
        if message_id is None:
            raise bad("message identifier is not specified")
        stored = self._messages.get((source_chat["id"], message_id))  # type: ignore[attr-defined]
        if stored is None:
            raise bad("message to copy not found")
        source = stored.message
        if not any(k in source for k in _COPYABLE):
            raise bad("message can't be copied")
        markup = check_reply_markup(params.get("reply_markup"))
        thread = self._topic_thread(chat, params)
        reply_to = self._reply_target(chat["id"], params)  # type: ignore[attr-defined]
        caption_given = params.get("caption") is not None
        if caption_given and "text" in source:
            raise bad("message text is empty")  # a text message has no caption to replace
        if caption_given:
            caption, entities = check_text(params, "caption")
            if utf16_len(caption) > CAPTION_LIMIT:
                raise bad("message caption is too long")
        self._check_blocked(chat)  # type: ignore[attr-defined]
        new_id = self._new_message_id(chat["id"])  # type: ignore[attr-defined]
        message = {
            k: copy.deepcopy(v)
            for k, v in source.items()
            if k in ("text", "entities", "photo", "document", "caption", "caption_entities")
        }
        if caption_given:
            objects.set_or_drop(message, "caption", caption)
            objects.set_or_drop(message, "caption_entities", entities)
        message.update(
            message_id=new_id,
            chat=chat,
            date=int(time.time()),
            **{"from": objects.bot_user(bot_id)},
        )
        inline = markup if markup and "inline_keyboard" in markup else None
        if inline:
            message["reply_markup"] = inline
        if thread is not None:
            message.update(message_thread_id=thread, is_topic_message=True)
        if reply_to:
            message["reply_to_message"] = reply_to
        self._messages[(chat["id"], new_id)] = Stored(message, True, inline)  # type: ignore[attr-defined]
        self._sent.append({  # type: ignore[attr-defined]
            "chat_id": chat["id"],
            "message_id": new_id,
            "text": message.get("text") or message.get("caption"),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": markup,
            "plain": message.get("text") or message.get("caption") or "",
            "entities": message.get("entities") or message.get("caption_entities") or [],
            "reply_to_message_id": reply_to["message_id"] if reply_to else None,
            "message_thread_id": thread,
            "copied_from": (source_chat["id"], message_id),
            "media": next((k for k in ("photo", "document") if k in message), None),
            "at": time.monotonic(),
        })  # fmt: skip
        return {"message_id": new_id}
