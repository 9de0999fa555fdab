""" "Which organizations…" questions are answered with every matching organization."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent
from knowledge.answering.list_questions import is_list_question
from knowledge.answering.lists import MAX_LISTED
from knowledge.curation.apply import import_files
from knowledge.store import KnowledgeStore

# (question, exactly the organizations listed, in any order)
# Those doing it by their topics (心理健康), then those whose services say it: 经二路's
# 心理咨询 group, 智塔's 心理辅导 for parents.
PSYCHOLOGY = {
    "baoji-mingming-psychology",
    "weiyang-qiuwen-social-work",
    "jingerlu-community-federation",
    "baoji-zhita-children",
}
LISTS = [
    # 有啥 + those who help someone + an organization at the end (review10)
    ("未央区有啥帮孩子的组织", {"changqingteng-social-work"}),
    (
        "宝鸡有啥帮孩子的组织",
        {"jintai-wushu", "baoji-zhita-children", "baoji-national-defense-education"},
    ),
    (
        "未央区有哪些社工机构",
        {"weiyang-qiuwen-social-work", "zhonghai-social-work", "changqingteng-social-work"},
    ),
    ("除了秋文社工还有哪些社工机构", {"zhonghai-social-work", "changqingteng-social-work"}),
    ("做养老服务的组织有哪些", {"baoji-hitech-charity", "zhangjiabao-sozo-center"}),
    ("还有哪些组织做养老", {"baoji-hitech-charity", "zhangjiabao-sozo-center"}),
    (
        "除了智塔还有哪些帮孩子的组织",
        {"jintai-wushu", "baoji-national-defense-education", "changqingteng-social-work"},
    ),
    (
        "宝鸡有哪些协会",  # 社会团体 by name where the sources leave the form empty
        {
            "baoji-hitech-charity",
            "baoji-hitech-private-enterprises",
            "jintai-wushu",
            "baoji-charity-federation",
            "baoji-national-defense-education",
            "baoji-sme-association",
            "baoji-youth-arts-federation",
        },
    ),
    (
        "宝鸡有哪些做慈善的组织",
        {
            "baoji-charity-federation",
            "baoji-hitech-charity",
            "baoji-hitech-private-enterprises",
            "chencang-sozo-center",
        },
    ),
    (
        "张家堡街道引入了哪些社会组织",
        {
            "zhangjiabao-sozo-center",
            "shaanxi-zhongyi-sozo-center",
            "weiyang-qiuwen-social-work",
            "zhonghai-social-work",
        },
    ),
    ("未央区有哪些街道社会组织服务中心", {"zhangjiabao-sozo-center", "xinjiamiao-sozo-center"}),
    ("渭滨区有哪些组织", {"jingerlu-community-federation"}),
    ("帮孩子的组织都有哪些", None),  # a list; what is in it is the topic's
    (
        "未央区有几家社工机构，分别是哪些",
        {"weiyang-qiuwen-social-work", "zhonghai-social-work", "changqingteng-social-work"},
    ),
    ("宝鸡有什么社会组织", None),
    ("宝鸡的社会组织都叫啥名字", None),
    ("帮老年人的组织给列个单子", {"baoji-hitech-charity", "zhangjiabao-sozo-center"}),
    # a fact naming three organizations (6000余场次) is no list of those helping residents
    ("未央区有哪些组织是帮社区居民的", None),
    ("有哪些组织管妇女和家庭的事", None),  # the matters they see to
    (
        "未央区社工机构的名单",
        {"weiyang-qiuwen-social-work", "zhonghai-social-work", "changqingteng-social-work"},
    ),
    # a list asked in one clause of two
    ("做心理的有哪几家，分别在哪", PSYCHOLOGY),
    # 入驻 says where they are, not what they do (it is a word of 社会组织孵化)
    (
        "张家堡街道都入驻了哪些组织",
        {
            "zhangjiabao-sozo-center",
            "shaanxi-zhongyi-sozo-center",
            "weiyang-qiuwen-social-work",
            "zhonghai-social-work",
        },
    ),
    (
        "宝鸡所有的协会",
        {
            "baoji-hitech-charity",
            "baoji-hitech-private-enterprises",
            "jintai-wushu",
            "baoji-charity-federation",
            "baoji-national-defense-education",
            "baoji-sme-association",
            "baoji-youth-arts-federation",
        },
    ),
    ("未央区的社会组织有哪些做得好的", None),
    # two districts: an organization is in one, so either will do
    ("金台区和渭滨区都有哪些组织", {"jintai-wushu", "jingerlu-community-federation"}),
    # a count asked with 一共 between the organizations and 几家
    ("搞心理疏导的机构一共几家", PSYCHOLOGY),
    # a count narrowed by what they do: no fact counting all of 未央区's answers it
    ("做心理的组织有几家", PSYCHOLOGY),
    (
        "做儿童的社会组织有多少家",
        {
            "baoji-zhita-children",
            "jintai-wushu",
            "baoji-national-defense-education",
            "changqingteng-social-work",
        },
    ),
]

NOT_LISTS = [
    "有什么组织能帮自闭症孩子",  # the one that can: 能 after the organization
    "智塔提供哪些服务",
    "经二路街道社区社会组织联合会做了哪些事",
    # 未央区发了哪些社会组织的政策: a list of documents (test_round7l.py), not organizations
    "未央区社会组织主要在哪些领域",
    "未央区有多少家社会组织",
    "有没有帮自闭症孩子的地方",
    "有什么组织能帮自闭症孩子",  # wants the one that can
    "武术协会都是干什么的",
    "秋文社工有多少个社工",  # social workers, not organizations
    "智塔所有的项目",
]


@pytest.mark.parametrize(("question", "expected"), LISTS, ids=[q for q, _ in LISTS])
def test_a_list_question_lists_every_matching_organization(
    answerer: Answerer, question: str, expected: set[str] | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.intent == Intent.LIST and answer.to_json()["intent"] == "list"
    assert answer.answered
    listed = {org.id for org in answer.listed}
    assert [r["id"] for r in answer.results] == [org.id for org in answer.listed]
    if expected is not None:
        assert listed == expected
    for org in answer.listed:
        assert org.name in answer.text
    if len(listed) < MAX_LISTED:
        assert f"共 {len(listed)} 家：" in answer.text
    else:  # 宝鸡 has 11
        assert f"下面是前 {MAX_LISTED} 家" in answer.text


@pytest.mark.parametrize("question", NOT_LISTS)
def test_questions_about_one_thing_or_a_count_are_not_lists(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question, log_question=False).intent != Intent.LIST


@pytest.mark.parametrize(
    "question", ["宝鸡2021年社会组织典型事例有哪些", "民政局评的那十家典型社会组织是哪些"]
)
def test_a_curated_fact_that_names_the_organizations_answers_its_list(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.results[0]["id"] == "baoji-2021-typical-cases"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("未央区的社会团体有多少家", "社会团体51家"),
        ("未央区有多少家社会组织", "281家"),
        ("宝鸡2021年有几家社会组织入选典型事例", "10家"),
    ],
)
def test_a_curated_fact_counting_organizations_answers_a_count_it_covers(
    answerer: Answerer, question: str, said: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.intent != Intent.LIST, answer.text
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "listed", "said"),
    [
        (
            "我在金台区上班，有哪些做心理咨询的组织",
            {"baoji-mingming-psychology", "baoji-zhita-children"},  # 智塔's 心理辅导 too
            "资料中没有写明在金台区的；下面 2 家是宝鸡市的，资料没有写明在哪个区县",
        ),
        (
            "张家堡有哪些做儿童的组织",
            {"changqingteng-social-work"},
            "资料中没有写明在张家堡街道的；下面 1 家是未央区的，资料没有写明在哪个街道",
        ),
    ],
)
def test_none_in_a_district_lists_those_of_its_city_whose_district_is_not_given(
    answerer: Answerer, question: str, listed: set[str], said: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.intent == Intent.LIST and answer.answered, answer.text
    assert {org.id for org in answer.listed} == listed
    assert said in answer.text


def test_a_list_with_nothing_in_it_says_so_and_is_not_an_answer(answerer: Answerer) -> None:
    answer = answerer.answer("宝鸡有哪些基金会", log_question=False)
    assert answer.intent == Intent.LIST and not answer.answered
    assert "资料中没有宝鸡市的基金会" in answer.text
    assert answer.listed == []


def test_the_list_detector_reads_the_head_of_the_question() -> None:
    assert is_list_question("哪些组织能帮自闭症孩子")
    assert is_list_question("未央区的民办非企业单位有哪些")
    assert not is_list_question("智塔有哪些项目")
    assert not is_list_question("哪些社会组织的政策")


def _twelve_social_work_centres(folder: Path) -> Path:
    rows = []
    for i in range(12):
        rows.append(
            f"  - id: test-social-work-{i:02d}\n"
            f"    name: 未央区测试{i:02d}社会工作服务中心\n"
            "    legal_form: 民办非企业单位\n"
            "    city: 西安市\n    district: 未央区\n"
            "    summary: 测试用的社工机构。\n"
            "    source: {document: 民政局2026年走访核实}\n"
        )
    path = folder / "more.yaml"
    path.write_text("organizations:\n" + "".join(rows), encoding="utf-8")
    return path


def test_more_than_ten_are_counted_and_the_first_ten_listed(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    assert import_files(store, [_twelve_social_work_centres(tmp_path)]).ok
    answerer = Answerer.from_store(store)
    answer = answerer.answer("未央区有哪些社工机构", log_question=False)
    assert answer.intent == Intent.LIST
    assert len(answer.listed) == MAX_LISTED
    assert "共 15 家，下面是前 10 家" in answer.text
    # the registry's legal form, where it is given, decides: 民办非企业单位 lists only those
    answer = answerer.answer("未央区的民办非企业单位有哪些", log_question=False)
    assert {org.legal_form for org in answer.listed} == {"民办非企业单位"}
    assert "共 12 家" in answer.text
