"""/stats: how residents use the bot today and this week, in the residents' time zone."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from knowledge.records import Kind
from knowledge.residents.outbox import DeliveryStatus, Outbox
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore

TOP = 5


@dataclass(frozen=True)
class Period:
    name: str  # 今天, 本周
    asked: int
    answered: int
    disliked: int
    handed_off: int  # tickets opened
    median_reply_minutes: float | None  # opening to the first staff reply

    def line(self) -> str:
        rate = f"{self.answered / self.asked:.0%}" if self.asked else "—"
        down = f"{self.disliked / self.asked:.0%}" if self.asked else "—"
        reply = (
            f"{self.median_reply_minutes:.0f} 分钟"
            if self.median_reply_minutes is not None
            else "—"
        )
        return (
            f"{self.name}：提问 {self.asked}，已回答 {rate}，👎 {down}；"
            f"转人工 {self.handed_off}，首次人工回复中位数 {reply}"
        )


@dataclass(frozen=True)
class DeskStats:
    periods: list[Period]
    topics: list[tuple[str, int]]  # of this week's answered questions
    districts: list[tuple[str, int]]
    subscribers: int  # chats following something
    subscriptions: int
    notices: dict[str, int]  # outbox rows by status

    def text(self) -> str:
        lines = [p.line() for p in self.periods]
        lines.append("本周问得最多的主题：" + (_top(self.topics) or "—"))
        lines.append("本周问得最多的区县：" + (_top(self.districts) or "—"))
        lines.append(f"订阅：{self.subscribers} 个聊天，共 {self.subscriptions} 项")
        sent = self.notices.get(DeliveryStatus.SENT, 0)
        failed = sum(
            self.notices.get(s, 0) for s in (DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN)
        )
        blocked = self.notices.get(DeliveryStatus.BLOCKED, 0)
        waiting = self.notices.get(DeliveryStatus.PENDING, 0)
        lines.append(f"提醒：已发送 {sent}，失败 {failed}，对方已停用 {blocked}，待发送 {waiting}")
        return "\n".join(lines)


def desk_stats(
    store: KnowledgeStore, residents: ResidentsStore, now: datetime, tz: tzinfo
) -> DeskStats:
    local = now.astimezone(tz)
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    week = today - timedelta(days=today.weekday())
    periods = [_period(residents, name, start) for name, start in (("今天", today), ("本周", week))]
    topics: Counter[str] = Counter()
    districts: Counter[str] = Counter()
    for kind, key, n in residents.db.execute(
        "SELECT top_kind, top_id, COUNT(*) FROM questions WHERE at >= ? AND answered = 1 "
        "AND top_id != '' GROUP BY top_kind, top_id",
        [_utc(week)],
    ):
        record = store.get(Kind(kind).table, key) if kind in set(Kind) else None
        if record is None:
            continue
        for topic in record.get("topics") or []:
            topics[topic] += n
        place = record.get("district") or record.get("city")  # some name only their city
        if place:
            districts[place] += n
    subscribers, subscriptions = residents.db.execute(
        "SELECT COUNT(DISTINCT chat_id), COUNT(*) FROM subscriptions"
    ).fetchone()
    notices: Counter[str] = Counter()
    for by_status in Outbox(residents.db).counts().values():
        notices.update(by_status)
    return DeskStats(
        periods,
        topics.most_common(TOP),
        districts.most_common(TOP),
        subscribers,
        subscriptions,
        dict(notices),
    )


def _period(residents: ResidentsStore, name: str, start: datetime) -> Period:
    asked, answered, disliked = residents.db.execute(
        "SELECT COUNT(*), COALESCE(SUM(answered), 0), COALESCE(SUM(feedback = 'down'), 0) "
        "FROM questions WHERE at >= ? AND intent != 'greeting'",
        [_utc(start)],
    ).fetchone()
    desk = residents.desk
    since = start.astimezone(UTC)
    return Period(
        name, asked, answered, disliked, desk.opened_since(since), desk.median_first_reply(since)
    )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _top(counted: list[tuple[str, int]]) -> str:
    return "、".join(f"{name} {n}" for name, n in counted)
