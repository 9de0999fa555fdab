"""Residents' words, round 4 (issue 16): stories, English, colloquial and Shaanxi wording,
slips, and refusals — three dev batches written before their fixes
(questions_dev_round4w*.yaml), one table per kind; and the causes they exposed, each fixed in
general: word families the table lacked, who the resident is read as the request (我是开网店的),
a rule lifted because a table word rewrote its own trigger away (便宜), a child's name called
read as names asked for, a question asking who serves answered with a policy fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import asked, family, standardized, table

HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = [
    case
    for name in ("", "b", "c", "d", "e", "f", "g", "h", "i")
    for case in yaml.safe_load((HERE / f"questions_dev_round4w{name}.yaml").read_text("utf-8"))[
        "questions"
    ]
]

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES = {
    "未央这搭有没有给婆娘们弄的活动": "妇女 is only a topic's word: 活动 finds the curated fact "
    "about 未央区's activities first",
    "额屋老汉腿脚不灵便，一个人在乡里，额又在西安上班顾不上": "西安, where the resident works, is "
    "read as the place asked about (places.py): 未央区's centre for the elderly comes first",
    # Written to be refused, but arguably ours: the organization's card (from the civil affairs
    # bureau's article) or "资料中没有电话" with whom to ask is an honest answer to both.
    "情暖农村幸福院项目的空调坏了找谁报修，电话多少": "a contact question: the bot says the "
    "articles give no phone and whom to ask",
    "未央区2000多家社区社会组织的名单都发给我": "a list the articles do not hold: the curated "
    "fact with the count is shown",
    "娃娃一放暑假就在屋里睡懒觉，想送去吃点苦": "吃苦 is read as 锻炼, which the martial arts "
    "association's sport holds more than the military camp",
    "额屋里那个一喝醉就摔东西，额跟娃都害怕": "家暴 is only a topic's word: 孩子 weighs more for "
    "智塔",
    "我家老二刚上一年级，放学早，我想让他学点强身健体的东西": "was found through a spurious "
    "sound-alike (上一 read as 上台 through 台's rare yi), no longer made (rank7); 放学 and "
    "老二 count against 强身健体's coverage",
}


def _cases(*kinds: str) -> list[Any]:
    return table(CASES, KNOWN_MISSES, *kinds)


def test_the_round4w_sets_hold_every_kind_and_enough_to_refuse() -> None:
    kinds = {c["kind"] for c in CASES}
    assert {"situation", "english", "colloquial", "dialect", "typo", "adversarial"} <= kinds
    assert len(CASES) >= 200
    assert sum(c.get("expect") == "none" for c in CASES) >= 50


@pytest.mark.parametrize("case", _cases("situation", "english", "colloquial", "dialect", "typo"))
def test_a_resident_in_their_own_words_finds_the_organization(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = asked(answerer, case)
    assert answer.answered, answer.text
    right = set().union(*(family(answerer, k) for k in case.get("expect_any") or [case["expect"]]))
    assert answer.results[0]["id"] in right, answer.text


@pytest.mark.parametrize("case", _cases("refuse", "adversarial"))
def test_what_is_not_ours_gets_no_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = asked(answerer, case)
    assert not answer.answered, answer.results[:1]


# (what a resident writes, what the matcher reads): a family of words each, and the words
# holding one that keep their meaning.
REWRITTEN = [
    ("我大我妈年龄大咧", "我爸我妈老人了"),
    ("我大概知道", "我大概知道"),
    ("他咧嘴笑了", "他咧嘴笑了"),
    ("碎娃还不会谝", "孩子还发育迟缓"),
    ("心里不舒坦", "心情不好"),
    ("最近情绪低落", "最近心情不好"),
    ("刚生完二胎", "宝妈二胎"),
    ("叫他也不答应", "自闭"),
    ("不太会跟小朋友交流", "自闭"),
    ("爸妈都在外地打工", "留守儿童"),
    ("厂子倒闭了", "没有物业了"),
    ("我对象老是加班", "我爱人老是加班"),
    ("智塔的服务对象", "智塔的服务对象"),
    ("在学校被同学欺负", "在学校儿童保护"),
    ("帮帮别人", "志愿服务"),
    ("she lives by herself", "独居"),
    ("Who can fix my TV", "维修 电器维修"),
    ("he doesn't talk to other kids", "自闭 孩子"),
    ("额屋老汉一个人在乡里", "我家老人独居"),
    ("我开了个小作坊", "我开了个小微企业"),
    ("能不能白用", "能不能免费"),
    ("my husband and I fight all the time", "丈夫 吵架 经常"),
    ("额娘冬天冻得睡不着", "我妈冬天取暖"),
    ("想哭，有没有人陪我说说话", "心情不好 有没有人倾诉"),
    ("my dad is a veteran", "老兵"),
    ("楼里的灯坏了也没人换", "楼里的维修也维修"),
    ("额屋碎娃不爱言传", "我家孩子自闭"),
    ("想散散心", "想心情不好"),
    ("property issues in my old apartment complex", "物业 老旧小区"),
    ("额碎女子不爱跟人耍", "我女儿自闭"),
    ("我侄子被堵着要钱", "我孩子被儿童保护"),
    ("垃圾堆成山咧", "环境卫生了"),
    ("不会跟人对视", "自闭"),
    ("被男朋友打了", "被家暴了"),
    ("冬里没处暖和", "冬天取暖"),
    ("safe room at the petition hall", "安心小屋 信访大厅"),
]


@pytest.mark.parametrize(("written", "read"), REWRITTEN, ids=[w for w, _ in REWRITTEN])
def test_residents_words_are_read_in_the_knowledge_bases_words(
    answerer: Answerer, written: str, read: str
) -> None:
    assert standardized(answerer, written) == read


# (question, why it is refused): each a rule this round added or sharpened.
NOT_SERVED = [
    ("陈仓区的土地流转一亩多少钱", Refusal.MARKET),
    ("少年军校的军装在哪能买到", Refusal.MARKET),
    ("心理关爱中心能给我开抑郁症的药吗", Refusal.MEDICAL),
    ("帮我查一下秋文社工服务过的人里有没有我前妻", Refusal.PERSONAL_DATA),
    ("明明心理关爱中心的咨询记录能给我看看吗", Refusal.PERSONAL_DATA),
    ("明明心理关爱中心的心理咨询师是哪个大学毕业的", Refusal.PERSONAL_DATA),
    ("自闭症孩子以后能上普通学校吗", Refusal.SCHOOLING),
    ("Can you recommend a good kindergarten in Weiyang?", Refusal.SCHOOLING),
    ("中海社工有没有员工宿舍", Refusal.JOB),
    ("河南暴雨是哪天开始下的", Refusal.OFF_TOPIC),
    ("我是开网店的，怎么贷款", Refusal.MARKET),  # who one is is background; the request stays
    ("智塔的康复训练一节课多少钱", Refusal.MARKET),
    ("武术协会的教练能来家里给我单独上课吗，怎么收费", Refusal.MARKET),
    ("我家孩子智力低下，以后能领残疾证吗", Refusal.POLICY),
    ("自闭症的孩子长大了能结婚吗", Refusal.MEDICAL),
    ("我老婆抑郁症要不要吃药", Refusal.MEDICAL),
    ("心理咨询师一个小时收多少钱", Refusal.MARKET),
    ("中小企业协会能帮我注册公司吗", Refusal.MARKET),
    ("帮我给智塔转500块钱", Refusal.PAYMENT),
    ("武术协会的教练是退役运动员吗", Refusal.PERSONAL_DATA),
    ("智塔的老师会不会打孩子", Refusal.PERSONAL_DATA),
    ("宝鸡中小企业协会会长开的什么车", Refusal.PERSONAL_DATA),
    ("武术协会的段位证国家承认吗", Refusal.SCHOOLING),
    ("心理咨询能治好失眠吗", Refusal.MEDICAL),
    ("秋文社工服务中心的社工能帮我带孩子吗，按小时收费那种", Refusal.MARKET),
    ("How much does it cost to join the wushu class?", Refusal.MARKET),
    ("What time does the Weiyang district government office close?", Refusal.GOVERNMENT),
    ("宝鸡智塔儿童心理医生怎么预约", Refusal.MEDICAL),
    ("孩子自闭症能不能用针灸", Refusal.MEDICAL),
    ("慈善协会捐的空调电费谁出", Refusal.MARKET),
    ("秦腔大赛第一名奖金多少", Refusal.MARKET),
    ("Can the charity federation lend me money?", Refusal.MARKET),
    ("智塔的康复训练有没有效果", Refusal.MEDICAL),
    ("武术协会的教练打不打人", Refusal.PERSONAL_DATA),
    ("宝鸡高新区慈善协会的钱都花哪了，有没有贪污", Refusal.REPORT),  # urgent.py
    ("宝鸡市民政局的社会组织科在几楼", Refusal.GOVERNMENT),
    ("How do I register a company in Baoji?", Refusal.MARKET),
]

# Stories holding a rule's word whose request is a service of ours.
STILL_SERVED = [
    ("我是开网店的，想回村里干点事，听说陈仓那边在搞电商孵化", "chencang-sozo-center"),
    ("孩子他爷爷住院了，我一个人带着自闭症的娃，有没有给家长做心理辅导的", "baoji-zhita-children"),
    ("儿子体质太差动不动就感冒，想让他练练身体", "jintai-wushu"),
    ("孩子两岁多了，叫名字没反应，在宝鸡该去哪", "baoji-zhita-children"),
    ("我儿子上二年级，放学后没人管，想让他学点武术", "jintai-wushu"),
    ("认购一块地多少钱", "chencang-farmland"),  # the project's own figure, not a market price
    ("孩子天天放学回来就看电视，想给他找个课后的武术班，金台有没有", "jintai-wushu"),
]


@pytest.mark.parametrize(("question", "kind"), NOT_SERVED, ids=[q[:20] for q, _ in NOT_SERVED])
def test_a_request_no_organization_serves_is_refused(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text
    if kind is not Refusal.OFF_TOPIC:  # off-topic gets the plain "not found" reply
        assert answer.refusal == kind


@pytest.mark.parametrize(("question", "key"), STILL_SERVED, ids=[q[:20] for q, _ in STILL_SERVED])
def test_a_story_around_a_rules_word_asking_for_our_service_is_answered(
    answerer: Answerer, question: str, key: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is None and answer.answered, answer.text
    assert answer.results[0]["id"] in family(answerer, key)


@pytest.mark.parametrize(
    "question",
    ["未央区哪里能帮忙孵化社会组织", "where can new NGOs get free office space in Xi'an"],
)
def test_asking_who_serves_finds_who_serves_not_a_policy(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered
    assert not answer.results[0]["id"].startswith("weiyang-policy"), answer.results[:2]
    # an organization, or the fact staff wrote to say which centre serves
    assert answer.results[0]["kind"] == "organization" or "辛家庙" in answer.text


def test_a_question_about_the_policy_still_finds_the_policy(answerer: Answerer) -> None:
    answer = answerer.answer("未央区社会组织孵化平台政策", log_question=False)
    assert answer.results[0]["id"] == "weiyang-policy-2020-reform"


def test_a_fact_staff_wrote_to_say_who_serves_answers_who_serves(answerer: Answerer) -> None:
    # its phrasings ask where (社会组织在哪里可以免费办公): it is not weighed down
    answer = answerer.answer("新成立的社团没地方落脚，未央哪儿能入驻", log_question=False)
    assert answer.results[0]["id"] == "what-is-sozo-service-center"
    assert "辛家庙" in answer.text


def test_an_age_told_is_no_word_the_answer_must_account_for(answerer: Answerer) -> None:
    answer = answerer.answer("俺孙子快三岁了光会啊啊叫，不会说句整话", log_question=False)
    assert answer.answered
    assert answer.results[0]["id"] in family(answerer, "baoji-zhita-children")


def test_a_rule_is_lifted_by_the_frame_a_rewording_shows_not_by_the_trigger_it_hides(
    answerer: Answerer,
) -> None:
    scope = answerer.snapshot.scope
    # a table word rewriting the rule's own word away (便宜 → 低价) lifts nothing
    assert scope.refusal("宝鸡空调哪家卖的便宜", "宝鸡空调哪家卖的低价") == Refusal.MARKET
    # a frame shown in plain words (有么有 → 有没有) lifts the rule it lifts in plain words
    asked = "想离婚，有么有地方能帮"
    assert scope.refusal(asked) == Refusal.LEGAL
    assert scope.refusal(asked, "想离婚 有没有地方能帮") is None


def test_no_rule_refuses_every_question(answerer: Answerer) -> None:
    # an empty alternative in a rule's pattern (r"|…") would match any text at all
    from knowledge.answering.scope_rules import RULES

    assert [rule.kind for rule in RULES if rule.asks.search("")] == []
    assert answerer.snapshot.scope.refusal("宝鸡智塔儿童启能成长中心在哪") is None
