"""The index cache next to the database: it can never run code, any damage is noticed and the
index rebuilt, and processes saving it at once do not get in each other's way."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import knowledge.answering.cache as cache_module
from knowledge.answering.answer import Answerer
from knowledge.answering.cache import index_cache_path, load_index, save_index
from knowledge.answering.index import Index
from knowledge.answering.index_builder import build_index
from knowledge.store import KnowledgeStore
from tests.conftest import REPO


@pytest.fixture(scope="module")
def shipped_index(shipped_store: KnowledgeStore) -> Index:
    return build_index(shipped_store.all_records(), shipped_store.version)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, shipped_index: Index) -> bytes:
    """The bytes of a good cache file of the shipped knowledge."""
    path = tmp_path_factory.mktemp("saved") / "orgbot.db.index"
    save_index(shipped_index, path)
    return path.read_bytes()


class RunsCode:
    """What a crafted pickle holds: unpickling it writes a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran as the bot"))


def test_a_crafted_pickle_in_the_cache_runs_nothing(store: KnowledgeStore, tmp_path: Path) -> None:
    assert store.path is not None
    cache = index_cache_path(store.path)
    marker = tmp_path / "marker"
    cache.write_bytes(pickle.dumps((13, RunsCode(marker))))
    answerer = Answerer.from_store(store)
    assert not marker.exists()
    assert answerer.answer("智塔在哪里", log_question=False).answered
    assert load_index(cache, store.version) is not None  # rebuilt and cached anew


def test_a_saved_index_loads_as_it_was_built(shipped_index: Index, tmp_path: Path) -> None:
    path = tmp_path / "orgbot.db.index"
    save_index(shipped_index, path)
    assert load_index(path, shipped_index.version) == shipped_index
    assert load_index(path, "another version") is None  # staff changed the knowledge since
    assert [p.name for p in tmp_path.iterdir()] == ["orgbot.db.index"]


def test_the_next_start_loads_the_cache_instead_of_building(
    store: KnowledgeStore, monkeypatch
) -> None:
    Answerer.from_store(store)
    monkeypatch.setattr(cache_module, "build_index", lambda *_: pytest.fail("built again"))
    assert Answerer.from_store(store).answer("智塔在哪里", log_question=False).answered


def test_any_damage_is_noticed(saved: bytes, shipped_index: Index, tmp_path: Path) -> None:
    """Cut short anywhere, or any byte changed (in the header or the index), the file is
    refused, never read as an index."""
    rng = random.Random(20261122)
    header_length = saved.index(b"\n") + 1
    variants = [saved[: rng.randrange(len(saved))] for _ in range(150)]
    for n in range(250):
        damaged = bytearray(saved)
        # A third of the changes fall in the header line, the rest anywhere.
        at = rng.randrange(header_length if n % 3 == 0 else len(saved))
        damaged[at] ^= rng.randrange(1, 256)
        variants.append(bytes(damaged))
    path = tmp_path / "orgbot.db.index"
    accepted = []
    for n, variant in enumerate(variants):
        path.write_bytes(variant)
        if load_index(path, shipped_index.version) is not None:
            accepted.append(n)
    assert accepted == []


def test_a_damaged_cache_is_rebuilt_and_replaced(store: KnowledgeStore, saved: bytes) -> None:
    assert store.path is not None
    cache = index_cache_path(store.path)
    Answerer.from_store(store)
    good = cache.read_bytes()
    cache.write_bytes(good[: len(good) // 2])
    answerer = Answerer.from_store(store)
    assert answerer.answer("智塔在哪里", log_question=False).answered
    assert cache.read_bytes() == good


def test_running_out_of_memory_while_loading_rebuilds(store: KnowledgeStore, monkeypatch) -> None:
    Answerer.from_store(store)

    def out_of_memory(*_):
        raise MemoryError

    monkeypatch.setattr(cache_module, "_decode", out_of_memory)
    assert Answerer.from_store(store).answer("智塔在哪里", log_question=False).answered


SAVER = """
import sys
from pathlib import Path
from knowledge.answering.cache import load_index, save_index
source, target, version = sys.argv[1:]
index = load_index(Path(source), version)
for _ in range(4):
    save_index(index, Path(target))
"""


def test_processes_saving_at_once_do_not_clash(
    saved: bytes, shipped_index: Index, tmp_path: Path
) -> None:
    """The bot and a staff import may save the same cache at the same moment: each writes a
    file of its own and renames it into place, so every reader finds a whole file."""
    source = tmp_path / "source.index"
    source.write_bytes(saved)
    target = tmp_path / "shared" / "orgbot.db.index"
    target.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    savers = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(source), str(target), shipped_index.version],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    refused = reads = 0
    while any(saver.poll() is None for saver in savers):
        if target.exists():
            reads += 1
            refused += load_index(target, shipped_index.version) is None
        time.sleep(0.01)
    errors = [saver.stderr.read() for saver in savers if saver.returncode != 0]
    assert errors == []
    assert reads > 0 and refused == 0
    assert load_index(target, shipped_index.version) == shipped_index
    assert [p.name for p in target.parent.iterdir()] == ["orgbot.db.index"]
