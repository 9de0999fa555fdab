"""Residents' words, round 6 (issue 16): a dev batch written before its fixes
(questions_dev_round6w.yaml), one table per kind; and the causes it and the fresh probes
exposed, each fixed in general: where the resident works read as the place of the need; a
need that only another district's organization serves; 陕西 read as no place; a child hit at
home or bullied read as no need; a generic piece of a project's name (公益项目) taken for
its name; bargaining (能便宜点吗) and a cheap service asked for (便宜点能上门修的) told apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import family, in_one_chat, standardized, table

HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = [
    case
    for name in ("", "b")
    for case in yaml.safe_load((HERE / f"questions_dev_round6w{name}.yaml").read_text("utf-8"))[
        "questions"
    ]
]

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES = {
    "老伴走了以后我妈整天闷在家里，不爱出门，心里苦": "an old mother alone and sad: the "
    "happiness homes (老人, 独居) and the psychology centre (心情不好) score alike, and neither "
    "accounts for enough of the story",
}


def _cases(*kinds: str) -> list[Any]:
    return table(CASES, KNOWN_MISSES, *kinds)


@pytest.mark.parametrize("case", _cases("situation", "english", "colloquial", "dialect"))
def test_a_resident_in_their_own_words_finds_the_organization(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert answer.answered, answer.text
    right = set().union(*(family(answerer, k) for k in case.get("expect_any") or [case["expect"]]))
    assert answer.results[0]["id"] in right, answer.text


@pytest.mark.parametrize("case", _cases("refuse", "adversarial"))
def test_what_is_not_ours_gets_no_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert not answer.answered, answer.results[:1]


def places(answerer: Answerer, question: str) -> list[str]:
    return [name for _, name in answerer.snapshot.matcher.match(question).places]


def test_where_the_resident_works_is_not_where_the_need_is(answerer: Answerer) -> None:
    assert places(answerer, "我在高新区上班，屋里老人在金台，一个人住") == ["金台区"]
    assert places(answerer, "我妈在渭滨区住，我在金台一家公司打工") == ["渭滨区"]
    # the only place told is where to look (near work)
    assert places(answerer, "我在金台区上班，附近有没有心理咨询") == ["金台区"]


def test_a_need_only_another_district_serves_is_answered_saying_where(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("我住金台区，院子没物业乱得很，谁能帮着管一管", log_question=False)
    assert answer.answered
    assert answer.results[0]["id"] in family(answerer, "jingerlu-community-federation")
    assert "资料中没有金台区" in answer.text and "渭滨区" in answer.text
    # the district's name inside an organization's name is no need met (金台区武术协会)
    elderly = answerer.answer("金台区有没有照顾独居老人的", log_question=False)
    assert not elderly.results or elderly.results[0]["id"] != "jintai-wushu"
    # what the district asked has is still found first, and said without a note
    here = answerer.answer("金台区有没有教娃武术的", log_question=False)
    assert here.results[0]["id"] in family(answerer, "jintai-wushu")
    assert "资料中没有" not in here.text


@pytest.mark.parametrize(
    ("question", "not_this"),
    [
        ("我住渭滨区，想找个地方学秦腔", "jingerlu-community-federation"),
        ("Is there help for elderly people living alone in Jintai?", "jintai-wushu"),
    ],
)
def test_a_place_asked_is_no_part_of_a_name_it_holds(
    answerer: Answerer, question: str, not_this: str
) -> None:
    """渭滨 in 我住渭滨区 does not name 渭滨区经二路…联合会: it finds only what the need's
    words found (the place's own weight is the place factor's)."""
    answer = answerer.answer(question, log_question=False)
    assert answer.results and answer.results[0]["id"] not in family(answerer, not_this)


def test_shaanxi_is_the_province_holding_both_cities(answerer: Answerer) -> None:
    assert places(answerer, "陕西有没有帮残疾娃娃的组织") == []
    answer = answerer.answer("陕西有没有帮残疾娃娃的组织", log_question=False)
    assert answer.results[0]["id"] in family(answerer, "baoji-zhita-children")
    listed = answerer.answer("陕西有哪些社会组织", log_question=False)
    assert len(listed.listed) > 3  # all of them, not the three with 陕西 in their name
    named = answerer.answer("陕西众益在哪", log_question=False)
    assert named.results[0]["id"] == "shaanxi-zhongyi-sozo-center"
    # a district's count is not the province's
    counted = answerer.answer("陕西省有多少社会组织", log_question=False)
    assert "281" not in counted.text and "资料中没有陕西省社会组织的数目" in counted.text


# (what a resident writes, what the matcher reads)
REWRITTEN = [
    ("他喝了酒就打孩子", "他喝了酒就儿童保护"),
    ("娃挨打了", "儿童保护了"),
    ("想捐点书", "想捐物"),
    ("陈仓那个认领菜地的", "陈仓那个认领土地的"),
    ("干点农活", "干点种地"),
    ("social work agency in Gaoxin", "社工机构 高新区"),
    ("my grandson is being bullied", "孩子 儿童保护"),
    ("my neighbor beats his kids", "家暴 孩子"),
    ("I want to donate clothes", "捐物"),
    ("额心里头烦得很，想寻个人说道说道", "我心里心情不好 想找个人倾诉"),
    ("宝鸡捐了多少东西", "宝鸡捐物"),
    ("见了生人就躲，话也说不利索", "自闭 话也语言障碍"),
    ("Which group brought martial arts to schools?", "哪个组织 brought 武术 学校"),
    ("a dispute with my neighbor", "邻里纠纷"),
]


@pytest.mark.parametrize(("written", "read"), REWRITTEN, ids=[w for w, _ in REWRITTEN])
def test_residents_words_are_read_in_the_knowledge_bases_words(
    answerer: Answerer, written: str, read: str
) -> None:
    assert standardized(answerer, written) == read


NOT_SERVED = [
    ("慈善协会募捐的钱是不是被人贪了", Refusal.REPORT),  # an accusation: urgent.py
    ("秦女子这个名字是不是出自哪个古代典故", Refusal.OFF_TOPIC),
    ("上了少年军校以后能不能保送军校", Refusal.SCHOOLING),
    ("武术协会说的段位拳，考段位要交多少钱、去哪考", Refusal.SCHOOLING),
    ("金台区武术协会教的八法五步，给我写个详细教程", Refusal.WRITING),
    ("这个实施方案是哪个领导签发的", Refusal.OFFICIAL),
    ("帮我找找我前女友现在住在未央区哪个小区", Refusal.PERSONAL_DATA),
    ("武术班能便宜点吗", Refusal.MARKET),
    ("宝鸡哪个心理医生看抑郁症看得好", Refusal.MEDICAL),
    ("陈仓区翟家村村支书叫什么", Refusal.OFFICIAL),
]


@pytest.mark.parametrize(("question", "kind"), NOT_SERVED, ids=[q[:20] for q, _ in NOT_SERVED])
def test_a_request_no_organization_serves_is_refused(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text
    assert answer.refusal == kind


STILL_SERVED = [
    ("屋里电视冰箱坏了没人修，经二路有没有便宜点能上门修的", "jingerlu-community-federation"),
    ("我家娃放学早，我下班晚，想让他课后学点武术", "jintai-wushu"),
    ("那个认领菜地的公益项目咋参加", "chencang-farmland"),
    ("zhangjiabao jiedao de hongyizhan hongkahui shi sha", "zhangjiabao-sozo-center"),
    # what the resident runs is the story's background (超市 asks for no market)
    (
        "我在高新区开了个小超市，想找个行业协会入会，学学怎么经营",
        "baoji-hitech-private-enterprises",
    ),
]


@pytest.mark.parametrize(("question", "key"), STILL_SERVED, ids=[q[:20] for q, _ in STILL_SERVED])
def test_a_question_holding_a_rules_word_or_a_generic_name_is_answered(
    answerer: Answerer, question: str, key: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is None and answer.answered, answer.text
    assert answer.results[0]["id"] in family(answerer, key)
