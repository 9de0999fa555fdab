"""The shipped curated knowledge among a city's registry rows (synthetic, imported as staff
would): a need a curated record serves still finds it first, and each registry organization
is still found by its name, its short name and its need in its district."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.gate import Decision
from knowledge.answering.index_builder import build_index
from knowledge.answering.matcher import LARGE_KB
from knowledge.curation.apply import import_files, open_knowledge
from tests.knowledge.curation.synthetic_registry import SyntheticOrg, organizations, write_csv

ROWS = 1500  # past LARGE_KB: the large-base path prunes common words


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> list[SyntheticOrg]:
    return list(organizations(ROWS))


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory, registry: list[SyntheticOrg]) -> Answerer:
    work: Path = tmp_path_factory.mktemp("registry")
    store = open_knowledge(work / "orgbot.db")
    report = import_files(store, [write_csv(work / "registry.csv", registry)])
    assert report.ok, report.describe()
    answerer = Answerer(store, build_index(store.all_records(), store.version))
    assert len(answerer.index.docs) > LARGE_KB
    return answerer


# Needs each curated record serves, in words hundreds of registry rows share (武术, 沟通,
# 心理咨询, 志愿者): the curated record answers, not a row nor a stray curated word.
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("武术协会是干什么的", {"jintai-wushu"}),
        ("家里吵架想学沟通方法", {"aiyu-action", "weiyang-qiuwen-social-work"}),
        ("宝鸡哪里能做心理咨询", {"baoji-mingming-psychology", "anxin-xiaowu"}),
        ("在未央想当志愿者 有啥组织能加", {"yirenxing-volunteers"}),
        ("兒童康復哪裡可以做", {"baoji-zhita-children", "zhita-intervention-model"}),
        ("辛家庙街道那个服务中心都给居民干些啥", {"xinjiamiao-sozo-center"}),
    ],
)
def test_a_curated_record_is_not_outranked_by_registry_rows_for_a_need_it_serves(
    answerer: Answerer, question: str, expected: set[str]
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.decision == Decision.ANSWER, answer.text
    assert answer.results[0]["id"] in expected


def test_a_curated_word_weighs_the_same_with_a_registry_imported(answerer: Answerer) -> None:
    shipped = open_knowledge()
    alone = build_index(shipped.all_records(), shipped.version)
    for word in ("武术", "沟通", "心理咨询", "干什么", "方法"):
        assert answerer.index.idf[word] == pytest.approx(alone.idf[word])


def test_a_registry_organization_is_found_by_name_short_name_and_need(
    answerer: Answerer, registry: list[SyntheticOrg]
) -> None:
    ids = {o.name: o.id for o in answerer.catalog.organizations.values()}
    for org in registry[:40]:
        key = ids[org.name]
        assert answerer.answer(org.name, log_question=False).top.id == key
        short = answerer.answer(f"{org.district}{org.short}", log_question=False)
        assert short.top.id == key
        phone = answerer.answer(f"{org.name}的电话", log_question=False)
        assert org.phone in phone.text
        need = answerer.answer(f"{org.district}哪里有{org.need}", log_question=False)
        assert need.answered and key in [r["id"] for r in need.results] + [
            c.id for c in need.choices
        ], need.text
