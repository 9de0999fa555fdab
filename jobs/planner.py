"""Planning: which notices are due now, worked out from scratch on every tick.

`plan()` is a pure function: the activities, the subscriptions, the outbox rows of notices about
what has not begun yet, the inactive chats and "now" go in; the notices to add and the waiting
rows to withdraw come out. It keeps nothing between ticks, so a restart, or staff importing in
another process, is simply seen by the next tick (jobs/ticks.py keeps only what it checks
against the database every tick). The rules:

- Reminders at the lead times (ORGBOT_REMINDERS). A reminder whose moment has passed while the
  activity has not begun goes at once (late rather than never); when several moments have
  passed, one message stands for all of them; an activity that has begun gets none.
- Quiet hours (ORGBOT_QUIET_HOURS): nothing is planned then. A reminder moment in the quiet
  hours moves to their end, and is dropped when the activity begins before that.
- A chat told about an activity (a row it may have read) whose time or place then changes is
  told again (活动时间有变); when the activity is cancelled or removed, it is told that (活动已取消).
- The weekly digest (ORGBOT_DIGEST) lists the coming week's activities on a chat's subscriptions,
  for the chats that chose it, at its moment or up to a day late; an empty one is not sent.
- A waiting row that is no longer true (the activity changed, was cancelled, or the chat stopped
  following it) is withdrawn, and what is true now is planned instead.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from jobs import messages
from jobs.followers import Followers
from jobs.timing import DigestTime, Lead, QuietHours, utc_text
from knowledge.residents.outbox import DeliveryStatus, NewNotice, NoticeKind, Told
from knowledge.residents.store import Subscription

WEEK = timedelta(days=7)
# A digest the bot could not send at its moment (it was down) still goes within a day; after
# that the week is under way, and a chat that chose the digest mid-week waits for the next.
DIGEST_LATE = timedelta(days=1)
_ANNOUNCING = frozenset({NoticeKind.REMINDER, NoticeKind.CHANGED})


@dataclass(frozen=True)
class Activity:
    """What planning needs of an activity record."""

    id: str
    title: str
    start: datetime  # aware
    end: datetime | None = None
    organization: str = ""  # its id
    organization_name: str = ""
    topics: tuple[str, ...] = ()
    district: str = ""
    timezone: str = ""  # the record's own zone, if it gave one
    place: str = ""
    registration: str = ""
    cancelled: bool = False

    @classmethod
    def from_record(
        cls, record: Mapping[str, Any], organizations: Mapping[str, Mapping[str, Any]]
    ) -> Activity:
        """An activity record as stored; its district is its organization's when it gives none."""
        org = organizations.get(record.get("organization") or "", {})
        end = record.get("end")
        return cls(
            id=record["id"],
            title=record["title"],
            start=datetime.fromisoformat(record["start"]),
            end=datetime.fromisoformat(end) if end else None,
            organization=record.get("organization") or "",
            organization_name=org.get("name") or "",
            topics=tuple(record.get("topics") or ()),
            district=record.get("district") or org.get("district") or "",
            timezone=record.get("timezone") or "",
            place=record.get("place") or "",
            registration=record.get("registration") or "",
            cancelled=record.get("status") == "cancelled",
        )

    @property
    def details(self) -> dict[str, Any]:
        """What a notice about it says (kept with the notice, to be told of later changes)."""
        return {
            "title": self.title,
            "organization": self.organization,
            "organization_name": self.organization_name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else "",
            "timezone": self.timezone,
            "place": self.place,
            "registration": self.registration,
        }

    @property
    def snapshot(self) -> str:
        """Its time and place, hashed: a notice told of these, and a change shows here."""
        told = f"{self.start.isoformat()}|{self.end.isoformat() if self.end else ''}|{self.place}"
        return hashlib.sha1(told.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Policy:
    """The settings planning follows (the residents' time zone and ORGBOT_* notice settings)."""

    tz: tzinfo
    reminders: tuple[Lead, ...]
    quiet: QuietHours | None = None
    digest: DigestTime | None = None

    def deferred(self, moment: datetime) -> datetime:
        return self.quiet.defer(moment, self.tz) if self.quiet else moment

    def quiet_at(self, moment: datetime) -> bool:
        return bool(self.quiet and self.quiet.contains(moment, self.tz))


@dataclass
class Plan:
    notices: list[NewNotice] = field(default_factory=list)
    withdrawn: list[tuple[int, DeliveryStatus, str]] = field(default_factory=list)

    @property
    def recipients(self) -> int:
        return sum(len(n.recipients) for n in self.notices)


def latest_reminder(activity: Activity, now: datetime, policy: Policy) -> datetime | None:
    """The latest reminder moment that has come (moved past quiet hours) and is still before
    the activity begins, or None."""
    latest = None
    for lead in policy.reminders:
        moment = policy.deferred(lead.moment(activity.start, policy.tz))
        if moment <= now and moment < activity.start and (latest is None or moment > latest):
            latest = moment
    return latest


def plan(
    activities: Sequence[Activity],
    subscriptions: Iterable[Subscription],
    told: Iterable[Told],
    inactive: Collection[int],
    now: datetime,
    policy: Policy,
) -> Plan:
    """The notices due at `now`, and the waiting rows to withdraw.

    `told` are the notices about what had not begun when they were written, oldest first, with
    their rows' chats (Outbox.live)."""
    return plan_for(activities, Followers.of(subscriptions, inactive), told, now, policy)


def plan_for(
    activities: Sequence[Activity],
    followers: Followers,
    told: Iterable[Told],
    now: datetime,
    policy: Policy,
) -> Plan:
    """plan() with who follows what already worked out. `activities` may leave out those that
    cannot have anything due at `now` (Timeline.relevant): the plan is the same."""
    inactive = followers.inactive
    by_id = {a.id: a for a in activities}
    about: dict[str, list[Told]] = defaultdict(list)
    digests_done: set[tuple[str, int]] = set()
    for notice in told:
        if notice.kind == NoticeKind.DIGEST:
            digests_done.update((notice.covers_at, chat) for chat in _chats(notice))
        else:
            about[notice.activity_id].append(notice)

    result = Plan()
    quiet = policy.quiet_at(now)
    for activity_id in sorted(set(about) - set(by_id)):  # removed from the knowledge base
        notices = about[activity_id]
        for notice in notices:
            if notice.kind != NoticeKind.CANCELLED:
                _withdraw(notice, notice.waiting, "the activity was removed", result)
        if not quiet:
            _tell_cancelled(activity_id, notices, inactive, now, policy, result)
    for activity in sorted(activities, key=lambda a: (a.start, a.id)):
        notices = about.get(activity.id, [])
        if activity.start > now:
            _plan_activity(activity, notices, followers, inactive, now, quiet, policy, result)
        else:
            for notice in notices:
                _withdraw(notice, notice.waiting, "the activity has begun", result, expired=True)
    if policy.digest and not quiet and followers.digest:
        _plan_digests(activities, followers, digests_done, now, policy, result)
    return result


def _chats(notice: Told) -> set[int]:
    return notice.heard | notice.tried | set(notice.waiting)


def _withdraw(
    notice: Told, chats: Iterable[int], reason: str, result: Plan, *, expired: bool = False
) -> None:
    status = DeliveryStatus.EXPIRED if expired else DeliveryStatus.WITHDRAWN
    for chat in list(chats):
        result.withdrawn.append((notice.waiting.pop(chat), status, reason))


def _latest_heard(notices: list[Told]) -> dict[int, Told]:
    """chat → the last notice about the activity it may have read (notices come oldest first)."""
    latest: dict[int, Told] = {}
    for notice in notices:
        latest.update(dict.fromkeys(notice.heard, notice))
    return latest


def _tell_cancelled(
    activity_id: str,
    notices: list[Told],
    inactive: Collection[int],
    now: datetime,
    policy: Policy,
    result: Plan,
) -> None:
    """活动已取消, to each active chat whose last notice read did not already say so."""
    waiting = {c for n in notices if n.kind == NoticeKind.CANCELLED for c in n.waiting}
    told: dict[int, list[int]] = defaultdict(list)  # last notice read → chats
    for chat, last in _latest_heard(notices).items():
        if last.kind != NoticeKind.CANCELLED and chat not in waiting and chat not in inactive:
            told[last.notice_id].append(chat)
    details_of = {n.notice_id: n.details for n in notices}
    for notice_id, chats in sorted(told.items()):
        details = details_of[notice_id]
        start = datetime.fromisoformat(details["start"])
        if start <= now:
            continue
        result.notices.append(
            NewNotice(
                key=f"cancelled:{activity_id}:{notice_id}",
                kind=NoticeKind.CANCELLED,
                activity_id=activity_id,
                snapshot="",
                details=details,
                text=messages.cancelled_text(details, policy.tz, now),
                covers_at=utc_text(now),
                expires_at=utc_text(start),
                recipients=tuple((chat, None) for chat in sorted(chats)),
            )
        )


def _plan_activity(
    activity: Activity,
    notices: list[Told],
    followers: Followers,
    inactive: Collection[int],
    now: datetime,
    quiet: bool,
    policy: Policy,
    result: Plan,
) -> None:
    snapshot = activity.snapshot
    latest = None if activity.cancelled else latest_reminder(activity, now, policy)
    if not notices and latest is None:
        return  # the common case: nothing told yet, nothing due yet
    chats = followers.following(activity) if not activity.cancelled else {}
    for notice in notices:  # waiting rows that are no longer true go
        if notice.kind == NoticeKind.CANCELLED:
            if not activity.cancelled:
                _withdraw(notice, notice.waiting, "the activity is on again", result)
        elif activity.cancelled or notice.snapshot != snapshot:
            _withdraw(notice, notice.waiting, "the activity changed", result)
        else:
            _withdraw(notice, set(notice.waiting) - chats.keys(), "no longer followed", result)
    if quiet:
        return
    if activity.cancelled:
        _tell_cancelled(activity.id, notices, inactive, now, policy, result)
        return

    details, start = activity.details, utc_text(activity.start)
    announcing = [n for n in notices if n.kind in _ANNOUNCING]
    # A chat with a notice of the current time and place still waiting hears nothing more now.
    told_again = {chat for n in announcing for chat in n.waiting}
    heard = [n for n in notices if n.heard]
    if any(n.snapshot != snapshot or n.kind == NoticeKind.CANCELLED for n in heard):
        # (last notice read, whether it said cancelled) → recipients
        changes: dict[tuple[int, bool], list[tuple[int, int]]] = defaultdict(list)
        last_of = {n.notice_id: n for n in notices}
        for chat, last in _latest_heard(notices).items():
            if chat in told_again or chat not in chats:
                continue
            was_cancelled = last.kind == NoticeKind.CANCELLED
            if last.snapshot != snapshot or was_cancelled:
                changes[(last.notice_id, was_cancelled)].append((chat, chats[chat]))
                told_again.add(chat)
        for (notice_id, was_cancelled), recipients in sorted(changes.items()):
            text = (
                messages.reinstated_text(details, policy.tz, now)
                if was_cancelled
                else messages.changed_text(details, last_of[notice_id].details, policy.tz, now)
            )
            result.notices.append(
                NewNotice(
                    key=f"changed:{activity.id}:{notice_id}:{snapshot}",
                    kind=NoticeKind.CHANGED,
                    activity_id=activity.id,
                    snapshot=snapshot,
                    details=details,
                    text=text,
                    covers_at=utc_text(now),
                    expires_at=start,
                    recipients=tuple(sorted(recipients)),
                )
            )

    if latest is None:
        return
    due = utc_text(latest)
    covered = set(told_again)
    for notice in announcing:
        if notice.covers_at >= due:
            covered |= _chats(notice)
    recipients = tuple(sorted((chat, chats[chat]) for chat in chats.keys() - covered))
    if recipients:
        result.notices.append(
            NewNotice(
                key=f"reminder:{activity.id}:{due}:{snapshot}",
                kind=NoticeKind.REMINDER,
                activity_id=activity.id,
                snapshot=snapshot,
                details=details,
                text=messages.reminder_text(details, policy.tz, now),
                covers_at=due,
                expires_at=start,
                recipients=recipients,
            )
        )


def digest_week(now: datetime, policy: Policy) -> datetime | None:
    """The start of the week whose digest may go out at `now` (its moment, moved past quiet
    hours, has come, up to a day late), or None."""
    if policy.digest is None:
        return None
    week_start = policy.digest.latest(now, policy.tz)
    moment = policy.deferred(week_start)
    return week_start if moment <= now < moment + DIGEST_LATE else None


def _plan_digests(
    activities: Sequence[Activity],
    followers: Followers,
    done: set[tuple[str, int]],
    now: datetime,
    policy: Policy,
    result: Plan,
) -> None:
    week_start = digest_week(now, policy)
    if week_start is None:
        return
    covers, week_end = utc_text(week_start), week_start + WEEK
    waiting = {chat for chat in followers.digest if (covers, chat) not in done}
    if not waiting:
        return
    lists: dict[int, list[Activity]] = defaultdict(list)
    for activity in sorted(activities, key=lambda a: (a.start, a.id)):
        if activity.cancelled or not (now < activity.start < week_end):
            continue
        for chat in waiting.intersection(followers.following(activity)):
            lists[chat].append(activity)
    for chat, items in sorted(lists.items()):
        result.notices.append(
            NewNotice(
                key=f"digest:{week_start.date().isoformat()}:{chat}",
                kind=NoticeKind.DIGEST,
                activity_id="",
                snapshot="",
                details={"activities": [a.id for a in items]},
                text=messages.digest_text(week_start, [a.details for a in items], policy.tz, now),
                covers_at=covers,
                expires_at=utc_text(week_end),
                recipients=((chat, followers.digest[chat]),),
            )
        )
