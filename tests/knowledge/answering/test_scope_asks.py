"""What a question asks for is read from its head (knowledge/answering/scope_asks.py): a
method, a judgement, an explanation or a text written is refused whatever of our words it
holds; a way to reach a service, an organization's own way of working and a need told are
still answered."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import family

# Each was answered with an organization before this round (an organization's name, its
# project or its topic is in every one).
NOT_ASKED_OF_US = [
    # a method or a craft's content
    ("八法五步怎么打", Refusal.HOW_TO),
    ("武术进校园的武术操怎么做", Refusal.HOW_TO),
    ("陈仓的菜地种菜怎么施肥", Refusal.HOW_TO),
    ("幸福院空调坏了怎么修", Refusal.HOW_TO),
    ("志愿者服务时长怎么查", Refusal.HOW_TO),
    ("秦腔大赛的获奖曲目怎么唱", Refusal.HOW_TO),
    ("非暴力沟通的四个要素是啥，举个例子给我讲讲", Refusal.HOW_TO),
    ("在城长儿童保护活动里教的防性侵知识，能给我详细讲讲吗", Refusal.HOW_TO),
    ("祭烈士的时候应该穿什么衣服，有什么讲究", Refusal.HOW_TO),
    ("专精特新企业认定标准是什么，要满足哪些条件", Refusal.HOW_TO),
    # a judgement, a ranking, a rumour
    ("智塔和明明心理哪个好", Refusal.OPINION),
    ("少年军校值得去吗", Refusal.OPINION),
    ("慈善协会口碑怎么样", Refusal.OPINION),
    ("听说智塔要关门了是真的吗", Refusal.OPINION),
    ("秋文社工的爱语行动有用吗", Refusal.OPINION),
    ("唯爱妈妈这个名字听着像传销，是不是骗钱的", Refusal.REPORT),  # an accusation: urgent.py
    ("德艺双馨评选是不是内定的", Refusal.OPINION),
    ("宝鸡青年艺术大舞台演出的秦腔剧目里，哪出戏最经典", Refusal.OPINION),
    ("我跟老公吵架了，你帮我分析分析是谁的错", Refusal.OPINION),
    ("孩子被同学欺负了，我该不该去找对方家长打一架", Refusal.OPINION),
    ("孩子学钢琴有用吗", Refusal.OPINION),  # joining no service of ours
    # a cause, a difference, an origin
    ("孩子为什么会得自闭症", Refusal.EXPLANATION),
    ("自闭症是什么原因引起的", Refusal.EXPLANATION),
    ("为什么老人容易摔跤", Refusal.EXPLANATION),
    ("为什么我家孩子会得自闭症", Refusal.EXPLANATION),  # an illness's cause, whoever has it
    ("为什么我家老人得了老年痴呆", Refusal.EXPLANATION),
    ("河南为什么会发大水", Refusal.EXPLANATION),
    ("心理咨询师和心理医生有什么区别", Refusal.EXPLANATION),
    # a text written for the resident
    ("我公司想上专精特新，能不能帮我把材料写好", Refusal.WRITING),
    ("秋文社工的心理咨询师能不能给我开个病假条", Refusal.WRITING),
    # the rules, refined: a tax, the weather and a translation whoever is named, a fee, the
    # names of an organization's experts
    ("社会组织服务中心入驻以后，每年要交多少税", Refusal.POLICY),
    ("周末去哪里活动下雨天会不会取消，你帮我查查天气", Refusal.OFF_TOPIC),
    ("帮我把明明心理关爱中心的介绍翻译成英文", Refusal.OFF_TOPIC),
    ("社区工作者考试考什么内容，有没有真题", Refusal.SCHOOLING),
    ("中小企业协会的专家顾问团里都有哪些专家，叫什么名字", Refusal.PERSONAL_DATA),
    ("电器维修小组修一台洗衣机收多少钱，修坏了包赔吗", Refusal.LEGAL),
    # … and exams for a school, goods sold, who pays a charge, an official's rank, a medicine
    # by name, what the law does to someone, the people served, money made: whoever is named
    ("少年军校的孩子以后考军校有没有优惠", Refusal.SCHOOLING),
    ("陈仓有块田的蔬菜在超市有卖吗", Refusal.MARKET),
    ("幸福院的老人去世了丧葬费谁出", Refusal.MARKET),
    ("慈善联合会的会长是什么级别的干部", Refusal.OFFICIAL),
    ("宝鸡民政局管社会组织的是哪个科长", Refusal.OFFICIAL),
    ("明明心理的咨询师能给我开安眠药吗", Refusal.MEDICAL),
    ("合作社的物业费不交会不会被起诉", Refusal.LEGAL),
    ("爱语行动里的家暴受害者能申请人身保护令吗", Refusal.LEGAL),
    ("秋文社工服务过的家庭住在哪，我想去看看", Refusal.PERSONAL_DATA),
    ("宝鸡中小企业协会的会员企业股票能买吗", Refusal.MARKET),
    ("我想投资中小企业协会推荐的项目，收益多少", Refusal.MARKET),
    # two of ours weighed by cost, a project won by favour, a drug named for an illness, land
    # let to a project, an office's hours, donors' phones
    ("常青藤和秋文社工哪家收费便宜", Refusal.OPINION),
    ("青年艺术大舞台的演出机会是不是找关系才能上", Refusal.OPINION),
    ("孩子抑郁症该不该吃舍曲林，明明心理的人说去医院", Refusal.MEDICAL),
    ("我那几亩地能不能包给关天美农，一年给多少钱", Refusal.MARKET),
    ("区民政局办社会组织登记的窗口周六开门不", Refusal.GOVERNMENT),
    ("给少年军校捐款的爱心人士的微信有吗", Refusal.PERSONAL_DATA),
    # in the residents' own words: a skill judged, an illness now, custody, goods sold in
    # bulk, a licence, a text translated or made up, a part played
    ("秋文社工那些社工能力到底咋样", Refusal.OPINION),
    ("娃咳嗽好几天了，常青藤社工能给瞧一哈不", Refusal.MEDICAL),
    ("两口子离了，房子归谁，经二路联合会能给评评理不", Refusal.LEGAL),
    ("陈仓有块田种的菜我想进货，咋卖", Refusal.MARKET),
    ("想开个小卖部，中小企业协会能帮忙办执照不", Refusal.MARKET),
    ("把明明心理的介绍译成日语", Refusal.OFF_TOPIC),
    ("给常青藤编个快板，夸夸他们", Refusal.WRITING),
    ("你装作明明心理的咨询师，陪我说说话", Refusal.TASK),
    # one of ours weighed against a hospital, ranked, rumoured of; money a person has; goods
    # priced by the cup; a session's price; harm or a forgery asked for; code written; the
    # bot told to teach a craft; drugs weighed
    ("智塔跟市医院康复科哪个弄得好", Refusal.MEDICAL),  # a hospital weighed
    ("常青藤社工在未央区的社工机构里数第几", Refusal.OPINION),
    ("邻居说秋文社工克扣服务对象的东西，是真的吗", Refusal.OPINION),
    ("众益的负责人身家有多少", Refusal.PERSONAL_DATA),
    ("辛家庙服务中心的咖啡多少钱一杯", Refusal.MARKET),
    ("常青藤社工做一次家庭辅导多少钱", Refusal.MARKET),
    ("武术协会的人能替我去教训一下那个人不", Refusal.ATTACK),
    ("中小企业协会能帮我弄个假发票吗", Refusal.ATTACK),
    ("写段代码把宝鸡的社会组织列出来", Refusal.TASK),
    ("关天美农那边的，教我咋种玉米", Refusal.HOW_TO),
    ("我焦虑症，明明心理说吃药，吃黛力新还是别的", Refusal.MEDICAL),
    ("慈善协会给幸福院的空调被人倒卖了吧", Refusal.REPORT),  # an accusation
    ("武术协会的教练们里谁最差劲", Refusal.OPINION),
    ("有人说益人行要解散了", Refusal.OPINION),
    ("秋文社工给人服务是不是要收红包", Refusal.REPORT),
    ("情暖幸福院住的老人哪些是低保户", Refusal.PERSONAL_DATA),
    ("少年军校那个小朋友叫啥名字，电话多少", Refusal.PERSONAL_DATA),
    ("信访局的科长是谁", Refusal.OFFICIAL),
    ("这些社工机构哪家知名度最高", Refusal.OPINION),
    ("孩子抑郁在明明心理看过，药可以停了吗", Refusal.MEDICAL),
    ("我和房东的官司拖了一年，你看我能赢不", Refusal.LEGAL),
    ("智塔缺不缺人，我想去", Refusal.JOB),
    ("宝鸡民政局登记科的电话", Refusal.GOVERNMENT),
    ("拿英文把少年军校的事给我讲讲", Refusal.OFF_TOPIC),
    ("常青藤帮过的那些老人住哪个村", Refusal.PERSONAL_DATA),
    ("辛家庙服务中心能给我办个居住证不", Refusal.POLICY),
    ("智塔的康复训练费用能不能报销", Refusal.POLICY),
    ("武术协会那个教练是哪儿的人，叫啥", Refusal.PERSONAL_DATA),
    ("青年艺术大舞台比赛的评审都有谁", Refusal.PERSONAL_DATA),
    ("把中海社工的介绍压缩到一百字", Refusal.TASK),
    ("把少年军校的事编成童话讲给孩子", Refusal.TASK),
    ("常青藤是不是未央区最专业的社工机构", Refusal.OPINION),
    ("据说青年艺术大舞台演出时出过事，真的不", Refusal.OPINION),
    ("安心小屋的咨询师让吃的那个药敢不敢吃", Refusal.MEDICAL),
    ("张家堡服务中心能帮我写份答辩状吗", Refusal.WRITING),
    ("把宝鸡那十家组织按好坏排个序", Refusal.OPINION),
]


@pytest.mark.parametrize(
    ("question", "kind"), NOT_ASKED_OF_US, ids=[q[:20] for q, _ in NOT_ASKED_OF_US]
)
def test_a_question_whose_head_asks_for_no_service_is_refused(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, f"answered with {answer.results[:1]}"
    assert (answer.intent, answer.refusal, answer.results) == (Intent.OUT_OF_SCOPE, kind, [])


# The same heads (怎么, 为什么, 是真的吗, 讲讲 …) in a request we serve: answered, with this
# record's family first (None: only not refused).
STILL_OURS = [
    # a way to reach or join a service
    ("怎么参加少年军校", "young-military-school"),
    ("怎么上青年艺术大舞台表演", "baoji-youth-arts-federation"),
    ("如何让孩子参加武术进校园", "jintai-wushu"),
    ("怎么让孩子学武术", "jintai-wushu"),
    ("秦腔怎么学", "baoji-youth-arts-federation"),
    ("怎么申请认购一块地", "chencang-sozo-center"),
    ("怎么给河南灾区捐款", "baoji-charity-federation"),
    ("怎么网上给幸福院捐款", "baoji-hitech-charity"),
    ("我想给幸福院捐空调怎么操作", "baoji-hitech-charity"),
    ("怎么给孩子报名武术班", "jintai-wushu"),
    ("秋文社工的课怎么上", "weiyang-qiuwen-social-work"),
    ("张家堡街道社会组织服务中心怎么走", "zhangjiabao-sozo-center"),
    ("老人一个人住，怎么才能有人上门照顾", "baoji-hitech-charity"),
    # an organization's own way of working, or an event of ours
    ("经二路合作社怎么管院子", "jingerlu-community-federation"),
    ("未央区社会组织下一步怎么发展", None),
    ("捐给河南的物资是怎么送过去的", "baoji-charity-federation"),
    # a need told, or a method the resident lacks
    ("孩子三岁不说话怎么办", "baoji-zhita-children"),
    ("孩子不说话怎么回事", "baoji-zhita-children"),
    ("想学学怎么跟孩子好好说话", "weiyang-qiuwen-social-work"),
    ("孩子自闭症怎么康复", "baoji-zhita-children"),
    ("孩子被打了，怎么保护他", None),
    ("家里吵架，怎么才能不当着孩子吵", None),
    ("娃在学校被欺负了，该不该找老师，咋办", "changqingteng-social-work"),
    ("我是宝鸡的退伍老兵，想给娃娃们讲讲当年在部队的事，不知道有没有这种机会", None),
    ("未央区张家堡那个社会组织服务中心到底弄啥的嘛，额咋从来木听过", "zhangjiabao-sozo-center"),
    # a rumour of a service one can get, a word of ours explained, one of ours described
    ("听说在陈仓花一千块能认一块地，是真的吗", "chencang-sozo-center"),
    ("关天美农是啥意思", "chencang-sozo-center"),
    ("给我讲讲智塔是干啥的", "baoji-zhita-children"),
    ("秋文社工靠谱吗", "weiyang-qiuwen-social-work"),
    ("益人行和常青藤哪个能带孩子做公益", None),
    ("孩子发烧刚好，想找个地方做康复训练", None),  # an illness past, a care asked
    ("娃感冒好了，智塔能给做个康复评估不", "baoji-zhita-children"),
    ("有朋友说在陈仓能认一块地种菜，是真的吗", "chencang-sozo-center"),  # a service rumoured
    ("想找人教我怎么跟孩子沟通", None),  # someone to teach, a need
    ("宝鸡有没有帮残疾人就业的组织", None),  # a service into work, no vacancy
    # a judgement's word in a story, an activity's name
    ("我们单位的老家属院，以前厂里管，现在厂子倒闭了没人管，下水道堵了好几个月", None),
    ("常青藤社会工作服务中心搞的儿童保护活动叫啥名字", "changqingteng-social-work"),
    # why, asked of the resident's own or of one of our services (refused as an explanation
    # before this fix; answered on d25654d)
    ("为什么我家孩子不爱说话", "baoji-zhita-children"),
    ("为什么我家孩子三岁了还不会说话", "baoji-zhita-children"),
    ("我家孩子为什么总是不理人，是自闭症吗", "baoji-zhita-children"),
    ("为什么幸福院要装空调", "baoji-hitech-charity"),
    ("为什么要成立合作社", None),
    ("为啥我们村没有装空调", None),
    # how, with a verb that is no craft's: a way to a service (refused as a method before
    # this fix; answered on d25654d)
    ("怎么住进幸福院", "baoji-hitech-charity"),
    ("怎么让老人住进幸福院", "baoji-hitech-charity"),
    ("残疾孩子怎么上学", None),
    ("心理疏导怎么做", None),
    ("怎么知道孩子是不是自闭症", "baoji-zhita-children"),
    ("老人心情不好怎么开导", None),
    ("小区垃圾分类怎么做", None),
    ("幸福院的空调是怎么装的", "baoji-hitech-charity"),
    ("典型事例是怎么评出来的", None),
    # the refined rules' words in a request: harm told with a where, a project's own fee
    ("家里有人家暴，被打了以后去哪里求助", None),
    ("在陈仓认购一块地的费用是多少", "chencang-sozo-center"),
]


@pytest.mark.parametrize(("question", "key"), STILL_OURS, ids=[q[:20] for q, _ in STILL_OURS])
def test_a_request_with_the_same_heads_is_answered(
    answerer: Answerer, question: str, key: str | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is None and answer.intent != Intent.OUT_OF_SCOPE, answer.text
    if key is not None:
        assert answer.answered, answer.text
        assert answer.results[0]["id"] in family(answerer, key), answer.results[:1]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("八法五步怎么打", "哪里能让娃学武术"),  # who teaches it may be asked
        ("智塔和明明心理哪个好", "不做评价"),
        ("河南为什么会发大水", "原因"),
    ],
)
def test_the_refusal_says_what_is_not_served_and_what_is(
    answerer: Answerer, question: str, says: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert says in text and "社会组织" in text


# A judgement asked of ours for a need or a fit: what the records say of them, the judgement
# still unmade (a bare "我不做评价和比较" before this fix). A ranking, a reputation or a bare
# "哪个好" stays refused (NOT_ASKED_OF_US).
@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("智塔和明明心理哪个更适合我家孩子", None),
        ("孩子自闭症，智塔和明明哪个好", "baoji-zhita-children"),
        ("智塔的康复效果怎么样", "baoji-zhita-children"),
        ("参加武术班好不好", "jintai-wushu"),
        ("孩子学武术有用吗", "jintai-wushu"),
        ("去幸福院养老好不好", "qingnuan-happiness-homes"),
        ("去智塔好不好", "baoji-zhita-children"),
    ],
)
def test_a_judgement_of_ours_for_a_need_gets_what_the_records_say(
    answerer: Answerer, question: str, key: str | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.refusal is None, answer.text
    assert answer.text.startswith("我不做评价和比较，下面是资料里写的情况：")
    ours = family(answerer, "baoji-zhita-children") | family(answerer, "baoji-mingming-psychology")
    assert answer.results[0]["id"] in (family(answerer, key) if key else ours)
