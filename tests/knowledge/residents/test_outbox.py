"""The outbox's claims and outcomes: one commit for a burst, and never one row for two senders."""

from __future__ import annotations

from pathlib import Path

from knowledge.db import connect
from knowledge.residents.outbox import DeliveryStatus, NewNotice, NoticeKind, Outbox, Outcome
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore

NOW = "2026-12-04T08:00:00+00:00"


def outbox_of(store: KnowledgeStore, chats: range) -> Outbox:
    ResidentsStore(store.db)  # its tables
    outbox = Outbox(store.db)
    notice = NewNotice(
        key="reading:2h", kind=NoticeKind.REMINDER, activity_id="reading", snapshot="s",
        details={"title": "亲子阅读会"}, text="活动提醒", covers_at=NOW,
        expires_at="2026-12-05T00:00:00+00:00", recipients=tuple((chat, None) for chat in chats),
    )  # fmt: skip
    assert outbox.store([notice], [], NOW) == len(chats)
    return outbox


def statuses(store: KnowledgeStore) -> dict[int, str]:
    return dict(store.db.execute("SELECT chat_id, status FROM outbox").fetchall())


def test_a_sender_writes_what_came_back_and_takes_the_next_rows_in_one_commit(
    store: KnowledgeStore,
) -> None:
    outbox = outbox_of(store, range(1, 5))
    ids = {chat: row_id for row_id, chat in store.db.execute("SELECT id, chat_id FROM outbox")}
    commits: list[str] = []
    store.db.conn.set_trace_callback(
        lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None
    )
    assert outbox.finish_and_claim("a", [], [ids[1], ids[2]], NOW) == [True, True]
    sent = Outcome(ids[1], DeliveryStatus.SENT, NOW, "", 77)
    assert outbox.finish_and_claim("a", [sent], [ids[3], ids[4]], NOW) == [True, True]
    store.db.conn.set_trace_callback(None)
    assert len(commits) == 2  # one a burst, not one a row
    assert statuses(store) == {1: "sent", 2: "sending", 3: "sending", 4: "sending"}
    [message_id] = store.db.execute(
        "SELECT message_id FROM outbox WHERE id = ?", [ids[1]]
    ).fetchone()
    assert message_id == 77


def test_a_row_another_sender_took_is_not_taken_and_its_outcome_is_the_others_to_write(
    store: KnowledgeStore, db_path: Path
) -> None:
    outbox = outbox_of(store, range(1, 3))
    ids = {chat: row_id for row_id, chat in store.db.execute("SELECT id, chat_id FROM outbox")}
    other = Outbox(connect(db_path))  # a cron's `orgbot notify --once`, on its own connection
    assert other.finish_and_claim("cron", [], [ids[1]], NOW) == [True]
    assert outbox.finish_and_claim("bot", [], [ids[1], ids[2]], NOW) == [False, True]
    unknown = Outcome(ids[1], DeliveryStatus.UNKNOWN, NOW, "timed out")
    outbox.finish_and_claim("bot", [unknown], [], NOW)  # not the bot's claim: nothing written
    assert statuses(store) == {1: "sending", 2: "sending"}
    other.finish_and_claim("cron", [Outcome(ids[1], DeliveryStatus.SENT, NOW, "", 5)], [], NOW)
    assert statuses(store)[1] == "sent"


def test_a_batch_is_taken_in_one_go_but_not_the_rows_another_sender_holds(
    store: KnowledgeStore, db_path: Path
) -> None:
    outbox = outbox_of(store, range(1, 7))
    ids = {chat: row_id for row_id, chat in store.db.execute("SELECT id, chat_id FROM outbox")}
    other = Outbox(connect(db_path))
    assert other.claim([ids[2], ids[3]], "cron", NOW) == [True, True]
    taken = outbox.claim([ids[n] for n in range(1, 6)], "bot", NOW)
    assert taken == [True, False, False, True, True]
    holders = dict(store.db.execute("SELECT chat_id, claimed_by FROM outbox").fetchall())
    assert holders == {1: "bot", 2: "cron", 3: "cron", 4: "bot", 5: "bot", 6: ""}
    assert statuses(store)[6] == "pending"
    [attempts] = store.db.execute("SELECT attempts FROM outbox WHERE chat_id = 2").fetchone()
    assert attempts == 1  # the bot's failed claim did not count an attempt
