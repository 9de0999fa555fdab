"""Round 12f: over-refusals of round 12's topic rules and figure code (review13 1d), each
cause fixed in general, with near misses that must still be refused:
- 垃圾分类's own start is policy history; a volunteer activity of it asked for is a service;
- a school stage or a failed exam beside a worry told (咋办) or someone to mind the child
  (托管, 放学没人管, 有…的地方) asks for a care;
- a diagnosis told as a condition (医院能确诊的话) asks for none;
- a meal at a 幸福院 (吃午饭, 吃的饭) is no question of which foods go together;
- a batch or an edition (第一批, 第一届) is no rank;
- how to follow one of ours online (公众号, 小程序, 哪个平台能看到…通知) gets its card, with
  the sources' silence on any channel said;
- a neighbour's family whose whereabouts the resident does not know, help then asked, asks
  for no one's data;
- how one of ours began or what it truly is gets what the records say of it, judged by no one;
- a contest's "name" that is when or for whom it is (今年比赛, 少儿比赛) is no contest no
  record holds; a course of care ended (康复完) is no end date; 开始登记报名 no founding."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.outcome import Answer
from knowledge.answering.scope import Refusal


def _answer(answerer: Answerer, question: str) -> Answer:
    return answerer.answer(question, log_question=False)


# (question, text the answer must hold, or "")
ANSWERED = [
    ("宝鸡有没有垃圾分类的志愿者活动，什么时候开始", "经二路"),
    ("娃考试老不及格，心里难受不想上学，咋办", ""),
    ("娃小升初了，放学没人管，有托管的地方吗", ""),
    ("医院能确诊的话，智塔能接收吗", "智塔"),
    ("幸福院老人和家属能一起吃午饭吗", ""),
    ("孩子和老人能一起吃的饭，幸福院有吗", ""),
    ("哪个组织评上第一批示范单位", ""),
    ("在哪个平台能看到众益的活动通知", "资料中没有它的公众号"),
    ("秋文社工有公众号吗，在哪个公众号能看活动", "秋文社工服务中心"),
    ("智塔的小程序什么时候上线", "宝鸡智塔儿童启能成长中心"),
    ("秋文社工有公众号吗", "资料中没有它的公众号"),
    ("邻居老人，她儿子在哪工作都不知道，老人没人管，谁能帮忙", ""),
    ("她家娃在哪上学都不知道，父母在外打工，留守儿童谁来管", ""),
    ("明明心理关爱中心背后的故事是啥", "我不做评价和比较，下面是资料里写的情况"),
    ("智塔是怎么办起来的，背后有啥故事", "宝鸡智塔儿童启能成长中心"),
    ("我想了解智塔的真相，是不是正规机构", "我不做评价和比较，下面是资料里写的情况"),
    ("金台区武术协会今年比赛得过奖吗", "校际交流比赛"),
    ("青年文联少儿比赛是哪年办的", "秦腔大赛"),
    ("金台区武术协会全市比赛拿过名次吗", "校际交流比赛"),
    ("智塔啥时候能康复完", "宝鸡智塔儿童启能成长中心"),
    ("孩子在智塔啥时候能学完", "宝鸡智塔儿童启能成长中心"),
    # near misses that were answered before and still are
    ("哪里有垃圾分类的志愿活动", ""),
    ("孩子小升初压力大，哪里有心理疏导", ""),
    ("幸福院的老人能一起吃饭吗", ""),
    ("智塔能给孩子做评估吗", ""),
]


@pytest.mark.parametrize(("question", "holds"), ANSWERED)
def test_a_service_or_its_card_is_answered(answerer: Answerer, question: str, holds: str) -> None:
    answer = _answer(answerer, question)
    assert answer.answered, f"{question} → {answer.text}"
    assert holds in answer.text
    assert "康复完日期" not in answer.text and "与“" not in answer.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("垃圾分类是哪年开始的", Refusal.POLICY),
        ("垃圾分类什么时候开始推行的", Refusal.POLICY),
        ("宝鸡垃圾分类是哪年开始的", Refusal.POLICY),
        ("垃圾分类分几类", Refusal.OFF_TOPIC),
        ("孩子考试不及格怎么办", Refusal.SCHOOLING),
        ("孩子小升初怎么择校", Refusal.SCHOOLING),
        ("小升初什么时候考试", Refusal.SCHOOLING),
        ("武术进校园的学期考核不及格会影响小升初吗", Refusal.SCHOOLING),
        ("智塔能确诊自闭症吗", Refusal.MEDICAL),
        ("如果可以的话，明明心理能不能直接给我确诊", Refusal.MEDICAL),
        ("宝鸡明明心理关爱中心能不能直接给我确诊是不是抑郁症", Refusal.MEDICAL),
        ("西红柿和鸡蛋能一起吃吗", Refusal.OFF_TOPIC),
        ("哪个组织排第一", Refusal.OPINION),
        ("谁拿了第一名", Refusal.OPINION),
        ("网络春晚在哪个平台播", Refusal.MEDIA),
        ("秦腔大赛在哪个公众号能看直播", Refusal.MEDIA),
        ("网络春晚什么时候上线", Refusal.MEDIA),
        ("服饰大赛在哪个平台看视频", Refusal.MEDIA),
        ("会长叫啥，他儿子在哪工作", Refusal.PERSONAL_DATA),
        ("金台区武术协会会长叫啥，他儿子在哪上学", Refusal.PERSONAL_DATA),
        ("智塔背后有啥内幕", Refusal.OPINION),
        ("民政部这个意见的背后有什么故事", Refusal.OPINION),
        ("这事的真相是什么", Refusal.OPINION),
    ],
)
def test_near_misses_are_still_refused(answerer: Answerer, question: str, kind: Refusal) -> None:
    answer = _answer(answerer, question)
    assert not answer.answered, f"{question} → {answer.text}"
    assert answer.refusal is kind


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        # a contest named, quoted or by a real name, that the record never held
        ("宝鸡市首届服饰大赛是哪天办的，有多少人参赛？", "“服饰大赛”有关的记录"),
        ("青年文联“少儿比赛”是哪年办的", "“少儿比赛”有关的记录"),
        ("宝鸡市青年文学艺术联合会的首届服饰大赛是哪天办的", "资料中没有具体日期"),
        # a date of work to come, and a founding date, the sources never give
        ("陈仓有块田的地啥时候能认购完", "认购完日期"),
        ("情暖农村幸福院打算什么时候全部完成", "全部完成日期"),
        ("明明心理是哪年注册的", "成立日期"),
        ("明明心理啥时候登记成立的", "成立日期"),
    ],
)
def test_what_the_records_do_not_give_is_said_missing(
    answerer: Answerer, question: str, holds: str
) -> None:
    answer = _answer(answerer, question)
    assert not answer.answered and holds in answer.text, f"{question} → {answer.text}"


def test_a_volunteer_activity_of_rubbish_sorting_is_no_policy(answerer: Answerer) -> None:
    # no record's words account for it, so nothing is found: but nothing is refused either
    answer = _answer(answerer, "垃圾分类志愿活动什么时候开始报名")
    assert answer.refusal is None and "政策" not in answer.text


def test_signing_up_asks_no_founding_date(answerer: Answerer) -> None:
    assert "成立日期" not in _answer(answerer, "明明心理啥时候开始登记报名").text
