"""/reload's import: all or nothing, and what staff are shown when files are wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge.curation.apply import SHIPPED_DATA, open_knowledge
from knowledge.curation.reload import describe_reload, reload_files


def test_many_problems_show_the_first_twenty_and_a_count(tmp_path: Path) -> None:
    store = open_knowledge(tmp_path / "orgbot.db")
    version = store.version
    kb = tmp_path / "kb"
    shutil.copytree(SHIPPED_DATA, kb)
    rows = "".join(f"  - id: 'Bad {n}'\n    name: 坏条目{n}\n" for n in range(25))
    (kb / "broken.yaml").write_text(f"organizations:\n{rows}", encoding="utf-8")

    report = reload_files(store, kb)
    text = describe_reload(report)
    assert not report.ok and store.version == version
    problems = len(report.dataset.problems)
    assert problems > 20
    assert text.startswith(f"文件有 {problems} 个问题，知识库没有改动")
    assert len(text.splitlines()) == 1 + 20 + 1
    assert text.endswith(f"……另有 {problems - 20} 个问题")

    (kb / "broken.yaml").unlink()
    report = reload_files(store, kb)
    assert report.ok and describe_reload(report).startswith("已重新导入知识库")


def test_reload_reads_no_more_than_its_limits(tmp_path: Path) -> None:
    from knowledge.curation.limits import ImportLimits

    store = open_knowledge(tmp_path / "orgbot.db")
    version = store.version
    report = reload_files(store, None, limits=ImportLimits(max_rows=10))
    assert not report.ok and store.version == version
    assert "超过 10 行（ORGBOT_IMPORT_MAX_ROWS），没有读完：请分批导入" in describe_reload(report)
