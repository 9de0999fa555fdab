"""Shared fixtures: real SQLite stores (in memory or as files) and a built answerer."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.index_builder import build_index
from knowledge.curation.apply import open_knowledge
from knowledge.store import KnowledgeStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def shipped_store() -> KnowledgeStore:
    """An in-memory store seeded from the shipped knowledge files (read-only in tests)."""
    return open_knowledge()


@pytest.fixture(scope="session")
def answerer(shipped_store: KnowledgeStore) -> Answerer:
    """The answerer over the shipped knowledge, built once per test session."""
    return Answerer(shipped_store, build_index(shipped_store.all_records(), shipped_store.version))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "orgbot.db"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file seeded from the shipped files once a session, to be copied (not opened).

    Seeding reads the shipped YAML with PyYAML's pure-Python loader (the one that keeps line
    numbers): about 0.6 s, paid by some 200 tests. open_knowledge() seeds an empty file and
    only migrates a seeded one, so a copy opened with it holds what a seeded file holds.
    """
    path = tmp_path_factory.mktemp("seeded") / "orgbot.db"
    open_knowledge(path).close()  # the last connection's close folds the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def store(db_path: Path, seeded_db: Path) -> KnowledgeStore:
    """A real SQLite file seeded from the shipped files, fresh for each test."""
    shutil.copyfile(seeded_db, db_path)
    return open_knowledge(db_path)


@pytest.fixture
def empty_store(db_path: Path) -> KnowledgeStore:
    """A real SQLite file with the schema but no knowledge."""
    return KnowledgeStore.open(db_path)


@pytest.fixture(autouse=True)
def timed_tests_run_alone(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Under pytest-xdist, a test marked `timed` (it bounds wall-clock time: a wait, a rate)
    runs while no other worker runs a test, as it would in one process; the others run side
    by side. A lock file shared by the workers: held shared by each test, exclusive by those."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    timed = request.node.get_closest_marker("timed") is not None
    # Each worker's base temp is a folder of the session's own: the lock lives beside them.
    lock = tmp_path_factory.getbasetemp().parent / "timed-tests.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if timed else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
