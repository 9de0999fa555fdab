"""`orgbot kb unanswered` as files: the staff's review groups with Chinese headers."""

from __future__ import annotations

import csv
from pathlib import Path

from knowledge.residents.questions import AskedQuestion, QuestionLog
from knowledge.residents.store import ResidentsStore
from tests.bot.test_cli import ask, invoke


def test_groups_go_to_csv_and_xlsx_with_local_times(db_path: Path, tmp_path: Path) -> None:
    ask(db_path, "今天天气怎么样")
    ask(db_path, "今天天气怎么样？")
    ask(db_path, "哪里有心理咨询")  # answered: not listed
    residents = ResidentsStore.open(db_path)
    QuestionLog(residents.db, None).record(
        AskedQuestion("cli", "", "=HYPERLINK(1)", False, "unknown", at="2026-11-30T16:30:00+00:00")
    )

    out = tmp_path / "review.csv"
    result = invoke("kb", "unanswered", "--format", "csv", "-o", str(out), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["问法", "次数", "最近提问", "原因", "机器人的回答", "类似问法"]
    assert rows[1][:2] == ["今天天气怎么样？", "2"] and rows[1][3] == "未回答 2"
    assert rows[2][0] == "'=HYPERLINK(1)"  # shown as text by Excel, never run
    assert rows[2][2] == "2026-12-01 00:30"  # Shanghai time

    since = invoke("kb", "unanswered", "--since", "2026-12-02", "--db", str(db_path))
    assert "HYPERLINK" not in since.stdout and "今天天气" in since.stdout

    book = tmp_path / "review.xlsx"
    result = invoke("kb", "unanswered", "-o", str(book), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook(book).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "问法" and values[2][0] == "=HYPERLINK(1)"
    assert sheet.cell(3, 1).data_type == "s"

    bad = invoke("kb", "unanswered", "--since", "yesterday", "--db", str(db_path))
    assert bad.exit_code == 2 and "--since" in bad.output
