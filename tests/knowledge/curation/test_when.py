"""Dates and times as staff type them in a chat, read relative to "now" in Shanghai."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from knowledge.curation.when import WhenError, read_when

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI)  # a Friday morning in December


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("12月5日上午9点半", "2026年12月5日（周六）09:30"),
        ("2026-12-05 09:30", "2026年12月5日（周六）09:30"),
        ("2026/12/5 9:30~11:30", "2026年12月5日（周六）09:30–11:30"),
        ("2026年12月5日 14时", "2026年12月5日（周六）14:00"),
        ("12月5日 9:30-11:30", "2026年12月5日（周六）09:30–11:30"),
        ("１２月５日 ９：３０", "2026年12月5日（周六）09:30"),
        ("下周六 14:00", "2026年12月12日（周六）14:00"),
        ("下下周一 9点", "2026年12月14日（周一）09:00"),
        ("周六 上午十点", "2026年12月5日（周六）10:00"),
        ("星期天下午2点", "2026年12月6日（周日）14:00"),
        ("这周五晚上7点", "2026年12月4日（周五）19:00"),
        ("明天下午3点", "2026年12月5日（周六）15:00"),
        ("明天下午3点到5点", "2026年12月5日（周六）15:00–17:00"),
        ("明天上午11点到下午1点半", "2026年12月5日（周六）11:00–13:30"),
        ("后天中午12点", "2026年12月6日（周日）12:00"),
        ("后天中午1点", "2026年12月6日（周日）13:00"),
        ("大后天晚上7点", "2026年12月7日（周一）19:00"),
        ("今天下午3点15分", "2026年12月4日（周五）15:15"),
        ("明天 9点30", "2026年12月5日（周六）09:30"),
        ("十二月五日（周六）下午两点半", "2026年12月5日（周六）14:30"),
        ("1月5日 9:00", "2027年1月5日（周二）09:00"),  # December: next January
        ("2027年2月28日 9:00", "2027年2月28日（周日）09:00"),
        ("5号下午3点", "2026年12月5日（周六）15:00"),
        ("3号上午9点", "2027年1月3日（周日）09:00"),  # this month's has passed: next month's
    ],
)
def test_what_staff_write_is_read_and_shown_in_full(text: str, shown: str) -> None:
    assert read_when(text, NOW).describe() == shown


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2月30日 9点", "没有这一天：2月30日"),
        ("32号 9点", "没有这一天：12月32日"),
        ("2026-13-01 09:00", "没有这一天"),
        ("今天上午9点", "已经过去了"),
        ("12月3日 9点", "已经过去了"),  # yesterday, not next December
        ("2025-12-05 09:30", "已经过去了"),
        ("明天", "请写上开始时间"),
        ("9:30", "请写上日期"),
        ("下周见", "没看懂"),
        ("明天 25点", "时间不对"),
        ("明天 9:75", "时间不对"),
        ("明天 11:30-9:30", "结束时间要晚于开始时间"),
        ("12月5日周五 9点", "12月5日是周六，不是周五"),
        ("", "请写上活动的日期和时间"),
    ],
)
def test_a_past_impossible_or_unreadable_time_gets_a_clear_message(text: str, says: str) -> None:
    with pytest.raises(WhenError, match=says):
        read_when(text, NOW)


def test_the_times_are_in_the_zone_of_now() -> None:
    when = read_when("明天 9:30-11:30", NOW)
    assert when.start.isoformat() == "2026-12-05T09:30:00+08:00"
    assert when.end is not None and when.end.isoformat() == "2026-12-05T11:30:00+08:00"
    berlin = NOW.astimezone(ZoneInfo("Europe/Berlin"))
    assert read_when("明天 9:30", berlin).start.utcoffset().total_seconds() == 3600
