"""/reload: the curated files imported again into a running bot's database, from a thread.

The import takes the same path as `orgbot kb import` (validated whole, one transaction, every
change audited, the search index built and cached), on a connection of its own so the bot's
event loop never waits on it. A problem anywhere means nothing changes.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.answering.cache import index_cache_path
from knowledge.curation.apply import SHIPPED_DATA, ImportReport, import_files
from knowledge.curation.limits import ImportLimits
from knowledge.curation.messages import Lang
from knowledge.store import KnowledgeStore

SHOWN_PROBLEMS = 20


def reload_files(
    store: KnowledgeStore,
    kb_dir: Path | None,
    default_tz: str = "Asia/Shanghai",
    limits: ImportLimits | None = None,
) -> ImportReport:
    """Import `kb_dir` (None: the shipped files) over the store's file; never removes records
    the files leave out (staff may have added some in the chat). `limits`: the settings'
    (None: the defaults)."""
    writer = store.reader()  # this thread's own connection (in memory: the same one)
    try:
        cache = index_cache_path(store.path) if store.path else None
        return import_files(
            writer,
            [kb_dir or SHIPPED_DATA],
            default_tz=default_tz,
            index_cache=cache,
            limits=limits,
        )
    finally:
        if writer is not store:
            writer.close()


def describe_reload(report: ImportReport) -> str:
    """What staff read after /reload: the counts, or the first problems and how many more."""
    if report.ok:
        return "已重新导入知识库：\n" + report.describe()
    problems = [p.text(Lang.ZH) for p in report.dataset.problems]
    shown = "\n".join(problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    tail = f"\n……另有 {more} 个问题" if more > 0 else ""
    return f"文件有 {len(problems)} 个问题，知识库没有改动：\n{shown}{tail}"
