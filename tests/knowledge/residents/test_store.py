"""The residents' store: upgrading an earlier release's database, and a question log that
never holds up an answer."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from knowledge.answering.answer import Answerer
from knowledge.opening import open_answerer, open_stores

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_a_database_of_release_0_1_0_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "orgbot.db"
    shutil.copy(FIXTURES / "release-0.1.0.db", path)
    knowledge, residents = open_stores(path)
    assert knowledge.count("organizations") == 18
    # Not re-seeded: the same records, plus the residents' words and divisions (m003), which
    # make a new knowledge version (the search index is rebuilt with them).
    assert knowledge.version not in ("2e9812f38bec66fd", "0")
    assert knowledge.count("words") > 100 and knowledge.count("divisions") > 10
    assert knowledge.get("divisions", "虢镇街道") == {
        "name": "虢镇街道",
        "level": "street",
        "parent": "陈仓区",
        "aliases": ["虢镇"],
    }
    assert [r["query"] for r in residents.unanswered_questions()] == ["哪里能学开挖掘机"]
    assert residents.question_counts() == (3, 1)
    assert residents.is_blocked(1003) and not residents.is_blocked(1001)
    assert not residents.subscribe(1001, "organization", "baoji-zhita-children")  # kept
    applied = {
        row[0] for row in knowledge.db.execute("SELECT migration_set FROM _sqlite_migrations")
    }
    assert applied == {"orgbot-knowledge", "orgbot-residents"}
    version = knowledge.version
    knowledge.close()
    # Opening it again applies nothing twice.
    knowledge, residents = open_stores(path)
    assert residents.question_counts() == (3, 1)
    assert knowledge.version == version


def test_answers_do_not_wait_for_a_staff_import_holding_the_database(tmp_path: Path) -> None:
    path = tmp_path / "orgbot.db"
    answerer, residents = open_answerer(path, "Asia/Shanghai")
    assert isinstance(answerer, Answerer) and answerer.questions is not None
    importer = sqlite3.connect(path)
    importer.execute("BEGIN IMMEDIATE")  # another process writing, as `kb import` does
    started = time.perf_counter()
    for n in range(20):
        assert answerer.answer(f"智塔的电话 {n}").answered
    assert time.perf_counter() - started < 1.0  # no answer waited for the lock
    importer.rollback()
    importer.close()
    answerer.questions.close()  # a clean stop writes what was queued
    assert residents.question_counts() == (20, 0)


@pytest.mark.timed
def test_waiting_for_the_question_log_ends_while_an_import_holds_the_database(
    tmp_path: Path,
) -> None:
    """/stats and /unanswered wait for the log first: never for ever."""
    path = tmp_path / "orgbot.db"
    answerer, residents = open_answerer(path, "Asia/Shanghai")
    assert answerer.questions is not None
    importer = sqlite3.connect(path)
    importer.execute("BEGIN IMMEDIATE")  # `kb import` writing in another process
    answerer.answer("智塔的电话")
    started = time.perf_counter()
    assert answerer.questions.flush(timeout=0.5) is False
    assert time.perf_counter() - started < 2.0
    importer.rollback()  # the import is done: the question is written
    importer.close()
    assert answerer.questions.flush(timeout=10) is True
    assert residents.question_counts() == (1, 0)
    answerer.questions.close()


def test_retention_deletes_only_questions_older_than_the_limit(tmp_path: Path) -> None:
    from knowledge.residents.questions import AskedQuestion, QuestionLog
    from knowledge.residents.store import ResidentsStore

    residents = ResidentsStore.open(tmp_path / "orgbot.db")
    log = QuestionLog(residents.db, None)
    for at in (
        "2026-08-01T00:00:00+00:00",
        "2026-09-05T00:00:00+00:00",
        "2026-12-01T00:00:00+00:00",
    ):
        log.record(AskedQuestion("telegram", "1", "智塔在哪", True, "address", at=at))
    assert residents.purge_questions("2026-09-05T00:00:00+00:00") == 1
    assert residents.question_counts() == (2, 0)


def test_logged_questions_keep_no_telegram_ids_old_or_new(tmp_path: Path) -> None:
    """The review reads what was asked and whether it was answered, never who asked."""
    path = tmp_path / "orgbot.db"
    shutil.copy(FIXTURES / "release-0.1.0.db", path)
    with sqlite3.connect(path) as old:  # release 0.1.0 kept each asker's Telegram id
        assert old.execute("SELECT COUNT(*) FROM questions WHERE user_ref != ''").fetchone()[0]
    answerer, residents = open_answerer(path, "Asia/Shanghai")
    answerer.answer("哪里有心理咨询", channel="telegram", user_ref="777000111")
    assert answerer.questions is not None
    answerer.questions.close()
    rows = list(residents.db.execute("SELECT query, user_ref FROM questions ORDER BY id"))
    assert len(rows) == 4 and rows[-1][0] == "哪里有心理咨询"
    assert [user_ref for _, user_ref in rows] == [None] * 4
    assert not any("777000111" in line for line in residents.db.conn.iterdump())


def test_a_question_with_a_lone_surrogate_does_not_stop_the_question_log(tmp_path: Path) -> None:
    answerer, residents = open_answerer(tmp_path / "orgbot.db", "Asia/Shanghai")
    assert answerer.questions is not None
    answerer.answer("心理\ud800咨询")
    answerer.answer("哪里有心理咨询")
    deadline = time.monotonic() + 10  # not flush(): a dead writer would make it wait for ever
    while residents.question_counts()[0] < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert residents.question_counts()[0] == 2
    answerer.questions.close()


@pytest.mark.timed
def test_a_question_log_on_a_full_disk_says_so_once_and_still_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from knowledge.db import connect
    from knowledge.residents import questions
    from knowledge.residents.questions import AskedQuestion, QuestionLog

    path = tmp_path / "orgbot.db"
    _, residents = open_stores(path)

    def full(file: Path) -> object:  # no page can be added: SQLite's "disk is full"
        db = connect(file)
        [pages] = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(questions, "connect", full)
    monkeypatch.setattr(questions, "RETRY_SECONDS", 0.05)
    log = QuestionLog(residents.db, path)
    for n in range(2000):  # 3 MB of questions: more than the free pages hold
        log.record(AskedQuestion("cli", "", f"{n} " + "心理咨询" * 400, False, "none"))
    deadline = time.monotonic() + 20
    while "cannot write the question log" not in caplog.text:
        assert time.monotonic() < deadline, caplog.text
        time.sleep(0.05)
    time.sleep(0.3)  # several more failed retries: still the one line
    started = time.monotonic()
    log.close()  # gives up what cannot be written rather than retry for ever
    assert time.monotonic() - started < 5
    assert caplog.text.count("cannot write the question log") == 1
    assert f"the disk holding {path} is full" in caplog.text
    assert "could not log" in caplog.text  # what was lost at the stop is said
