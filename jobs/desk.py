"""The staff desk on Telegram: hand-offs posted to the staff chat, messages relayed both ways,
tickets closed (by staff, by the resident, or idle), and the daily retention job.

Which staff-chat message belongs to which ticket is kept in the database (`Desk.link_post`):
a reply reaches a resident only through that mapping. In a forum supergroup each ticket gets
its own topic (made again if staff deleted it); elsewhere a ticket's posts reply to its first.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from knowledge.residents import handoff
from knowledge.residents.desk import ClosedBy, StaffAction, Ticket, TicketStatus
from knowledge.residents.history import Exchange
from knowledge.residents.store import ResidentsStore

if TYPE_CHECKING:
    from telegram.ext import Application, CallbackContext

    from bot.settings import Settings

log = logging.getLogger(__name__)
RETENTION_AT = "03:30"  # local time of the daily retention job
IDLE_CHECK = timedelta(minutes=10)

Send = Callable[[dict[str, Any]], Awaitable[int]]  # kwargs (thread or reply) → message id


@dataclass(frozen=True)
class Opened:
    ticket: Ticket
    new: bool
    told: str  # what the resident is told


def plan_idle(tickets: list[Ticket], now: datetime, idle: timedelta) -> list[Ticket]:
    """The tickets to close for want of messages: not closed, quiet for longer than `idle`."""
    return [t for t in tickets if t.status is not TicketStatus.CLOSED and now - t.updated_at > idle]


def retention_cutoff(now: datetime, days: int) -> datetime:
    """What was asked, or closed, before this moment is deleted."""
    return now - timedelta(days=days)


class DeskRelay:
    """One staff chat and the residents' store, spoken to through `bot`."""

    def __init__(
        self,
        bot: Bot,
        residents: ResidentsStore,
        settings: Settings,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.bot, self.residents, self.settings, self.clock = bot, residents, settings, clock
        self.desk = residents.desk
        self.staff_chat = settings.staff_chat_id

    # --- hand-off ---------------------------------------------------------------------------

    async def open(
        self,
        chat_id: int,
        first_name: str,
        history: list[Exchange],
        keyboard: Callable[[int], InlineKeyboardMarkup],
    ) -> Opened:
        """转人工: a ticket for the chat (its open one, if any), posted to the staff chat."""
        assert self.staff_chat is not None, "the caller checks that a staff chat is set"
        now = self.clock()
        ticket, new = self.desk.open_ticket(chat_id, first_name, now)
        if not new:
            return Opened(ticket, False, handoff.ALREADY_OPEN)
        local = now.astimezone(self.settings.tz)
        markup = keyboard(ticket.id)
        text = handoff.ticket_post(ticket, history, local)
        try:
            if await self._is_forum():
                await self._new_topic(ticket)
            await self._post(ticket.id, lambda kw: self._send_text(text, markup, kw))
        except TelegramError:
            # Staff never saw it: no ticket, so the resident's next /human tries again.
            self.desk.discard(ticket.id)
            raise
        return Opened(ticket, True, handoff.resident_told(ticket, self.settings.desk_hours, local))

    async def from_resident(self, ticket: Ticket, message: Message) -> None:
        """A resident's message while their ticket is open: a post of the ticket."""
        await self._post(
            ticket.id,
            lambda kw: self._copy(message.chat_id, message.message_id, kw),
        )
        self.desk.touch(ticket.id, self.clock())

    async def from_staff(self, message: Message, staff_id: int) -> Ticket | None:
        """A staff member's reply to a ticket's post: delivered to the resident, marked as from
        民政局工作人员 (not when the ticket is closed: it is returned as it is). None when the
        message belongs to no ticket."""
        ticket = self._ticket_of(message)
        if ticket is None or ticket.status is TicketStatus.CLOSED:
            return ticket
        try:
            await self._deliver(ticket.chat_id, message)
        except Forbidden:
            await self.close(ticket, ClosedBy.BLOCKED)
            self.residents.mark_blocked(ticket.chat_id)
            return ticket
        now = self.clock()
        self.desk.link_post(ticket.id, message.chat_id, message.message_id)
        self.desk.touch(ticket.id, now, by_staff=True)
        self.desk.audit(
            ticket.id, staff_id, StaffAction.REPLY, now, ticket, self.desk.get(ticket.id)
        )
        return ticket

    async def claim(self, ticket_id: int, staff_id: int, staff_name: str) -> Ticket | None:
        """认领: None when the ticket is closed or unknown."""
        claimed = self.desk.claim(ticket_id, staff_id, self.clock())
        if claimed is not None:
            note = handoff.claimed_note(claimed, staff_name)
            await self._post(claimed.id, lambda kw: self._send_text(note, None, kw))
        return claimed

    async def close(
        self,
        ticket: Ticket,
        by: ClosedBy,
        staff_id: int | None = None,
        staff_name: str = "",
    ) -> Ticket | None:
        """Close a ticket and tell both sides; None when it was closed already."""
        closed = self.desk.close(ticket.id, by, self.clock(), staff_id)
        if closed is None:
            return None
        if by is not ClosedBy.BLOCKED:
            try:
                await self.bot.send_message(ticket.chat_id, handoff.closed_to_resident(by))
            except Forbidden:
                by = ClosedBy.BLOCKED
            except TelegramError as exc:
                log.warning("could not tell chat %s its ticket closed: %s", ticket.chat_id, exc)
        if self.staff_chat is not None:
            note = handoff.closed_to_staff(closed, by, staff_name)
            try:
                await self._post(closed.id, lambda kw: self._send_text(note, None, kw))
            except TelegramError as exc:
                log.warning("could not tell the staff chat #%s closed: %s", closed.id, exc)
        return closed

    async def close_idle(self) -> int:
        """Close tickets with no message for ORGBOT_TICKET_IDLE; how many."""
        due = plan_idle(self.desk.not_closed(), self.clock(), self.settings.ticket_idle)
        for ticket in due:
            await self.close(ticket, ClosedBy.IDLE)
        return len(due)

    # --- the staff chat ---------------------------------------------------------------------

    def _ticket_of(self, message: Message) -> Ticket | None:
        replied = message.reply_to_message
        if replied is not None:
            ticket = self.desk.ticket_of_post(message.chat_id, replied.message_id)
            if ticket is not None:
                return ticket
        if message.is_topic_message and message.message_thread_id:
            return self.desk.ticket_of_topic(message.message_thread_id)
        return None

    async def _is_forum(self) -> bool:
        assert self.staff_chat is not None
        chat = await self.bot.get_chat(self.staff_chat)
        return bool(chat.is_forum)

    async def _new_topic(self, ticket: Ticket) -> int:
        assert self.staff_chat is not None
        topic = await self.bot.create_forum_topic(
            self.staff_chat, f"#{ticket.id} {ticket.first_name or '居民'}"[:128]
        )
        self.desk.set_topic(ticket.id, topic.message_thread_id)
        return topic.message_thread_id

    async def _post(self, ticket_id: int, send: Send) -> int:
        """Send one post of a ticket (in its topic, or replying to its first post) and link it."""
        assert self.staff_chat is not None
        ticket = self.desk.get(ticket_id)
        assert ticket is not None
        if ticket.topic_id is not None:
            try:
                message_id = await send({"message_thread_id": ticket.topic_id})
            except BadRequest as exc:
                if "thread" not in str(exc).lower():
                    raise
                # Staff deleted the ticket's topic: open another and send there.
                message_id = await send({"message_thread_id": await self._new_topic(ticket)})
        else:
            first = self.desk.first_post(ticket_id, self.staff_chat)
            reply = (
                {"reply_parameters": ReplyParameters(first, allow_sending_without_reply=True)}
                if first
                else {}
            )
            message_id = await send(reply)
        self.desk.link_post(ticket_id, self.staff_chat, message_id)
        return message_id

    async def _send_text(
        self, text: str, markup: InlineKeyboardMarkup | None, where: dict[str, Any]
    ) -> int:
        assert self.staff_chat is not None
        sent = await self.bot.send_message(
            self.staff_chat,
            html.escape(text, quote=False),
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            **where,
        )
        return sent.message_id

    async def _copy(self, from_chat: int, message_id: int, where: dict[str, Any]) -> int:
        assert self.staff_chat is not None
        copied = await self.bot.copy_message(self.staff_chat, from_chat, message_id, **where)
        return copied.message_id

    async def _deliver(self, chat_id: int, message: Message) -> None:
        """Staff's message to the resident: text with a 民政局工作人员 line; media copied with
        the same words before its caption."""
        mark = f"<b>{handoff.STAFF_NAME}</b>："
        if message.text:
            await self.bot.send_message(
                chat_id, f"{mark}\n{message.text_html}", parse_mode=ParseMode.HTML
            )
            return
        caption = message.caption or ""
        # Telegram's limit counts the caption as shown; cut the plain text rather than the HTML.
        caption = message.caption_html if len(caption) < 1000 else html.escape(caption[:1000])
        await self.bot.copy_message(
            chat_id,
            message.chat_id,
            message.message_id,
            caption=f"{mark}{caption}",
            parse_mode=ParseMode.HTML,
        )


# --- scheduled work -----------------------------------------------------------------------


def purge_old(residents: ResidentsStore, now: datetime, days: int) -> tuple[int, int]:
    """Delete questions and closed tickets older than `days`: (questions, tickets) deleted."""
    cutoff = retention_cutoff(now, days)
    questions = residents.purge_questions(cutoff.astimezone(UTC).isoformat(timespec="seconds"))
    tickets = residents.desk.purge_closed(cutoff)
    return questions, tickets


def install(application: Application, settings: Settings, residents: ResidentsStore) -> None:
    """The idle-ticket check (every IDLE_CHECK) and the daily retention job."""
    from datetime import time

    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("python-telegram-bot's job queue is missing (install its extra)")

    async def close_idle(context: CallbackContext) -> None:
        closed = await DeskRelay(context.bot, residents, settings).close_idle()
        if closed:
            log.info("desk: %d idle ticket(s) closed", closed)

    async def retention(context: CallbackContext) -> None:
        questions, tickets = purge_old(residents, datetime.now(UTC), settings.retention_days)
        log.info("retention: %d question(s), %d closed ticket(s) deleted", questions, tickets)

    if settings.staff_chat_id is not None:
        job_queue.run_repeating(close_idle, interval=IDLE_CHECK, first=30.0, name="desk-idle")
    hour, minute = map(int, RETENTION_AT.split(":"))
    job_queue.run_daily(retention, time(hour, minute, tzinfo=settings.tz), name="retention")
