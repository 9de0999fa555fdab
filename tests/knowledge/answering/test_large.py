"""A knowledge base large enough (4,000 organizations) for the matcher's large-base path:
common words re-score a pool of candidates, laid out by document number."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from knowledge.answering import columns as columns_module
from knowledge.answering import index_builder
from knowledge.answering.index import Index
from knowledge.answering.index_builder import build_index
from knowledge.answering.matcher import LARGE_KB, Match, Matcher
from knowledge.curation.apply import open_knowledge

PREFIXES = ["安康", "博爱", "春晖", "大众", "繁星", "光明", "和美", "惠民", "嘉禾", "锦绣"]
CORES = [
    ("助残", "残障康复", "康复训练、辅具适配、家长培训"),
    ("儿童", "儿童青少年", "课后托管、亲子阅读、康复训练"),
    ("养老", "养老服务", "助餐、日间照料、上门探访"),
    ("心理", "心理健康", "心理咨询、团体辅导、危机干预"),
    ("志愿", "志愿服务", "志愿者招募与培训、社区服务"),
]
SUFFIXES = ["服务中心", "协会", "促进会", "服务社", "发展中心", "互助会", "工作室", "公益社"]
# One district holds more than 2,000 organizations, so its name's character pairs are
# common enough to be laid out too; another holds fewer than any service word.
DISTRICTS = ["渭滨区"] * 13 + ["金台区"] * 6 + ["陈仓区"]


def large_records(n: int = 4000) -> dict[str, dict[str, dict[str, Any]]]:
    shipped = open_knowledge().all_records()
    names = itertools.product(PREFIXES, PREFIXES, CORES, SUFFIXES)
    orgs = {}
    for i, (first, second, (core, topic, services), suffix) in zip(range(n), names, strict=False):
        district = DISTRICTS[i // 40 % len(DISTRICTS)]  # 40 in a row: one of each core and suffix
        name = f"{district}{first}{second}{core}{suffix}"
        orgs[f"large-{i:05d}"] = {
            "id": f"large-{i:05d}",
            "name": name,
            "aliases": [],
            "city": "宝鸡市",
            "district": district,
            "street": "",
            "summary": f"{name}在宝鸡市{district}提供{services}等服务。",
            "services": services.split("、"),
            "topics": [topic],
            "figures": [],
            "source": {"document": "test_large.py", "quote": ""},
        }
    return {**shipped, "organizations": orgs, "projects": {}, "facts": {}, "activities": {}}


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, dict[str, Any]]]:
    return large_records()


@pytest.fixture(scope="module")
def large_index(records: dict[str, dict[str, dict[str, Any]]]) -> Index:
    index = build_index(records, "large")
    assert len(index.docs) > LARGE_KB
    return index


QUESTIONS = [
    "金台区哪里有康复训练",
    "陈仓区哪里有康复训练",
    "渭滨区哪里有心理咨询",
    "渭滨区有没有助餐的地方",
    "哪里可以做康复训练",
    "孩子课后托管",
    "志愿者招募与培训",
    "渭滨区安康博爱助残服务中心在哪里",
    "金台区锦绣锦绣志愿公益社电话",
    "渭滨春晖",
]


def outcome(match: Match) -> tuple:
    return match.decision, match.intent, [(r.doc.id, r.score, r.coverage) for r in match.results]


def test_a_named_organization_is_found_first(large_index: Index) -> None:
    matcher = Matcher(large_index)
    for doc in large_index.docs[-4000::397]:
        top = matcher.match(f"{doc.name}在哪里").top
        assert top is not None and top.doc.name == doc.name


@pytest.mark.parametrize("district", ["金台区", "陈仓区"])
def test_a_need_in_a_district_finds_who_serves_it_there(
    large_index: Index, records, district: str
) -> None:
    match = Matcher(large_index).match(f"{district}哪里有康复训练")
    assert match.decision in ("answer", "choose")
    assert len(match.results) == 5
    for result in match.results:
        assert result.doc.district == district
        assert "康复训练" in records["organizations"][result.doc.id]["services"]


def test_laid_out_postings_score_exactly_as_the_postings(large_index: Index, monkeypatch) -> None:
    """Reading common words from their byte layout changes no score, not even by a bit."""
    laid_out = [outcome(Matcher(large_index).match(q)) for q in QUESTIONS]
    monkeypatch.setattr(columns_module.Columns, "_layout", lambda self, key: None)
    assert [outcome(Matcher(large_index).match(q)) for q in QUESTIONS] == laid_out


def test_a_layout_gives_each_documents_weight_and_presence(large_index: Index) -> None:
    columns = columns_module.Columns(large_index)
    every_doc = list(range(len(large_index.docs)))
    common = [
        key
        for key, docs in large_index.postings.items()
        if len(docs) >= columns_module.DENSE_MIN_POSTINGS
    ]
    assert any(k.startswith("B:") for k in common) and any(":" not in k for k in common)
    for key in common:
        assert columns._layout(key) is not None
        postings, idf = large_index.postings[key], large_index.idf[key]
        assert columns.column(key, every_doc) == [idf * postings.get(d, 0.0) for d in every_doc]
        holds = columns.holding(key)
        assert [bool(holds(d)) for d in every_doc] == [d in postings for d in every_doc]


def test_postings_list_documents_in_ascending_order(large_index: Index) -> None:
    """The first documents holding a word are read off its postings without sorting."""
    for docs in large_index.postings.values():
        assert list(docs) == sorted(docs)


def test_layouts_are_bounded(large_index: Index, monkeypatch) -> None:
    monkeypatch.setattr(columns_module, "DENSE_BYTES", 2 * len(large_index.docs))
    columns = columns_module.Columns(large_index)
    for key in list(large_index.postings)[:20]:
        columns.column(key, [0, 1])
        assert len(columns._layouts) <= 2


@pytest.fixture(scope="module")
def registry_sized_index(records: dict[str, dict[str, dict[str, Any]]]) -> Index:
    """The shipped knowledge whole, among thousands of registry-like organizations, with more
    names than the tokenizer takes (the cap lowered so the test builds quickly)."""
    shipped = open_knowledge().all_records()
    both = {**shipped, "organizations": {**shipped["organizations"], **records["organizations"]}}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_builder, "NAMES_IN_TOKENIZER", 1000)
        return build_index(both, "registry-sized")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("zhita", "baoji-zhita-children"),  # pinyin of a short name
        ("常清藤社工服务中心", "changqingteng-social-work"),  # a sound-alike typo of an alias
        # A fact's short alias met by chance ("社会组织") must not shut out the right fact.
        ("宝鸡有几家社会组织评上了2021年典型事例", "baoji-2021-typical-cases"),
    ],
)
def test_shipped_knowledge_answers_as_before_among_a_registry(
    registry_sized_index: Index, question: str, expected: str
) -> None:
    match = Matcher(registry_sized_index).match(question)
    assert match.decision == "answer"
    assert match.results[0].doc.id == expected
