"""Must-refuse questions that got an organization, round 12 (issue 16): each cause fixed in
general and tested with near misses that keep their answers: a name of ours made into another
kind of body (宝鸡明明儿童医院) or put in a street no record has (谭家街道); who holds an
office of a public body (妇联主席) or where someone's family studies; general knowledge that
shares a word of ours (a recipe, a play's story, rainfall, a rubbish bin, who drafted a
policy and when); judging, a case's outcome, a diagnosis, a plot sold on, a school stage, a
broadcast's date and channel."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Refusal


def _refused(answerer: Answerer, question: str) -> Refusal | None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, f"{question} → {answer.text}"
    return answer.refusal


def _answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, f"{question} → {answer.text}"


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("宝鸡明明儿童医院在哪", "宝鸡明明儿童医院"),
        ("未央区秋文律师事务所的电话", "未央区秋文律师事务所"),
        ("智塔幼儿园在哪", "智塔幼儿园"),
        ("众益公司的电话多少", "众益公司"),
        ("那个秋文银行在哪", "秋文银行"),
        ("益人行旅行社电话", "益人行旅行社"),
        ("明明心理医院在哪", "明明心理医院"),
        ("宝鸡明明心理咨询有限公司电话", "宝鸡明明心理咨询有限公司"),
        ("常青藤双语幼儿园", "常青藤双语幼儿园"),
        ("未央区谭家街道社会组织服务中心在哪", "谭家街道社会组织服务中心"),
        ("未央区汉城街道社会组织服务中心电话", "汉城街道社会组织服务中心"),
        ("谭家街道社会组织服务中心在哪", "谭家街道社会组织服务中心"),
        ("汉城街道的社会组织服务中心在哪", "汉城街道社会组织服务中心"),
        ("未央区谭家街道有社会组织服务中心吗", "谭家街道社会组织服务中心"),
    ],
)
def test_a_name_of_ours_made_another_body_is_not_listed(
    answerer: Answerer, question: str, named: str
) -> None:
    assert _refused(answerer, question) is Refusal.NOT_LISTED
    assert f"「{named}」" in answerer.answer(question, log_question=False).text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("陕西省妇联主席现在是谁", Refusal.OFFICIAL),
        ("陕西妇联主席是谁，老家哪的", Refusal.OFFICIAL),
        ("未央区妇联主席是谁", Refusal.OFFICIAL),
        ("宝鸡市残联理事长叫什么名字", Refusal.OFFICIAL),
        ("省政协主席是谁", Refusal.OFFICIAL),
        ("未央区民政局长是男是女", Refusal.OFFICIAL),
        ("我跟邻居的纠纷你帮我判断谁对", Refusal.OPINION),
        ("河南洪水造成多少经济损失", Refusal.OFF_TOPIC),
        ("西红柿和鸡蛋能一起吃吗", Refusal.OFF_TOPIC),
        ("垃圾分类是哪年开始的", Refusal.POLICY),
        ("民政部这个意见的背后有什么故事", Refusal.OPINION),
        ("安心小屋的咨询师能不能帮我诊断一下", Refusal.MEDICAL),
        ("陈仓的地认购后能卖吗", Refusal.MARKET),
        ("认购的地可以过户给别人吗", Refusal.MARKET),
        ("秦腔大赛会在电视上播吗", Refusal.MEDIA),
        ("民政部那个培育社区社会组织的意见是谁起草的，有啥内幕", Refusal.OFFICIAL),
        ("这个文件是谁起草的", Refusal.OFFICIAL),
        ("金台区武术协会会长叫啥，他儿子在哪上学", Refusal.PERSONAL_DATA),
        ("秋文社工会长叫啥，她老公在哪上班", Refusal.PERSONAL_DATA),
        ("秋文社工那个社工小姐姐的微信多少，我想追她", Refusal.PERSONAL_DATA),
        ("常青藤社工那个美女社工的微信多少", Refusal.PERSONAL_DATA),
        ("信访大厅上访要带啥材料，我想告我们村干部", Refusal.GOVERNMENT),
        ("我要起诉我们小区物业", Refusal.LEGAL),
        ("在安心小屋疏导完了，我的信访案子在法律上能不能赢", Refusal.LEGAL),
        ("我这个案子能不能赢", Refusal.LEGAL),
        ("宝鸡明明心理关爱中心能不能直接给我确诊是不是抑郁症", Refusal.MEDICAL),
        ("智塔能不能给我家孩子确诊", Refusal.MEDICAL),
        ("陈仓那块田我认购了，能不能转手卖给别人赚差价", Refusal.MARKET),
        ("武术进校园的学期考核不及格会影响小升初吗", Refusal.SCHOOLING),
        ("民政部关于大力培育发展社区社会组织的意见是哪一年哪个月发布的", Refusal.POLICY),
        ("宝鸡市青年文学艺术联合会的网络春晚今年几号播，在哪个台", Refusal.MEDIA),
        ("秦腔大赛什么时候播出", Refusal.MEDIA),
        ("未央区哪个街道的社会组织服务中心最差劲", Refusal.OPINION),
        ("街道服务中心是不是拿了钱不干事", Refusal.OPINION),
        ("陈仓有块田种出来的西红柿，西红柿炒鸡蛋咋做好吃", Refusal.HOW_TO),
        ("红烧肉怎么做才入味", Refusal.HOW_TO),
        ("秦腔大赛里常唱的《三滴血》讲的是啥故事", Refusal.EXPLANATION),
        ("2021年7月河南那场暴雨一共下了多少毫米", Refusal.OFF_TOPIC),
        ("宝鸡去年的降雨量是多少", Refusal.OFF_TOPIC),
        ("垃圾分类里废电池算啥垃圾", Refusal.OFF_TOPIC),
        ("过期药品属于什么垃圾", Refusal.OFF_TOPIC),
        ("垃圾分类分几类", Refusal.OFF_TOPIC),
        ("河南那次暴雨下了几天", Refusal.OFF_TOPIC),
        ("认购的地可以转租吗", Refusal.MARKET),
        ("网络春晚在哪个平台播", Refusal.MEDIA),
    ],
)
def test_what_no_record_holds_is_refused(answerer: Answerer, question: str, kind: Refusal) -> None:
    assert _refused(answerer, question) is kind


@pytest.mark.parametrize(
    "question",
    [
        # the names themselves, shortened, misspelt or with their place
        "明明心理关爱中心在哪",
        "明明心理在哪",
        "秋文社工的电话",
        "秋文的电话",
        "宝鸡明明心理关爱中心是做什么的",
        "张家堡街道社会组织服务中心在哪",
        "未央区张家堡街道社会组织服务中心在哪",
        "未央区张家堡街到社会组织服务中心在哪",
        "未央区街到社会组织服务中心在哪",
        "未央区街道社会组织服务中心有哪些",
        "陈仓区社会组织服务中兴在哪",
        "辛家庙街道的服务中心在哪",
        "未央区哪些街道有社会组织服务中心",
        "虢镇街道有社会组织服务中心吗",
        "经二路街道社区社会组织联合会是干啥的",
        "我们街道的社工站在哪",
        "宝鸡市慈善联合会在哪",
        "众益社会组织服务中心在哪",
        "中海社工是做什么的",
        "秋文社工事务所在哪",
        "中海社工公司在哪",
        "幸福院的老人能一起吃饭吗",
        "陈仓有块田认购后谁来种",
        "安心小屋能帮我做心理疏导吗",
        "智塔能帮孩子做康复评估吗",
        "智塔有医院吗",
        "智塔有没有医院合作",
        "明明心理关爱中心是医院办的吗",
        "宝鸡智塔是公司还是社会组织",
        "智塔算学校还是医院",
        "我家住在谭家街道，附近有没有养老服务",
        "大明宫街道有没有社工机构",
        "县功镇翟家村的地在哪",
        "未央区所有街道都有社会组织服务中心吗",
        "想找妇联负责人帮忙",
        "雨量大的时候有没有志愿者帮忙",
        "孩子考试不及格心情不好，哪里有心理咨询",
        "孩子小升初压力大，哪里有心理疏导",
        "网络春晚什么时候播的，谁办的",
        # needs and services sharing the refused words
        "我想给孩子找个心理咨询",
        "安心小屋是做什么的",
        "陈仓有块田怎么认购",
        "陈仓有块田认购一块地多少钱",
        "武术进校园是什么",
        "河南水灾宝鸡捐了多少",
        "支援河南抗洪救灾一共筹了多少钱",
        "秦腔大赛是谁办的",
        "网络春晚是谁办的",
        "青年艺术大舞台在哪",
        "秦女子项目是谁的",
        "秦女子是哪个组织做的",
        "哪里有垃圾分类的志愿活动",
        "孩子确诊自闭症了，哪里能做康复",
        "智塔能给孩子做评估吗",
        "哪里有免费法律咨询",
        "孩子上学放学没人接，有没有社工能帮忙",
        "民政部关于大力培育发展社区社会组织的意见",
        "少年军校是哪年办的",
        "想在宝鸡找个地方学秦腔",
        "我在法律上有没有人能帮忙",
        "经二路联合会搞垃圾分类吗",
        "张家堡街道社会组织服务中心是个什么平台",
        "暴雨那几天宝鸡的社会组织捐了多少",
        "新家庙街道社会组织服务中心干嘛的",
        "经而路街道联合会",
        "少年军校对孩子身高有要求吗，多少厘米",
        "秦腔大赛是哪个台办的",
    ],
)
def test_near_misses_are_still_answered(answerer: Answerer, question: str) -> None:
    _answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "金台区武术协会会长叫啥",
        "金台区武术协会会长现在是谁",
        "智塔负责人是谁",
        "秋文社工的会长叫什么名字",
        "青年文联主席是谁",
        "中海社工的老总是谁",
    ],
)
def test_our_leader_asked_says_the_records_name_none(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and "负责人" in answer.text
