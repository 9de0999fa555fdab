"""A danger now gets the emergency number that fits, a report of wrongdoing gets "这类情况我无法
核实" and where it goes, and neither gets an organization's introduction; the questions that
share their words but ask for a service stay answered (knowledge/answering/urgent.py).

Each row of DANGER and REPORTS was answered on main with an organization (常青藤's child
protection, 秋文社工) or with the generic "没有找到…换个说法试试"."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent
from knowledge.answering.scope import Refusal
from knowledge.answering.urgent import NOT_VERIFIED, Danger
from tests.knowledge.answering.chat import family, in_one_chat

DANGER = [
    # someone unconscious, bleeding, poisoned: 120
    ("我爸晕倒了怎么办", Danger.MEDICAL),
    ("奶奶在厨房昏倒了，喊也喊不醒", Danger.MEDICAL),
    ("孩子手上划了个大口子，血止不住", Danger.MEDICAL),
    ("我爷喘不上气，嘴唇都发紫了", Danger.MEDICAL),
    ("老伴把一瓶安眠药都吞了", Danger.MEDICAL),
    ("我妈突然抽搐口吐白沫", Danger.MEDICAL),
    ("门口有个人被车撞了，躺在地上不动", Danger.MEDICAL),
    # a fire, gas, someone trapped: 119
    ("对面楼着火了", Danger.FIRE),
    ("家里一股煤气味，怎么办", Danger.FIRE),
    ("楼道里全是浓烟", Danger.FIRE),
    ("我被困在电梯里了", Danger.FIRE),
    # violence, a weapon, a break-in, a person lost, a child hurt by others: 110
    ("我邻居家老打孩子怎么办", Danger.POLICE),
    ("隔壁天天打骂小孩，哭得可怜", Danger.POLICE),
    ("楼下两伙人打起来了", Danger.POLICE),
    ("有人拿着刀在小区里追人", Danger.POLICE),
    ("有人在撬我家的门", Danger.POLICE),
    ("我爷爷有老年痴呆，今天早上走丢了", Danger.POLICE),
    ("救命", Danger.POLICE),
    # a person who wants to die, or to hurt someone
    ("我不想活了", Danger.SELF_HARM),
    ("活着没意思", Danger.SELF_HARM),
    ("我想自杀", Danger.SELF_HARM),
    ("真想从楼上跳下去算了", Danger.SELF_HARM),
    ("额活不下去了", Danger.SELF_HARM),
    ("我朋友说他不想活了，我该怎么劝他", Danger.SELF_HARM),
    ("我真想杀了他", Danger.HARM_OTHERS),
    # a stranger seen jumping: a rescue (110), not words to someone in despair; one's own or
    # one's family's wish stays self-harm
    ("有人跳河了", Danger.POLICE),
    ("桥上有个人要跳河", Danger.POLICE),
    ("楼顶有人要跳楼，围了好多人", Danger.POLICE),
    ("我想跳河", Danger.SELF_HARM),
    ("我家孩子说要跳楼", Danger.SELF_HARM),
    # missed on main (review9): a state and an inability told apart by a comma, a harmful
    # thing swallowed in either order, despair said in other words, a spoken 啥 read first
    ("我爸突然倒地上了，叫不应", Danger.MEDICAL),
    ("我奶奶跌了一跤，起不来", Danger.MEDICAL),
    ("娃吞了电池", Danger.MEDICAL),
    ("娃把洗衣液喝了", Danger.MEDICAL),
    ("孩子把药吃了好多", Danger.MEDICAL),
    ("我老婆喝药了", Danger.MEDICAL),
    ("我家娃从楼上掉下来了", Danger.MEDICAL),
    ("有人打架，血流了一地", Danger.MEDICAL),
    ("有人晕在路边了", Danger.MEDICAL),
    ("我头好晕，胸口疼得很", Danger.MEDICAL),
    ("孩子被烫伤了", Danger.MEDICAL),
    ("娃掉到水里了", Danger.MEDICAL),
    ("有人落水了", Danger.MEDICAL),
    ("家里天然气漏了", Danger.FIRE),
    ("电梯里困住人了", Danger.FIRE),
    ("我老公掐我脖子", Danger.POLICE),
    ("我老公在打我", Danger.POLICE),
    ("孩子找不见了", Danger.POLICE),
    ("邻居家孩子天天被打", Danger.POLICE),
    ("我活着还有啥意思", Danger.SELF_HARM),
    ("活着没啥意思了", Danger.SELF_HARM),
    ("活得没意思", Danger.SELF_HARM),
    ("活着太累了，没意思", Danger.SELF_HARM),
    ("我受不了了，想去死", Danger.SELF_HARM),
    ("心里难受得想死", Danger.SELF_HARM),
    ("死了算了", Danger.SELF_HARM),
    ("想一了百了", Danger.SELF_HARM),
    ("我想结束这一切", Danger.SELF_HARM),
    ("我真的撑不下去了", Danger.SELF_HARM),
    ("遗书写好了", Danger.SELF_HARM),
    ("我把自己关在屋里烧炭", Danger.SELF_HARM),
    ("我要跳了", Danger.SELF_HARM),
    ("救救我", Danger.SELF_HARM),
    ("wo bu xiang huo le", Danger.SELF_HARM),
    # a time gone told before, and now told after it: still a danger now
    ("我爸之前说胸口疼，现在突然晕倒了", Danger.MEDICAL),
    ("我老公正在打我，有没有反家暴讲座", Danger.POLICE),
]

REPORTS = [
    ("听说智塔的老师虐待孩子", True),
    ("幸福院的护工打老人，我亲眼看见的", True),
    ("武术协会的教练体罚学生", True),
    ("娃在幸福院被护工打了", True),
    ("听说慈善协会贪污捐款", False),
    ("慈善协会募捐的钱是不是被人贪了", False),
    ("智塔是不是骗子", False),
    ("秋文社工服务中心是正规的吗，会不会是骗子", False),
    ("唯爱妈妈这个名字听着像传销，是不是骗钱的", False),
    ("我要举报智塔", False),
    ("怎么投诉明明心理关爱中心", False),
    ("有人冒充社工上门骗老人的钱", False),
    ("高新区慈善协会的钱都花哪了，有没有贪污", False),
    # a named organization's staff hurting the resident's own child (review9: introduced 智塔)
    ("智塔的老师打了我家孩子", True),
    ("常青藤的社工把孩子关着不让出来", True),
]

# They share the words above but ask for a service, or are told of no danger: answered with
# this record (or its organization's family) first, as on main.
STILL_ANSWERED = [
    ("防止虐待儿童的项目有哪些", None),
    ("儿童保护的活动", "changqingteng-social-work"),
    ("孩子被人欺负了也不敢说，未央有没有保护孩子的组织", "changqingteng-social-work"),
    ("上访了好几次事情没解决，心里憋屈想不开", "baoji-mingming-psychology"),
    ("高新区的幸福院冬天老人们围着火炉取暖，谁给装空调", "baoji-hitech-charity"),
    ("我最近心情不好，想找人聊聊", "baoji-mingming-psychology"),
]

# No danger and no report told: a hyperbole, a sale, a phone call, a danger prevented.
NO_ALARM = [
    "带娃累得想死",
    "想死你了",
    "今天热死了",
    "跳楼价甩卖",
    "打我电话就行",
    "孩子晕车怎么办",
    "我没想自杀，就是心情不好",
    "防走失手环哪里领",
    "防性侵教育讲座",
    "这些组织不会骗人吧",
    # alarmed on main (review9): a prevention or a service asked after the word, a time gone
    # by, a figure of speech, children at play, a thing lost
    "孩子老是打人怎么办，有没有行为矫正",
    "被虐待的儿童有没有救助机构",
    "老人走失了怎么办，有没有防走失活动",
    "我妈总被保健品骗钱，有没有反诈宣传",
    "我爸上个月被车撞了，现在在家养伤，需要康复",
    "我男人出车祸了在医院，家里娃没人带，有没有帮忙的",
    "救命，这个表格怎么填",
    "你抽风了吧，答非所问",
    "渴得嗓子冒烟了，哪里有志愿者送水",
    "孩子们玩游戏打起来了，有没有儿童活动中心",
    "孩子不见了好久的玩具找到了",
    "我想死在家乡，有养老院吗",
    "火锅店着火了新闻看了吗",
    "我想让我们的公益活动多曝光一下，哪里能宣传",
    "我被骗去参加了一个传销，现在出来了，想找人聊聊",
    "我妈手机找不到了",
    "手机从楼上掉下来了",
    "孩子喝了药还是咳嗽，哪里有儿科",
    "厂子快撑不下去了想学点管理",
    "suicide prevention workshop",
    "I want to die laughing at this",
]


@pytest.mark.parametrize("question", NO_ALARM)
def test_a_word_of_danger_not_told_as_one_raises_no_alarm(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.danger is None, answer.text
    assert answer.refusal not in (Refusal.DANGER, Refusal.REPORT), answer.text


# Still refused as before, for what they ask: a judgement or a rumour with no accusation, a
# question of conduct, a prevention asked of us.
STILL_REFUSED = [
    ("听说智塔要关门了是真的吗", Refusal.OPINION),
    ("德艺双馨评选是不是内定的", Refusal.OPINION),
    ("智塔的老师脾气好不好", Refusal.OPINION),
    ("智塔的老师会不会打孩子", Refusal.PERSONAL_DATA),
    ("武术协会的教练打不打人", Refusal.PERSONAL_DATA),
    ("老人中暑了怎么办", Refusal.MEDICAL),
]


@pytest.mark.parametrize(("question", "danger"), DANGER, ids=[q for q, _ in DANGER])
def test_a_danger_now_gets_its_emergency_number_first(
    answerer: Answerer, question: str, danger: Danger
) -> None:
    answer = answerer.answer(question, log_question=False)
    number = {
        Danger.MEDICAL: "120",
        Danger.FIRE: "119",
        Danger.POLICE: "110",
        Danger.SELF_HARM: "120 或 110",
        Danger.HARM_OTHERS: "110",
    }[danger]
    assert (answer.danger, answer.refusal) == (danger, Refusal.DANGER), answer.text
    assert f"拨打 {number}" in answer.reply.title
    assert not answer.answered and answer.results == [] and answer.top is None
    assert answer.intent == Intent.OUT_OF_SCOPE


@pytest.mark.parametrize(("question", "hurt"), REPORTS, ids=[q for q, _ in REPORTS])
def test_a_report_of_wrongdoing_is_not_verified_and_says_where_it_goes(
    answerer: Answerer, question: str, hurt: bool
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == Refusal.REPORT, answer.text
    assert not answer.answered and answer.decision == "unknown" and answer.top is None
    assert answer.reply.title == NOT_VERIFIED
    assert "民政局的社会组织管理部门" in answer.text and "转人工" in answer.text
    assert ("受到伤害，请马上拨打 110" in answer.text) == hurt
    assert not any(c.isdigit() for c in answer.text.replace("110", ""))  # no number invented


@pytest.mark.parametrize(("question", "key"), STILL_ANSWERED, ids=[q for q, _ in STILL_ANSWERED])
def test_a_question_about_a_service_sharing_their_words_is_still_answered(
    answerer: Answerer, question: str, key: str | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.refusal is None and answer.danger is None, answer.text
    if key is not None:
        assert answer.results[0]["id"] in family(answerer, key), answer.results[:1]


@pytest.mark.parametrize(("question", "kind"), STILL_REFUSED, ids=[q for q, _ in STILL_REFUSED])
def test_an_opinion_or_a_question_of_conduct_keeps_its_refusal(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert (answer.refusal, answer.danger) == (kind, None), answer.text


# Told with a need the organizations serve: the need answered as before, the safety line first.
TOLD_WITH_A_NEED = [
    ("我老公一吵架就动手打人", "weiyang-qiuwen-social-work", Danger.POLICE),
    ("娃他爸一喝酒就打人，额不敢言传", "weiyang-qiuwen-social-work", Danger.POLICE),
    (
        "老婆生完孩子以后整天哭，说活着没意思，我不知道咋办，未央有人能帮帮她吗",
        "weiyang-qiuwen-social-work",
        Danger.SELF_HARM,
    ),
    # answered unknown on main and replaced by the bare safety lines: the despair's words
    # found nothing, the need they show (心理咨询) does (review9 finding 5)
    ("我老婆总说活着没意思，哪里有心理咨询", "baoji-mingming-psychology", Danger.SELF_HARM),
    ("老婆说活着没意思，有人能帮帮她吗", "baoji-mingming-psychology", Danger.SELF_HARM),
]


@pytest.mark.parametrize(
    ("question", "key", "danger"), TOLD_WITH_A_NEED, ids=[q[:16] for q, _, _ in TOLD_WITH_A_NEED]
)
def test_a_danger_told_with_a_need_answers_the_need_after_the_safety_line(
    answerer: Answerer, question: str, key: str, danger: Danger
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.danger == danger, answer.text
    assert answer.results[0]["id"] in family(answerer, key), answer.results[:1]
    assert "请马上拨打" in answer.reply.title  # first, before the organization


def test_despair_is_offered_no_organization_unasked(answerer: Answerer) -> None:
    """The knowledge holds counselling (明明心理, 秋文社工) but no crisis service and no phone
    of theirs: offered unasked to someone who wants to die, it would read as an ad."""
    answer = answerer.answer("我不想活了", log_question=False)
    assert "心理" not in answer.text and "中心" not in answer.text
    assert "身边信任的人" in answer.text


def test_a_danger_told_with_a_need_nothing_serves_gets_the_danger_reply(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("家里有人家暴，被打了以后去哪里求助", log_question=False)
    assert answer.reply.title == "请马上拨打 110 报警。"
    assert (answer.answered, answer.refusal, answer.danger) == (False, None, Danger.POLICE)


def test_a_report_in_a_conversation_is_no_pick_of_what_was_shown(answerer: Answerer) -> None:
    answer = in_one_chat(answerer, ["未央区有哪些社工机构", "第二个是骗子吗"])
    assert answer.refusal == Refusal.REPORT and not answer.answered, answer.text


ASKED_IN_ENGLISH = [
    ("my dad fainted", "Call 120", "请马上拨打 120"),
    ("I want to kill myself", "call 120 or 110", "请马上拨打 120 或 110"),
    ("my neighbor beats his kids", "Call 110", "请马上拨打 110"),
    ("my kid swallowed a battery", "Call 120", "请马上拨打 120"),
    ("my grandma fell and can't get up", "Call 120", "请马上拨打 120"),
    ("there's a fire in my apartment", "Call 119", "请马上拨打 119"),
    ("my child is missing", "Call 110", "请马上拨打 110"),
    ("help me please he is beating me", "Call 110", "请马上拨打 110"),
    ("I can't go on", "call 120 or 110", "请马上拨打 120 或 110"),
]


@pytest.mark.parametrize(("question", "said", "in_chinese"), ASKED_IN_ENGLISH)
def test_a_danger_told_in_english_gets_the_number_in_english_first(
    answerer: Answerer, question: str, said: str, in_chinese: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert said in answer.reply.title and answer.refusal == Refusal.DANGER, answer.text
    assert in_chinese in answer.reply.lines[0]
    assert not answer.answered and answer.results == []


def test_english_words_of_a_service_raise_no_alarm(answerer: Answerer) -> None:
    for question in ("I don't want to die", "Where can I find child abuse prevention programs"):
        assert answerer.answer(question, log_question=False).danger is None, question


def test_violence_at_home_told_in_english_is_answered_after_the_110_line(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Where do I go if my husband hits me?", log_question=False)
    assert answer.danger == Danger.POLICE and answer.reply.title.startswith("If someone is hurting")
    assert answer.answered, answer.text
