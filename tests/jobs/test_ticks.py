"""Ticks that keep what they read: a tick that finds nothing changed plans nothing and reads no
outbox, yet whatever another connection changes between two ticks is planned by the next one,
exactly as a tick that kept nothing would plan it."""

from __future__ import annotations

import random
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from jobs.followers import Followers
from jobs.notifier import plan_and_store
from jobs.ticks import Planning, PlanReport, read_followers
from jobs.timing import utc_text
from knowledge.db import connect
from knowledge.residents.outbox import Outbox
from knowledge.residents.store import ResidentsStore, Subscription
from knowledge.store import KnowledgeStore
from tests.jobs.conftest import DEFAULT_POLICY, ORG, add_activity, shanghai

POLICY = DEFAULT_POLICY


def told(report: PlanReport) -> list[tuple[str, int]]:
    return [(str(n.kind), chat) for n in report.plan.notices for chat, _ in n.recipients]


def deliver(db: sqlite_utils.Database) -> None:
    """What the sender does on the notices' own connection: every waiting row sent."""
    with db.conn:
        db.execute("UPDATE outbox SET status = 'sent' WHERE status = 'pending'")


class Ticks:
    """The bot's notices connection, ticking at chosen moments with what it read kept."""

    def __init__(self, db_path: Path) -> None:
        self.db = connect(db_path)
        self.planning = Planning(POLICY)

    def at(self, moment: str) -> PlanReport:
        report = self.planning.tick(self.db, shanghai(moment))
        deliver(self.db)
        return report

    def settle(self, *moments: str) -> None:
        """Ticks after the last write, until one finds nothing changed (reads no outbox)."""
        reports = [self.at(moment) for moment in moments]
        assert reports[-1].planned is False and told(reports[-1]) == []


def test_an_activity_changed_on_another_connection_between_ticks_is_told_at_the_next(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store, start=shanghai("2026-12-05T10:30"))
    ticks = Ticks(db_path)
    assert told(ticks.at("2026-12-04T09:00")) == [("reminder", 1001)]
    ticks.settle("2026-12-04T09:01", "2026-12-04T09:02")
    add_activity(store, start=shanghai("2026-12-05T11:30"))  # staff, in another process
    assert told(ticks.at("2026-12-04T09:03")) == [("changed", 1001)]
    ticks.settle("2026-12-04T09:04", "2026-12-04T09:05")
    add_activity(store, start=shanghai("2026-12-05T11:30"), status="cancelled")
    assert told(ticks.at("2026-12-04T09:06")) == [("cancelled", 1001)]


def test_a_reminder_moment_between_two_ticks_that_read_nothing_is_planned(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store, start=shanghai("2026-12-05T10:30"))
    ticks = Ticks(db_path)
    ticks.settle("2026-12-04T09:00", "2026-12-04T09:01", "2026-12-04T09:02")
    ticks.settle("2026-12-05T08:25", "2026-12-05T08:29")
    # 08:30 is two hours before: the tick at 08:31 plans it, though nothing in the file changed.
    assert told(ticks.at("2026-12-05T08:31")) == [("reminder", 1001)]


def test_a_subscription_or_a_chat_let_back_in_between_ticks_gets_its_reminder_at_the_next(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "organization", ORG)
    residents.mark_blocked(1002)
    add_activity(store, start=shanghai("2026-12-05T10:30"))
    ticks = Ticks(db_path)
    assert told(ticks.at("2026-12-04T09:00")) == [("reminder", 1001)]
    ticks.settle("2026-12-04T09:01", "2026-12-04T09:02")
    residents.subscribe(1003, "topic", "儿童青少年")  # a resident pressed 订阅 meanwhile
    assert told(ticks.at("2026-12-04T09:03")) == [("reminder", 1003)]  # late rather than never
    ticks.settle("2026-12-04T09:04", "2026-12-04T09:05")
    residents.clear_blocked(1002)  # wrote to the bot again
    assert told(ticks.at("2026-12-04T09:06")) == [("reminder", 1002)]


