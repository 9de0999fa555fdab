"""What residents follow: ids that never change meaning, stopping, /forget, migrated groups."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobs.notifier import plan_and_store
from knowledge.opening import open_stores
from knowledge.residents.store import ResidentsStore, SubscriptionKind
from knowledge.store import KnowledgeStore
from tests.jobs.conftest import ORG, POLICY, add_activity

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def residents(store: KnowledgeStore) -> ResidentsStore:
    return ResidentsStore(store.db)


def test_release_0_1_0_subscriptions_keep_their_rows_as_ids_and_ids_are_never_reused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "orgbot.db"
    shutil.copy(FIXTURES / "release-0.1.0.db", path)
    _, residents = open_stores(path)
    [first] = residents.subscriptions_of(1001)
    [second] = residents.subscriptions_of(1002)
    assert (first.id, first.kind, first.target) == (1, "organization", ORG)
    assert second.id == 2
    assert residents.unsubscribe_id(1002, 2) is not None
    residents.subscribe(1002, SubscriptionKind.TOPIC, "心理健康")
    [again] = residents.subscriptions_of(1002)
    assert again.id == 3  # an old reminder's "un:2" button can never stop this one


def test_a_stop_button_only_stops_the_pressing_chats_own_subscription(
    residents: ResidentsStore,
) -> None:
    residents.subscribe(1001, SubscriptionKind.ORGANIZATION, ORG)
    [sub] = residents.subscriptions_of(1001)
    assert residents.unsubscribe_id(9999, sub.id) is None  # someone else's button data
    assert residents.subscriptions_of(1001) == [sub]
    stopped = residents.unsubscribe_id(1001, sub.id)
    assert stopped is not None and stopped.target == ORG
    assert residents.unsubscribe_id(1001, sub.id) is None  # pressed twice


def test_stopping_withdraws_the_notices_it_brought_that_wait(
    store: KnowledgeStore, residents: ResidentsStore
) -> None:
    residents.subscribe(1001, SubscriptionKind.ORGANIZATION, ORG)
    add_activity(store)
    plan_and_store(store.db, datetime.now(UTC), POLICY)
    [sub] = residents.subscriptions_of(1001)
    residents.unsubscribe_id(1001, sub.id)
    rows = residents.db.execute("SELECT status, last_error FROM outbox").fetchall()
    assert rows == [("withdrawn", "unsubscribed")]


def test_digest_choice_and_stopping_everything(residents: ResidentsStore) -> None:
    assert residents.set_digest(1001, True) and not residents.set_digest(1001, True)
    residents.subscribe(1001, SubscriptionKind.DISTRICT, "渭滨区")
    assert [s.kind for s in residents.subscriptions_of(1001)] == ["digest", "district"]
    assert residents.set_digest(1001, False)
    assert residents.unsubscribe_all(1001) == 1
    assert residents.subscriptions_of(1001) == []


def test_forget_leaves_nothing_about_the_chat_in_any_table(
    store: KnowledgeStore, residents: ResidentsStore
) -> None:
    # Chat ids as large as Telegram's: a small one (1001) is also some table's row id (the
    # seeded knowledge's audit has over a thousand rows).
    gone, kept = 7_000_001, 7_000_002
    for chat in (gone, kept):
        residents.subscribe(chat, SubscriptionKind.ORGANIZATION, ORG)
        residents.set_digest(chat, True)
        residents.db.execute(
            "INSERT INTO questions (at, channel, user_ref, query, answered, intent)"
            " VALUES ('2026-12-04', 'telegram', ?, '智塔在哪', 1, 'contact')",
            [str(chat)],
        )
    residents.mark_blocked(gone)
    residents.clear_blocked(gone)
    residents.mark_blocked(gone)
    add_activity(store)
    plan_and_store(store.db, datetime.now(UTC), POLICY)
    deleted = residents.forget(gone)
    assert deleted["subscriptions"] == 2 and deleted["questions"] == 1
    for table in residents.db.table_names():
        for row in residents.db[table].rows:
            values = {str(v) for v in row.values()}
            assert str(gone) not in values, (table, row)
            assert not any(v.endswith(f":{gone}") for v in values), (table, row)
    assert residents.subscriptions_of(kept) != []


def test_a_migrated_group_takes_its_subscriptions_along(residents: ResidentsStore) -> None:
    residents.subscribe(-4001, SubscriptionKind.ORGANIZATION, ORG)
    residents.subscribe(-4001, SubscriptionKind.TOPIC, "心理健康")
    residents.subscribe(-1004001, SubscriptionKind.TOPIC, "心理健康")  # already there
    residents.migrate_chat(-4001, -1004001)
    assert residents.subscriptions_of(-4001) == []
    assert sorted(s.target for s in residents.subscriptions_of(-1004001)) == [ORG, "心理健康"]


def test_toggle_follows_then_stops(residents: ResidentsStore) -> None:
    assert residents.toggle(1001, SubscriptionKind.TOPIC, "心理健康") is True
    assert residents.toggle(1001, SubscriptionKind.TOPIC, "心理健康") is False
    assert residents.subscriptions_of(1001) == []
