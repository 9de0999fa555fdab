"""Real database files with activities and subscribers, and the fake Bot API with faults."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram import Bot

from jobs.planner import Policy
from jobs.timing import parse_digest, parse_quiet_hours, parse_reminders
from knowledge.curation.apply import apply_records
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore
from tests.jobs.faults import FaultyBotAPI

SHANGHAI = ZoneInfo("Asia/Shanghai")
ORG = "baoji-zhita-children"  # a shipped organization: 宝鸡智塔儿童启能成长中心
# Quiet hours off: these tests run at whatever hour CI does.
POLICY = Policy(SHANGHAI, parse_reminders("1d@09:00,2h"))
# The settings' defaults, quiet hours and digest too: for tests that set their own clock.
DEFAULT_POLICY = Policy(
    SHANGHAI,
    parse_reminders("1d@09:00,2h"),
    parse_quiet_hours("22:00-08:00"),
    parse_digest("mon@09:00"),
)


def shanghai(text: str) -> datetime:
    """A wall-clock time in Shanghai, e.g. shanghai("2026-12-04T09:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def soon(minutes: int = 90) -> datetime:
    """A start time whose two-hour reminder is already due (Shanghai time, whole minutes)."""
    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    return moment.astimezone(SHANGHAI).replace(second=0, microsecond=0)


def add_activity(store: KnowledgeStore, id: str = "reading", **fields: Any) -> None:
    """Add or change an activity the way staff do (validated, audited)."""
    start = fields.pop("start", None) or soon()
    record = {
        "id": id,
        "title": "亲子阅读会",
        "organization": ORG,
        "topics": ["儿童青少年"],
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "place": "市图书馆二楼",
        "registration": "电话报名",
        "source": "民政局2026年走访核实",
        **fields,
    }
    report = apply_records(store, [("activities", record)], origin="test")
    assert report.ok, report.describe()


@pytest.fixture
def api(request: pytest.FixtureRequest) -> Iterator[FaultyBotAPI]:
    """The fake server; parametrize indirectly with FakeBotAPI options (flood limits...)."""
    with FaultyBotAPI(**getattr(request, "param", {})) as server:
        yield server


@pytest.fixture
def residents(store: KnowledgeStore) -> ResidentsStore:
    return ResidentsStore(store.db)


@pytest.fixture
async def bot(api: FaultyBotAPI) -> AsyncIterator[Bot]:
    """A plain Bot (no rate limiter) talking to the fake server."""
    async with Bot(api.token, base_url=api.base_url) as client:
        yield client
