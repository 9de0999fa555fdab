"""The knowledge shipped with orgbot: valid, sourced word for word, and free of guessed contacts."""

from __future__ import annotations

import re

import pytest

from knowledge.curation.apply import SHIPPED_DATA
from knowledge.curation.validate import load_dataset
from tests.conftest import SEEDS

SOURCED_TABLES = ("organizations", "projects", "facts", "activities")

BAOJI_TYPICAL_CASES = [
    "渭滨区经二路街道社区社会组织联合会",
    "宝鸡高新区慈善协会",
    "金台区武术协会",
    "宝鸡市公益慈善联合会",
    "陈仓区社会组织服务中心",
    "宝鸡明明心理关爱中心",
    "宝鸡智塔儿童启能成长中心",
    "宝鸡市全民国防教育协会",
    "宝鸡市中小企业协会",
    "宝鸡市青年文学艺术联合会",
]
WEIYANG = ["张家堡", "辛家庙", "秋文社工", "益人行", "常青藤", "陕西众益", "中海社工"]

# Chinese mobiles, landlines with an area code, and 400/800 service numbers, not inside a
# longer run of digits (the seed article's own contact line, 010-57256752, matches).
PHONE_LIKE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}|[48]00-?\d{3}-?\d{4})(?!\d)")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset([SHIPPED_DATA])


def sourced_records(dataset):
    for table in SOURCED_TABLES:
        for key, record in dataset.records[table].items():
            yield table, key, record


def test_shipped_files_validate_without_problems(dataset):
    assert [str(p) for p in dataset.problems] == []
    for table in ("sources", "topics", "synonyms", "organizations", "projects", "facts"):
        assert dataset.records[table], f"no {table} shipped"


def test_every_record_has_a_source_with_document_and_quote(dataset):
    missing = [
        f"{table}.{key}"
        for table, key, record in sourced_records(dataset)
        if not record["source"].get("document") or not record["source"].get("quote")
    ]
    assert missing == []


def test_every_figure_has_a_quote(dataset):
    missing = [
        f"{table}.{key}: {figure['label']}"
        for table, key, record in sourced_records(dataset)
        for figure in record.get("figures", [])
        if not figure.get("quote")
    ]
    assert missing == []


def test_sources_cite_a_shipped_source_entry(dataset):
    documents = set(dataset.records["sources"])
    unknown = [
        f"{table}.{key}: {record['source']['document']}"
        for table, key, record in sourced_records(dataset)
        if record["source"]["document"] not in documents
    ]
    assert unknown == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
def test_every_quote_is_copied_exactly_from_its_article(dataset):
    texts = {path.name: path.read_text(encoding="utf-8") for path in SEEDS.iterdir()}
    wrong = []
    checked = 0
    for table, key, record in sourced_records(dataset):
        document = record["source"]["document"]
        assert document in texts, f"{table}.{key}: no seed file {document}"
        text = texts[document]
        quotes = [("source", record["source"]["quote"])]
        quotes += [(f"figure {f['label']}", f["quote"]) for f in record.get("figures", [])]
        for what, quote in quotes:
            checked += 1
            if quote not in text:
                wrong.append(f"{table}.{key} {what}: {quote[:40]}")
    assert wrong == []
    assert checked > 50  # the check really looked at the records' and figures' quotes


def test_no_organization_has_contact_details_the_sources_do_not_give(dataset):
    given = [
        f"{key}.{field}"
        for key, org in dataset.records["organizations"].items()
        for field in ("phone", "address", "email", "website")
        if org[field]
    ]
    assert given == []


def test_phone_pattern_finds_the_news_sites_number():
    """The regex used below does catch a real number (the one in seed 002's footer)."""
    assert PHONE_LIKE.findall("联系方式:中国公益新闻网 电话:010-57256752") == ["010-57256752"]
    assert PHONE_LIKE.findall("电话 13912345678、0917-3261234") == ["13912345678", "0917-3261234"]
    assert PHONE_LIKE.findall("000_d632337090411c31.txt 服务群众2万人 2021年") == []


@pytest.mark.parametrize("path", sorted(SHIPPED_DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_no_shipped_file_contains_a_phone_number_or_the_news_sites_contacts(path):
    text = path.read_text(encoding="utf-8")
    assert PHONE_LIKE.findall(text) == []
    assert "57256752" not in text
    assert "450952431" not in text


def test_all_ten_baoji_typical_cases_are_present(dataset):
    names = {org["name"] for org in dataset.records["organizations"].values()}
    assert [name for name in BAOJI_TYPICAL_CASES if name not in names] == []


def test_the_weiyang_organizations_are_present(dataset):
    orgs = dataset.records["organizations"].values()

    def present(word: str) -> bool:
        return any(word in org["name"] or word in "".join(org["aliases"]) for org in orgs)

    assert [word for word in WEIYANG if not present(word)] == []
    weiyang = [org for org in orgs if org["district"] == "未央区"]
    assert len(weiyang) >= len(WEIYANG)


def test_facts_include_the_weiyang_statistics(dataset):
    facts = dataset.records["facts"].values()
    stats = [f for f in facts if all(n in f["answer"] for n in ("281", "51", "230", "2000"))]
    assert stats, "no fact gives 281 区级 / 51 社会团体 / 230 民非 / 2000 社区社会组织"
    answer = stats[0]["answer"]
    for phrase in ("281家", "社会团体51家", "民办非企业单位230家", "2000余家"):
        assert phrase in answer
    assert "未央区" in answer


def test_facts_list_the_ten_baoji_typical_cases(dataset):
    answers = "\n".join(f["answer"] for f in dataset.records["facts"].values())
    assert [name for name in BAOJI_TYPICAL_CASES if name not in answers] == []
