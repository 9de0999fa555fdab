"""Questions that must be refused, round 11 (issue 16, probe 14): the causes it showed, each
fixed in general, with the near misses that must still be answered.

- a count of people the records do not count (几个师傅, 多少个医生) or a kind of sum no figure's
  label names (投了多少钱, 一年开支多少) is unknown, not the nearest figure; people counted by
  what they did (参加的人有多少) are counted by a figure of people;
- the next performance or activity (下一场, 下次, 下一期) is what staff registered, or unknown;
- a body's full name with a district of the city that is all its record gives (渭滨区明明心理
  关爱中心), or with another city and 的 (西安的智塔…), is not ours;
- a place elsewhere asked for something like one of ours (雁塔区有没有像张家堡那样的…);
- a made-up name called by its name (一个叫…服务站的, 那个…服务站), or a body whose kind is its
  whole name after a place (宝鸡市红十字会): not ours, named as asked.
"""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Refusal

# (question, the organization the reply is about): named, but what is asked no record holds
NOT_HELD = [
    ("我帮你合作社一共有几个维修师傅", "wobangni-courtyard-coop"),
    ("智塔有多少个康复医生", "baoji-zhita-children"),
    ("常青藤社工有几个护工阿姨", "changqingteng-social-work"),
    ("关天美农这个项目一开始投入了多少钱", "chencang-farmland"),
    ("情暖农村幸福院项目一年开支多少钱", "qingnuan-happiness-homes"),
    ("青年艺术大舞台下次演出在哪儿", "baoji-youth-arts-federation"),
    ("金台区武术协会下一场表演是啥时候", "jintai-wushu"),
]


