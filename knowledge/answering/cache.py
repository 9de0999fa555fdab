"""The search index cached next to the database, so a start or a staff import builds it once.

The file is a line of JSON saying what follows — the cache format, the knowledge version and
the SHA-256 of the rest — then the index as JSON. Reading JSON cannot run code, whoever wrote
the file; a file that differs in any of the three (stale, cut short, damaged) is ignored and
the index rebuilt. A new file is written under a name of its own in the same folder, then
renamed into place: two processes saving at once never mix their bytes, and a reader finds
the old file or the new one, whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any

from knowledge.answering.index import Doc, Index, no_cycle_collection
from knowledge.answering.index_builder import build_index
from knowledge.store import KnowledgeStore

log = logging.getLogger(__name__)

# Bump when the index's fields, their meaning or how the builder makes them change.
INDEX_FORMAT = 22  # 19: provinces (words5); 20: Doc.counts (rank7); 21: names' pinyin (english8)
# 22: the words table's own words in pinyin (round12b)


def index_cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def load_or_build_index(store: KnowledgeStore, cache: Path | None) -> Index:
    """The index for the store's current content, from the cache file when it is fresh."""
    version = store.version
    if cache is not None:
        index = load_index(cache, version)
        if index is not None:
            return index
    index = build_index(store.all_records(), version)
    if cache is not None:
        try:
            save_index(index, cache)
        except OSError as exc:  # a read-only directory only costs speed
            log.warning("could not cache the search index at %s: %s", cache, exc)
    return index


def save_index(index: Index, path: Path) -> None:
    body = json.dumps(_encode(index), ensure_ascii=False, separators=(",", ":")).encode()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_header(index.version, body) + b"\n" + body)
        os.chmod(temporary, 0o644)  # as an ordinary new file (mkstemp makes it the owner's only)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_index(path: Path, version: str) -> Index | None:
    """The cached index of this knowledge version; None when there is none, it is of another
    version or format, or it is damaged in any way."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, MemoryError) as exc:
        log.warning("could not read the search index cache %s: %s", path, exc)
        return None
    header, _, body = data.partition(b"\n")
    if header != _header(version, body):
        # Stale after an import, or of an older release; else damaged. Rebuilt either way.
        return None
    try:
        with no_cycle_collection():
            return _decode(json.loads(body), version)
    except Exception as exc:  # written whole and still wrong (or memory ran out): rebuild
        log.warning("ignoring the search index cache %s: %s", path, exc)
        return None


class CacheState(StrEnum):
    """What `orgbot doctor` says of the cache file (a start rebuilds all but a fresh one)."""

    FRESH = "fresh"
    MISSING = "missing"
    STALE = "stale"  # of another knowledge version or cache format
    DAMAGED = "damaged"


def cache_state(path: Path, version: str) -> CacheState:
    """Whether the cache file holds this knowledge version's index, whole (not decoded)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return CacheState.MISSING
    except OSError:
        return CacheState.DAMAGED
    header, _, body = data.partition(b"\n")
    if header == _header(version, body):
        return CacheState.FRESH
    try:
        fields = json.loads(header)
        same = fields["format"] == INDEX_FORMAT and fields["version"] == version
    except (ValueError, TypeError, KeyError):
        return CacheState.DAMAGED
    return CacheState.DAMAGED if same else CacheState.STALE


def _header(version: str, body: bytes) -> bytes:
    # Compact, so that no byte of it can change without changing what it says.
    fields = {
        "format": INDEX_FORMAT,
        "version": version,
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    return json.dumps(fields, separators=(",", ":")).encode()


def _encode(index: Index) -> dict[str, Any]:
    # Millions of postings share a handful of weights: each is written as its number here.
    weights = sorted({weight for docs in index.postings.values() for weight in docs.values()})
    number = {weight: n for n, weight in enumerate(weights)}
    return {
        "docs": [
            [
                d.kind,
                d.id,
                d.name,
                d.organization,
                d.city,
                d.district,
                d.street,
                d.curated,
                d.serves,
                d.counts,
            ]
            for d in index.docs
        ],
        "weights": weights,
        "postings": {
            token: [list(docs), [number[weight] for weight in docs.values()]]
            for token, docs in index.postings.items()
        },
        "names": index.names,
        "place_docs": {place: sorted(docs) for place, docs in index.place_docs.items()},
        "doc_names": index.doc_names,
        "expansions": index.expansions,
        "places": index.places,
        "pinyin_words": index.pinyin_words,
        "homophones": [
            [first, second, words] for (first, second), words in index.homophones.items()
        ],
        "char_pinyin": index.char_pinyin,
        "word_freq": index.word_freq,
        "word_total": index.word_total,
        "words": index.words,
        "word_guards": index.word_guards,
        "english_words": index.english_words,
    }


def _decode(data: dict[str, Any], version: str) -> Index:
    weights = data["weights"]
    return Index(
        version=version,
        docs=[Doc(*doc) for doc in data["docs"]],
        postings={
            token: {doc: weights[n] for doc, n in zip(docs, numbers, strict=True)}
            for token, (docs, numbers) in data["postings"].items()
        },
        names=data["names"],
        place_docs={place: frozenset(docs) for place, docs in data["place_docs"].items()},
        doc_names=[tuple(names) for names in data["doc_names"]],
        expansions={word: tuple(keys) for word, keys in data["expansions"].items()},
        places={text: (level, name) for text, (level, name) in data["places"].items()},
        pinyin_words=data["pinyin_words"],
        homophones={
            (first, second): [(tuple(map(tuple, readings)), word) for readings, word in words]
            for first, second, words in data["homophones"]
        },
        char_pinyin={char: tuple(readings) for char, readings in data["char_pinyin"].items()},
        word_freq=data["word_freq"],
        word_total=data["word_total"],
        words=data["words"],
        word_guards=data["word_guards"],
        english_words=data["english_words"],
    )
