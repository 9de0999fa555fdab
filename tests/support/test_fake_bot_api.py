"""The fake Bot API server, driven by a real python-telegram-bot `Bot` over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken, RetryAfter

from tests.support.fake_bot_api import FakeBotAPI

USER = 42


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def run(api: FakeBotAPI, action: Callable[[Bot], Awaitable[Any]], token: str | None = None) -> Any:
    """Run `action(bot)` with an initialized Bot pointed at the fake server."""

    async def main() -> Any:
        async with Bot(token or api.token, base_url=api.base_url) as bot:
            return await action(bot)

    return asyncio.run(main())


def keyboard(*data: str) -> InlineKeyboardMarkup:
    """One row of callback buttons."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"按钮{i}", callback_data=d)]
                                 for i, d in enumerate(data)])  # fmt: skip


def seconds(value: int | dtm.timedelta) -> float:
    """RetryAfter.retry_after as seconds, whichever type PTB returns."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else value


def test_get_me_describes_the_bot(api: FakeBotAPI) -> None:
    me = run(api, lambda bot: bot.get_me())
    assert me.id == 123456789
    assert me.username == "orgbot_test_bot"
    assert me.is_bot and me.can_join_groups and me.supports_inline_queries
    assert [method for method, _ in api.calls()] == ["getMe", "getMe"]  # initialize + call


def test_wrong_token_is_unauthorized_and_unknown_method_not_found(api: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        run(api, lambda bot: bot.get_me(), token="123:not-a-real-token")
    assert api.errors[-1] == ("getMe", 401, "Unauthorized")

    async def unknown(bot: Bot) -> Any:
        return await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": USER})

    with pytest.raises(EndPointNotFound):  # PTB's name for a 404 on a valid token
        run(api, unknown)
    assert api.errors[-1] == ("sendTelepathy", 404, "Not Found")


def test_send_message_records_html_and_plain_text(api: FakeBotAPI) -> None:
    html = "<b>你好</b>，<i>世界</i> &amp; <a href='https://example.org/?a=1&b=2'>链接</a>"
    message = run(api, lambda bot: bot.send_message(USER, html, parse_mode="HTML"))
    assert message.text == "你好，世界 & 链接"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 2),
        ("italic", 3, 2),
        ("text_link", 8, 2),
    ]
    [sent] = api.sent(USER)
    assert sent["text"] == html
    assert sent["plain"] == "你好，世界 & 链接"
    assert sent["parse_mode"] == "HTML"
    assert sent["message_id"] == message.message_id


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<foo>bar</foo>", 'unsupported start tag "foo" at byte offset 0'),
        ("a < b", 'unsupported start tag "" at byte offset 2'),
        ("<b>unclosed", 'can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "unmatched end tag"),
        ("fish & chips", 'unescaped "&"'),
        ("&nbsp;", "unsupported character entity"),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
    ],
)
def test_invalid_html_is_rejected(api: FakeBotAPI, text: str, detail: str) -> None:
    with pytest.raises(BadRequest) as caught:
        run(api, lambda bot: bot.send_message(USER, text, parse_mode="HTML"))
    message = str(caught.value).lower()
    assert message.startswith("can't parse entities: ")
    assert detail.lower() in message
    assert api.sent() == []
    assert api.errors[-1][:2] == ("sendMessage", 400)


def test_without_parse_mode_text_is_literal(api: FakeBotAPI) -> None:
    message = run(api, lambda bot: bot.send_message(USER, "a < b & <foo>"))
    assert message.text == "a < b & <foo>"
    assert api.sent(USER)[0]["plain"] == "a < b & <foo>"


def test_length_limit_counts_utf16_after_parsing(api: FakeBotAPI) -> None:
    async def action(bot: Bot) -> None:
        await bot.send_message(USER, "a" * 4096)
        await bot.send_message(USER, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
        await bot.send_message(USER, "😀" * 2048)  # 4096 UTF-16 code units
        for too_long in ("a" * 4097, "😀" * 2049):
            with pytest.raises(BadRequest, match=r"(?i)message is too long"):
                await bot.send_message(USER, too_long)
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(USER, "<b> </b>", parse_mode="HTML")

    run(api, action)
    assert len(api.sent(USER)) == 3


def test_callback_data_is_limited_to_64_bytes(api: FakeBotAPI) -> None:
    assert len(("数" * 21).encode()) == 63
    run(api, lambda bot: bot.send_message(USER, "ok", reply_markup=keyboard("数" * 21)))
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        run(api, lambda bot: bot.send_message(USER, "x", reply_markup=keyboard("数" * 22)))
    assert len(api.sent(USER)) == 1


def test_text_only_inline_button_is_rejected(api: FakeBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("只有文字")]])
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        run(api, lambda bot: bot.send_message(USER, "x", reply_markup=markup))


def test_blocked_user_gives_forbidden(api: FakeBotAPI) -> None:
    api.block_user(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        run(api, lambda bot: bot.send_message(USER, "hello"))
    assert api.errors[-1] == ("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert api.sent() == []
    run(api, lambda bot: bot.send_message(USER + 1, "others still get messages"))
    assert len(api.sent(USER + 1)) == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_fail_next_gives_retry_after(api: FakeBotAPI) -> None:
    api.fail_next("sendMessage", retry_after=1)

    async def action(bot: Bot) -> None:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "first")
        assert seconds(caught.value.retry_after) == 1
        await bot.send_message(USER, "second")

    run(api, action)
    assert [m["plain"] for m in api.sent(USER)] == ["second"]
    assert api.flood_errors == [("sendMessage", USER, 1)]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_automatic_flood_control_per_chat() -> None:
    with FakeBotAPI(flood_limit_per_chat=2) as api:

        async def action(bot: Bot) -> None:
            await bot.send_message(USER, "1")
            await bot.send_message(USER, "2")
            with pytest.raises(RetryAfter):
                await bot.send_message(USER, "3")
            await bot.send_message(USER + 1, "another chat is fine")

        run(api, action)
        assert [m["plain"] for m in api.sent(USER)] == ["1", "2"]
        assert len(api.flood_errors) == 1


@pytest.mark.timed
def test_get_updates_long_poll_and_offset(api: FakeBotAPI) -> None:
    pusher = threading.Timer(0.3, api.push_message, args=(USER, "/start@orgbot_test_bot hi"))

    async def action(bot: Bot) -> None:
        started = time.monotonic()
        pusher.start()
        updates = await bot.get_updates(timeout=5)
        assert time.monotonic() - started < 2, "long poll did not wake up on push"
        [update] = updates
        assert update.message.text == "/start@orgbot_test_bot hi"
        assert update.message.entities[0].type == "bot_command"
        assert update.message.entities[0].length == len("/start@orgbot_test_bot")
        assert update.effective_chat.type == "private"
        # not confirmed yet: delivered again
        again = await bot.get_updates(timeout=0)
        assert [u.update_id for u in again] == [update.update_id]
        # confirmed by offset: gone, and an empty long poll waits for its timeout
        started = time.monotonic()
        assert await bot.get_updates(offset=update.update_id + 1, timeout=1) == ()
        assert time.monotonic() - started >= 0.9

    run(api, action)
    assert api.pending_updates == []


def test_edit_message_text_rules(api: FakeBotAPI) -> None:
    markup = keyboard("a")

    async def action(bot: Bot) -> None:
        sent = await bot.send_message(USER, "<b>状态</b>", parse_mode="HTML", reply_markup=markup)
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text(
                "<b>状态</b>", USER, sent.message_id, parse_mode="HTML", reply_markup=markup
            )
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("x", USER, sent.message_id + 100)
        edited = await bot.edit_message_text("新状态", USER, sent.message_id)
        assert edited.text == "新状态"
        assert edited.reply_markup is None  # no reply_markup given: the keyboard goes away

    run(api, action)
    assert [e["plain"] for e in api.edits(USER)] == ["新状态"]


def test_callback_queries_are_answered_once(api: FakeBotAPI) -> None:
    message = run(api, lambda bot: bot.send_message(USER, "选一个", reply_markup=keyboard("yes")))
    with pytest.raises(ValueError, match="no button"):
        api.push_callback(USER, message.message_id, "not-on-the-keyboard")
    query_id = api.push_callback(USER, message.message_id, "yes")

    async def action(bot: Bot) -> None:
        [update] = await bot.get_updates()
        assert update.callback_query.data == "yes"
        assert update.callback_query.message.message_id == message.message_id
        with pytest.raises(BadRequest, match=r"(?i)message_too_long"):
            await update.callback_query.answer("长" * 201)
        await update.callback_query.answer("好的")
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(query_id)

    run(api, action)
    assert [a["text"] for a in api.callback_answers] == ["好的"]


def test_inline_query_answers_are_validated(api: FakeBotAPI) -> None:
    query_id = api.push_inline_query(USER, "社会组织")

    def article(i: int, text: str = "内容") -> InlineQueryResultArticle:
        content = InputTextMessageContent(text, parse_mode="HTML")
        return InlineQueryResultArticle(str(i), f"标题{i}", content)

    async def action(bot: Bot) -> None:
        [update] = await bot.get_updates()
        assert update.inline_query.query == "社会组织"
        with pytest.raises(BadRequest, match=r"(?i)results_too_much"):
            await bot.answer_inline_query(query_id, [article(i) for i in range(51)])
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.answer_inline_query(query_id, [article(1, "<b>坏")])
        with pytest.raises(BadRequest, match=r"(?i)result_id_duplicate"):
            await bot.answer_inline_query(query_id, [article(1), article(1)])
        await bot.answer_inline_query(query_id, [article(1), article(2)], cache_time=0)
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_inline_query(query_id, [article(3)])

    run(api, action)
    [answer] = api.inline_answers
    assert [r["id"] for r in answer["results"]] == ["1", "2"]


def test_set_my_commands_validates_names(api: FakeBotAPI) -> None:
    async def action(bot: Bot) -> None:
        with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
            await bot.set_my_commands([BotCommand("Start", "开始")])
        await bot.set_my_commands([BotCommand("start", "开始"), BotCommand("help", "帮助")])
        assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]

    run(api, action)
    assert api.commands == [
        {"command": "start", "description": "开始"},
        {"command": "help", "description": "帮助"},
    ]


def test_wait_sent_times_out_with_a_helpful_dump(api: FakeBotAPI) -> None:
    run(api, lambda bot: bot.send_message(USER, "只有这一条"))
    assert [m["plain"] for m in api.wait_sent(USER, timeout=1)] == ["只有这一条"]
    with pytest.raises(AssertionError, match="只有这一条"):
        api.wait_sent(USER, count=2, timeout=0.3)
