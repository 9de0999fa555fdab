"""Notices for the bot and the CLI: every tick plans from the database (jobs/ticks.py), stores
the plan in the outbox and wakes the sender.

In the bot, a JobQueue job ticks every ORGBOT_NOTIFY_INTERVAL seconds (time zone and misfire
grace set explicitly: APScheduler's default grace of one second would silently skip a tick
that starts late on a busy event loop), and one sender task sends what is due between ticks.
`orgbot notify --once` does one tick and sends what is due, for a cron job or systemd timer.
Either sends only while it holds the file's right to send (jobs/sending_right.py): beside a
bot that is sending, `notify --once` plans and sends nothing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils
from telegram import Bot

from jobs.database_thread import DatabaseThread
from jobs.planner import Plan, Policy
from jobs.sender import MAX_IN_FLIGHT, Sender, SendStats
from jobs.sending_right import LEASE_SECONDS
from jobs.ticks import Planning, PlanReport
from knowledge.db import describe
from knowledge.residents.lease import SenderLease
from knowledge.residents.outbox import Outbox

if TYPE_CHECKING:
    from telegram.ext import Application, CallbackContext

    from bot.settings import Settings

log = logging.getLogger(__name__)


def policy_of(settings: Settings) -> Policy:
    return Policy(settings.tz, settings.reminders, settings.quiet_hours, settings.digest)


def plan_and_store(
    db: sqlite_utils.Database, now: datetime, policy: Policy, *, write: bool = True
) -> PlanReport:
    """One tick's planning with nothing kept from before (a CLI run, a test): recover stale
    claims, plan from the database, store the plan."""
    return Planning(policy).tick(db, now, write=write)


class Notifier:
    """The notices of one database file: planning on a tick, and the sender between ticks."""

    def __init__(
        self,
        path: Path,
        policy: Policy,
        bot: Bot,
        *,
        rate: float | None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_in_flight: int = MAX_IN_FLIGHT,
        send_timeout: float | None = None,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.policy, self.clock = policy, clock
        self.db = DatabaseThread(path)
        # What the last tick read, checked against the database by each tick (jobs/ticks.py).
        self.planning = Planning(policy)
        self.sender = Sender(
            self.db,
            bot,
            rate=rate,
            tz=policy.tz,
            quiet=policy.quiet,
            max_in_flight=max_in_flight,
            send_timeout=send_timeout,
            clock=clock,
            lease_seconds=lease_seconds,
        )
        self._sending: Any = None  # the sender's task in the bot

    @classmethod
    def from_settings(cls, settings: Settings, bot: Bot, **options: Any) -> Notifier:
        return cls(
            settings.db_path,
            policy_of(settings),
            bot,
            rate=settings.broadcast_rate,
            lease_seconds=settings.sender_lease,
            **options,
        )

    async def plan(self) -> PlanReport:
        """Plan now and store the plan (in the database thread)."""
        now = self.clock()
        report = await self.db.call(self.planning.tick, now)
        if report.added or report.recovered or report.plan.withdrawn:
            log.info(
                "notices: %d row(s) added, %d withdrawn, %d recovered as unknown",
                report.added,
                len(report.plan.withdrawn),
                report.recovered,
            )
        return report

    async def once(self) -> SendStats:
        """`orgbot notify --once`: plan, send everything due now, and stop; what this run did."""
        self.sender.stats = SendStats()
        await self.plan()
        await self.sender.send_due()
        return self.sender.stats

    async def tick(self, context: CallbackContext) -> None:
        """The JobQueue job: plan, then make sure the sender runs and knows of new rows."""
        application = context.application
        try:
            await self.plan()
        except sqlite3.Error as exc:  # locked, a full disk...: the next tick tries again
            log.warning(
                "planning notices failed (%s); trying again at the next tick",
                describe(self.db.path, exc),
            )
        except Exception:
            log.exception("planning notices failed; trying again at the next tick")
        if self._sending is None or self._sending.done():
            self._sending = application.create_task(
                self._send_while_running(application), name="notice-sender"
            )
        self.sender.wake()

    async def _send_while_running(self, application: Application) -> None:
        try:
            await self.sender.run(lambda: application.running)
        finally:
            log.info("notice sender stopped: %s", self.sender.stats.line())
            if not application.running:  # the job queue has stopped: no tick comes after
                self.close()

    def close(self) -> None:
        self.db.close()


def install(application: Application, settings: Settings) -> Notifier:
    """Tick from the Application's JobQueue in the residents' time zone; stop with it."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("python-telegram-bot's job queue is missing (install its extra)")
    notifier = Notifier.from_settings(settings, application.bot)
    interval = settings.notify_interval
    job_defaults = {"misfire_grace_time": interval, "coalesce": True, "max_instances": 1}
    job_queue.scheduler.configure(
        **{**job_queue.scheduler_configuration, "timezone": settings.tz},
        job_defaults=job_defaults,
    )
    job_queue.run_repeating(
        notifier.tick, interval=interval, first=1.0, name="notices", job_kwargs=job_defaults
    )
    return notifier


async def send_once(settings: Settings, bot: Bot) -> SendStats:
    """`orgbot notify --once`: plan, send what is due now through `bot` (built by bot/app.py
    with the same rate limits as `orgbot run`), and stop."""
    notifier = Notifier.from_settings(settings, bot)
    try:
        async with bot:
            return await notifier.once()
    finally:
        notifier.close()


def describe_plan(result: Plan, tz: tzinfo) -> list[str]:
    """`orgbot notify --dry-run`: each notice due now and to how many chats."""
    lines = [f"due now: {len(result.notices)} notice(s) to {result.recipients} chat(s)"]
    for notice in result.notices:
        what = (
            notice.details.get("title") or f"{len(notice.details.get('activities', []))} activities"
        )
        lines.append(
            f"  {notice.kind:<9} {what} ({notice.activity_id or notice.key}) → {len(notice.recipients)} chat(s)"
        )
    if result.withdrawn:
        lines.append(f"waiting rows no longer true, to withdraw: {len(result.withdrawn)}")
    return lines


def describe_status(db: sqlite_utils.Database) -> list[str]:
    """`orgbot notify --status`: the outbox by kind and status, inactive chats, last errors."""
    outbox = Outbox(db)
    counts = outbox.counts()
    lines = [
        f"{kind:<9} " + ", ".join(f"{status} {n}" for status, n in sorted(by.items()))
        for kind, by in sorted(counts.items())
    ] or ["the outbox is empty"]
    next_due = outbox.next_due()
    if next_due:
        lines.append(f"next attempt: {next_due}")
    holder = SenderLease(db).holder()
    if holder is not None:
        lines.append(
            f"sending: {holder.holder} (its right to send lasts until {holder.expires_at})"
        )
    [blocked] = db.execute("SELECT COUNT(*) FROM blocked_chats").fetchone()
    lines.append(f"inactive chats (blocked the bot): {blocked}")
    errors = outbox.last_errors()
    if errors:
        lines.append("last errors:")
        lines += [
            f"  #{e['id']} {e['kind']} {e['activity_id'] or '-'} → chat {e['chat_id']}: "
            f"{e['status']} after {e['attempts']} attempt(s): {e['last_error']}"
            for e in errors
        ]
    return lines