@pytest.mark.parametrize("change", ["one stops, two subscribe", "a group moves, one subscribes"])
def test_subscriptions_stopped_or_moved_while_others_are_added_are_seen_by_the_next_tick(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path, change: str
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1004, "organization", ORG)
    add_activity(store, start=shanghai("2026-12-05T10:30"))
    ticks = Ticks(db_path)
    ticks.settle("2026-12-04T08:50", "2026-12-04T08:51", "2026-12-04T08:52")
    if change == "one stops, two subscribe":  # more rows than the count grew by
        residents.unsubscribe_all(1001)
        residents.subscribe(1002, "organization", ORG)
        residents.subscribe(1003, "organization", ORG)
        expected = [1002, 1003, 1004]
    else:  # as many rows as it grew by, but a chat id changed
        residents.migrate_chat(1004, 1005)
        residents.subscribe(1002, "organization", ORG)
        expected = [1001, 1002, 1005]
    assert told(ticks.at("2026-12-04T08:55")) == []
    assert told(ticks.at("2026-12-04T09:00")) == [("reminder", chat) for chat in expected]


def test_a_change_made_by_hand_past_every_check_is_seen_within_ten_minutes(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store, start=shanghai("2026-12-05T10:30"))
    ticks = Ticks(db_path)
    assert told(ticks.at("2026-12-04T09:00")) == [("reminder", 1001)]
    ticks.settle("2026-12-04T09:01", "2026-12-04T09:02")
    with store.db.conn:  # sqlite3 by hand: no knowledge version, no new row
        store.db.execute("UPDATE activities SET place = '渭滨区文化馆' WHERE id = 'reading'")
    ticks.at("2026-12-04T09:05")  # nothing that a tick checks has changed
    assert told(ticks.at("2026-12-04T09:11")) == [("changed", 1001)]


def test_a_resident_choosing_the_digest_on_its_day_gets_it_at_the_next_tick(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "organization", ORG)
    residents.set_digest(1001, True)
    add_activity(store, start=shanghai("2026-12-10T19:00"))  # Thursday
    ticks = Ticks(db_path)
    assert told(ticks.at("2026-12-07T09:00")) == [("digest", 1001)]  # Monday
    ticks.settle("2026-12-07T09:01", "2026-12-07T09:02")
    residents.set_digest(1002, True)
    assert told(ticks.at("2026-12-07T09:03")) == [("digest", 1002)]


def test_a_row_given_back_to_be_tried_again_after_a_change_is_withdrawn_not_sent(
    store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store, start=shanghai("2026-12-05T10:30"))
    ticks = Ticks(db_path)
    ticks.planning.tick(ticks.db, shanghai("2026-12-04T09:00"))  # not delivered: waiting
    outbox = Outbox(ticks.db)
    [row] = [r.row_id for r in outbox.due(utc_text(shanghai("2026-12-04T09:00")), 10)]
    assert outbox.claim([row], "sender-1", "2026-12-04T01:00:00Z") == [True]  # on its way
    add_activity(store, start=shanghai("2026-12-05T11:30"))
    assert told(ticks.at("2026-12-04T09:05")) == [("changed", 1001)]  # it may have been read
    ticks.settle("2026-12-04T09:06", "2026-12-04T09:07")
    # The send of the old time did not leave after all; the sender gives it back for later.
    outbox.retry_later(row, "sender-1", "2026-12-04T01:10:00Z", "timed out before sending")
    report = ticks.planning.tick(ticks.db, shanghai("2026-12-04T09:08"))
    assert report.planned and [r for r, _, _ in report.plan.withdrawn] == [row]
    [[status]] = ticks.db.execute("SELECT status FROM outbox WHERE id = ?", [row]).fetchall()
    assert status == "withdrawn"


def test_the_followers_read_grouped_are_those_planning_would_build() -> None:
    db = sqlite_utils.Database(memory=True)
    residents = ResidentsStore(db)
    residents.subscribe(1, "organization", ORG)
    residents.subscribe(2, "organization", ORG)
    residents.subscribe(2, "topic", "儿童青少年")
    residents.set_digest(2, True)
    residents.subscribe(3, "district", "渭滨区")
    residents.mark_blocked(3)
    rows = db.execute("SELECT id, chat_id, kind, target FROM subscriptions").fetchall()
    expected = Followers.of([Subscription(*row) for row in rows], {3})
    grouped = read_followers(db)
    assert dict(grouped.by_target) == dict(expected.by_target)
    assert grouped.digest == expected.digest and set(grouped.inactive) == {3}


