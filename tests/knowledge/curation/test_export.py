"""Round trips: what `kb export` writes (YAML or CSV) imports back into a new database unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.curation.apply import import_files
from knowledge.curation.export import export_csv, export_yaml
from knowledge.store import KnowledgeStore
from tests.knowledge.conftest import SRC, fresh_store, org, run_kb, yaml_table


def round_trip(export, store: KnowledgeStore, tmp_path: Path) -> KnowledgeStore:
    """Export `store` with `export`, import that into a new database and return it."""
    out = tmp_path / "export"
    export(store, out)
    fresh = fresh_store(tmp_path / "fresh.db")

    report = import_files(fresh, [out])

    assert report.ok, report.describe()
    return fresh


@pytest.mark.parametrize(
    "export",
    [
        pytest.param(export_yaml, id="yaml"),
        pytest.param(export_csv, id="csv"),
    ],
)
def test_export_of_the_shipped_knowledge_imports_back_identically(store, tmp_path, export):
    assert round_trip(export, store, tmp_path).all_records() == store.all_records()


EVERY_KIND_OF_FIELD = f"""\
topics:
  - name: 心理健康
    synonyms: [心理, 心理咨询]
synonyms:
  - [心理咨询, 心理疏导]
organizations:
  - id: test-org
    name: 测试心理中心
    aliases: [测试中心, 心理中心]
    legal_form: 民办非企业单位
    city: 宝鸡市
    district: 渭滨区
    phone: 0917-3261234
    services: [心理咨询, 心理疏导]
    topics: [心理健康]
    figures:
      - {{label: 服务群众, text: 2万人, value: 20000, unit: 人, as_of: "2021",
         quote: 服务群众2万人}}
    source: {{document: 民政局2026年走访核实, quote: 电话已核实}}
    updated_at: 2026-01-15
projects:
  - id: test-project
    organization: test-org
    name: 测试项目
    period: 2021年起
    source: {SRC}
facts:
  - id: test-fact
    name: 测试问答
    questions: [测试问题一, 测试问题二]
    answer: 测试答案。
    source: {SRC}
activities:
  - id: test-activity
    title: 测试活动
    organization: test-org
    start: 2026-12-05T09:30:00+08:00
    end: 2026-12-05T11:00:00+08:00
    status: cancelled
    source: {SRC}
"""


def test_csv_export_imports_back_identically(empty_store, kb_file, tmp_path):
    """Every kind of field (lists, figures, sources, times) survives a CSV round trip."""
    assert import_files(empty_store, [kb_file("kb.yaml", EVERY_KIND_OF_FIELD)]).ok

    fresh = round_trip(export_csv, empty_store, tmp_path)

    assert fresh.all_records() == empty_store.all_records()
    assert fresh.get("organizations", "test-org")["figures"][0]["value"] == 20000


EXTRA_ORG = yaml_table(
    "organizations",
    org("test-extra-org", "测试新增组织", district="渭滨区", services="[心理咨询]"),
)


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_cli_export_then_import_into_a_new_database(kb_file, tmp_path, fmt):
    src_db, new_db, out = tmp_path / "src.db", tmp_path / "new.db", tmp_path / "out"
    extra = kb_file("extra.yaml", EXTRA_ORG)
    added = run_kb("import", extra, "--verbose", "--db", src_db)
    assert added.exit_code == 0, added.output
    assert "新增 organizations test-extra-org" in added.stdout

    exported = run_kb("export", "--format", fmt, "--out", out, "--db", src_db)
    assert exported.exit_code == 0, exported.output
    assert (out / f"organizations.{fmt}").exists()

    imported = run_kb("import", out, "--db", new_db)
    assert imported.exit_code == 0, imported.output

    source = fresh_store(src_db).all_records()
    assert fresh_store(new_db).all_records() == source
    assert "test-extra-org" in source["organizations"]
