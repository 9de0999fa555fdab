"""Opening the database file for the bot and the CLI: both stores and the answerer over them."""

from __future__ import annotations

from pathlib import Path

from knowledge.answering.answer import Answerer
from knowledge.curation.apply import open_knowledge
from knowledge.residents.questions import QuestionLog
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore


def open_stores(path: Path) -> tuple[KnowledgeStore, ResidentsStore]:
    """The knowledge (seeded on first use) and the residents' data, upgraded in place."""
    knowledge = open_knowledge(path)
    return knowledge, ResidentsStore(knowledge.db)


def open_answerer(path: Path, tz_name: str) -> tuple[Answerer, ResidentsStore]:
    """An answerer over the database file that logs every question for the staff's review;
    close its question log (`answerer.questions.close()`) to write the last ones."""
    knowledge, residents = open_stores(path)
    questions = QuestionLog(knowledge.db, path)
    return Answerer.from_store(knowledge, tz_name=tz_name, questions=questions), residents
