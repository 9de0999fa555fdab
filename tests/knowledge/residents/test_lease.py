"""The lease on sending: taken by one sender at a time, atomically; renewed only by its holder;
free again after its term; and a database of the previous release gains it in place."""

from __future__ import annotations

import threading
from pathlib import Path

from knowledge.db import connect
from knowledge.residents.lease import LeaseLost, SenderLease
from knowledge.residents.outbox import NewNotice, NoticeKind, Outbox
from knowledge.residents.store import ResidentsStore, migrations
from knowledge.store import KnowledgeStore
from tests.knowledge.residents.test_outbox import outbox_of

NOW, SOON, LATER = (
    "2026-12-04T08:00:00.000Z",
    "2026-12-04T08:00:30.000Z",
    "2026-12-04T08:01:00.000Z",
)


def test_one_holder_at_a_time_until_its_term_expires(store: KnowledgeStore, db_path: Path) -> None:
    ResidentsStore(store.db)
    bot, cron = SenderLease(store.db), SenderLease(connect(db_path))
    assert bot.take("bot", NOW, SOON) is None
    assert cron.take("cron", NOW, SOON) == ("bot", SOON)  # held: refused
    assert bot.take("bot", NOW, LATER) is None  # its own: kept, extended
    assert not cron.renew("cron", LATER)  # only the holder renews
    assert cron.take("cron", SOON, LATER) == ("bot", LATER)
    assert cron.take("cron", LATER, "2026-12-04T08:01:30.000Z") is None  # expired: taken over
    assert not bot.renew("bot", "2026-12-04T08:02:00.000Z")  # the old holder knows it lost it
    cron.release("bot")  # not the holder: nothing happens
    assert bot.holder() == ("cron", "2026-12-04T08:01:30.000Z")
    cron.release("cron")
    assert bot.holder() is None and bot.take("bot", LATER, "2026-12-04T08:02:00.000Z") is None


def test_many_senders_asking_at_once_one_takes_it(store: KnowledgeStore, db_path: Path) -> None:
    ResidentsStore(store.db)
    won: list[str] = []
    start = threading.Barrier(8)

    def ask(name: str) -> None:
        lease = SenderLease(connect(db_path))
        start.wait()
        if lease.take(name, NOW, SOON) is None:
            won.append(name)

    threads = [threading.Thread(target=ask, args=(f"sender-{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1 and SenderLease(store.db).holder() == (won[0], SOON)


def test_a_claim_without_the_lease_claims_nothing(store: KnowledgeStore) -> None:
    outbox = outbox_of(store, range(1, 4))
    ids = [row[0] for row in store.db.execute("SELECT id FROM outbox ORDER BY id")]
    lease = SenderLease(store.db)
    assert lease.take("bot", NOW, SOON) is None
    assert outbox.finish_and_claim("bot", [], ids[:1], NOW, lease=LATER) == [True]
    assert lease.holder() == ("bot", LATER)  # renewed with the claim
    try:
        outbox.finish_and_claim("cron", [], ids[1:], NOW, lease=LATER)
    except LeaseLost:
        pass
    else:
        raise AssertionError("a sender without the lease claimed rows")
    pending = store.db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
    assert pending.fetchone()[0] == 2


def test_a_database_of_the_previous_release_gains_the_lease_in_place(
    empty_store: KnowledgeStore, db_path: Path
) -> None:
    db = empty_store.db
    migrations.apply(db, stop_before="m_sender_lease")  # as the release before this one made it
    assert "sender_lease" not in db.table_names() and "outbox" in db.table_names()
    notice = NewNotice(
        key="reading:2h", kind=NoticeKind.REMINDER, activity_id="reading", snapshot="s",
        details={"title": "亲子阅读会"}, text="活动提醒", covers_at=NOW,
        expires_at="2026-12-05T00:00:00Z", recipients=((1, None), (2, None), (3, None)),
    )  # fmt: skip
    assert Outbox(db).store([notice], [], NOW) == 3  # notices waiting to go out
    empty_store.close()
    upgraded = ResidentsStore.open(db_path)
    assert "sender_lease" in upgraded.db.table_names()
    assert Outbox(upgraded.db).counts() == {"reminder": {"pending": 3}}  # kept as they were
    assert SenderLease(upgraded.db).take("bot", NOW, SOON) is None
    ResidentsStore(upgraded.db)  # opened again: nothing applied twice
    applied = [r[0] for r in upgraded.db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied.count("m_sender_lease") == 1 and applied[-1] == "m_sender_lease"
