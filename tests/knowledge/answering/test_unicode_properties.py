"""Whatever a resident types — control characters, NUL, lone surrogates (JSON may carry them),
direction and zero-width marks, combining sequences, emoji ZWJ sequences, 100,000 characters,
only whitespace or punctuation, HTML and Markdown specials — the answerer replies, quickly,
with messages Telegram accepts. Property-based (hypothesis), with a modest example count."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handlers.ask import answer_keyboard
from handlers.common import html_chunks
from knowledge.answering.answer import Answerer
from knowledge.opening import open_answerer
from tests.support.telegram_html import check_message_text
from tests.support.telegram_validate import check_reply_markup

# CPU time of the answering thread: other tenants of a shared machine cannot inflate it.
CPU_LIMIT_S = 0.05

AWKWARD = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\r\n", "\t", "\u3000", "\u00a0",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u200f", "\u061c",
    "\u2066", "\u2028", "\u0301", "e\u0301", "\u0300\u0301\u0302\u0303", "\ud800", "\udfff",
    "👩\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "\U0001f1e8\U0001f1f3", "👍🏽", "\U0010ffff",
    "<b>", "</a>", "&amp;", "&#0;", "<script>alert(1)</script>", "<a href='x'>", "*", "_",
    "`", "```", "[x](tg://user?id=1)", "||", "~", "\\", "？", "！", "……", "——", "、", "。",
    "心理咨询", "明明心理", "宝鸡", "智塔", "哪里有", "电话", "活动", "/start", "@orgbot",
]  # fmt: skip
pieces = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=12), st.characters().map(str))
questions = st.lists(pieces, max_size=40).map("".join)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    db = tmp_path_factory.mktemp("unicode") / "orgbot.db"
    answerer, _ = open_answerer(db, "Asia/Shanghai")  # every question logged, as in the bot
    yield answerer
    answerer.questions.close()
    answerer.store.close()


def check_answer(answerer: Answerer, question: str) -> None:
    started = time.thread_time()
    answer = answerer.answer(question, channel="telegram", user_ref="1")
    spent = time.thread_time() - started
    assert spent < CPU_LIMIT_S, f"{spent * 1000:.0f} ms of CPU for {question[:40]!r}"
    assert answer.text.strip()
    answer.text.encode("utf-8")  # nothing the resident sent comes back unencodable
    for chunk in html_chunks(answer.reply):
        check_message_text(chunk, "HTML")  # the fake Bot API's rules: Telegram's
    markup = answer_keyboard(answer)
    if markup is not None:
        check_reply_markup(markup.to_dict())


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(question=questions)
@example(question="\ud800簀")  # found by this test: OpenCC raised on the lone surrogate
def test_any_text_gets_a_valid_reply_quickly(answerer: Answerer, question: str) -> None:
    check_answer(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "心" * 100_000,
        "a" * 100_000,
        "心理咨询 " * 20_000,
        ("哪里有心理咨询\u200b😀\u0301") * 10_000,
        "\x00" * 100_000,
        "\ud800" * 100_000,
        "<b>" * 33_334,
        " " * 100_000,
        "？" * 100_000,
        "👩\u200d👩\u200d👧\u200d👦" * 14_286,
    ],
    ids=lambda q: f"{q[:4]!r}x{len(q)}",
)
def test_a_100000_character_message_is_answered_in_bounded_time(
    answerer: Answerer, question: str
) -> None:
    check_answer(answerer, question)


def test_the_question_log_survives_them_all(tmp_path: Path) -> None:
    """Each awkward question is logged for the staff's review, the writer thread never stops."""
    db = tmp_path / "orgbot.db"
    answerer, _ = open_answerer(db, "Asia/Shanghai")
    for piece in AWKWARD:
        answerer.answer(f"心理咨询{piece}", channel="telegram")
    answerer.questions.close()  # writes everything queued
    logged = answerer.store.db.execute("SELECT count(*) FROM questions").fetchone()[0]
    answerer.store.close()
    assert logged == len(AWKWARD)
