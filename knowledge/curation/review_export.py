"""`orgbot kb unanswered`: the staff's review groups as a table (terminal, CSV or .xlsx), with
Chinese headers and times in the residents' time zone; residents' text is never a formula."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from knowledge.curation.export import neutralised
from knowledge.curation.readers import FORMULA_STARTS
from knowledge.curation.review import answered_names, review_groups
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore

HEADERS = ["问法", "次数", "最近提问", "原因", "机器人的回答", "类似问法"]


def since_utc(day: str, tz: tzinfo) -> str:
    """The start of a local day (YYYY-MM-DD) as the question log's UTC time; ValueError."""
    start = datetime.combine(date.fromisoformat(day), datetime.min.time(), tz)
    return start.astimezone(UTC).isoformat(timespec="seconds")


def review_rows(
    store: KnowledgeStore, residents: ResidentsStore, tz: tzinfo, since: str = ""
) -> list[list[str]]:
    """One row per group of similar questions, largest first (HEADERS' order)."""
    rows = []
    for group in review_groups(residents, since):
        last = datetime.fromisoformat(group.last_asked).astimezone(tz)
        others = [q for q in dict.fromkeys(group.questions) if q != group.wording]
        rows.append(
            [
                group.wording,
                str(group.count),
                f"{last:%Y-%m-%d %H:%M}",
                "、".join(f"{r} {n}" for r, n in group.reasons.most_common()),
                "、".join(answered_names(store, group)),
                " / ".join(others[:10]),
            ]
        )
    return rows


def write_rows(rows: list[list[str]], path: Path, fmt: str) -> Path:
    """The rows under HEADERS as a CSV (UTF-8 with BOM, for Excel) or a one-sheet workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            writer.writerows([neutralised(cell) for cell in row] for row in rows)
        return path
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("待处理问题")
    sheet.append(HEADERS)
    for row in rows:
        cells = []
        for text in row:
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # text, never a formula
            cell.quotePrefix = text.startswith(FORMULA_STARTS)
            cells.append(cell)
        sheet.append(cells)
    workbook.save(path)
    return path
