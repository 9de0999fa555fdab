"""Weekly opening hours, as staff write them: "mon-fri 09:00-17:30" (ORGBOT_DESK_HOURS)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_RE = re.compile(
    r"^\s*(?P<first>[a-z]{3})(?:\s*-\s*(?P<last>[a-z]{3}))?\s+"
    r"(?P<open>\d{1,2}:\d{2})\s*-\s*(?P<close>\d{1,2}:\d{2})\s*$"
)


@dataclass(frozen=True)
class WeeklyHours:
    days: frozenset[int]  # Monday is 0
    opens: time
    closes: time

    @classmethod
    def parse(cls, text: str) -> WeeklyHours:
        """'mon-fri 09:00-17:30' or 'sat 10:00-12:00'; ValueError says what is wrong."""
        found = _RE.match(text.lower())
        if not found or found["first"] not in DAYS or (found["last"] or "mon") not in DAYS:
            raise ValueError(f"expected e.g. 'mon-fri 09:00-17:30', got {text!r}")
        first = DAYS.index(found["first"])
        last = DAYS.index(found["last"]) if found["last"] else first
        days = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        opens, closes = (time.fromisoformat(found[k].zfill(5)) for k in ("open", "close"))
        if closes <= opens:
            raise ValueError(f"the desk must close after it opens: {text!r}")
        return cls(frozenset(days), opens, closes)

    def is_open(self, when: datetime) -> bool:
        return when.weekday() in self.days and self.opens <= when.time() < self.closes

    def next_opening(self, when: datetime) -> datetime:
        """The next moment the desk opens after `when` (in `when`'s time zone)."""
        for ahead in range(8):
            day = (when + timedelta(days=ahead)).date()
            opening = datetime.combine(day, self.opens, tzinfo=when.tzinfo)
            if day.weekday() in self.days and opening > when:
                return opening
        raise AssertionError("a week always holds an opening")  # days is never empty

    def describe(self) -> str:
        """E.g. 周一至周五 09:00–17:30."""
        days = sorted(self.days)
        names = (
            f"{WEEKDAY_NAMES[days[0]]}至{WEEKDAY_NAMES[days[-1]]}"
            if len(days) > 1 and days == list(range(days[0], days[-1] + 1))
            else "、".join(WEEKDAY_NAMES[d] for d in days)
        )
        return f"{names} {self.opens:%H:%M}–{self.closes:%H:%M}"
