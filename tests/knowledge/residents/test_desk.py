"""Tickets of the staff desk, and the desk's opening hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from knowledge.residents.desk import ClosedBy, Desk, TicketStatus
from knowledge.residents.hours import WeeklyHours
from knowledge.residents.store import ResidentsStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI)  # a Friday


@pytest.fixture
def desk(tmp_path) -> Desk:
    return Desk(ResidentsStore.open(tmp_path / "orgbot.db").db)


def test_posts_map_to_their_ticket_and_never_to_another(desk: Desk) -> None:
    first, new = desk.open_ticket(1001, "小王", NOW)
    second, _ = desk.open_ticket(1002, "李阿姨", NOW)
    assert new and first.id != second.id
    assert desk.open_ticket(1001, "小王", NOW) == (first, False)  # one open ticket per chat
    desk.link_post(first.id, -100, 11)
    desk.link_post(second.id, -100, 12)
    assert desk.ticket_of_post(-100, 11).chat_id == 1001
    assert desk.ticket_of_post(-100, 12).chat_id == 1002
    assert desk.ticket_of_post(-100, 13) is None
    assert desk.ticket_of_post(-200, 11) is None  # another chat's message 11


def test_claim_close_and_a_late_press(desk: Desk) -> None:
    ticket, _ = desk.open_ticket(1001, "小王", NOW)
    assert desk.claim(ticket.id, 7, NOW).status is TicketStatus.CLAIMED
    assert desk.close(ticket.id, ClosedBy.STAFF, NOW).status is TicketStatus.CLOSED
    assert desk.close(ticket.id, ClosedBy.RESIDENT, NOW) is None
    assert desk.claim(ticket.id, 8, NOW) is None
    assert desk.current(1001) is None
    assert desk.open_ticket(1001, "小王", NOW)[1]  # a new question opens a new ticket


def test_idle_tickets_and_retention(desk: Desk) -> None:
    old, _ = desk.open_ticket(1001, "小王", NOW - timedelta(days=4))
    fresh, _ = desk.open_ticket(1002, "李阿姨", NOW - timedelta(days=4))
    desk.touch(fresh.id, NOW, by_staff=True)
    assert [t.id for t in desk.idle(NOW - timedelta(days=3))] == [old.id]
    desk.close(old.id, ClosedBy.IDLE, NOW - timedelta(days=100))
    desk.link_post(old.id, -100, 5)
    assert desk.purge_closed(NOW - timedelta(days=90)) == 1
    assert desk.get(old.id) is None and desk.ticket_of_post(-100, 5) is None
    assert desk.get(fresh.id) is not None


def test_forget_removes_a_residents_tickets(desk: Desk) -> None:
    ticket, _ = desk.open_ticket(1001, "小王", NOW)
    desk.link_post(ticket.id, -100, 11)
    desk.forget(1001)
    assert desk.get(ticket.id) is None and desk.ticket_of_post(-100, 11) is None


@pytest.mark.parametrize(
    ("when", "is_open", "next_opening"),
    [
        (datetime(2026, 12, 4, 10, 0), True, datetime(2026, 12, 7, 9, 0)),  # Friday morning
        (datetime(2026, 12, 4, 17, 30), False, datetime(2026, 12, 7, 9, 0)),  # Friday, closed
        (datetime(2026, 12, 5, 12, 0), False, datetime(2026, 12, 7, 9, 0)),  # Saturday
        (datetime(2026, 12, 7, 8, 59), False, datetime(2026, 12, 7, 9, 0)),  # Monday early
    ],
)
def test_desk_hours(when: datetime, is_open: bool, next_opening: datetime) -> None:
    hours = WeeklyHours.parse("mon-fri 09:00-17:30")
    when, next_opening = when.replace(tzinfo=SHANGHAI), next_opening.replace(tzinfo=SHANGHAI)
    assert hours.is_open(when) is is_open
    assert hours.next_opening(when) == next_opening
    assert hours.describe() == "周一至周五 09:00–17:30"


@pytest.mark.parametrize("text", ["", "weekdays 9-5", "mon-fri 17:30-09:00", "xyz 09:00-10:00"])
def test_bad_desk_hours_say_what_is_expected(text: str) -> None:
    with pytest.raises(ValueError, match=r"mon-fri 09:00-17:30|close after"):
        WeeklyHours.parse(text)
