"""When notices may go out: reminder lead times, quiet hours and the weekly digest's moment.

Each is parsed from the text of its setting (bot/settings.py names the variable when the text
is wrong) and answers questions about moments as aware datetimes. Residents live in the bot's
time zone (ORGBOT_TZ), so "the day before at 09:00", quiet hours and the digest's weekday are
all read on their clock; an activity's own time zone only changes how its time is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DEFAULT_REMINDERS = "1d@09:00,2h"
DEFAULT_QUIET_HOURS = "22:00-08:00"
DEFAULT_DIGEST = "mon@09:00"

_LEAD_RE = re.compile(r"^(\d{1,3})([dhm])(?:@(\d{1,2}):(\d{2}))?$")
_CLOCK_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def utc_text(moment: datetime) -> str:
    """A moment as stored in the outbox: UTC, to the second, so that text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _clock(text: str) -> time:
    match = _CLOCK_RE.match(text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"{text!r} is not a time of day like 09:00")
    return time(int(match[1]), int(match[2]))


def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


@dataclass(frozen=True)
class Lead:
    """How long before an activity a reminder goes: `2h`, `30m`, `1d`, or `1d@09:00` (the day
    before, at 09:00 on the residents' clock)."""

    spec: str
    amount: int
    unit: str  # d, h or m
    clock: time | None = None

    def moment(self, start: datetime, tz: tzinfo) -> datetime:
        """When this reminder of an activity starting at `start` is due."""
        if self.clock is not None:
            day = start.astimezone(tz).date() - timedelta(days=self.amount)
            return _at(day, self.clock, tz)
        step = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
        return start - self.amount * step[self.unit]


def parse_reminders(text: str) -> tuple[Lead, ...]:
    """`1d@09:00,2h` → the lead times, each once; ValueError says what is wrong."""
    leads: list[Lead] = []
    for part in (p.strip() for p in text.split(",")):
        match = _LEAD_RE.match(part)
        if not match:
            raise ValueError(f"{part!r} is not a lead time like 2h, 30m, 1d or 1d@09:00")
        amount, unit = int(match[1]), match[2]
        clock = _clock(f"{match[3]}:{match[4]}") if match[3] else None
        if clock is not None and unit != "d":
            raise ValueError(f"{part!r}: a time of day (@HH:MM) goes with days only, like 1d@09:00")
        if amount == 0 and clock is None:
            raise ValueError(f"{part!r}: a reminder must come before the activity")
        if any(lead.spec == part for lead in leads):
            continue
        leads.append(Lead(part, amount, unit, clock))
    return tuple(leads)


@dataclass(frozen=True)
class QuietHours:
    """`22:00-08:00`: no notice goes out from 22:00 until 08:00 on the residents' clock."""

    begin: time
    end: time

    def contains(self, moment: datetime, tz: tzinfo) -> bool:
        clock = moment.astimezone(tz).time()
        if self.begin < self.end:
            return self.begin <= clock < self.end
        return clock >= self.begin or clock < self.end

    def end_after(self, moment: datetime, tz: tzinfo) -> datetime:
        """The end of the quiet hours `moment` falls in (call only when it is quiet)."""
        local = moment.astimezone(tz)
        day = local.date()
        if self.begin > self.end and local.time() >= self.begin:
            day += timedelta(days=1)  # 23:00 waits for tomorrow's 08:00
        return _at(day, self.end, tz)

    def defer(self, moment: datetime, tz: tzinfo) -> datetime:
        """`moment`, or the end of the quiet hours it falls in."""
        return self.end_after(moment, tz) if self.contains(moment, tz) else moment


def parse_quiet_hours(text: str) -> QuietHours | None:
    """`22:00-08:00`, or `off` for none."""
    if text.strip().lower() == "off":
        return None
    begin, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"{text!r} is not a span like 22:00-08:00 (or off)")
    quiet = QuietHours(_clock(begin), _clock(end))
    if quiet.begin == quiet.end:
        raise ValueError(f"{text!r}: the quiet hours begin and end at the same time")
    return quiet


@dataclass(frozen=True)
class DigestTime:
    """`mon@09:00`: the weekly digest goes out on Mondays at 09:00 on the residents' clock."""

    weekday: int  # Monday is 0
    clock: time

    def latest(self, now: datetime, tz: tzinfo) -> datetime:
        """The most recent digest moment at or before `now`."""
        local = now.astimezone(tz)
        day = local.date() - timedelta(days=(local.weekday() - self.weekday) % 7)
        moment = _at(day, self.clock, tz)
        return moment if moment <= now else _at(day - timedelta(days=7), self.clock, tz)


def parse_digest(text: str) -> DigestTime | None:
    """`mon@09:00`, or `off` for no digest."""
    if text.strip().lower() == "off":
        return None
    day, sep, clock = text.strip().lower().partition("@")
    if not sep or day not in WEEKDAYS:
        raise ValueError(f"{text!r} is not a weekly moment like mon@09:00 (or off)")
    return DigestTime(WEEKDAYS.index(day), _clock(clock))


# The defaults as values, for Settings' field defaults.
DEFAULT_LEADS = parse_reminders(DEFAULT_REMINDERS)
DEFAULT_QUIET = parse_quiet_hours(DEFAULT_QUIET_HOURS)
DEFAULT_DIGEST_TIME = parse_digest(DEFAULT_DIGEST)
