"""Lead times, quiet hours and the digest's moment, as staff write them in the environment."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from jobs.timing import parse_digest, parse_quiet_hours, parse_reminders

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_lead_times() -> None:
    leads = parse_reminders("1d@09:00, 2h,30m,2d, 2h")
    assert [lead.spec for lead in leads] == ["1d@09:00", "2h", "30m", "2d"]
    start = datetime(2026, 12, 5, 0, 30, tzinfo=SHANGHAI)  # just after midnight
    moments = [lead.moment(start, SHANGHAI).strftime("%m-%d %H:%M") for lead in leads]
    assert moments == ["12-04 09:00", "12-04 22:30", "12-05 00:00", "12-03 00:30"]


@pytest.mark.parametrize("text", ["", "2x", "2h@09:00", "0h", "1d@25:00", "1d@9"])
def test_bad_lead_times_say_what_is_wrong(text: str) -> None:
    with pytest.raises(ValueError, match=r"lead time|time of day|must come before"):
        parse_reminders(text)


def test_quiet_hours_over_midnight_and_within_a_day() -> None:
    night = parse_quiet_hours("22:00-08:00")
    assert night is not None and (night.begin, night.end) == (time(22), time(8))
    late = datetime(2026, 12, 4, 23, 0, tzinfo=SHANGHAI)
    early = datetime(2026, 12, 5, 7, 59, tzinfo=SHANGHAI)
    assert night.contains(late, SHANGHAI) and night.contains(early, SHANGHAI)
    assert not night.contains(early.replace(hour=8, minute=0), SHANGHAI)
    assert night.defer(late, SHANGHAI) == datetime(2026, 12, 5, 8, 0, tzinfo=SHANGHAI)
    assert night.defer(early, SHANGHAI) == datetime(2026, 12, 5, 8, 0, tzinfo=SHANGHAI)
    lunch = parse_quiet_hours("12:00-14:00")
    assert lunch is not None and not lunch.contains(late, SHANGHAI)
    assert parse_quiet_hours("off") is None and parse_quiet_hours("OFF") is None
    for bad in ("22:00", "22:00-22:00", "night"):
        with pytest.raises(ValueError):
            parse_quiet_hours(bad)


def test_the_digest_moment() -> None:
    monday = parse_digest("mon@09:00")
    assert monday is not None
    friday = datetime(2026, 12, 4, 12, 0, tzinfo=SHANGHAI)
    assert monday.latest(friday, SHANGHAI) == datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)
    just_before = datetime(2026, 12, 7, 8, 59, tzinfo=SHANGHAI)
    assert monday.latest(just_before, SHANGHAI).day == 30
    assert parse_digest("off") is None
    with pytest.raises(ValueError):
        parse_digest("monday 9am")
