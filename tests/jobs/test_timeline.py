"""The timeline: the activities a tick must plan give the plan all of them give, and it knows
when a moment has come between two ticks."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from jobs.planner import Activity, Plan
from jobs.timeline import Timeline
from jobs.timing import parse_digest, utc_text
from knowledge.residents.store import Subscription
from tests.jobs.test_planner import POLICY, Ledger, at, follows, reading

DIGEST_POLICY = replace(POLICY, digest=parse_digest("mon@09:00"))


class OnlyRelevant(Ledger):
    """A ledger that gives planning only the activities the timeline says it must see."""

    def tick(
        self,
        when: datetime,
        activities: list[Activity],
        subscriptions: list[Subscription],
        **options: Any,
    ) -> Plan:
        about = {t.activity_id for k, t in self.told.items() if self.expires[k] > utc_text(when)}
        relevant = Timeline(activities, self.policy).relevant(when, about)
        assert len(relevant) <= len(activities)
        return super().tick(when, relevant, subscriptions, **options)


def _said(result: Plan) -> tuple[list[tuple[str, str, tuple[tuple[int, int | None], ...]]], ...]:
    notices = [(n.key, n.text, n.recipients) for n in result.notices]
    return notices, sorted((row, str(status)) for row, status, _ in result.withdrawn)


def test_planning_the_relevant_activities_plans_what_planning_them_all_does() -> None:
    for seed in range(3):
        rng = random.Random(seed)
        everything, relevant = Ledger(DIGEST_POLICY), OnlyRelevant(DIGEST_POLICY)
        now = at("2026-12-03T07:00")
        activities = {
            f"a{n}": reading(
                (now + timedelta(hours=rng.randrange(2, 340))).strftime("%Y-%m-%dT%H:00"),
                id=f"a{n}",
                topics=(rng.choice(["儿童青少年", "养老助老"]),),
            )
            for n in range(20)
        }
        subs = [follows(1001), follows(1002, "topic", "养老助老"), Subscription(9, 1003, "digest", "weekly")]  # fmt: skip
        subs.append(follows(1003, "topic", "儿童青少年", sub=10))
        planned = 0
        for step in range(300):
            if rng.random() < 0.05:  # staff move, cancel or remove one
                key = rng.choice(sorted(activities))
                roll = rng.random()
                if roll < 0.2:
                    del activities[key]
                else:
                    moved = activities[key].start + timedelta(hours=rng.choice([-5, 2, 30]))
                    activities[key] = replace(
                        activities[key], start=moved, end=None, cancelled=roll < 0.4
                    )
            now += timedelta(minutes=rng.choice([5, 30, 60, 180]))
            deliver = rng.random() < 0.7
            a = everything.tick(now, list(activities.values()), subs, deliver=deliver)
            b = relevant.tick(now, list(activities.values()), subs, deliver=deliver)
            assert _said(a) == _said(b), f"seed {seed} step {step}"
            planned += len(a.notices)
        assert planned > 20


def test_moments_between_two_ticks() -> None:
    activity = reading()  # Saturday 10:30; reminders Friday 09:00 and Saturday 08:30
    timeline = Timeline([activity, reading("2026-12-06T10:30", id="b", cancelled=True)], POLICY)
    assert not timeline.due_between(at("2026-12-04T08:00"), at("2026-12-04T08:59"))
    assert timeline.due_between(at("2026-12-04T08:59"), at("2026-12-04T09:00"))
    assert not timeline.due_between(at("2026-12-04T09:00"), at("2026-12-05T08:29"))
    assert timeline.due_between(at("2026-12-05T08:29"), at("2026-12-05T08:30"))
    assert timeline.due_between(at("2026-12-05T10:00"), at("2026-12-05T10:30"))  # it begins
    # a cancelled activity has no reminder moment, only its start
    assert not timeline.due_between(at("2026-12-05T10:31"), at("2026-12-06T10:29"))
    assert timeline.relevant(at("2026-12-04T08:59"), set()) == []
    assert timeline.relevant(at("2026-12-04T09:00"), set()) == [activity]
    assert [a.id for a in timeline.relevant(at("2026-12-04T09:00"), {"b"})] == ["reading", "b"]