def _outbox(db: sqlite_utils.Database) -> list[tuple[str, int, str]]:
    return db.execute(
        "SELECT n.key, o.chat_id, o.status FROM outbox o JOIN notices n ON n.id = o.notice_id"
        " ORDER BY n.key, o.chat_id"
    ).fetchall()


def test_ticks_that_keep_what_they_read_store_what_ticks_that_keep_nothing_store(
    store: KnowledgeStore, db_path: Path, tmp_path: Path
) -> None:
    """Two copies of one file, changed alike between ticks by other connections (staff moving,
    cancelling and restoring activities; residents following, stopping, blocking the bot; the
    sender delivering some rows, giving some back): one ticked by a Planning that keeps what it
    read, one by ticks that keep nothing. Their outboxes must stay the same, tick after tick."""
    ResidentsStore(store.db)
    store.close()
    twin = tmp_path / "twin.db"
    shutil.copy(db_path, twin)
    stores = [KnowledgeStore.open(db_path), KnowledgeStore.open(twin)]
    residents = [ResidentsStore(s.db) for s in stores]
    kept, fresh = connect(db_path), connect(twin)
    planning = Planning(POLICY)
    rng = random.Random(12)
    now = shanghai("2026-12-03T07:00")  # a Thursday
    starts = {f"act-{n}": now + timedelta(hours=rng.randrange(10, 120)) for n in range(8)}
    topics = ["儿童青少年", "养老助老"]
    for s, r in zip(stores, residents, strict=True):
        for n, (key, start) in enumerate(starts.items()):
            add_activity(s, id=key, start=start.replace(minute=0), topics=[topics[n % 2]])
        for chat in range(1000, 1006):
            r.subscribe(chat, "topic", topics[chat % 2])
    skipped = 0
    for step in range(400):
        roll = rng.random()
        chat = 1000 + rng.randrange(6)
        for s, r, db in zip(stores, residents, (kept, fresh), strict=True):
            state = random.Random(step)  # the same change in both files
            if roll < 0.04:
                key = state.choice(sorted(starts))
                moved = starts[key] + timedelta(hours=state.choice([-3, 1, 2]))
                add_activity(
                    s,
                    id=key,
                    start=moved.replace(minute=0),
                    status=state.choice(["scheduled", "cancelled"]),
                )
            elif roll < 0.08:
                r.subscribe(chat, "topic", state.choice(topics))
            elif roll < 0.10:
                r.unsubscribe_all(chat)
            elif roll < 0.12:
                r.subscribe(chat, "organization", ORG)
                r.set_digest(chat, True)
            elif roll < 0.13:
                r.mark_blocked(chat)
            elif roll < 0.15:
                r.clear_blocked(chat)
            elif roll < 0.17:  # one stops everything, another subscribes: in one tick
                r.unsubscribe_all(chat)
                r.subscribe(chat + 1, "organization", ORG)
                r.subscribe(chat + 1, "topic", state.choice(topics))
            elif roll < 0.19:  # a group became a supergroup while another chat subscribed
                r.migrate_chat(chat, chat + 10)
                r.subscribe(chat + 2, "topic", state.choice(topics))
            elif roll < 0.35:  # the sender: some rows sent, one claimed and given back
                with db.conn:
                    db.execute(
                        "UPDATE outbox SET status = 'sent' WHERE status = 'pending'"
                        " AND chat_id % 2 = ?",
                        [step % 2],
                    )
                    db.execute(
                        "UPDATE outbox SET status = 'sending', claimed_by = 'elsewhere:1',"
                        " claimed_at = '9999' WHERE id ="
                        " (SELECT MIN(id) FROM outbox WHERE status = 'pending')"
                    )
            elif roll < 0.40:
                with db.conn:
                    db.execute("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
        now += timedelta(minutes=rng.choice([1, 1, 2, 3, 7, 13, 90]))
        a = planning.tick(kept, now)
        b = plan_and_store(fresh, now, POLICY)
        skipped += not a.planned
        assert _outbox(kept) == _outbox(fresh), f"step {step} at {now.isoformat()}"
        assert (a.added, len(a.plan.withdrawn)) == (b.added, len(b.plan.withdrawn))
    assert skipped > 100 and len(_outbox(kept)) > 20  # both paths were taken, and often
