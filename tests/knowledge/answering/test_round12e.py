"""Over-refusals of round 12's new refusals (review 13, 1a-1c), fixed in general: an own word
of ours that is an everyday word (青年, 中海) names no body of ours; a verb or a function word
between our name and an institution (智塔能帮我联系学校, 众益给小学) ties in another thing;
a centre of ours called by a near kind (智塔学校, 明明心理诊所) is ours; a place after our name
that says where the resident is (渭滨区的娃, 辛家庙街道的人) places nothing; a 社工站 in a street
no record names is a need answered with the district's social-work organizations. Every
must-refuse example of rounds 12c and 12d stays refused (test_round12c.py, test_round12d.py)."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Refusal

# (question, text the answer must hold: the record meant, or "" when no record is the one)
ANSWERED = [
    # an everyday word opening another body's name is none of ours
    ("我家娃在青年路小学上学，放学没人管，附近有没有托管的社工", ""),
    ("到青年路小学那边有没有心理辅导的地方", ""),
    ("宝鸡青年大学生想当志愿者，去哪报名", "青年文学艺术联合会"),
    ("宝鸡青年创业公司能找中小企业协会帮忙吗", "宝鸡市中小企业协会"),
    ("宝鸡青年职业学院的学生能去智塔当志愿者不", "宝鸡智塔儿童启能成长中心"),
    # a verb or a function word between the name and an institution: ours, asked of it
    ("智塔能帮我联系学校吗", "宝鸡智塔儿童启能成长中心"),
    ("秋文社工帮忙联系养老院吗", "秋文社工服务中心"),
    ("众益给小学捐过书没有", "陕西众益社会组织服务中心"),
    ("中海社工给幼儿园上过课没", "中海社工"),
    ("智塔会去学校做宣传吗", "宝鸡智塔儿童启能成长中心"),
    ("明明心理能到公司给员工做心理疏导吗", "宝鸡明明心理关爱中心"),
    # ours called by a near kind: a school for a centre that teaches, a clinic for one that
    # counsels
    ("我娃在智塔学校康复了一年，还有别的项目吗", "宝鸡智塔儿童启能成长中心"),
    ("明明心理诊所能做心理疏导吗", "宝鸡明明心理关爱中心"),
    ("宝鸡智塔学校在哪", "宝鸡智塔儿童启能成长中心"),
    ("智塔特殊教育学校在哪", "宝鸡智塔儿童启能成长中心"),
    ("明明心理诊所在哪", "宝鸡明明心理关爱中心"),
    # a place after the name says where the resident is: no placement
    ("金台区武术协会渭滨区的娃能去学不", "金台区武术协会"),
    ("张家堡街道社会组织服务中心辛家庙街道的人能去吗", "张家堡街道社会组织服务中心"),
    # a 社工站 in a street no record names: the district's social-work organizations
    ("未央区汉城街道有社工站吗", "秋文社工服务中心"),
    ("未央区谭家街道有没有社工站", "社工"),
    # near misses of the rules kept as they were
    ("中海社工公司在哪", "中海社工"),
    ("智塔算学校还是医院", "宝鸡智塔儿童启能成长中心"),
    ("智塔是宝鸡的吗", "宝鸡市"),
    ("秋文社工是未央区的吗", "张家堡街道"),
    ("宝鸡高新区慈善协会在高新区哪", "宝鸡市高新区"),
    ("宝鸡有没有武术学校", "金台区武术协会"),
    # a whole name of ours that is a topic's word, before a business: any such firm
    ("我是中小企业公司老板，中小企业协会能帮啥", "学习培训平台"),
    ("宝鸡中小企业公司能找中小企业协会帮忙吗", "宝鸡市中小企业协会"),
]


@pytest.mark.parametrize(("question", "said"), ANSWERED)
def test_over_refusals_are_answered(answerer: Answerer, question: str, said: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, f"{question} → {answer.text}"
    assert said in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "宝鸡智塔儿童启能成长中心西安有没有类似的",  # nothing like it there; not "not there"
        "金台区武术协会渭滨区的娃能去学不",
        "张家堡街道社会组织服务中心辛家庙街道的人能去吗",
        "我在中海物业上班，压力大，想找心理咨询",
        "金台区武术协会，渭滨区的娃能去吗",
        "益人行志愿者协会宝鸡的能参加吗",
    ],
)
def test_no_body_nor_place_is_read_into_the_story(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is not Refusal.NOT_LISTED, answer.text
    assert "没有它在" not in answer.text, answer.text
    assert "资料中没有「" not in answer.text, answer.text


# still another body, or still placed elsewhere: (question, text the answer must hold)
REFUSED = [
    ("宝鸡明明儿童医院在哪", "资料中没有「宝鸡明明儿童医院」"),
    ("明明心理医院在哪", "资料中没有「明明心理医院」"),
    ("宝鸡明明心理医院电话多少", "资料中没有「宝鸡明明心理医院」"),
    ("宝鸡明明心理咨询有限公司电话", "资料中没有「宝鸡明明心理咨询有限公司」"),
    ("常青藤双语幼儿园", "资料中没有「常青藤双语幼儿园」"),
    ("智塔幼儿园收几岁的娃", "资料中没有「智塔幼儿园」"),
    ("金台区武术学校在哪", "资料中没有「金台区武术学校」"),
    ("秋文家政公司电话", "资料中没有「秋文家政公司」"),
    ("智塔儿童医院在哪", "资料中没有「智塔儿童医院」"),
    ("明明心理学校在哪", "资料中没有「明明心理学校」"),  # it teaches no one: no school
    ("宝鸡青年文学医院在哪", "资料中没有「宝鸡青年文学医院」"),
    ("未央区汉城街道社会组织服务中心电话", "资料中没有「汉城街道社会组织服务中心」"),
    ("未央区谭家街道有社会组织服务中心吗", "资料中没有「谭家街道社会组织服务中心」"),
    ("金台区武术协会在西安未央区哪个街道办公", "没有它在西安未央区的记录"),
    ("秋文社工服务中心宝鸡渭滨区的地址", "没有它在宝鸡渭滨区的记录"),
    ("秋文社工服务中心宝鸡渭滨区的办公地址", "没有它在宝鸡渭滨区的记录"),
    ("金台区武术协会西安的办公点在哪", "没有它在西安的记录"),
    ("高新区慈善协会是金台区的吗", "没有它在金台区的记录"),
    ("智塔在未央区哪里", "没有它在未央区的记录"),
    ("张家堡街道社会组织服务中心在辛家庙街道吗", "没有它在辛家庙街道的记录"),
    ("我想找秋文社工服务中心，它在宝鸡渭滨区哪里", "没有它在宝鸡渭滨区的记录"),
    ("金台区武术协会西安有吗", "没有它在西安的记录"),
    ("金台区武术协会渭滨区也有吗？", "没有它在渭滨区的记录"),
    ("益人行志愿者协会宝鸡的", "没有它在宝鸡的记录"),
]


@pytest.mark.parametrize(("question", "said"), REFUSED)
def test_other_bodies_and_places_stay_refused(answerer: Answerer, question: str, said: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text
    assert said in answer.text, answer.text
