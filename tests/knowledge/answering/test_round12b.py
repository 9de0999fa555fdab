"""Lists, follow-ups and English, round 12 (issue 16): a street's service centre asked which
organizations it brought in (by name, after it, in English) is answered about itself, with
those it houses; rent asked of a centre is whether it costs; a follow-up's own words (跟谁一起
募捐的, 在哪些地方演过, 办过哪些比赛, 那边还有别的社会组织吗) stay on the chat's subject; 它 after
a 除了 list asked beside one organization is that organization; lists of two fields written
together, of a form or a topic, of each one's projects, of projects asked with a long
description; English and pinyin asked of the farmland and of what a centre is. Each table
has near misses that keep their answers."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answer, Answerer
from knowledge.answering.intent import Intent
from tests.knowledge.answering.chat import in_one_chat

ZHANGJIABAO_HOUSED = ("陕西众益社会组织服务中心", "西安市未央区秋文社工服务中心", "中海社工")


def _chat(answerer: Answerer, *turns: str) -> Answer:
    return in_one_chat(answerer, list(turns))


def _top(answer: Answer) -> str:
    return answer.results[0]["id"] if answer.answered and answer.results else "-"


# --- a centre's organizations --------------------------------------------------------------


@pytest.mark.parametrize(
    "turns",
    [
        ("张家堡街道社会组织服务中心引进了哪些机构",),
        ("张家堡服务中心里面有哪些组织",),
        ("张家堡街道社会组织服务中心有哪些社工机构",),
        ("Which social work agencies are based at the Zhangjiabao center?",),
        ("张家堡街道社会组织服务中心有多大", "里头引进了哪些机构"),
        ("张家堡街道社会组织服务中心", "多大面积", "里面有哪些组织"),
        ("张家堡街道社会组织服务中心是干啥的", "入驻了哪些"),
        ("张家堡社会组织服务中心引进的机构都有谁",),
        ("张家堡街道服务中心", "入驻的组织有哪些"),
    ],
)
def test_a_centre_asked_what_it_houses_is_answered_about_itself(
    answerer: Answerer, turns: tuple[str, ...]
) -> None:
    answer = _chat(answerer, *turns)
    assert _top(answer) == "zhangjiabao-sozo-center", answer.text
    assert all(name in answer.text for name in ZHANGJIABAO_HOUSED), answer.text


def test_a_follow_up_after_the_centres_organizations_stays_on_the_centre(
    answerer: Answerer,
) -> None:
    answer = _chat(answerer, "张家堡街道社会组织服务中心", "里面有哪些组织", "多大面积")
    assert _top(answer) == "zhangjiabao-sozo-center" and "1300" in answer.text
    picked = _chat(answerer, "张家堡服务中心里面有哪些组织", "第二个是干啥的")
    assert _top(picked) == "weiyang-qiuwen-social-work"
    each = _chat(answerer, "张家堡服务中心里面有哪些组织", "它们的电话呢")
    assert {r["id"] for r in each.results} == {
        "shaanxi-zhongyi-sozo-center",
        "weiyang-qiuwen-social-work",
        "zhonghai-social-work",
    }


def test_a_centre_whose_organizations_the_sources_do_not_name_says_so(
    answerer: Answerer,
) -> None:
    answer = _chat(answerer, "辛家庙街道社会组织服务中心里面有哪些组织")
    assert not answer.answered and answer.results[0]["id"] == "xinjiamiao-sozo-center"
    assert "资料中没有写到" in answer.text and "入驻" in answer.text
    assert "秋文" not in answer.text
    after = _chat(answerer, "辛家庙街道社会组织服务中心里面有哪些组织", "它是干啥的")
    assert _top(after) == "xinjiamiao-sozo-center"


@pytest.mark.parametrize(
    ("turns", "top", "said"),
    [
        # near misses: its size, its services, a count, another organization's projects
        (("张家堡街道社会组织服务中心有多大",), "zhangjiabao-sozo-center", "1300"),
        (("张家堡街道社会组织服务中心", "都给居民提供哪些服务"), "zhangjiabao-sozo-center", "助老"),
        (("秋文社工引进了哪些项目",), "weiyang-qiuwen-social-work", "唯爱妈妈"),
        (("未央区有哪些社工机构",), "weiyang-qiuwen-social-work", "中海社工"),
    ],
)
def test_what_else_is_asked_of_a_centre_is_answered_as_before(
    answerer: Answerer, turns: tuple[str, ...], top: str, said: str
) -> None:
    answer = _chat(answerer, *turns)
    assert _top(answer) == top and said in answer.text, answer.text


@pytest.mark.parametrize(
    ("turns", "top", "said"),
    [
        (("辛家庙街道也有社会组织服务中心吗", "进驻要交房租不"), "xinjiamiao-sozo-center", "免费"),
        (("辛家庙那个服务中心", "入驻要钱吗"), "xinjiamiao-sozo-center", "免费"),
        (("张家堡街道社会组织服务中心入驻要交房租吗",), "zhangjiabao-sozo-center", "没有写明"),
        (("辛家庙那个服务中心", "搬进去要交房租吗"), "xinjiamiao-sozo-center", "免费"),
        (("社会组织入驻辛家庙服务中心要付租金吗",), "xinjiamiao-sozo-center", "免费"),
    ],
)
def test_rent_asked_of_a_centre_is_whether_it_costs(
    answerer: Answerer, turns: tuple[str, ...], top: str, said: str
) -> None:
    answer = _chat(answerer, *turns)
    assert _top(answer) == top and said in answer.text, answer.text


def test_a_rents_amount_is_still_refused(answerer: Answerer) -> None:
    answer = _chat(answerer, "辛家庙街道社会组织服务中心房租多少钱一个月")
    assert not answer.answered


# --- follow-ups stay on the chat's subject -------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "top", "said"),
    [
        (("情暖农村幸福院是什么", "跟谁一起募捐的"), "qingnuan-happiness-homes", "民营企业协会"),
        (("宝鸡青年艺术大舞台", "在哪些地方演过"), "youth-arts-stage", "石鼓"),
        (("宝鸡市青年文学艺术联合会", "办过哪些比赛"), "baoji-youth-arts-federation", "秦腔"),
        (("宝鸡有没有做心理咨询的组织", "在哪儿"), "baoji-mingming-psychology", "信访大厅"),
        (("秋文社工在哪个街道", "那边还有别的社会组织吗"), "zhangjiabao-sozo-center", "中海社工"),
        (("张家堡那边有啥社会组织服务中心", "它们提供什么服务"), "zhangjiabao-sozo-center", "助老"),
        (("智塔在哪，除了智塔还有别的吗", "它的电话呢"), "baoji-zhita-children", "电话"),
    ],
)
def test_a_follow_up_with_words_of_its_own_stays_on_the_subject(
    answerer: Answerer, turns: tuple[str, ...], top: str, said: str
) -> None:
    answer = _chat(answerer, *turns)
    assert _top(answer) == top and said in answer.text, answer.text


@pytest.mark.parametrize(
    ("turns", "top"),
    [
        # near misses: a need of its own, a place of its own, others like it
        (("秋文社工在哪个街道", "宝鸡有做养老的吗"), "qingnuan-happiness-homes"),
        (("宝鸡智塔儿童启能成长中心", "还有别的做康复的吗"), "-"),
        (("情暖农村幸福院是什么", "智塔在哪"), "baoji-zhita-children"),
        (("宝鸡明明心理关爱中心", "它的电话呢"), "baoji-mingming-psychology"),
    ],
)
def test_a_follow_up_naming_its_own_need_is_answered_as_before(
    answerer: Answerer, turns: tuple[str, ...], top: str
) -> None:
    answer = _chat(answerer, *turns)
    if top == "-":
        assert "baoji-zhita-children" not in {r["id"] for r in answer.results[:1]}
    else:
        assert _top(answer) == top, answer.text


def test_the_address_of_one_with_no_address_names_its_one_located_project(
    answerer: Answerer,
) -> None:
    answer = _chat(answerer, "宝鸡明明心理关爱中心", "在哪")
    assert "信访大厅" in answer.text and "资料中没有宝鸡明明心理关爱中心的地址" in answer.text
    zhita = _chat(answerer, "宝鸡智塔儿童启能成长中心", "在哪")
    assert "资料中没有" in zhita.text and "：在" not in zhita.text


# --- lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        ("宝鸡有哪些做文化体育的社会组织", {"jintai-wushu", "baoji-youth-arts-federation"}, set()),
        (
            "除了秋文社工，未央还有哪些社工或者志愿者组织在搞活动",
            {"zhonghai-social-work", "yirenxing-volunteers", "changqingteng-social-work"},
            {"weiyang-qiuwen-social-work"},
        ),
        # near misses: a field for whom (both asked), a form alone, a topic alone
        ("宝鸡有哪些做儿童心理的组织", {"baoji-mingming-psychology"}, set()),
        ("未央区有哪些社工机构", {"zhonghai-social-work"}, {"yirenxing-volunteers"}),
        ("未央区有哪些志愿服务组织", {"yirenxing-volunteers"}, {"zhonghai-social-work"}),
    ],
)
def test_lists_of_alternatives(
    answerer: Answerer, question: str, wanted: set[str], unwanted: set[str]
) -> None:
    answer = _chat(answerer, question)
    listed = {org.id for org in answer.listed}
    assert answer.intent == Intent.LIST and wanted <= listed and not unwanted & listed


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("未央区有哪些关于儿童保护和家庭沟通的项目", ("爱语行动", "在城长")),
        ("未央区社会组织开展了哪些项目和系列活动", ("唯爱妈妈", "秦女子", "周末去哪里", "在城长")),
        ("秋文社工、益人行、常青藤分别搞了啥项目", ("唯爱妈妈", "周末去哪里", "在城长")),
        ("秋文社工和智塔都有哪些项目", ("唯爱妈妈", "综合干预模式")),
        ("益人行和常青藤都搞了什么活动", ("周末去哪里", "在城长")),
    ],
)
def test_lists_of_projects(answerer: Answerer, question: str, names: tuple[str, ...]) -> None:
    answer = _chat(answerer, question)
    assert answer.answered and all(name in answer.text for name in names), answer.text


@pytest.mark.parametrize(
    ("question", "top"),
    [
        # near misses: one organization's projects, one project's figure
        ("秋文社工有哪些项目", "weiyang-qiuwen-social-work"),
        ("情暖农村幸福院那个项目管多少个幸福院", "qingnuan-happiness-homes"),
    ],
)
def test_one_ones_projects_are_answered_as_before(
    answerer: Answerer, question: str, top: str
) -> None:
    assert _top(_chat(answerer, question)) == top


def test_a_figure_of_two_named_is_no_list_of_their_projects(answerer: Answerer) -> None:
    """Their joint figure, as the source gives it (round 12d: never a sum of two)."""
    answer = _chat(answerer, "益人行和常青藤一共开展了多少场活动")
    assert "6000余场次" in answer.text and "周末去哪里" not in answer.text, answer.text


# --- English and pinyin ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "tops", "said"),
    [
        (
            "How much does it cost to rent a farm plot in Chencang, the 有块田 project?",
            {"chencang-farmland"},
            "1000",
        ),
        (
            "What is a street-level social organization service center?",
            {"what-is-sozo-service-center"},
            "平台",
        ),
        ("什么是街道社会组织服务中心", {"what-is-sozo-service-center"}, "平台"),
        (
            "wo xiang zai chencang ren yi kuai tian",
            {"chencang-farmland", "chencang-sozo-center"},
            "认购",
        ),
        # near misses: a centre by its name, what one of ours is, pinyin of a name
        ("张家堡街道社会组织服务中心是什么", {"zhangjiabao-sozo-center"}, "1300"),
        ("zhita zai nali", {"baoji-zhita-children"}, "智塔"),
    ],
)
def test_english_and_pinyin(answerer: Answerer, question: str, tops: set[str], said: str) -> None:
    answer = _chat(answerer, question)
    assert _top(answer) in tops and said in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How much does it cost to rent an apartment in Chencang?",
        "How much does it cost to join the wushu class?",
    ],
)
def test_a_price_in_english_is_still_refused(answerer: Answerer, question: str) -> None:
    assert not _chat(answerer, question).answered


# --- documents of a year -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        (
            "2021年未央区出台了哪些社会组织方面的方案和制度",
            ("专项行动", "联席会议"),
            ("考核细则",),
        ),
        ("未央区2020年印发了哪些跟社会组织有关的文件", ("改革", "考核细则"), ("联席会议",)),
        # near misses: since a year, no year
        ("未央区2020年以来出了哪些管社会组织的文件", ("改革", "考核细则", "联席会议"), ()),
        ("未央区出了哪些管社会组织的文件", ("改革", "联席会议"), ()),
    ],
)
def test_the_documents_of_the_year_asked(
    answerer: Answerer, question: str, wanted: tuple[str, ...], unwanted: tuple[str, ...]
) -> None:
    answer = _chat(answerer, question)
    assert answer.answered and all(w in answer.text for w in wanted), answer.text
    assert not any(w in answer.text for w in unwanted), answer.text


def test_a_year_no_document_was_issued_in_has_none(answerer: Answerer) -> None:
    answer = _chat(answerer, "2023年未央区出台了哪些文件")
    assert not answer.answered and "2023年" in answer.text
