"""Who follows what: the chats an activity's notices go to, each with the subscription that
brings it (its organization before its topics before its district), among the active chats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from knowledge.residents.store import Subscription, SubscriptionKind

if TYPE_CHECKING:
    from jobs.planner import Activity


class Followers:
    """Who follows what, among the chats that are still active. Built once from the
    subscriptions and the inactive chats; a tick that finds neither changed uses it again."""

    def __init__(
        self,
        by_target: Mapping[tuple[str, str], dict[int, int]],
        digest: dict[int, int],
        inactive: Collection[int],
    ) -> None:
        self.by_target = by_target  # (kind, target) → chat → subscription id
        self.digest = digest  # chat → its digest subscription
        self.inactive = inactive
        self._memo: dict[tuple[str, tuple[str, ...], str], dict[int, int]] = {}

    @classmethod
    def of(cls, subscriptions: Iterable[Subscription], inactive: Collection[int]) -> Followers:
        by_target: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
        digest: dict[int, int] = {}
        for sub in sorted(subscriptions, key=lambda s: -s.id):  # the oldest one wins
            if sub.chat_id in inactive:
                continue
            if sub.kind == SubscriptionKind.DIGEST:
                digest[sub.chat_id] = sub.id
            else:
                by_target[(str(sub.kind), sub.target)][sub.chat_id] = sub.id
        return cls(by_target, digest, inactive)

    def following(self, activity: Activity) -> dict[int, int]:
        """chat → the subscription that brings it this activity: its organization before its
        topics before its district."""
        key = (activity.organization, activity.topics, activity.district)
        found = self._memo.get(key)
        if found is None:
            found = {}
            found.update(self.by_target.get(("district", activity.district), {}))
            for topic in activity.topics:
                found.update(self.by_target.get(("topic", topic), {}))
            found.update(self.by_target.get(("organization", activity.organization), {}))
            self._memo[key] = found
        return found
