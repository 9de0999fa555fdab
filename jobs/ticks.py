"""One planning tick: read what planning needs, plan, store the plan; or, when nothing planning
reads has changed since the last tick and nothing has come due, know that the plan is empty
without reading the outbox.

The schedule is still derived from the database on every tick; what is kept between ticks is
only a shortcut, and each tick checks it against the database in its read transaction:

- The parsed activities (a Timeline) and who follows what (Followers) are read again whenever
  their fingerprint changes: the knowledge version (`kb_version`, which every import through
  apply_records changes), the activities' and organizations' counts and highest rowids, and
  counts and sums over the subscriptions and the inactive chats (when the subscriptions only
  grew, the new rows are added to what was read). These are read from the tables themselves,
  so a write from any connection or process (staff's `orgbot kb import`, a resident
  subscribing, the sender marking a chat blocked on this very connection) is seen by the next
  tick. (PRAGMA data_version would not do: it ignores this connection's own writes and changes
  with every logged question.)
- The outbox is read, and planning done, unless all of these hold since the last tick: the
  fingerprint is the same; that tick wrote nothing and saw no waiting ('pending') row, and
  there is none now (only a waiting row's moves change what planning decides; a row a sender
  gives back to be tried again is waiting); no reminder moment or start of an activity, no end
  of the quiet hours and no digest moment has come; and the clock has not gone back.
- Every FULL_EVERY, however busy or quiet, a tick reads everything again and plans: a safety
  net for a hand-made change to the file that none of the above sees. A tick that fails
  forgets everything kept.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from jobs.followers import Followers
from jobs.planner import Activity, Plan, Policy, digest_week, plan_for
from jobs.sending_right import sender_stopped
from jobs.timeline import Timeline
from jobs.timing import utc_text
from knowledge.residents.outbox import Outbox
from knowledge.residents.store import SubscriptionKind

log = logging.getLogger(__name__)

# A claim older than this belongs to a sender that stopped (no send takes a quarter hour).
CLAIM_LEASE = timedelta(minutes=15)
# Notices about what ended this long ago, and their rows, are deleted.
KEEP = timedelta(days=90)
# A tick this long after the last one that read everything reads everything again, and plans.
FULL_EVERY = timedelta(minutes=10)

# The knowledge planning reads (three values), then who follows what (four).
_FINGERPRINT = (
    "SELECT (SELECT value FROM meta WHERE key = 'kb_version'),"
    " (SELECT COUNT(*) || ':' || IFNULL(MAX(rowid), 0) FROM activities),"
    " (SELECT COUNT(*) || ':' || IFNULL(MAX(rowid), 0) FROM organizations),"
    # ids are never reused: an insert raises MAX(id), a delete lowers the count, and a chat
    # moving to a new id (the only update) changes the sum.
    " (SELECT COUNT(*) FROM subscriptions), (SELECT IFNULL(MAX(id), 0) FROM subscriptions),"
    " (SELECT TOTAL(chat_id) FROM subscriptions),"
    " (SELECT COUNT(*) || ':' || TOTAL(chat_id) || ':' || TOTAL(chat_id * chat_id)"
    " FROM blocked_chats)"
)
_KNOWLEDGE, _FOLLOWED = slice(0, 3), slice(3, 7)
_ACTIVITIES = (
    "SELECT a.id, a.title, a.start, a.[end], a.organization, a.topics, a.district,"
    " a.timezone, a.place, a.registration, a.status, o.name, o.district"
    " FROM activities a LEFT JOIN organizations o ON o.id = a.organization"
)
# Grouped in SQLite: a few hundred rows of joined ids instead of a row per subscription.
_FOLLOWERS = (
    "SELECT kind, target, group_concat(chat_id), group_concat(id) FROM subscriptions"
    " WHERE chat_id NOT IN (SELECT chat_id FROM blocked_chats) GROUP BY kind, target"
)
_WAITING = (
    "SELECT 1 FROM outbox o JOIN notices n ON n.id = o.notice_id"
    " WHERE o.status = 'pending' AND n.expires_at > ? LIMIT 1"
)


@dataclass(frozen=True)
class PlanReport:
    plan: Plan
    added: int  # outbox rows written (0 in a dry run)
    recovered: int  # rows left 'sending' by a stopped sender, now 'unknown'
    planned: bool = True  # False: nothing had changed or come due, the outbox was not read


def read_timeline(db: sqlite_utils.Database, policy: Policy) -> Timeline:
    """The activities as planning needs them (the columns it uses, nothing else)."""
    activities = []
    for row in db.execute(_ACTIVITIES):
        record: dict[str, Any] = {
            "id": row[0],
            "title": row[1] or "",
            "start": row[2],
            "end": row[3],
            "organization": row[4],
            "topics": json.loads(row[5]) if row[5] else [],
            "district": row[6],
            "timezone": row[7],
            "place": row[8],
            "registration": row[9],
            "status": row[10],
        }
        organizations = {row[4]: {"name": row[11], "district": row[12]}} if row[4] else {}
        try:
            activities.append(Activity.from_record(record, organizations))
        except (KeyError, TypeError, ValueError) as exc:  # validated on import; be safe
            log.warning("activity %s is skipped: %s", row[0], exc)
    return Timeline(activities, policy)


def read_followers(db: sqlite_utils.Database) -> Followers:
    """Who follows what among the active chats (Followers.of, grouped by SQLite)."""
    inactive = {row[0] for row in db.execute("SELECT chat_id FROM blocked_chats")}
    by_target: dict[tuple[str, str], dict[int, int]] = {}
    digest: dict[int, int] = {}
    for kind, target, chats, ids in db.execute(_FOLLOWERS):
        # a chat follows a target once (a unique index), so each group holds a chat once
        pairs = zip(map(int, chats.split(",")), map(int, ids.split(",")), strict=True)
        if kind == SubscriptionKind.DIGEST:
            for chat, sub in pairs:  # the oldest one wins
                digest[chat] = min(sub, digest.get(chat, sub))
        else:
            by_target[(kind, target)] = dict(pairs)
    return Followers(by_target, digest, inactive)


class Planning:
    """The ticks of one connection (the notices' database thread, or one CLI run)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._purged_at: datetime | None = None
        self.forget()

    def tick(self, db: sqlite_utils.Database, now: datetime, *, write: bool = True) -> PlanReport:
        """Recover stale claims, plan from the database at `now`, store the plan."""
        try:
            return self._tick(db, now, write)
        except BaseException:
            self.forget()
            raise

    def forget(self) -> None:
        """Keep nothing: the next tick reads everything."""
        self._fingerprint: tuple[Any, ...] | None = None
        self._timeline: Timeline | None = None
        self._followers: Followers | None = None
        self._last: datetime | None = None  # the last tick that ended well
        self._read_at: datetime | None = None  # the last tick that read everything
        self._settled = False  # that one wrote nothing and saw nothing waiting

    def _tick(self, db: sqlite_utils.Database, now: datetime, write: bool) -> PlanReport:
        outbox = Outbox(db)
        recovered = 0
        if write:
            recovered = outbox.recover(sender_stopped, utc_text(now - CLAIM_LEASE), utc_text(now))
            if self._purged_at is None or not (now - FULL_EVERY < self._purged_at <= now):
                outbox.purge(utc_text(now - KEEP))
                self._purged_at = now
        db.execute("BEGIN")  # one consistent moment for everything read
        try:
            fingerprint = tuple(db.execute(_FINGERPRINT).fetchone())
            if self._read_at is None or not (now - FULL_EVERY < self._read_at <= now):
                self.forget()  # the safety net: read everything again, plan everything
                self._read_at = now
            changed = fingerprint != self._fingerprint
            if changed:  # a resident subscribing leaves the activities as they were, and so on
                old = self._fingerprint or (None,) * len(fingerprint)
                if self._timeline is None or fingerprint[_KNOWLEDGE] != old[_KNOWLEDGE]:
                    self._timeline = read_timeline(db, self.policy)
                if self._followers is None or fingerprint[_FOLLOWED] != old[_FOLLOWED]:
                    self._followers = self._subscribed(db, fingerprint, old) or read_followers(db)
                self._fingerprint = fingerprint
            waiting = db.execute(_WAITING, [utc_text(now)]).fetchone() is not None
            skip = write and not changed and not waiting and self._nothing_due(now)
            told = [] if skip else outbox.live(utc_text(now))
        finally:
            db.execute("COMMIT")
        assert self._timeline is not None and self._followers is not None
        if skip:
            self._last = now
            return PlanReport(Plan(), 0, recovered, planned=False)
        about = {notice.activity_id for notice in told}
        relevant = self._timeline.relevant(now, about)
        result = plan_for(relevant, self._followers, told, now, self.policy)
        if not write:
            return PlanReport(result, 0, recovered)
        added = outbox.store(result.notices, result.withdrawn, utc_text(now))
        self._last = now
        self._settled = not waiting and not added and not result.withdrawn
        return PlanReport(result, added, recovered)

    def _subscribed(
        self, db: sqlite_utils.Database, fingerprint: tuple[Any, ...], old: tuple[Any, ...]
    ) -> Followers | None:
        """Who follows what when the only change since the last tick is new subscriptions
        (a resident pressed 订阅): those rows added to what was read. None otherwise."""
        (count, top, total, blocked), (count_was, top_was, total_was, blocked_was) = (
            fingerprint[_FOLLOWED],
            old[_FOLLOWED],
        )
        if self._followers is None or blocked != blocked_was or count_was is None:
            return None
        if count <= count_was or top <= top_was:
            return None
        rows = db.execute(
            "SELECT id, chat_id, kind, target FROM subscriptions WHERE id > ?", [top_was]
        ).fetchall()
        # New ids are above every old one, so all that was added is here: as many rows as the
        # count grew means nothing was deleted, and the sum says no chat moved to a new id.
        if len(rows) != count - count_was or total_was + sum(r[1] for r in rows) != total:
            return None
        followers = self._followers
        by_target, digest = dict(followers.by_target), dict(followers.digest)
        copied: set[tuple[str, str]] = set()  # the groups copied, so the old ones stay as read
        for sub_id, chat, kind, target in rows:
            if chat in followers.inactive:
                continue
            if kind == SubscriptionKind.DIGEST:
                digest.setdefault(chat, sub_id)  # the oldest one wins
                continue
            if (kind, target) not in copied:
                by_target[(kind, target)] = dict(by_target.get((kind, target), {}))
                copied.add((kind, target))
            by_target[(kind, target)][chat] = sub_id
        return Followers(by_target, digest, followers.inactive)

    def _nothing_due(self, now: datetime) -> bool:
        """Whether the plan at `now` is surely empty, the inputs being as at the last tick."""
        last, policy = self._last, self.policy
        if not self._settled or last is None or self._timeline is None or now < last:
            return False
        if self._timeline.due_between(last, now):
            return False
        if policy.quiet_at(last) and not policy.quiet_at(now):
            return False  # what came due, or changed, in the quiet hours is planned now
        if policy.digest is not None:
            moment = policy.deferred(policy.digest.latest(now, policy.tz))
            if last < moment <= now or digest_week(last, policy) != digest_week(now, policy):
                return False
        return True
