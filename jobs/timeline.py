"""The activities with the moments at which planning has something to do about each: its
reminder moments (moved past quiet hours) and its start. Pure, like the planner: worked out once
for a version of the knowledge base, it says cheaply which activities a tick must plan and
whether anything has come due between two ticks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable
from datetime import datetime
from math import inf

from jobs.planner import WEEK, Activity, Policy, digest_week


class Timeline:
    # Moments are kept as POSIX timestamps: comparing aware datetimes of different zones asks
    # each zone for its offset, which made sorting a thousand activities cost 25 ms.

    def __init__(self, activities: Iterable[Activity], policy: Policy) -> None:
        self.policy = policy
        starts = sorted((a.start.timestamp(), a.id, a) for a in activities)
        self.activities = tuple(activity for _, _, activity in starts)
        self._starts = [start for start, _, _ in starts]
        # Each activity's first reminder moment that counts (before it begins); a cancelled
        # activity gets no reminder, so it has none (+inf).
        self._first: list[float] = []
        moments = list(self._starts)
        for start, _, activity in starts:
            counted = (
                []
                if activity.cancelled
                else [
                    moment
                    for moment in (
                        policy.deferred(lead.moment(activity.start, policy.tz)).timestamp()
                        for lead in policy.reminders
                    )
                    if moment < start
                ]
            )
            self._first.append(min(counted, default=inf))
            moments += counted
        self._moments = sorted(moments)

    def relevant(self, now: datetime, about: Collection[str]) -> list[Activity]:
        """The activities plan_for must be given at `now` for the plan it would make with all of
        them: those with notices (`about`: their ids), those not begun whose first reminder
        moment has come, and the coming week's when the weekly digest may go out."""
        at = now.timestamp()
        week = digest_week(now, self.policy)
        week_end = (week + WEEK).timestamp() if week is not None else -inf
        relevant = []
        for activity, start, first in zip(self.activities, self._starts, self._first, strict=True):
            if activity.id in about or (start > at and (first <= at or start < week_end)):
                relevant.append(activity)
        return relevant

    def due_between(self, after: datetime, until: datetime) -> bool:
        """Whether a reminder moment or an activity's start falls in (after, until]."""
        index = bisect_right(self._moments, after.timestamp())
        return index < len(self._moments) and self._moments[index] <= until.timestamp()
