"""What a notice says: short HTML texts in Chinese, and the buttons under them.

Every line comes from the activity's record; a field staff left empty is left out, never
guessed. Times are shown in the activity's own time zone (the bot's when it has none).
"""

from __future__ import annotations

import html
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from knowledge.residents.outbox import NoticeKind

WEEKDAYS = "一二三四五六日"
DIGEST_MAX_ITEMS = 30  # keeps a digest far below Telegram's 4,096 characters

# Callback data of the buttons under a notice. `o:<organization id>` shows the organization's
# card (handlers/browse.py); `un:<subscription id>` stops the subscription that brought the
# notice (ResidentsStore.unsubscribe_id checks that it is the pressing chat's own).
CARD_CALLBACK = "o"
UNSUBSCRIBE_CALLBACK = "un"

Buttons = list[list[tuple[str, str]]]  # rows of (label, callback data)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _zone(details: dict[str, Any], home: tzinfo) -> tzinfo:
    return ZoneInfo(details["timezone"]) if details.get("timezone") else home


def _day(moment: datetime, now: datetime) -> str:
    year = f"{moment.year}年" if moment.year != now.astimezone(moment.tzinfo).year else ""
    return f"{year}{moment.month}月{moment.day}日（周{WEEKDAYS[moment.weekday()]}）"


def when(details: dict[str, Any], home: tzinfo, now: datetime) -> str:
    """12月5日（周六）09:30–11:30, in the activity's time zone (named when not the bot's)."""
    zone = _zone(details, home)
    start = datetime.fromisoformat(details["start"]).astimezone(zone)
    text = f"{_day(start, now)}{start:%H:%M}"
    if details.get("end"):
        end = datetime.fromisoformat(details["end"]).astimezone(zone)
        text += (
            f"–{end:%H:%M}" if end.date() == start.date() else f" 至 {_day(end, now)}{end:%H:%M}"
        )
    if details.get("timezone") and zone != home:
        text += f"（{details['timezone']}时间）"
    return text


def _lines(details: dict[str, Any], fields: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"{label}：{_e(str(details[name]))}" for label, name in fields if details.get(name)]


def reminder_text(details: dict[str, Any], home: tzinfo, now: datetime) -> str:
    return "\n".join(
        [
            f"<b>活动提醒｜{_e(details['title'])}</b>",
            *_lines(details, (("组织", "organization_name"),)),
            f"时间：{when(details, home, now)}",
            *_lines(details, (("地点", "place"), ("报名", "registration"))),
        ]
    )


def changed_text(
    details: dict[str, Any], before: dict[str, Any], home: tzinfo, now: datetime
) -> str:
    """活动时间有变: the new time and place, each with what was announced before."""
    old_when, new_when = when(before, home, now), when(details, home, now)
    time_changed = old_when != new_when
    place_changed = before.get("place", "") != details.get("place", "")
    if time_changed and place_changed:
        heading = "活动时间和地点有变"
    elif place_changed:
        heading = "活动地点有变"
    else:
        heading = "活动时间有变"
    lines = [f"<b>{heading}｜{_e(details['title'])}</b>"]
    lines += _lines(details, (("组织", "organization_name"),))
    lines.append(f"时间：{new_when}" + (f"（原定{old_when}）" if time_changed else ""))
    if details.get("place") or place_changed:
        place = _e(details.get("place") or "待定")
        old = _e(before.get("place") or "未定")
        lines.append(f"地点：{place}" + (f"（原定{old}）" if place_changed else ""))
    lines += _lines(details, (("报名", "registration"),))
    return "\n".join(lines)


def reinstated_text(details: dict[str, Any], home: tzinfo, now: datetime) -> str:
    """An activity announced as cancelled is on again."""
    return reminder_text(details, home, now).replace("活动提醒｜", "活动恢复举行｜", 1)


def cancelled_text(details: dict[str, Any], home: tzinfo, now: datetime) -> str:
    return "\n".join(
        [
            f"<b>活动已取消｜{_e(details['title'])}</b>",
            *_lines(details, (("组织", "organization_name"),)),
            f"原定时间：{when(details, home, now)}",
            *_lines(details, (("地点", "place"),)),
        ]
    )


def digest_text(
    week_start: datetime, items: list[dict[str, Any]], home: tzinfo, now: datetime
) -> str:
    """本周活动: the coming week's activities on a resident's subscriptions, soonest first."""
    lines = [f"<b>本周活动（{_day(week_start.astimezone(home), now)}起）</b>"]
    for details in items[:DIGEST_MAX_ITEMS]:
        lines.append(f"• {when(details, home, now)}　{_e(details['title'])}")
        extra = [str(details[k]) for k in ("organization_name", "place") if details.get(k)]
        if extra:
            lines.append(f"　{_e(' · '.join(extra))}")
    if len(items) > DIGEST_MAX_ITEMS:
        lines.append(f"……另有 {len(items) - DIGEST_MAX_ITEMS} 项，发送 /activities 查看全部。")
    return "\n".join(lines)


def buttons(kind: NoticeKind, details: dict[str, Any], subscription_id: int | None) -> Buttons:
    """The organization's card, and a button that stops the subscription that brought it."""
    rows: Buttons = []
    if kind is not NoticeKind.DIGEST and details.get("organization"):
        rows.append([("组织名片", f"{CARD_CALLBACK}:{details['organization']}")])
    if subscription_id is not None:
        label = "不再接收每周汇总" if kind is NoticeKind.DIGEST else "不再提醒这类活动"
        rows.append([(label, f"{UNSUBSCRIBE_CALLBACK}:{subscription_id}")])
    return rows
