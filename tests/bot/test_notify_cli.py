"""`orgbot notify --dry-run | --once | --status`, as staff and cron run it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.curation.apply import open_knowledge
from knowledge.db import connect
from knowledge.residents.lease import SenderLease, lease_text
from knowledge.residents.store import ResidentsStore
from tests.jobs.conftest import ORG, add_activity
from tests.jobs.faults import FaultyBotAPI


@pytest.fixture
def api() -> Iterator[FaultyBotAPI]:
    with FaultyBotAPI() as server:
        yield server


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL", "ORGBOT_REMINDERS", "ORGBOT_DIGEST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("dotenv.load_dotenv", lambda *args, **kwargs: False)
    monkeypatch.setenv("ORGBOT_DB", str(db_path))
    monkeypatch.setenv("ORGBOT_QUIET_HOURS", "off")  # CI runs at any hour
    store = open_knowledge(db_path)
    residents = ResidentsStore(store.db)
    for chat in (1001, 1002, 1003):
        residents.subscribe(chat, "organization", ORG)
    add_activity(store)
    store.close()


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["notify", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_dry_run_says_what_is_due_and_to_how_many_and_sends_nothing(db_path: Path) -> None:
    output = run("--dry-run")
    assert "due now: 1 notice(s) to 3 chat(s)" in output
    assert "reminder  亲子阅读会 (reading) → 3 chat(s)" in output
    assert "the outbox is empty" in run("--status")


def test_once_sends_then_status_shows_the_outbox_and_the_last_errors(
    api: FaultyBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
    monkeypatch.setenv("TELEGRAM_BASE_URL", api.base_url)
    api.block_user(1003)
    assert run("--once").startswith("sent 2, unknown 0, failed 0, blocked 1,")
    assert sorted(m["chat_id"] for m in api.sent()) == [1001, 1002]
    status = run("--status")
    assert "reminder  blocked 1, sent 2" in status
    assert "inactive chats (blocked the bot): 1" in status
    assert (
        "→ chat 1003: blocked after 1 attempt(s): Forbidden: bot was blocked by the user" in status
    )
    assert run("--once").startswith("sent 0,")  # nothing twice


def test_once_needs_the_token_and_one_mode_is_required() -> None:
    result = CliRunner().invoke(main, ["notify", "--once"])
    assert result.exit_code != 0 and "TELEGRAM_BOT_TOKEN" in result.output
    result = CliRunner().invoke(main, ["notify"])
    assert result.exit_code != 0 and "--dry-run, --once or --status" in result.output


def test_once_while_another_sender_holds_the_right_to_send_says_so_and_sends_nothing(
    api: FaultyBotAPI, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
    monkeypatch.setenv("TELEGRAM_BASE_URL", api.base_url)
    lease = SenderLease(connect(db_path))
    now = datetime.now(UTC)
    assert lease.take("bot-host:4242:cafe", lease_text(now), lease_text(now + timedelta(minutes=1))) is None  # fmt: skip
    output = run("--once")  # exit 0: the bot is doing the work
    assert "另一个发送程序（bot-host:4242:cafe）正在发送通知，本次没有发送" in output
    assert "another sender (bot-host:4242:cafe) holds the right to send until " in output
    assert "sent 0," in output and api.sent() == []
    assert "sending: bot-host:4242:cafe (its right to send lasts until " in run("--status")
    lease.release("bot-host:4242:cafe")
    assert run("--once").startswith("sent 3,")  # planned before, sent now, once each
    assert sorted(m["chat_id"] for m in api.sent()) == [1001, 1002, 1003]
