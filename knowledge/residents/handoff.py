"""What a hand-off says: to the resident (who answers, and roughly when) and to staff (the
ticket post). Plain text, no Telegram; the resident appears by first name only."""

from __future__ import annotations

from datetime import datetime, timedelta

from knowledge.residents.desk import ClosedBy, Ticket
from knowledge.residents.history import Exchange
from knowledge.residents.hours import WEEKDAY_NAMES, WeeklyHours

STAFF_NAME = "民政局工作人员"
QUOTED = 300  # characters of one question or answer shown in a ticket post
NO_DESK = "抱歉，目前还没有开通人工答复。如需人工帮助，请联系所在区县民政局。"
ALREADY_OPEN = "您的问题已经转给工作人员了，请直接在这里留言，工作人员会在这里回复您。发送 /done 结束人工服务。"
NOT_OPEN = "您现在没有进行中的人工服务。有问题可以直接提问，需要人工时发送 /human。"
RELAY_FAILED = "抱歉，消息没有转给工作人员，请稍后再发一次。"
UNSUPPORTED = "抱歉，人工服务目前只能转交文字、图片和文件。"


def when_answered(hours: WeeklyHours, now: datetime) -> str:
    """Roughly when a person will answer, in the residents' time zone (`now` carries it)."""
    if hours.is_open(now):
        return f"现在是工作时间（{hours.describe()}），工作人员会尽快回复您。"
    opening = hours.next_opening(now)
    if opening.date() == now.date():
        day = "今天"
    elif opening.date() == (now + timedelta(days=1)).date():
        day = "明天"
    else:
        day = WEEKDAY_NAMES[opening.weekday()]
    return (
        f"现在不是工作时间（{hours.describe()}），工作人员会在{day} {opening:%H:%M} 上班后回复您。"
    )


def resident_told(ticket: Ticket, hours: WeeklyHours, now: datetime) -> str:
    return (
        f"已为您转人工（编号 #{ticket.id}）。{when_answered(hours, now)}\n"
        "您可以直接在这里继续留言（文字、图片、文件都可以），工作人员的回复也会发到这里。"
        "发送 /done 结束人工服务。"
    )


def ticket_post(ticket: Ticket, history: list[Exchange], tz_now: datetime) -> str:
    """The ticket's first post in the staff chat: number, first name, the conversation so far."""
    lines = [f"#{ticket.id} {ticket.first_name or '居民'} 请求人工服务（{tz_now:%m-%d %H:%M}）"]
    if history:
        lines.append("最近的对话：")
        for exchange in history:
            lines.append(f"问：{_short(exchange.question)}")
            lines.append(f"答：{_short(exchange.reply)}")
    else:
        lines.append("（此前没有提问）")
    lines.append("回复本条或本工单的任一条消息，即可把回复发给居民。")
    return "\n".join(lines)


def claimed_note(ticket: Ticket, staff_name: str) -> str:
    return f"#{ticket.id} 已由 {staff_name} 认领"


def closed_to_resident(by: ClosedBy) -> str:
    if by is ClosedBy.RESIDENT:
        return "人工服务已结束，感谢您的耐心。之后有问题可以直接提问。"
    if by is ClosedBy.IDLE:
        return "由于较长时间没有新消息，人工服务已自动结束。如还需要帮助，请发送 /human。"
    return "工作人员已结束本次人工服务，感谢您的耐心。之后有问题可以直接提问。"


def closed_to_staff(ticket: Ticket, by: ClosedBy, staff_name: str = "") -> str:
    reason = {
        ClosedBy.STAFF: f"由 {staff_name or '工作人员'} 关闭",
        ClosedBy.RESIDENT: "居民已结束对话",
        ClosedBy.IDLE: "长时间没有新消息，已自动关闭",
        ClosedBy.BLOCKED: "居民已停用机器人，消息无法送达，已关闭",
    }[by]
    return f"#{ticket.id} {reason}"


def closed_not_sent(ticket: Ticket) -> str:
    return f"#{ticket.id} 已经关闭，这条回复没有转给居民。"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"