@pytest.mark.parametrize(("question", "key"), NOT_HELD)
def test_what_no_record_holds_is_unknown(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text
    assert answer.subject is not None, answer.text  # "它是做什么的" follows it up
    assert answer.results and answer.results[0]["id"] in _family(answerer, key), answer.text


def _family(answerer: Answerer, key: str) -> set[str]:
    catalog = answerer.catalog
    owner = catalog.projects[key].organization if key in catalog.projects else key
    return {key, owner, *(p.id for p in catalog.projects_of(owner))}


# (question, the record, text the reply must hold)
STILL_ANSWERED = [
    ("陈仓那个认地的项目一年要花多少钱", "chencang-farmland", "1000"),
    ("情暖农村幸福院装空调花了多少钱", "qingnuan-happiness-homes", "30万"),
    ("公益慈善联合会给河南的救援资金有多少", "baoji-charity-federation", "43万"),
    ("中小企业学习培训平台参加的人有多少", "sme-training-platform", "10万"),
    ("智塔帮过的人有多少", "baoji-zhita-children", "164"),
    ("我帮你合作社有几个自治小组", "wobangni-courtyard-coop", "37"),
    ("青年艺术大舞台有什么活动", "baoji-youth-arts-federation", "青年艺术大舞台"),
    ("渭滨区明明心理在哪", "baoji-mingming-psychology", "宝鸡明明心理关爱中心"),
    ("宝鸡的明明心理关爱中心电话", "baoji-mingming-psychology", "宝鸡明明心理关爱中心"),
    ("西安秋文社工中心在哪", "weiyang-qiuwen-social-work", "秋文"),
    ("未央区张家堡街道社会组织服务中心在哪", "zhangjiabao-sozo-center", "张家堡"),
    ("宝鸡高新区慈善协会在哪", "baoji-hitech-charity", "高新区"),
    ("未央区有没有像张家堡那样的社会组织服务中心", "", "服务中心"),
    # 下次 alone is any next time, not an event asked for (review11 item 5)
    ("下次带孩子去智塔要带什么", "baoji-zhita-children", "智塔"),
    ("明明心理下次咨询要预约吗", "baoji-mingming-psychology", "明明心理"),
]


@pytest.mark.parametrize(("question", "key", "said"), STILL_ANSWERED)
def test_a_near_miss_is_still_answered(
    answerer: Answerer, question: str, key: str, said: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    if key:
        assert answer.results[0]["id"] in _family(answerer, key), answer.text
    assert said in answer.text


REFUSED = [
    ("渭滨区明明心理关爱中心几点开门", Refusal.NOT_LISTED),
    ("金台区智塔儿童启能成长中心电话多少", Refusal.NOT_LISTED),
    ("西安的智塔儿童启能成长中心收不收自闭症孩子", Refusal.NOT_LISTED),
    ("宝鸡的秋文社工服务中心在哪个街道", Refusal.NOT_LISTED),
    ("雁塔区有没有像张家堡那样的社会组织服务中心", Refusal.ELSEWHERE),
    ("咸阳有没有跟智塔差不多的康复机构", Refusal.ELSEWHERE),
    ("宝鸡市红十字会给幸福院送过啥东西", Refusal.NOT_LISTED),
    ("渭滨区红十字会能学急救不", Refusal.NOT_LISTED),
]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("我妈想去一个叫康乐颐养服务站的地方，靠谱不", "康乐颐养服务站"),
        ("俺村那个福寿助老服务站能上门做饭不", "福寿助老服务站"),
        ("有个叫暖心助残服务社的在哪", "暖心助残服务社"),
        ("宝鸡市红十字会今年捐了些啥", "宝鸡市红十字会"),
    ],
)
def test_a_made_up_name_is_named_as_asked(answerer: Answerer, question: str, name: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == Refusal.NOT_LISTED, answer.text
    assert f"「{name}」" in answer.text


@pytest.mark.parametrize(("question", "refusal"), REFUSED)
def test_another_body_or_place_is_refused(
    answerer: Answerer, question: str, refusal: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and answer.refusal == refusal, answer.text


# A year some record names, asked of records that name it nowhere: what was or will be then
# is not told (2023 is only 未央区's plan's end; 2020年度 only an assessment's).
@pytest.mark.parametrize(
    "question",
    [
        "关天美农2023年还让认购地吗",
        "2020年度宝鸡评出来的典型有哪几家",
        "智塔2023年还收孩子吗",
        "我们2023年还能认购关天美农的地吗",  # what they may do then, not their story
    ],
)
def test_a_year_its_records_do_not_name_is_unrecorded(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == Refusal.UNRECORDED, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "2021年宝鸡有哪些社会组织典型事例",  # the year the records tell of
        "智塔2021年帮了多少孩子",
        "未央区2020年出台了什么文件",
        "2023年想让娃去智塔，怎么报名",  # when a service is wanted, with the way to it
        "未央区培育社区社会组织的行动到2023年结束吗",
        # a year of the resident's own story (review11 item 4)
        "我家孩子2020年查出来自闭症现在去智塔还来得及吗",
        "我家老人2020年住进了幸福院有啥帮扶",
    ],
)
def test_a_year_its_records_name_or_a_need_is_answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text


# Unanswered as before round 11, but no refusal: nothing a rule names is asked (review11)
@pytest.mark.parametrize("question", ["帮我转给人工", "想找个做护工的阿姨照顾我妈有没有助老服务"])
def test_a_call_passed_on_or_a_carer_sought_is_not_refused(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is None, answer.text


def test_a_count_in_a_unit_no_figure_has_is_unknown(answerer: Answerer) -> None:
    answer = answerer.answer("关天美农那个项目里种菜的贫困户有几户", log_question=False)
    assert not answer.answered and "资料中没有您问的这个数字" in answer.text, answer.text


# Another place asked for a service like ours, with ours told only as where the resident comes
# from or as the model (each occurrence of the place read, not the first alone).
@pytest.mark.parametrize(
    "question",
    [
        "我在渭南上班，老家是宝鸡的，渭南有没有像智塔那样做康复的地方",
        "我爸住在铜川，想找个像情暖幸福院那样的地方过冬",
        "我老家是宝鸡的，现在在咸阳，咸阳有心理咨询吗",
    ],
)
def test_a_service_asked_elsewhere_is_refused(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == Refusal.ELSEWHERE, answer.text


# (question, the record the reply is about): a figure of what no figure counts — people named
# by what they do, a rate when the figures are totals, a duration of what counts events, a part
# of a counted whole the fact does not name — is unknown, the figures held shown.
UNCOUNTED = [
    ("关天美农一共有几个认购人", "chencang-farmland"),
    ("安心小屋一天能接待多少人", "baoji-mingming-psychology"),
    ("益人行的周末去哪里每次能去多少人", "yirenxing-volunteers"),
    ("未央区281家社会组织里有多少家是做环保的", "weiyang-org-stats"),
    ("未央区那2000多家社区社会组织当中养老的有几家", "weiyang-org-stats"),
]


@pytest.mark.parametrize(("question", "key"), UNCOUNTED)
def test_a_count_no_figure_holds_is_unknown(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and "资料中没有" in answer.text, answer.text
    assert answer.results and answer.results[0]["id"] in _family(answerer, key) | {key}


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("未央区281家社会组织里民办非企业有多少家", "230家"),  # the part the fact names
        ("未央区社会组织中社会团体有几家", "51家"),
        ("秋文社工服务了多少人", "12万余人次"),  # the three together, as the fact says
        ("明明心理一年值了多少次班", "131次"),  # in the year counted, not a rate
        ("明明心理关爱中心去年在信访大厅值了多少次班", "131次"),
        ("陈仓那个认地的，一块地一年得花多少钱", "1000元"),  # 每年: by the year
        ("智塔帮了多少残疾人", "164名"),
        # people the figures count, by what they did; one edition's total (review11 item 8)
        ("智塔有多少个受益人", "1000人次"),
        ("少年军校有多少个参加人", "100名"),
        ("少年军校每期多少人", "100名"),
        # the occasion pointed at (那一回), its total asked: no rate
        ("听说有人给村里幸福院装了空调，想知道那一回一共装了多少台", "66台"),
    ],
)
def test_a_count_the_records_hold_is_answered(answerer: Answerer, question: str, said: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and said in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "“爱语行动”是讲啥的",  # quoted, and ours
        "我想了解一下“唯爱妈妈”计划",
        "有个叫智塔的康复中心吗",
        "少年军校是谁办的",
    ],
)
def test_ours_quoted_or_called_is_answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.refusal is None, answer.text


@pytest.mark.parametrize("question", ["少年军校的领队叫什么名字", "安心小屋的负责人是谁"])
def test_a_projects_leader_is_unknown(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and "负责人的姓名" in answer.text, answer.text


# In a long story, the clause that asks: people no figure counts (一共有几个康复老师, before a
# last clause the figures could answer) or a rent none names is unknown; people told of in the
# story (我们村里有几个孤寡老人) are no count asked.
def test_a_story_asking_for_people_no_figure_counts_is_unknown(answerer: Answerer) -> None:
    story = (
        "我们家住在渭滨区，娃今年五岁，前年查出来是自闭症，听说智塔做得不错，"
        "我想问问智塔一共有几个康复老师，一个老师带几个娃"
    )
    answer = answerer.answer(story, log_question=False)
    assert not answer.answered and "资料中没有您问的这个数字" in answer.text, answer.text


def test_people_told_in_a_story_are_no_count_asked(answerer: Answerer) -> None:
    story = "我们村里有几个孤寡老人，村上的幸福院连个空调都没有，夏天在里面根本待不住"
    answer = answerer.answer(story, log_question=False)
    assert answer.answered and "资料中没有您问的这个数字" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "refusal"),
    [
        ("幸福院装的空调是啥牌子", Refusal.MARKET),
        ("想给武术协会送面锦旗，锦旗上该写啥", Refusal.WRITING),
    ],
)
def test_a_brand_or_a_banners_words_are_refused(
    answerer: Answerer, question: str, refusal: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == refusal, answer.text


@pytest.mark.parametrize(
    ("question", "refusal"),
    [
        ("Is the Jintai Wushu Association performing next month?", Refusal.UNRECORDED),
        ("俺爸想去少年军校当教官，咋报名", Refusal.JOB),
    ],
)
def test_what_is_to_come_or_a_job_is_refused(
    answerer: Answerer, question: str, refusal: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == refusal, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "想让娃去武术协会跟教练学武术",
        "我想当志愿者",
        "How can my son join the military school next year?",
    ],
)
def test_a_way_in_is_still_answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.refusal is None, answer.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("我听邻居说朝阳助老服务站挺好的，在哪", "朝阳助老服务站"),
        ("朋友推荐了彩虹桥康复中心，靠谱吗", "彩虹桥康复中心"),
        ("我家孩子在晨曦特教中心上课，那边的老师咋样", "晨曦特教中心"),
    ],
)
def test_a_made_up_name_told_of_is_named(answerer: Answerer, question: str, name: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == Refusal.NOT_LISTED and f"「{name}」" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "想在宝鸡找个心理咨询中心",  # a kind looked for, a verb of the story in it
        "朋友推荐了明明心理关爱中心，靠谱吗",  # ours
        "孩子在特教中心上课，哪里还能做康复",
        "我在张家堡街道社会组织服务中心上班",
    ],
)
def test_a_kind_or_ours_told_of_is_not_refused_as_unlisted(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal != Refusal.NOT_LISTED, answer.text


@pytest.mark.parametrize(
    "question",
    ["中小企业协会的专家顾问团有几位专家", "高新区慈善协会有几个理事"],
)
def test_a_count_of_members_or_of_a_contests_parts_is_unknown(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and "资料中没有" in answer.text, answer.text


def test_a_count_of_a_contests_parts_is_said_to_be_missing(answerer: Answerer) -> None:
    answer = answerer.answer("网络春晚有几个节目", log_question=False)
    assert "资料中没有您问的这个数字" in answer.text, answer.text  # not the contests held


@pytest.mark.parametrize(
    ("question", "said"),
    [("青年文联搞过几次比赛", "秦腔大赛"), ("秦腔大赛办了几届", "首届中青年秦腔大赛")],
)
def test_contests_counted_are_the_events(answerer: Answerer, question: str, said: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and said in answer.text, answer.text


# Every question of ours that one of round 11's rules had refused, by the cause it shares
# words with: answered, and no refusal given.
ANSWERED = [
    # a kind or one of ours called so is answered
    "我想找那个自闭症康复中心",  # a kind, its words the records know
    "孩子想去那个武术协会学武术",
    "我听说有个叫益人行志愿者协会的，怎么加入",
    "那个张家堡的服务中心在哪",
    "宝鸡市公益慈善联合会在哪",
    "有没有家长互助中心",  # 有家 of 没有家长 names nothing (review11 item 6)
    # a service asked is still answered
    "益人行能帮我给孩子报名吗",  # asked of an organization
    "帮我报名少年军校怎么报",  # how, not done for them
    "谁能给我疏导疏导",  # who gives the care
    "想做志愿者，哪里能报名",
    # the resident's own pay or their household's, or pay told beside a service asked
    # (review11)
    "我是老师收入一般孩子有自闭症智塔收费吗",
    "我们公司员工收入低想提升技能中小企业协会有培训吗",
    "社工们收入不高压力大有没有心理疏导",
    "我家孩子的老师待遇问题不说了孩子学武术去哪",
    # who or how one signs up or books, not a command (review11)
    "智塔能不能帮我预约",
    "明明心理咨询怎么给我预约",
    "我想认购一块地谁能帮我认购",
    "陈仓有块田怎么帮我认购",
    "谁能帮我报名少年军校",
    "你能帮我申请智塔的干预吗",
    # a call passed on, no money (review11)
    "能帮我转给工作人员吗",
    "帮我打给智塔问问",
    # who teaches, not a job wanted (review11)
    "武术协会谁当教练",
    "少年军校谁当教官",
    # pay, a span of days or tomorrow told in passing, in a clause of its own (review12)
    "社工们收入不高，压力大，有没有心理疏导",
    "老师待遇一般，想给孩子找个公益的课外活动",
    "我做完手术住院好几天了，有没有志愿者组织能来陪陪",
    "我这几天感冒了，想找个志愿者组织参加活动",
    "明天天气好，想带孩子参加个公益活动，未央区有吗",
    # a request of ours is answered
    "宝鸡有个康复中心吗",
    "金台区的武术协会在哪",
    "渭滨区的经二路联合会在哪",
    "宝鸡的智塔在哪",
    "能帮我在陈仓有块田认购一块地吗",  # asked of the project: how to
    "智塔能不能给我们孩子安排康复",  # asked of an organization
    "少年军校今年还办不",
    # ours asked from elsewhere is answered
    "我在咸阳，孩子自闭症，宝鸡智塔能去吗",  # ours asked for, from elsewhere
    "孩子在雁塔区上学，周末能去张家堡那边的服务中心玩不",
]


@pytest.mark.parametrize("question", ANSWERED)
def test_a_question_of_ours_is_answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.refusal is None, answer.text


# (question, the reason the reply gives): each refusal names what was asked for.
REFUSED_SO = [
    # The reason named is the one asked about: an organization's people's pay is its finances (not
    # a person's private data, nor a vacancy unless one is sought); a course's fee at one of ours is
    # a price (not schooling); a sign-up made for the resident is a task; a care given by the bot,
    # asked in a clause of its own, is served here.
    ("明明心理的咨询师一个月工资多少", Refusal.FINANCES),
    ("武术协会的教练每个月能拿多少钱", Refusal.FINANCES),
    ("中小企业协会一年预算是多少", Refusal.FINANCES),
    ("常青藤社工招人吗，工资多少", Refusal.JOB),
    ("他工资多少", Refusal.PERSONAL_DATA),
    ("在武术协会学武术，一学期学费多少", Refusal.MARKET),
    ("上公立小学学费多少", Refusal.SCHOOLING),
    ("帮我给娃报个名，少年军校那个，名字写李小明", Refusal.TASK),
    ("替我预约一下，明天去智塔", Refusal.TASK),
    ("睡不着，心里堵得慌，给我开导开导吧", Refusal.SERVED_HERE),
    ("智塔老师工资多少", Refusal.FINANCES),
    ("我想问问明明心理的咨询师工资高吗", Refusal.FINANCES),
    ("家庭年收入多少能得到帮助", Refusal.PERSONAL_DATA),  # a household's, not ours
    ("我想去武术协会当教练", Refusal.JOB),
    # a request the records cannot serve is refused
    # a made-up name after 有个 (有个康复中心吗 asks for a kind: answered below)
    ("听说有个向日葵儿童康复中心，收不收三岁娃", Refusal.NOT_LISTED),
    # a place with 的 before one of ours that is elsewhere
    ("眉县的我帮你合作社有几个小组", Refusal.NOT_LISTED),
    ("渭滨区的武术协会在哪", Refusal.NOT_LISTED),  # ours is 金台区's
    # the money passed on, a sign-up or a service arranged by the bot itself
    ("我想给明明心理捐300，你帮我转过去", Refusal.PAYMENT),
    ("帮我把这500块转给智塔", Refusal.PAYMENT),
    ("帮我转给智塔500块", Refusal.PAYMENT),
    ("帮我在陈仓有块田认购一块地", Refusal.TASK),
    ("你能不能给我们村也安排个幸福院", Refusal.TASK),
    # a quoted or called name an opinion or a task is refused
    ("《快乐成长》亲子课堂在哪报名", Refusal.NOT_LISTED),  # a programme quoted
    ("‘暖冬’行动是哪个组织搞的", Refusal.NOT_LISTED),
    ("宝鸡有个叫向阳花的残疾人康复机构吗", Refusal.NOT_LISTED),  # a short name, then its kind
    ("明明心理是宝鸡最专业的心理机构吗", Refusal.OPINION),
    ("帮我概括一下未央区的经验做法", Refusal.TASK),
    ("Can I donate to Zhita through you?", Refusal.PAYMENT),
]


@pytest.mark.parametrize(("question", "refusal"), REFUSED_SO)
def test_the_reason_named_is_the_one_asked(
    answerer: Answerer, question: str, refusal: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal == refusal, answer.text
