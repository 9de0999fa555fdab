"""What the records cannot answer, whatever words it shares with them (scope_unrecorded.py and
the rules it came with): another place, a past year or an edition no record has, an
organization no record names, and asks whose head is no service (a diagnosis, a verdict won,
a price foretold, a comparison, parking, a book). Each was answered with an organization
before; the near misses beside them stay answered."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import family

REFUSED = [
    # another city, or a district of 西安 that is not 未央
    ("渭南有没有帮残疾孩子康复的机构", Refusal.ELSEWHERE),
    ("汉中那边有没有像少年军校这样的活动", Refusal.ELSEWHERE),
    ("咸阳有没有像智塔这样的机构", Refusal.ELSEWHERE),  # one like ours, elsewhere
    ("我在咸阳，哪里有心理咨询", Refusal.ELSEWHERE),  # where the resident lives, asked of
    ("西安碑林区有社工服务中心吗", Refusal.ELSEWHERE),
    ("慈善联合会给四川灾区捐过钱吗", Refusal.ELSEWHERE),
    ("国外有没有像智塔这样的机构", Refusal.ELSEWHERE),
    # a past year, or an edition, no record has
    ("2015年宝鸡的社会组织一共募捐了多少钱", Refusal.UNRECORDED),
    ("少年军校第三届啥时候开营", Refusal.UNRECORDED),
    ("下一届少年军校还在军营里住吗", Refusal.UNRECORDED),  # what is to come
    ("明年情暖幸福院还装不装空调", Refusal.UNRECORDED),
    # an organization no record names: not the one whose words it shares
    ("“春苗”助学服务站是干啥的", Refusal.NOT_LISTED),  # a name quoted
    ("张家堡有个“邻里”的社工站吗", Refusal.NOT_LISTED),
    ("宝鸡市助残公益基金会的电话是多少", Refusal.NOT_LISTED),
    ("未央区阳光儿童康复中心怎么报名", Refusal.NOT_LISTED),
    ("宝鸡市社会组织服务中心在哪", Refusal.NOT_LISTED),  # 陈仓区's is another
    # a diagnosis, a verdict won, a price foretold, a comparison
    ("我家老人老是忘事，这算不算老年痴呆", Refusal.MEDICAL),
    ("法律咨询的律师能保证我胜诉吗", Refusal.LEGAL),
    ("安心小屋能帮我把判决推翻吗", Refusal.LEGAL),
    ("情暖幸福院以后住进去会不会涨价", Refusal.MARKET),
    ("明明心理的咨询师是不是比医院的心理科专业", Refusal.OPINION),
    ("秦腔大赛今年谁能拿冠军", Refusal.OPINION),  # a winner foretold
    ("张家堡服务中心旁边有啥便宜的旅馆", Refusal.OFF_TOPIC),  # lodging near one of ours
    ("情暖幸福院装的空调一天得花多少电费", Refusal.MARKET),
    ("我被常青藤社工的人骗了钱，咋办", Refusal.REPORT),
    ("2018年未央区有没有下过大暴雨", Refusal.UNRECORDED),  # 有没有 asks of no organization
    ("宝鸡市慈善总会在哪捐款", Refusal.NOT_LISTED),  # another kind of body than ours
    ("渭滨区夕阳红秧歌舞蹈队怎么参加", Refusal.NOT_LISTED),
    ("明明心理说我焦虑，用不用住院", Refusal.MEDICAL),
    ("爱语行动的课上完多久能见效", Refusal.MEDICAL),
    ("陈仓有块田认购以后不想要了能退费吗", Refusal.MARKET),
    ("网络春晚的演出票咋订", Refusal.MARKET),
    ("宝鸡最靠谱的心理机构是哪家", Refusal.OPINION),
    ("陈仓区夏天热不热，幸福院装空调有必要吗", Refusal.OFF_TOPIC),
    ("从渭滨区去智塔坐几路车", Refusal.OFF_TOPIC),  # the bus to one of ours
    ("幸福院附近有诊所吗", Refusal.OFF_TOPIC),
    ("明明心理的老师能给我看看风水吗", Refusal.OFF_TOPIC),
    ("我娃是自闭症还是多动症，你帮我判断一下", Refusal.MEDICAL),
    ("常青藤社工的志愿者上门时摔了，这算工伤吗", Refusal.LEGAL),
    ("帮我看看中小企业协会让签的合同有没有问题", Refusal.LEGAL),
    ("关天美农的面粉哪家超市有卖", Refusal.MARKET),
    ("金台区哪个武术班性价比高", Refusal.OPINION),
    # parking, a book, a grade's fee, an officer's mobile
    ("青年艺术大舞台演出的时候停车要钱吗", Refusal.OFF_TOPIC),
    ("爱语行动有没有推荐的书，给我推荐一本", Refusal.OFF_TOPIC),
    ("金台武术协会考二段要交多少钱", Refusal.SCHOOLING),
    ("宝鸡国防教育协会会长叫啥，手机号码多少", Refusal.PERSONAL_DATA),
    # a near-miss of our names: another character, or another district before an alias
    ("未央区秋果社工服务中心在哪", Refusal.NOT_LISTED),  # ours is 秋文, matched loosely
    ("陈仓区武术协会教不教太极", Refusal.NOT_LISTED),  # ours is 金台区's
    ("未央区明明心理关爱中心能预约吗", Refusal.NOT_LISTED),  # ours is in 宝鸡
    ("第二届青年艺术大舞台在哪看", Refusal.UNRECORDED),  # where an unrecorded edition is held
    ("Any volunteer group in Xianyang for the elderly?", Refusal.ELSEWHERE),
    # one person pointed at, or the people served listed
    ("安心小屋那个值班的社工，电话给我", Refusal.PERSONAL_DATA),
    ("少年军校参加的娃娃名单发我", Refusal.PERSONAL_DATA),
    # work asked of the bot
    ("你帮我算一下111万除以10家是多少", Refusal.TASK),
    ("帮我概括一下典型事例的事迹", Refusal.TASK),
    ("你扮一下智塔的老师跟我对话", Refusal.TASK),
    # our kind of body with another name, a city's body with a district, a year unrecorded
    ("渭滨区心理关爱中心能做咨询吗", Refusal.NOT_LISTED),  # lacks 明明, ours' own word
    ("陈仓区公益慈善联合会在哪捐", Refusal.NOT_LISTED),  # ours is 宝鸡市's own
    ("宝鸡市慈善协会是干啥的", Refusal.NOT_LISTED),  # neither 公益慈善联合会 nor 高新区's
    ("2017年的青年艺术大舞台有哪些节目", Refusal.UNRECORDED),  # one past year's list
    ("2029年宝鸡会有多少社会组织", Refusal.UNRECORDED),  # a year to come
    ("金台区春晖家园收不收智力障碍的孩子", Refusal.NOT_LISTED),  # 家 of 家园 asks nothing
    ("西安市社会组织服务中心能入驻吗", Refusal.NOT_LISTED),  # 西安's own, not 未央区's streets'
    # the same asked in English
    ("Does the Chencang District Wushu Association have classes?", Refusal.NOT_LISTED),
    ("What did the youth arts federation organise in 2016?", Refusal.UNRECORDED),
    ("Please calculate the average donation per village", Refusal.TASK),
    ("Can I have the mobile number of the coach at the wushu association?", Refusal.PERSONAL_DATA),
    ("Will the military school run again next year?", Refusal.UNRECORDED),
    ("What did the youth arts federation stage in the 2016 season?", Refusal.UNRECORDED),
    ("Can Qiuwen's legal helpers win the case for me?", Refusal.LEGAL),
    ("How much is the farmland per square meter?", Refusal.MARKET),
    ("Send me the names of the volunteers at Yirenxing", Refusal.PERSONAL_DATA),
    ("Please rank the social work centers in Weiyang", Refusal.OPINION),
    ("Which counselor at Mingming is the prettiest?", Refusal.PERSONAL_DATA),
]


@pytest.mark.parametrize(("question", "kind"), REFUSED)
def test_what_the_records_cannot_answer_is_refused(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, f"answered with {answer.results[:1]}"
    assert (answer.intent, answer.refusal, answer.results) == (Intent.OUT_OF_SCOPE, kind, [])
    assert answer.to_json()["decision"] == "unknown"


ANSWERED = [
    # one character slipped in a long name of ours whose own words are all generic
    ("张家堡街到社会组织服务中心都有啥服务", "zhangjiabao-sozo-center"),
    # a place elsewhere as where the resident comes from, or beside one of ours
    ("我是汉中人，金台区哪里能让娃学武术", "jintai-wushu"),
    ("咸阳的孩子能去智塔做康复吗", "baoji-zhita-children"),
    ("我在咸阳，孩子自闭症，宝鸡智塔能去吗", "baoji-zhita-children"),  # ours, from elsewhere
    ("慈善联合会支援河南抗洪捐了多少", None),
    # a year or an edition the records have, or a list from a year
    ("少年军校首届是什么时候办的", "young-military-school"),
    ("2021年宝鸡有哪些社会组织典型事例", None),
    # our names, written otherwise
    ("宝鸡慈善联合会在哪", "baoji-charity-federation"),
    ("宝鸡明明心里中心在哪", "baoji-mingming-psychology"),
    ("宝鸡陈仓区社会组织服务中心在哪", "chencang-sozo-center"),
    ("未央区秋文社工中心电话", "weiyang-qiuwen-social-work"),
    ("明年想让娃参加少年军校，去哪报名", "young-military-school"),  # a need for next year
    ("“我帮你”院落服务合作社在哪", "wobangni-courtyard-coop"),  # ours, quoted
    ("智塔附近有没有做康复的机构", None),  # a service near one of ours
    ("秦腔大赛谁能参加", None),
    ("孩子是不是自闭症，你帮我找个地方评估一下", None),  # an assessment asked for
    ("中小企业协会能帮企业做什么", "baoji-sme-association"),
    ("去明明心理关爱中心怎么走", "baoji-mingming-psychology"),  # where it is, not the bus
    # a kind asked for, not a name
    ("宝鸡有没有心理援助中心", None),
    ("未央区名字叫社会组织服务中心的有哪几家", None),
    # an illness with a service asked, a lawyer found, a price asked of no future
    ("孩子是不是自闭症，哪里能做评估", None),
    ("离婚了心里难受，哪里有免费法律咨询", None),
    ("智塔比以前大了吗", "baoji-zhita-children"),
    # our names misspelt by sound, or with the city holding their district
    ("宝鸡高新区辞善协会做了什么", "baoji-hitech-charity"),
    ("宝鸡市武术协会在哪", "jintai-wushu"),
    ("渭滨区明明心理在哪", "baoji-mingming-psychology"),  # its record gives only 宝鸡
    ("I'm from Hanzhong, where can my kid learn wushu in Baoji?", "jintai-wushu"),
    ("首届少年军校在哪办的", "young-military-school"),
    ("帮我算算认购一块地一年多少钱", None),  # a cost asked, no sum
    ("去年娃查出自闭症了，智塔能收不", "baoji-zhita-children"),  # 查出自闭症 is no 出自
    ("2019年以后宝鸡成立的社会组织有哪些", None),  # a list from a year on
    ("陈仓区智塔儿童中心在哪", "baoji-zhita-children"),  # its record gives only 宝鸡
    ("Where is the Jintai Wushu Association?", "jintai-wushu"),
    ("西安秋文社工中心在哪", "weiyang-qiuwen-social-work"),  # ours, its city before it
    ("Which organizations were set up since 2015?", None),
    ("How can my son join the military school next year?", "young-military-school"),
]


@pytest.mark.parametrize(("question", "key"), ANSWERED)
def test_near_misses_are_still_answered(answerer: Answerer, question: str, key: str | None) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is None and answer.intent != Intent.OUT_OF_SCOPE, answer.text
    assert answer.answered, answer.text
    if key is not None:
        assert answer.results[0]["id"] in family(answerer, key), answer.results[:1]


def test_an_unlisted_organization_is_named_in_the_refusal(answerer: Answerer) -> None:
    answer = answerer.answer("宝鸡市老年心理援助基金会在哪", log_question=False)
    assert (answer.answered, answer.results, answer.top) == (False, [], None)
    lines = answer.text.splitlines()
    assert lines[0] == "抱歉，资料中没有「宝鸡市老年心理援助基金会」。"
    # the organizations sharing its words are named as near, never as the one asked for
    assert lines[1].startswith("资料中相近的有：宝鸡明明心理关爱中心")
    assert lines[1].endswith("（资料没有说就是您问的这一家）。")
