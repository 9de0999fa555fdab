"""The search index cached next to the database, so a start or a staff import builds it once."""

from __future__ import annotations

import logging
from pathlib import Path

from knowledge.answering.index import Index, build_index
from knowledge.store import KnowledgeStore

log = logging.getLogger(__name__)


def index_cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def load_or_build_index(store: KnowledgeStore, cache: Path | None) -> Index:
    """The index for the store's current content, from the cache file when it is fresh."""
    version = store.version
    if cache is not None:
        index = Index.load(cache, version)
        if index is not None:
            return index
    index = build_index(store.all_records(), version)
    if cache is not None:
        try:
            index.save(cache)
        except OSError as exc:  # a read-only directory only costs speed
            log.warning("could not cache the search index at %s: %s", cache, exc)
    return index
