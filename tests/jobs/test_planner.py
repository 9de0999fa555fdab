"""The planner, tick by tick at chosen moments: what is due, and only once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from jobs.planner import Activity, Plan, Policy, plan
from jobs.timing import parse_digest, parse_quiet_hours, parse_reminders, utc_text
from knowledge.residents.outbox import DeliveryStatus, NoticeKind, Told
from knowledge.residents.store import Subscription

SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = Policy(SHANGHAI, parse_reminders("1d@09:00,2h"), parse_quiet_hours("22:00-08:00"))
ORG = "baoji-zhita-children"


def at(text: str, tz: ZoneInfo = SHANGHAI) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def reading(start: str = "2026-12-05T10:30", **fields: object) -> Activity:
    """亲子阅读会, Saturday 5 December 2026 10:30–12:30 in Shanghai."""
    begins = at(start)
    defaults: dict = {
        "id": "reading",
        "title": "亲子阅读会",
        "start": begins,
        "end": begins + timedelta(hours=2),
        "organization": ORG,
        "organization_name": "宝鸡智塔儿童启能成长中心",
        "topics": ("儿童青少年",),
        "district": "渭滨区",
        "place": "市图书馆二楼",
        "registration": "电话报名",
    }
    return Activity(**{**defaults, **fields})


def follows(chat: int, kind: str = "organization", target: str = ORG, sub: int = 0) -> Subscription:
    return Subscription(sub or chat, chat, kind, target)


class Ledger:
    """The outbox as planning sees it; each tick's notices are delivered at once (or left
    waiting with deliver=False), as the sender would."""

    def __init__(self, policy: Policy = POLICY) -> None:
        self.policy = policy
        self.told: dict[str, Told] = {}  # by key
        self.expires: dict[str, str] = {}
        self.rows = 0

    def tick(
        self,
        when: datetime,
        activities: list[Activity],
        subscriptions: list[Subscription],
        *,
        inactive: frozenset[int] = frozenset(),
        deliver: bool = True,
    ) -> Plan:
        live = [t for key, t in self.told.items() if self.expires[key] > utc_text(when)]
        # planning withdraws from the waiting rows it is given; hand it copies
        given = [replace(t, waiting=dict(t.waiting)) for t in live]
        result = plan(activities, subscriptions, given, inactive, when, self.policy)
        gone = {row_id for row_id, _, _ in result.withdrawn}
        for notice in live:
            notice.waiting = {c: r for c, r in notice.waiting.items() if r not in gone}
        for notice in result.notices:
            told = self.told.get(notice.key)
            if told is None:
                told = Told(
                    len(self.told) + 1,
                    str(notice.kind),
                    notice.activity_id,
                    notice.snapshot,
                    notice.covers_at,
                    notice.details,
                )
                self.told[notice.key] = told
                self.expires[notice.key] = notice.expires_at
            for chat, _ in notice.recipients:
                self.rows += 1
                if deliver:
                    told.heard.add(chat)
                else:
                    told.waiting[chat] = self.rows
        return result


def sent(result: Plan) -> list[tuple[str, int]]:
    """(kind, chat) of every planned message."""
    return [(str(n.kind), chat) for n in result.notices for chat, _ in n.recipients]


def test_the_day_before_at_nine_and_two_hours_before_across_midnight() -> None:
    ledger, activity, subs = Ledger(), reading(), [follows(1001)]
    assert sent(ledger.tick(at("2026-12-04T08:59"), [activity], subs)) == []
    first = ledger.tick(at("2026-12-04T09:00"), [activity], subs)
    assert sent(first) == [("reminder", 1001)]
    assert "12月5日（周六）10:30–12:30" in first.notices[0].text
    for moment in ("2026-12-04T09:01", "2026-12-04T21:59", "2026-12-05T00:00", "2026-12-05T08:29"):
        assert sent(ledger.tick(at(moment), [activity], subs)) == [], moment
    assert sent(ledger.tick(at("2026-12-05T08:30"), [activity], subs)) == [("reminder", 1001)]
    assert sent(ledger.tick(at("2026-12-05T08:31"), [activity], subs)) == []
    assert sent(ledger.tick(at("2026-12-05T10:30"), [activity], subs)) == []


def test_late_rather_than_never_and_one_message_for_every_passed_moment() -> None:
    ledger, activity = Ledger(), reading()
    # Imported (or subscribed) at 09:00 on the day: both moments have passed; one message goes.
    result = ledger.tick(at("2026-12-05T09:00"), [activity], [follows(1001)])
    assert sent(result) == [("reminder", 1001)]
    assert result.notices[0].covers_at == utc_text(at("2026-12-05T08:30"))
    assert sent(ledger.tick(at("2026-12-05T09:01"), [activity], [follows(1001)])) == []


def test_an_activity_that_has_begun_gets_nothing() -> None:
    activity, subs = reading(), [follows(1001)]
    assert sent(Ledger().tick(at("2026-12-05T10:30"), [activity], subs)) == []
    assert sent(Ledger().tick(at("2026-12-05T11:00"), [activity], subs)) == []


def test_waiting_rows_of_an_activity_moved_to_an_earlier_time_that_has_passed_expire() -> None:
    ledger, subs = Ledger(), [follows(1001)]
    ledger.tick(at("2026-12-04T09:00"), [reading()], subs, deliver=False)
    result = ledger.tick(at("2026-12-04T12:00"), [reading("2026-12-04T11:00")], subs)
    assert sent(result) == []
    assert [status for _, status, _ in result.withdrawn] == [DeliveryStatus.EXPIRED]


def test_quiet_hours_hold_a_reminder_until_eight_or_drop_it_when_the_activity_starts_first() -> (
    None
):
    at_nine, at_half_seven = reading("2026-12-05T09:00"), reading("2026-12-05T07:30", id="early")
    ledger, subs = Ledger(), [follows(1001)]
    ledger.tick(at("2026-12-04T09:00"), [at_nine, at_half_seven], subs)  # the day-before ones
    # 2h before 09:00 is 07:00, quiet: it waits for 08:00. 2h before 07:30 is 05:30: at 08:00
    # that activity has begun, so it gets no second reminder.
    assert sent(ledger.tick(at("2026-12-05T07:00"), [at_nine, at_half_seven], subs)) == []
    assert sent(ledger.tick(at("2026-12-05T07:59"), [at_nine, at_half_seven], subs)) == []
    result = ledger.tick(at("2026-12-05T08:00"), [at_nine, at_half_seven], subs)
    assert [(n.activity_id, chat) for n in result.notices for chat, _ in n.recipients] == [
        ("reading", 1001)
    ]


def test_nothing_is_planned_in_quiet_hours_not_even_a_change() -> None:
    ledger, subs = Ledger(), [follows(1001)]
    ledger.tick(at("2026-12-04T09:00"), [reading()], subs)
    moved = reading("2026-12-05T11:30")
    assert sent(ledger.tick(at("2026-12-04T23:00"), [moved], subs)) == []
    assert sent(ledger.tick(at("2026-12-05T08:00"), [moved], subs)) == [("changed", 1001)]


def test_quiet_hours_off_and_a_quiet_span_within_one_day() -> None:
    activity, subs = reading("2026-12-05T13:30"), [follows(1001)]
    off = Ledger(replace(POLICY, quiet=None))
    assert sent(off.tick(at("2026-12-04T23:00"), [activity], subs)) == [("reminder", 1001)]
    lunch = Ledger(replace(POLICY, quiet=parse_quiet_hours("12:00-14:00")))
    lunch.tick(at("2026-12-04T09:00"), [activity], subs)
    # 2h before 13:30 is 11:30, not quiet; at 12:00 the span begins.
    assert sent(lunch.tick(at("2026-12-05T11:30"), [activity], subs)) == [("reminder", 1001)]


def test_an_activity_in_its_own_time_zone_is_shown_in_it_and_planned_on_the_residents_clock() -> (
    None
):
    berlin = ZoneInfo("Europe/Berlin")
    activity = reading(
        start="2026-12-05T09:30",
        id="online",
        timezone="Europe/Berlin",
    )
    activity = replace(
        activity, start=at("2026-12-05T10:00", berlin), end=at("2026-12-05T11:00", berlin)
    )
    ledger, subs = Ledger(), [follows(1001)]
    # 10:00 in Berlin is 17:00 in Shanghai, on 5 December: the day before at 09:00 Shanghai.
    assert sent(ledger.tick(at("2026-12-04T08:59"), [activity], subs)) == []
    result = ledger.tick(at("2026-12-04T09:00"), [activity], subs)
    assert "12月5日（周六）10:00–11:00（Europe/Berlin时间）" in result.notices[0].text


def test_the_residents_clock_keeps_nine_oclock_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    policy = Policy(berlin, parse_reminders("1d@09:00,2h"), None)
    # Summer time begins in Berlin at 02:00 on 29 March 2026.
    activity = replace(reading(), start=at("2026-03-30T10:00", berlin), end=None)
    ledger, subs = Ledger(policy), [follows(1001)]
    assert sent(ledger.tick(at("2026-03-29T08:59", berlin), [activity], subs)) == []
    assert sent(ledger.tick(at("2026-03-29T09:00", berlin), [activity], subs)) == [
        ("reminder", 1001)
    ]
    assert utc_text(at("2026-03-29T09:00", berlin)) == "2026-03-29T07:00:00Z"  # CEST: UTC+2


def test_a_changed_time_is_told_to_those_reminded_and_only_to_them() -> None:
    ledger = Ledger()
    subs = [follows(1001), follows(1002)]
    ledger.tick(at("2026-12-04T09:00"), [reading()], [follows(1001)])  # 1002 subscribes later
    moved = reading("2026-12-05T11:30")
    result = ledger.tick(at("2026-12-04T12:00"), [moved], subs)
    assert sent(result) == [("changed", 1001), ("reminder", 1002)]
    change = result.notices[0]
    assert change.text.startswith("<b>活动时间有变｜亲子阅读会</b>")
    assert "时间：12月5日（周六）11:30–13:30（原定12月5日（周六）10:30–12:30）" in change.text
    assert sent(ledger.tick(at("2026-12-04T12:01"), [moved], subs)) == []
    # The 2h reminder of the new time still comes.
    assert sent(ledger.tick(at("2026-12-05T09:30"), [moved], subs)) == [
        ("reminder", 1001),
        ("reminder", 1002),
    ]


def test_a_changed_place_says_so() -> None:
    ledger, subs = Ledger(), [follows(1001)]
    ledger.tick(at("2026-12-04T09:00"), [reading()], subs)
    result = ledger.tick(at("2026-12-04T10:00"), [reading(place="渭滨区文化馆")], subs)
    assert result.notices[0].text.startswith("<b>活动地点有变｜")
    assert "地点：渭滨区文化馆（原定市图书馆二楼）" in result.notices[0].text


def test_a_cancelled_or_removed_activity_is_told_to_those_reminded_and_gets_no_more() -> None:
    for after in ([reading(cancelled=True)], []):  # status cancelled, or kb import --replace
        ledger = Ledger()
        subs = [follows(1001), follows(1002, "topic", "儿童青少年")]
        ledger.tick(at("2026-12-04T09:00"), [reading()], [follows(1001)])
        result = ledger.tick(at("2026-12-04T15:00"), after, subs)
        assert sent(result) == [("cancelled", 1001)]
        assert result.notices[0].text.startswith("<b>活动已取消｜亲子阅读会</b>")
        assert "原定时间：12月5日（周六）10:30–12:30" in result.notices[0].text
        assert sent(ledger.tick(at("2026-12-05T08:30"), after, subs)) == []


def test_a_reinstated_activity_is_told_again() -> None:
    ledger, subs = Ledger(), [follows(1001)]
    ledger.tick(at("2026-12-04T09:00"), [reading()], subs)
    ledger.tick(at("2026-12-04T10:00"), [reading(cancelled=True)], subs)
    result = ledger.tick(at("2026-12-04T11:00"), [reading()], subs)
    assert sent(result) == [("changed", 1001)]
    assert result.notices[0].text.startswith("<b>活动恢复举行｜")


def test_waiting_rows_that_are_no_longer_true_are_withdrawn_and_replaced() -> None:
    ledger, subs = Ledger(), [follows(1001), follows(1002)]
    ledger.tick(at("2026-12-04T09:00"), [reading()], subs, deliver=False)
    moved = reading("2026-12-05T11:30")
    result = ledger.tick(at("2026-12-04T09:05"), [moved], [follows(1001)])
    assert sorted(status for _, status, _ in result.withdrawn) == ["withdrawn", "withdrawn"]
    # Nobody read the old time: 1001 gets a plain reminder of the new one, 1002 left.
    assert sent(result) == [("reminder", 1001)]


def test_one_message_per_chat_with_the_button_of_the_subscription_that_brought_it() -> None:
    subs = [
        Subscription(7, 1001, "topic", "儿童青少年"),
        Subscription(9, 1001, "organization", ORG),
        Subscription(8, 1001, "district", "渭滨区"),
    ]
    result = Ledger().tick(at("2026-12-04T09:00"), [reading()], subs)
    assert [n.recipients for n in result.notices] == [((1001, 9),)]


def test_inactive_chats_get_nothing() -> None:
    result = Ledger().tick(
        at("2026-12-04T09:00"),
        [reading()],
        [follows(1001), follows(1002)],
        inactive=frozenset({1002}),
    )
    assert sent(result) == [("reminder", 1001)]


def test_the_weekly_digest_lists_the_coming_week_for_those_who_chose_it() -> None:
    ledger = Ledger(replace(POLICY, digest=parse_digest("mon@09:00")))
    week = [
        reading("2026-12-10T19:00", id="talk", title="家长讲座"),
        reading("2026-12-08T09:30"),
        reading("2026-12-15T09:30", id="next-week", title="下周的活动"),
        reading("2026-12-09T09:30", id="other", organization="other-org", topics=(), district=""),
    ]
    subs = [follows(1001), Subscription(50, 1001, "digest", "weekly"), follows(1002)]
    monday = at("2026-12-07T09:00")  # a Monday
    assert [n.kind for n in ledger.tick(monday - timedelta(minutes=1), week, subs).notices] == []
    result = ledger.tick(monday, week, subs)
    [digest] = [n for n in result.notices if n.kind == NoticeKind.DIGEST]
    assert digest.recipients == ((1001, 50),)
    assert digest.text.splitlines()[0] == "<b>本周活动（12月7日（周一）起）</b>"
    assert digest.text.index("亲子阅读会") < digest.text.index("家长讲座")
    assert "下周的活动" not in digest.text and "other" not in digest.text
    assert not [n for n in ledger.tick(monday + timedelta(hours=1), week, subs).notices if n.kind == NoticeKind.DIGEST]  # fmt: skip


def test_no_digest_when_off_or_when_the_week_holds_nothing() -> None:
    subs = [follows(1001), Subscription(50, 1001, "digest", "weekly")]
    monday = at("2026-12-07T09:00")
    assert Ledger().tick(monday, [reading("2026-12-09T09:30")], subs).notices == []  # digest off
    ledger = Ledger(replace(POLICY, digest=parse_digest("mon@09:00")))
    assert ledger.tick(monday, [reading("2026-12-20T09:30")], subs).notices == []


def test_planning_is_the_same_whichever_time_zone_now_is_given_in() -> None:
    activity, subs = reading(), [follows(1001)]
    local = Ledger().tick(at("2026-12-04T09:00"), [activity], subs)
    utc = Ledger().tick(at("2026-12-04T09:00").astimezone(UTC), [activity], subs)
    assert local == utc


def test_a_digest_goes_up_to_a_day_late_and_a_mid_week_choice_waits_for_next_week() -> None:
    subs = [follows(1001), Subscription(50, 1001, "digest", "weekly")]
    week = [reading("2026-12-10T19:00")]
    policy = replace(POLICY, digest=parse_digest("mon@09:00"))
    late = Ledger(policy).tick(at("2026-12-08T08:59"), week, subs)  # the bot was down Monday
    assert [n.kind for n in late.notices] == [NoticeKind.DIGEST]
    assert Ledger(policy).tick(at("2026-12-08T09:00"), week, subs).notices == []
