"""Shared by the knowledge import tests: sample records, file writers, the database's state, the CLI.

Plain helpers and constants are imported by the test modules
(`from tests.knowledge.conftest import ...`); the fixtures bind them to a test's own folder
and database file.
"""

from __future__ import annotations

import csv
import functools
import io
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from knowledge.curation.apply import ImportReport, import_files
from knowledge.store import KnowledgeStore

DOC = "民政局2026年走访核实"  # the source document of every test record
SRC = f"{{document: {DOC}}}"
ORG_FIELDS = ", ".join(
    sorted(
        [
            "activity_area",
            "address",
            "aliases",
            "annual_check",
            "business_scope",
            "certificate_valid_until",
            "city",
            "credit_code",
            "district",
            "email",
            "field_sources",
            "figures",
            "id",
            "inferred_topics",
            "is_charity",
            "legal_form",
            "legal_representative",
            "name",
            "opening_hours",
            "phone",
            "rating",
            "registered_capital",
            "registered_on",
            "registration_authority",
            "services",
            "source",
            "street",
            "summary",
            "supervisor",
            "topics",
            "updated_at",
            "website",
        ]
    )
)

CSV_HEADERS = ["名称", "简称", "区县", "街道", "地址", "电话", "服务", "简介", "来源"]
CSV_ROW = [
    "宝鸡测试服务中心",
    "测试中心",
    "渭滨区",
    "经二路街道",
    "经二路1号",
    "0917-3261234",
    "心理咨询；养老",
    "测试用的组织。",
    "民政局2026年走访核实｜电话已核实",
]
# CSV_ROW's organization, then a second one; the pinyin ids the importer makes for them.
CSV_ROWS = [
    CSV_HEADERS,
    CSV_ROW,
    [
        "宝鸡第二测试协会",
        "",
        "金台区",
        "",
        "",
        "13912345678",
        "武术、健身",
        "第二个测试组织。",
        DOC,
    ],
]
CSV_ORG_ID = "bao-ji-ce-shi-fu-wu-zhong-xin"
CSV_SECOND_ORG_ID = "bao-ji-di-er-ce-shi-xie-hui"


# --- YAML knowledge files ------------------------------------------------------------------


def yaml_table(table: str, *records: dict[str, str]) -> str:
    """A YAML knowledge file's section: `table:` on line 1, then one line per field, in order.

    Values are written as given (raw YAML), so a problem's line number is easy to count.
    """
    lines = [f"{table}:"]
    for record in records:
        for i, (key, value) in enumerate(record.items()):
            lines.append(f"{'  - ' if i == 0 else '    '}{key}: {value}")
    return "\n".join(lines) + "\n"


def org(org_id: str, name: str, **fields: str) -> dict[str, str]:
    """An organization: id, name, the given fields, then `source: SRC` unless among them."""
    record = {"id": org_id, "name": name, **fields}
    record.setdefault("source", SRC)
    return record


def activity(**fields: str) -> dict[str, str]:
    """test-activity with a valid start; `fields` replace or follow those, then SRC if not given."""
    record = {"id": "test-activity", "title": "测试活动", "start": "2026-12-05T09:30:00+08:00"}
    record.update(fields)
    record.setdefault("source", SRC)
    return record


def project(organization: str) -> dict[str, str]:
    """test-project, run by `organization`."""
    return {"id": "test-project", "organization": organization, "name": "测试项目", "source": SRC}


ORG_A = org("test-org-a", "测试组织甲", summary="第一版简介。")
ORG_B = org("test-org-b", "测试组织乙")
TWO_ORGS = yaml_table("organizations", ORG_A, ORG_B)
ONLY_ORG_A = yaml_table("organizations", ORG_A)
TWO_ORGS_V2 = TWO_ORGS.replace("第一版简介。", "第二版简介。")  # test-org-a's summary changed


# --- files, the database, the CLI ----------------------------------------------------------


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` (dedented) to directory/name in `encoding`."""
    path = directory / name
    path.write_bytes(textwrap.dedent(text).encode(encoding))
    return path


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def write_xlsx(path: Path, sheets: dict[str, Iterable[list]]) -> Path:
    """An Excel workbook with one sheet per entry, in order, each holding its rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    for i, (title, rows) in enumerate(sheets.items()):
        sheet = workbook.active if i == 0 else workbook.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def snapshot(db_path: Path) -> tuple[dict, int, str | None]:
    """What the database file holds, read through a fresh connection."""
    store = KnowledgeStore.open(db_path)
    return store.all_records(), store.db["audit"].count, store.get_meta("kb_version")


def problem_lines(report: ImportReport) -> list[str]:
    return [str(p) for p in report.dataset.problems]


def fresh_store(path: Path) -> KnowledgeStore:
    return KnowledgeStore.open(path)


def run_kb(*args: str | Path) -> Result:
    """`orgbot kb ARGS...` through click's test runner."""
    return CliRunner().invoke(main, ["kb", *map(str, args)])


# --- fixtures (names distinct from tests/conftest.py's) ------------------------------------


@pytest.fixture
def kb_file(tmp_path: Path) -> Callable[..., Path]:
    """write() into the test's own folder: kb_file(name, text, encoding="utf-8") -> path."""
    return functools.partial(write, tmp_path)


@pytest.fixture
def import_refused(db_path: Path) -> Callable[..., ImportReport]:
    """import_files() that must be refused and leave the database file exactly as it was.

    The state is read when it is called (after the test's store exists), so it compares the
    records, the audit trail and kb_version before and after the import.
    """

    def run(store: KnowledgeStore, paths: list[Path], **options) -> ImportReport:
        before = snapshot(db_path)
        report = import_files(store, paths, **options)
        assert not report.ok
        assert snapshot(db_path) == before
        return report

    return run
