"""Follow-ups of a list or a choice ("第二个", "张家堡那个有多大", "那未央区呢"), lists asked as
follow-ups ("还有别的做心理的吗"), and figures counted with any measure word."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.picks import ordinal
from tests.knowledge.answering.chat import in_one_chat

QIUWEN = "weiyang-qiuwen-social-work"
ZHONGHAI = "zhonghai-social-work"
CHANGQINGTENG = "changqingteng-social-work"
ZHANGJIABAO = "zhangjiabao-sozo-center"
XINJIAMIAO = "xinjiamiao-sozo-center"
ZHONGYI = "shaanxi-zhongyi-sozo-center"
YIRENXING = "yirenxing-volunteers"
WEIYANG = {ZHANGJIABAO, XINJIAMIAO, ZHONGYI, QIUWEN, ZHONGHAI, YIRENXING, CHANGQINGTENG}
HITECH_CHARITY = "baoji-hitech-charity"
HITECH_ENTERPRISES = "baoji-hitech-private-enterprises"
CHARITY_FEDERATION = "baoji-charity-federation"
CHENCANG = "chencang-sozo-center"
MINGMING = "baoji-mingming-psychology"
ZHITA = "baoji-zhita-children"
WUSHU = "jintai-wushu"
DEFENSE = "baoji-national-defense-education"
SME = "baoji-sme-association"
JINGERLU = "jingerlu-community-federation"
ARTS = "baoji-youth-arts-federation"


# (the turns, the record the last one is answered about, what its reply must say)
PICKS = [
    (["未央区有哪些社工机构", "第二个是干啥的"], ZHONGHAI, "中海社工"),
    (["未央区有哪些社工机构", "第三个在哪"], CHANGQINGTENG, "资料中没有"),
    (["未央区有哪些社工机构", "最后一个搞啥活动"], CHANGQINGTENG, ""),
    (["未央区有哪些社工机构", "第2个"], ZHONGHAI, ""),
    (["未央区有哪些社工机构", "第二个是干啥的", "那第一个呢"], QIUWEN, ""),
    (["未央区有哪些社工机构", "第二个是干啥的", "它的电话"], ZHONGHAI, "资料中没有"),
    (["宝鸡有哪些做慈善的组织", "第一个的电话"], CHARITY_FEDERATION, "资料中没有"),
    (["宝鸡有哪些协会", "倒数第二个在哪"], SME, "资料中没有"),
    (["宝鸡有哪些协会", "武术那家的电话"], WUSHU, "资料中没有"),
    (["宝鸡有哪些协会", "武术那个服务了多少学生"], WUSHU, "1.68万人次"),
    (["未央区有哪些社会组织服务中心", "张家堡那个有多大"], ZHANGJIABAO, "1300余平方米"),
    (["高新区有哪些组织", "那个民营企业协会是干啥的"], HITECH_ENTERPRISES, ""),
    (["做心理咨询的组织有哪些", "第一个值了多少次班"], MINGMING, "131次"),
    # a choice is picked from like a list
    (["高新区的协会是干啥的", "第二个"], HITECH_ENTERPRISES, ""),
    # one organization listed is "它" too
    (["宝鸡有哪些组织帮老人", "它在哪"], HITECH_CHARITY, "资料中没有"),
]


@pytest.mark.parametrize(
    ("turns", "record", "says"), PICKS, ids=[" / ".join(t) for t, _, _ in PICKS]
)
def test_a_pick_of_a_list_or_a_choice_is_answered_about_the_one_picked(
    answerer: Answerer, turns: list[str], record: str, says: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.answered and answer.results[0]["id"] in {record}, answer.text
    assert says in answer.text
    assert answer.to_json()["context"]["id"] == record


def test_a_pick_of_a_legal_form_picks_the_one_of_that_form(answerer: Answerer) -> None:
    # 宝鸡's 协会 include two 联合会 and one 慈善 association: only one 公益慈善联合会
    answer = in_one_chat(answerer, ["宝鸡有哪些协会", "那个慈善联合会的电话呢"])
    assert answer.results[0]["id"] == CHARITY_FEDERATION
    assert "资料中没有" in answer.text


@pytest.mark.parametrize(
    "turns",
    [
        ["未央区有哪些社工机构", "社工的电话"],  # 秋文社工 and 中海社工 both: no pick
        ["未央区有哪些社工机构", "第五个"],  # only three were shown
        ["智塔在哪", "第二个"],  # no list was shown
    ],
)
def test_what_picks_nothing_for_sure_is_not_answered_about_one_listed(
    answerer: Answerer, turns: list[str]
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.context is None or answer.context.id not in {ZHONGHAI, CHANGQINGTENG}
    assert not (answer.answered and answer.results[0]["id"] in {QIUWEN, ZHONGHAI})


# (the turns, the organizations the last list names, those it must leave out)
RELISTS = [
    (["陈仓区有哪些社会组织", "那未央区呢，还有哪些"], WEIYANG, {CHENCANG}),
    (["渭滨区有哪些组织", "那金台区呢"], {WUSHU}, {JINGERLU}),
    (["做心理咨询的组织有哪些", "那宝鸡的呢"], {MINGMING}, {QIUWEN}),
    (["有啥管老人的组织", "那西安呢"], {ZHANGJIABAO}, {HITECH_CHARITY}),
    (["宝鸡有哪些做慈善的组织", "那陈仓区的呢"], {CHENCANG}, {CHARITY_FEDERATION}),
    (["宝鸡有哪些协会", "那联合会呢"], {CHARITY_FEDERATION, ARTS, JINGERLU}, {WUSHU}),
    (["宝鸡有哪些协会", "那做养老的呢"], {HITECH_CHARITY}, {WUSHU}),
    (["宝鸡有哪些做乡村振兴的", "还有别的吗"], {HITECH_CHARITY, CHENCANG}, set()),
    # after one organization: the others like it
    (["明明心理是干啥的", "还有别的做心理的吗"], {QIUWEN}, {MINGMING}),
    (["明明心理", "有没有差不多的组织"], {QIUWEN}, {MINGMING}),
    (["秋文社工是做什么的", "除了它还有哪些社工机构"], {ZHONGHAI, CHANGQINGTENG}, {QIUWEN}),
    (["金台区武术协会", "还有哪些组织也管孩子"], {ZHITA, DEFENSE, CHANGQINGTENG}, {WUSHU}),
    (["经二路联合会", "除了他们还有谁管老小区"], {ZHANGJIABAO, XINJIAMIAO}, {JINGERLU}),
    (["我想找个做心理咨询的", "西安有没有"], {QIUWEN}, {MINGMING}),  # the same need there
    # the others of any kind, not the 社工机构 shown again
    (
        ["未央区有哪些社工机构", "还有别的组织吗"],
        {ZHANGJIABAO, XINJIAMIAO, ZHONGYI, YIRENXING},
        {QIUWEN, ZHONGHAI, CHANGQINGTENG},
    ),
    # a list too long to show at once: the rest
    (["宝鸡有哪些社会组织", "还有吗"], {ARTS}, {JINGERLU}),
]


@pytest.mark.parametrize(
    ("turns", "named", "left_out"), RELISTS, ids=[" / ".join(t) for t, _, _ in RELISTS]
)
def test_a_list_asked_as_a_follow_up_changes_what_it_was_asked_of(
    answerer: Answerer, turns: list[str], named: set[str], left_out: set[str]
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.intent == Intent.LIST and answer.answered, answer.text
    listed = {org.id for org in answer.listed}
    assert named <= listed and not left_out & listed


def test_the_rest_of_a_long_list_says_it_is_the_rest(answerer: Answerer) -> None:
    first = answerer.answer("宝鸡有哪些社会组织", log_question=False)
    assert "资料中共 11 家，下面是前 10 家" in first.text
    answer = in_one_chat(answerer, ["宝鸡有哪些社会组织", "还有吗"])
    assert "另外还有 1 家" in answer.text


def test_a_list_asked_again_says_these_are_all_there_are(answerer: Answerer) -> None:
    answer = in_one_chat(answerer, ["宝鸡有哪些做乡村振兴的", "还有别的吗"])
    assert "就这 2 家" in answer.text


def test_none_like_the_one_answered_says_so_and_is_no_answer(answerer: Answerer) -> None:
    answer = in_one_chat(answerer, ["智塔是干啥的", "还有类似的机构吗"])
    assert not answer.answered
    assert "除了宝鸡智塔儿童启能成长中心，资料中没有其他" in answer.text


def test_a_list_of_nothing_leaves_the_list_before_it_to_pick_from(answerer: Answerer) -> None:
    answer = in_one_chat(answerer, ["西安有哪些社工机构", "那宝鸡呢", "第三个在哪"])
    assert not in_one_chat(answerer, ["西安有哪些社工机构", "那宝鸡呢"]).answered
    assert answer.results[0]["id"] == CHANGQINGTENG


@pytest.mark.parametrize(
    "turns",
    [
        ["智塔", "那它还有什么服务"],  # its services, not others like it
        ["智塔", "他们有哪些项目"],
        ["经二路联合会", "那明明心理呢"],  # a name of its own
    ],
)
def test_a_follow_up_about_the_subject_is_no_list(answerer: Answerer, turns: list[str]) -> None:
    assert in_one_chat(answerer, turns).intent != Intent.LIST


# (turns, exactly the organizations listed): "那里面/那边/附近…有哪些" after one organization
# asks for the others where it is (its street, else district, else city).
THERE = [
    (
        ["张家堡街道社会组织服务中心", "那里面都有哪些组织"],
        {"shaanxi-zhongyi-sozo-center", "weiyang-qiuwen-social-work", "zhonghai-social-work"},
    ),
    (["秋文社工", "附近还有哪些社工机构"], {"zhonghai-social-work"}),
    (
        ["智塔", "那边还有哪些做儿童的组织"],
        {"jintai-wushu", "baoji-national-defense-education"},
    ),
    # a service centre's "引进了哪些" asks the same of where it is
    (["张家堡街道社会组织服务中心", "引进了哪些组织"], {ZHONGYI, QIUWEN, ZHONGHAI}),
    # 教 says what they do, nothing of its own: the others like the one answered
    (["金台区武术协会", "除了他们还有教娃娃的吗"], {ZHITA, DEFENSE, CHANGQINGTENG}),
]


@pytest.mark.parametrize("count", ["有几家", "一共几家", "那有多少个"])
def test_a_count_after_a_list_counts_the_list(answerer: Answerer, count: str) -> None:
    answer = in_one_chat(answerer, ["宝鸡有哪些做慈善的组织", count])
    assert answer.intent == Intent.LIST and answer.answered, answer.text
    assert "资料中共 4 家" in answer.text and "不是官方统计的总数" in answer.text


@pytest.mark.parametrize(("turns", "listed"), THERE, ids=[" / ".join(t) for t, _ in THERE])
def test_the_others_where_the_organization_answered_is(
    answerer: Answerer, turns: list[str], listed: set[str]
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.intent == Intent.LIST and answer.answered, answer.text
    assert {org.id for org in answer.listed} == listed


# (question or turns, the organization, what the reply says)
COUNTED = [
    (["宝鸡市公益慈善联合会", "分几批送过去的"], CHARITY_FEDERATION, "4批次"),
    (["明明心理一年值了多少次班"], MINGMING, "131次"),
    (["青年文联", "开展了几场活动"], ARTS, "80余场次"),
    (["宝鸡市公益慈善联合会筹的钱是截至哪天的"], CHARITY_FEDERATION, "2021-08-01"),
    (["明明心理", "那他们值了多少次班"], MINGMING, "131次"),
    (["经二路联合会是干啥的", "那它服务了多少人"], JINGERLU, "2万人"),
    # a count the sources do not give is said to be missing, never another number (one no
    # figure's label names is not answered at all: test_residents_round9a.py)
    (["经二路那个合作社帮了多少户"], JINGERLU, "资料中没有您问的这个数字"),
    # the measure word followed by the project's name: 6000余场次 of three together
    (["益人行搞了几场周末去哪里"], YIRENXING, "6000余场次"),
    # how long it ran, and the month: the project's period (not 2021年度 as a count of years)
    (["智塔的干预模式搞了几年"], ZHITA, "三年来"),
    (["少年军校是几月份办的"], DEFENSE, "2021年7月"),
    # 截止哪天的 asks the date of the counts, not when the project began
    (["宝鸡公益慈善联合会", "截止哪天的"], CHARITY_FEDERATION, "原文：截至2021年8月1日"),
    # the project named in the question is no count of its own (was "资料中没有" + 34.2亩)
    (["我在陈仓有块田", "这个项目有多少亩地"], CHENCANG, "流转土地：34.2亩"),
    # when something was done, asked of the past: the project's period (not "how to join")
    (["宝鸡市公益慈善联合会", "啥时候给河南捐的"], CHARITY_FEDERATION, "时间：2021年7月起"),
    # a contest's year: the period of the project that held it
    (["青年文联", "秦腔大赛是哪年办的"], ARTS, "时间：宝鸡市青年艺术大舞台，2021年创办"),
    (["青年文联的网络春晚是哪年"], ARTS, "时间：宝鸡市青年艺术大舞台，2021年创办"),
    # 现在 says when, not what is counted
    (["陈仓有块田现在有多少块地被认购了"], CHENCANG, "累计认购土地：140余块"),
    # who incubated a project: its organization
    (["我帮你合作社", "是谁孵化的"], JINGERLU, "渭滨区经二路街道社区社会组织联合会"),
]


@pytest.mark.parametrize(
    ("turns", "organization", "says"), COUNTED, ids=[" / ".join(t) for t, _, _ in COUNTED]
)
def test_a_count_is_answered_by_its_measure_word(
    answerer: Answerer, turns: list[str], organization: str, says: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.answered and says in answer.text, answer.text
    if "资料中没有" not in says:  # never "no such number" next to the number
        assert "资料中没有您问的这个数字" not in answer.text, answer.text
    top = answer.results[0]
    assert organization in {top["id"], (top.get("organization") or {}).get("id")}


# A kind of person counted, whom no figure counts though a label shares their words (36人次
# 心理咨询): not answered (unknown), the reply saying so, the organization kept.
@pytest.mark.parametrize(
    "turns", [["明明心理有多少个心理咨询师"], ["明明心理", "他们的心理咨询师多少人"]]
)
def test_a_kind_of_person_no_figure_counts_is_unknown(answerer: Answerer, turns: list[str]) -> None:
    answer = in_one_chat(answerer, turns)
    assert not answer.answered and "资料中没有您问的这个数字" in answer.text, answer.text
    assert answer.subject is not None and answer.subject.id == MINGMING


def test_a_kind_of_person_counted_is_not_answered_with_visits(answerer: Answerer) -> None:
    answer = answerer.answer("明明心理有多少个心理咨询师", log_question=False)
    lead = answer.text.split("资料里有的数字是")[0]
    assert "36人次" not in lead


def test_a_group_counted_by_name_is_not_answered_with_anothers_number(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("中小企业协会的专家顾问团有多少人", log_question=False)
    lead = answer.text.split("资料里有的数字是")[0]
    assert "10万余人" not in lead


@pytest.mark.parametrize(
    ("text", "count", "index"),
    [
        ("第二个是什么", 3, 1),
        ("第2家", 3, 1),
        ("最后一个", 3, 2),
        ("倒数第二个", 7, 5),
        ("头一个", 3, 0),
        ("第十一个", 12, 10),
        ("第四个", 3, None),
        ("第几个", 3, None),
        ("中间那个是干啥的", 3, 1),
        ("中间那家", 5, 2),
        ("中间那个", 4, None),  # of four, no one is in the middle
    ],
)
def test_an_ordinal_counts_from_the_list_shown(text: str, count: int, index: int | None) -> None:
    found = ordinal(text, count)
    assert (found[0] if found else None) == index


# (the turns, the figure the last reply gives first)
FIGURES_NAMED = [
    (["宝鸡市公益慈善联合会", "那救援资金呢"], "救援资金：43万元"),
    (["经二路联合会", "那托管院落呢"], "托管院落：8个"),
    (["明明心理", "那信访值班呢"], "信访值班：131次"),
]


@pytest.mark.parametrize(("turns", "says"), FIGURES_NAMED)
def test_a_figure_asked_by_its_name_as_a_follow_up(
    answerer: Answerer, turns: list[str], says: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.intent == Intent.FIGURE and answer.context is not None
    assert answer.text.splitlines()[1].startswith(says)


def test_a_follow_up_naming_what_it_asks_for_is_not_read_as_a_figure(answerer: Answerer) -> None:
    answer = in_one_chat(answerer, ["经二路联合会", "那服务呢"])  # 服务群众 is a figure's label
    assert answer.intent == Intent.SERVICES


# (question, the organizations every one of which is listed, those left out)
EXCEPT_AND_FORMS = [
    ("除开智塔还有哪些帮孩子的组织", {WUSHU, DEFENSE, CHANGQINGTENG}, {ZHITA}),
    ("除了高新区慈善协会还有哪些做慈善的", {CHARITY_FEDERATION}, {HITECH_CHARITY}),
    ("你们这有哪些做心理辅导的地方", {MINGMING, QIUWEN}, set()),
    ("宝鸡有哪些民办非企业单位", {MINGMING, ZHITA}, {WUSHU, JINGERLU}),  # by name: …中心
]


@pytest.mark.parametrize(("question", "named", "left_out"), EXCEPT_AND_FORMS)
def test_lists_by_exception_and_legal_form(
    answerer: Answerer, question: str, named: set[str], left_out: set[str]
) -> None:
    answer = answerer.answer(question, log_question=False)
    listed = {org.id for org in answer.listed}
    assert answer.intent == Intent.LIST and named <= listed and not left_out & listed


def test_the_words_of_the_name_excepted_are_no_topic(answerer: Answerer) -> None:
    answer = answerer.answer("除了武术协会，金台区还有别的组织吗", log_question=False)
    assert not answer.answered  # 金台区 has only the 武术协会, not "体育健身 elsewhere"
    assert "除了金台区武术协会，资料中没有其他金台区的组织" in answer.text


# (the turns, the organization answering "who runs it" about a project)
WHO_RUNS = [
    (["情暖幸福院", "是哪个组织搞的"], HITECH_CHARITY),
    (["少年军校", "谁办的"], DEFENSE),
    (["周末去哪里", "谁组织的"], YIRENXING),
    (["智塔", "谁办的"], ZHITA),  # of an organization: itself
]


@pytest.mark.parametrize(("turns", "organization"), WHO_RUNS)
def test_who_runs_a_project_is_its_organization(
    answerer: Answerer, turns: list[str], organization: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.answered and answer.results[0]["id"] == organization
    assert answer.text.startswith(answerer.catalog.organizations[organization].name)


@pytest.mark.parametrize("question", ["哪些组织得过奖", "宝鸡有哪些社会组织被评上了典型"])
def test_which_organizations_were_chosen_is_the_selection_that_names_them(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.results[0]["id"] == "baoji-2021-typical-cases"
    assert "共有10家社会组织入选" in answer.text


def test_no_selection_of_a_place_is_said_and_no_list_passed_off_as_one(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("西安哪些组织得过奖", log_question=False)
    assert not answer.answered and answer.listed == []
    assert "资料中没有西安市社会组织获奖或入选评选的记录" in answer.text


def test_contests_held_are_no_selection(answerer: Answerer) -> None:
    answer = answerer.answer("都有哪些组织搞过比赛", log_question=False)
    assert {org.id for org in answer.listed} == {WUSHU, ARTS}


def test_a_fact_counting_nothing_does_not_answer_how_many(answerer: Answerer) -> None:
    # a policy fact matches 社区 … 服务; it counts no organizations
    answer = answerer.answer("西安搞社区服务的有几个", log_question=False)
    assert answer.intent == Intent.LIST and answer.listed
    assert "281家" in answerer.answer("未央区有几家社会组织", log_question=False).text


@pytest.mark.parametrize(
    ("turns", "says"),
    [
        (["宝鸡有哪些慈善组织", "它们的电话"], "这 2 家的电话"),
        (["未央区有哪些社工机构", "他们分别在哪儿"], "这 3 家的地址"),
        (["未央区有哪些社工机构", "都在哪"], "这 3 家的地址"),
    ],
)
def test_a_question_of_every_one_listed_answers_each_and_invents_none(
    answerer: Answerer, turns: list[str], says: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.answered and answer.text.startswith(says)
    listed = in_one_chat(answerer, turns[:1]).listed
    for i, org in enumerate(listed, 1):
        assert f"{i}. {org.name}：资料中没有" in answer.text  # the sources give none
    assert [r["id"] for r in answer.results] == [org.id for org in listed]


def test_an_ordinal_of_something_else_picks_nothing() -> None:
    assert ordinal("第一届秦腔大赛是哪年", 3) is None
    assert ordinal("第二次是什么时候", 3) is None
    assert ordinal("第二的电话", 3) == (1, "第二")


# A list asked whole, with its own place and kind, is not "the same service there"
LISTS_OF_THEIR_OWN = [
    ["智塔在哪", "宝鸡有哪些基金会"],
    ["明明心理是干啥的", "未央区有哪些社工机构"],
    ["金台区武术协会", "宝鸡有哪些组织"],
    # a need of its own, asked where the chat's subject is not: found as if asked alone
    ["我家老人一个人在家没人照顾咋办", "宝鸡有没有帮残疾娃娃的地方"],
    ["智塔服务了多少孩子", "who helps kids with autism in baoji"],
]


@pytest.mark.parametrize(
    "turns", LISTS_OF_THEIR_OWN, ids=[" / ".join(t) for t in LISTS_OF_THEIR_OWN]
)
def test_a_whole_list_question_after_one_organization_is_answered_as_if_asked_alone(
    answerer: Answerer, turns: list[str]
) -> None:
    alone = answerer.answer(turns[-1])
    answer = in_one_chat(answerer, turns)
    assert answer.text == alone.text
    assert [org.id for org in answer.listed] == [org.id for org in alone.listed]


@pytest.mark.parametrize("pointer", ["它在哪", "电话多少", "它是干啥的"])
def test_it_after_a_list_of_several_asks_which_one_with_those_listed(
    answerer: Answerer, pointer: str
) -> None:
    listed = in_one_chat(answerer, ["未央区有哪些社会组织"]).listed
    answer = in_one_chat(answerer, ["未央区有哪些社会组织", pointer])
    assert answer.decision == Decision.CHOOSE
    assert [record.id for record in answer.choices] == [org.id for org in listed]
    assert "哪一个" in answer.text
    then = in_one_chat(answerer, ["未央区有哪些社会组织", pointer, "第三个"])
    assert then.top is not None and then.top.id == listed[2].id


@pytest.mark.parametrize(
    ("listed", "count", "total"),
    [("未央区有哪些组织", "一共有多少家", 7), ("宝鸡有哪些组织", "总共多少个", 11)],
)
def test_a_count_after_a_list_says_the_records_count_is_no_official_total(
    answerer: Answerer, listed: str, count: str, total: int
) -> None:
    answer = in_one_chat(answerer, [listed, count])
    assert f"资料中共 {total} 家" in answer.text
    assert "不是官方统计的总数" in answer.text
    assert "就这" not in answer.text and "资料没有给出" not in answer.text
