"""Shared fixtures: real SQLite stores (in memory or as files) and a built answerer."""

from __future__ import annotations

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


@pytest.fixture
def store(db_path: Path) -> KnowledgeStore:
    """A real SQLite file seeded from the shipped files, fresh for each test."""
    return open_knowledge(db_path)


@pytest.fixture
def empty_store(db_path: Path) -> KnowledgeStore:
    """A real SQLite file with the schema but no knowledge."""
    return KnowledgeStore.open(db_path)
