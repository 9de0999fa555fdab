"""An activity's date and time as staff type them in a chat (12月5日上午9点半, 2026-12-05 09:30,
下周六 14:00, 明天下午3点, with an optional end: 9:30-11:30), read relative to "now".

`read_when` is a pure function of the text and an aware "now" (in ORGBOT_TZ); it returns aware
datetimes in that zone, or raises WhenError with a short Chinese message to show as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from knowledge.curation.values import half_width

WEEKDAYS = "一二三四五六日"
# A day without a year that was this long ago this year is next year's.
ROLLOVER_DAYS = 183
EXAMPLES = (
    "例如：12月5日上午9点半、2026-12-05 09:30、下周六 14:00、明天下午3点，可加结束时间：9:30-11:30"
)


class WhenError(ValueError):
    """Text that is not a future date and time; `str(error)` is the message for staff."""


@dataclass(frozen=True)
class When:
    start: datetime  # aware
    end: datetime | None = None

    def describe(self) -> str:
        """2026年12月5日（周六）09:30–11:30, as read back to staff."""
        return describe(self.start, self.end)


def describe(start: datetime, end: datetime | None = None) -> str:
    day = f"{start.year}年{start.month}月{start.day}日（周{WEEKDAYS[start.weekday()]}）"
    if end is None:
        return f"{day}{start:%H:%M}"
    if end.date() == start.date():
        return f"{day}{start:%H:%M}–{end:%H:%M}"
    return f"{day}{start:%H:%M}–{end.month}月{end.day}日 {end:%H:%M}"


_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_NUMERALS |= {"六": 6, "七": 7, "八": 8, "九": 9}
# Not after 周/星期/礼拜: 周六 is a weekday, not the number six.
_CHINESE_NUMBER_RE = re.compile(r"(?<!周)(?<!星期)(?<!礼拜)[零〇一二两三四五六七八九十]+")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
_DAY_RE = re.compile(
    r"(?P<rel>大后天|今天|今日|明天|明日|后天)"
    r"|(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"
    r"|(?P<m2>\d{1,2})\s*(?:月|/)\s*(?P<d2>\d{1,2})\s*[日号]?"
    r"|(?P<d3>\d{1,2})\s*[日号]"
)
_WEEK_RE = re.compile(r"(?P<which>下下|下|这|本)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])")
_PART = r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚"


def _time(p: str) -> str:
    """One time of day, its groups prefixed with `p`: 9:30, 9点半, 下午3点15分, 14时."""
    return (
        rf"(?P<{p}part>{_PART})?\s*(?P<{p}h>\d{{1,2}})\s*"
        rf"(?::\s*(?P<{p}colon>\d{{2}})|[点时]\s*(?:(?P<{p}half>半)|(?P<{p}mi>\d{{1,2}})\s*分?)?)"
    )


_RANGE_RE = re.compile(_time("s") + r"(?:\s*(?:-|–|—|~|～|到|至)\s*" + _time("e") + ")?")
_AFTERNOON = ("下午", "傍晚", "晚上", "晚")


def read_when(text: str, now: datetime) -> When:
    """The start (and end) the text gives, in now's time zone; WhenError if it gives none, an
    impossible one, or one that has passed."""
    rest = _normalize(text)
    if not rest:
        raise WhenError(f"请写上活动的日期和时间，{EXAMPLES}")
    today = now.date()
    day, rest = _read_day(rest, today)
    rest = rest.lstrip(" ,，")
    found = _RANGE_RE.match(rest)
    if found is None or rest[found.end() :].strip(" 。."):
        if day is not None and not rest:
            raise WhenError(f"请写上开始时间，{EXAMPLES}")
        raise WhenError(f"没看懂这个时间：{text.strip()}。{EXAMPLES}")
    if day is None:
        raise WhenError(f"请写上日期，{EXAMPLES}")
    start_time = _clock(found, "s", None)
    end_time = _clock(found, "e", found["spart"]) if found["eh"] else None
    start = datetime.combine(day, start_time, tzinfo=now.tzinfo)
    end = datetime.combine(day, end_time, tzinfo=now.tzinfo) if end_time else None
    if end is not None and end <= start:
        raise WhenError("结束时间要晚于开始时间，请再写一次。")
    if start <= now:
        raise WhenError(f"{describe(start, end)} 已经过去了，请写一个将来的时间。")
    return When(start, end)


def _normalize(text: str) -> str:
    text = half_width(text).replace("：", ":").replace("（", "(").replace("）", ")")
    text = re.sub(r"\s+", " ", text).strip()
    return _CHINESE_NUMBER_RE.sub(lambda m: str(_chinese_number(m[0])), text)


def _chinese_number(word: str) -> int | str:
    """一 … 九十九 as a number; anything else (二二十) stays as it was written."""
    if "十" not in word:
        return int("".join(str(_NUMERALS[c]) for c in word)) if len(word) <= 4 else word
    tens, _, ones = word.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return word
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)


def _read_day(text: str, today: date) -> tuple[date | None, str]:
    """The day the text begins with, and the rest; a weekday after a date must agree with it."""
    day: date | None = None
    found = _DAY_RE.match(text)
    if found:
        day = _day(found, today)
        text = text[found.end() :].lstrip()
    week = _WEEK_RE.match(text.lstrip("("))
    if week:
        weekday = "1234567".find(week["day"]) if week["day"].isdigit() else -1
        if weekday < 0:
            weekday = WEEKDAYS.index("日" if week["day"] == "天" else week["day"])
        if day is None:
            day = _weekday(today, weekday, week["which"] or "")
        elif day.weekday() != weekday:
            raise WhenError(
                f"{day.month}月{day.day}日是周{WEEKDAYS[day.weekday()]}，"
                f"不是周{WEEKDAYS[weekday]}，请核对后再写一次。"
            )
        text = text.lstrip("(")[week.end() :].lstrip(")").lstrip()
    return day, text


def _day(found: re.Match[str], today: date) -> date:
    if found["rel"]:
        return today + timedelta(days=_RELATIVE_DAYS[found["rel"]])
    if found["d3"]:  # 5号: this month's, or next month's when this month's has passed
        return _day_of_month(int(found["d3"]), today)
    if found["y"]:
        year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    else:
        year, month, day = today.year, int(found["m2"]), int(found["d2"])
    try:
        result = date(year, month, day)
    except ValueError:
        raise WhenError(f"没有这一天：{month}月{day}日，请核对后再写一次。") from None
    if not found["y"] and (today - result).days > ROLLOVER_DAYS:
        # In December, 1月5日 is next January's; 12月3日 on 12月4日 is yesterday (refused).
        try:
            result = date(year + 1, month, day)
        except ValueError:  # 2月29日 with no leap year next
            raise WhenError(f"明年没有这一天：{month}月{day}日，请核对后再写一次。") from None
    return result


def _day_of_month(day: int, today: date) -> date:
    year, month = today.year, today.month
    if day < today.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        return date(year, month, day)
    except ValueError:
        raise WhenError(f"没有这一天：{month}月{day}日，请核对后再写一次。") from None


def _weekday(today: date, weekday: int, which: str) -> date:
    """周六: the coming one (today included); 这周六/本周六: this week's (Monday to Sunday);
    下周六: next week's; 下下周六: the week after's."""
    if not which:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    monday = today - timedelta(days=today.weekday())
    weeks = {"这": 0, "本": 0, "下": 1, "下下": 2}[which]
    return monday + timedelta(weeks=weeks, days=weekday)


def _clock(found: re.Match[str], p: str, start_part: str | None) -> time:
    """One end of the range; an end without 上午/下午 takes the start's (下午3点到5点)."""
    hour = int(found[f"{p}h"])
    if found[f"{p}colon"]:
        minute = int(found[f"{p}colon"])
    else:
        minute = 30 if found[f"{p}half"] else int(found[f"{p}mi"] or 0)
    part = found[f"{p}part"] or start_part
    if part in _AFTERNOON and hour == 12:
        raise WhenError(f"{part}12点是哪个时刻？请写成 23:59，或写第二天的时间。")
    if (part in _AFTERNOON and hour < 12) or (part == "中午" and hour < 6):
        hour += 12
    if hour > 23 or minute > 59:
        raise WhenError(f"时间不对：{hour}:{minute:02d}，请再写一次。")
    return time(hour, minute)
