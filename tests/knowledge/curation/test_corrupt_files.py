"""Valid staff files damaged at random (issue 15): the import either succeeds with data that
reads back, or is refused with Chinese messages naming the file (and row and column where
there is one) and leaves the knowledge exactly as it was — never an exception, never a
Python name in a message, never more than 2 s of CPU for one of these small files."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from knowledge.curation.apply import SHIPPED_DATA, import_files, open_knowledge, validate_files
from knowledge.curation.export import export_yaml
from knowledge.curation.messages import DATABASE
from knowledge.store import KnowledgeStore
from tests.knowledge.curation.corruption import (
    ROWS,
    SHIPPED_YAML,
    csv_bytes,
    csv_with_cells,
    damaged,
    member_bytes,
    members,
    rezipped,
    workbook_plan,
    write_workbook,
    yaml_with_values,
)

SOME = settings(
    max_examples=25,
    deadline=None,  # timed explicitly below: the import alone, not the checks around it
    derandomize=True,  # the same examples every run: CI never flakes on a new one
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# One import of one of these files: 2 s of CPU (the machine is shared: another tenant adds
# wall-clock time, never CPU time), and a generous wall-clock bound for a hang.
CPU_BOUND = 2.0
WALL_BOUND = 10.0
_PYTHON_WORDS = re.compile(r"Traceback|\b\w*(Error|Exception)\b|\bNone\b|<[a-z_.]+ object")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _good_workbook() -> bytes:
    """The registry as a workbook, once: openpyxl stamps the time in it, and hypothesis
    needs the same bytes on every run to replay an example."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(
            Path(folder) / "good.xlsx", {"cells": {}, "merges": [], "hidden": False}
        )
        return path.read_bytes()


GOOD_WORKBOOK = _good_workbook()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database seeded with the shipped knowledge, copied for each example."""
    path = tmp_path_factory.mktemp("seeded") / "orgbot.db"
    open_knowledge(path).close()
    # What the first refusal of a kind would load otherwise, inside the timed import.
    from charset_normalizer import from_bytes
    from python_calamine import CalamineWorkbook  # noqa: F401

    from_bytes("寶雞市渭濱區".encode("big5"))
    return path


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corrupt")


def dump(path: Path) -> tuple[Any, ...]:
    """Everything the knowledge tables hold, read through a fresh connection."""
    store = KnowledgeStore.open(path)
    try:
        return store.all_records(), store.db["audit"].count, store.get_meta("kb_version")
    finally:
        store.close()


def import_damaged(seeded: Path, workdir: Path, name: str, data: bytes) -> None:
    """Import one file into a fresh copy of the seeded database and check the outcome."""
    folder = Path(tempfile.mkdtemp(dir=workdir))
    db = shutil.copy(seeded, folder / "orgbot.db")
    path = folder / name
    path.write_bytes(data)
    check_import(Path(db), path)


def check_import(db: Path, path: Path) -> None:
    before = dump(db)
    store = KnowledgeStore.open(db)
    started, cpu = time.perf_counter(), time.process_time()
    report = import_files(store, [path])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    store.close()
    assert cpu < CPU_BOUND and elapsed < WALL_BOUND, f"{cpu:.2f}s of CPU, {elapsed:.2f}s"
    event("refused" if not report.ok else "changed" if report.changes else "no change")
    for problem in report.dataset.problems:
        event(problem.msg.name)
    if report.ok:
        changed = {table for table, _ in [*report.added, *report.changed]}
        reads_back(db, path.parent / "export", changed)
        return
    assert dump(db) == before  # all or nothing
    for problem in report.dataset.problems:
        text = str(problem)
        assert problem.file == DATABASE or problem.file.startswith(str(path)), text
        assert _CHINESE.search(problem.message()), text
        assert not _PYTHON_WORDS.search(text), text


def reads_back(db: Path, out: Path, tables: set[str]) -> None:
    """What an import stored is valid data: the tables it changed, exported, validate."""
    if not tables:
        return
    store = KnowledgeStore.open(db)
    try:
        export_yaml(store, out)
        dataset = validate_files(store, [out / f"{table}.yaml" for table in sorted(tables)])
    finally:
        store.close()
    assert dataset.ok, [str(p) for p in dataset.problems[:5]]
    for table in dataset.records.values():
        for record in table.values():
            assert "\x00" not in repr(record)


@SOME
@given(data=st.data(), name=st.sampled_from(SHIPPED_YAML))
def test_a_damaged_shipped_yaml_file(seeded: Path, workdir: Path, data, name: str) -> None:
    raw = (SHIPPED_DATA / name).read_bytes()
    import_damaged(seeded, workdir, name, data.draw(damaged(raw)))


@SOME
@given(text=yaml_with_values())
@example(text=b"organizations: " + b"[" * 10_000 + b"]" * 10_000)  # PyYAML recursed to death
@example(text=b"organizations:\n- name: " + b"{a: " * 3000 + b"1" + b"}" * 3000)
def test_a_shipped_yaml_file_with_values_of_other_kinds(
    seeded: Path, workdir: Path, text: bytes
) -> None:
    import_damaged(seeded, workdir, "organizations.yaml", text)


@SOME
@given(data=st.data(), encoding=st.sampled_from(["utf-8", "gbk", "utf-8-sig"]))
def test_a_damaged_registry_csv(seeded: Path, workdir: Path, data, encoding: str) -> None:
    raw = csv_bytes(ROWS, encoding)
    import_damaged(seeded, workdir, "registry.csv", data.draw(damaged(raw)))


@SOME
@given(rows=csv_with_cells(), encoding=st.sampled_from(["utf-8", "gbk"]))
def test_a_registry_csv_with_odd_cells(seeded: Path, workdir: Path, rows, encoding: str) -> None:
    import_damaged(seeded, workdir, "registry.csv", csv_bytes(rows, encoding))


@SOME
@given(plan=workbook_plan())
def test_a_registry_workbook_with_typed_formula_merged_and_hidden_cells(
    seeded: Path, workdir: Path, plan: dict[str, Any]
) -> None:
    folder = Path(tempfile.mkdtemp(dir=workdir))
    path = write_workbook(folder / "registry.xlsx", plan)
    check_import(Path(shutil.copy(seeded, folder / "orgbot.db")), path)


@SOME
@given(data=st.data())
def test_a_damaged_registry_workbook(seeded: Path, workdir: Path, data) -> None:
    folder = Path(tempfile.mkdtemp(dir=workdir))
    good = folder / "good.xlsx"
    good.write_bytes(GOOD_WORKBOOK)
    path = folder / "registry.xlsx"
    if data.draw(st.booleans()):  # the zip itself damaged
        path.write_bytes(data.draw(damaged(good.read_bytes())))
    else:  # one member of an intact zip damaged, or missing
        member = data.draw(st.sampled_from(members(good)))
        change = data.draw(st.none() | damaged(member_bytes(good, member)))
        rezipped(good, member, change, path)
    check_import(Path(shutil.copy(seeded, folder / "orgbot.db")), path)
