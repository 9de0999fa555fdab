"""The reviewed table urgent.py reads: the words of a danger now and of a wrongdoing reported,
and the frames around them that make a question one about a service instead (防止虐待儿童的
项目, 自杀干预培训, 火灾隐患). Each pattern is read on the question as scope.py prepares it
(lower-cased, full-width folded, no spaces between Chinese characters); a change here is
reviewed with the rows of tests/knowledge/answering/test_urgent.py, which hold both the
questions that must be caught and the near misses that must stay answered.

Kept to words that tell the thing itself: 晕倒, 着火, 不想活, 虐待, 贪污. Words that only
border on it (摔倒, 欺负, 想不开, 心情不好, 吵架) are needs the organizations serve and stay
the matcher's.
"""

from __future__ import annotations

import re

from knowledge.answering.scope_kinds import any_of

_CLAUSE = r"[^,.!?;:。，！？；]"  # within one clause
_PERSON = (
    r"(孩子|娃|小孩|儿子|女儿|闺女|老人|爷|婆|奶|姥|外公|外婆|妈|爸|父亲|母亲|老太太|老头|老伴)"
)

# Someone's life or health in danger now: 120.
MEDICAL = any_of(
    r"晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|叫不醒|喊不醒|没(有)?了?(意识|呼吸|心跳)"
    r"|没气了|心跳停|休克|抽搐|抽风|口吐白沫|人事不省",
    rf"(血|出血){_CLAUSE}{{0,3}}(止不住|不止|停不下)|大出血|血流不止|流了?(好多|很多|一地|满地)的?血"
    r"|(好多|很多|一地|满地)(的)?血|一直(在)?流血",
    rf"倒地不起|倒(在)?地上{_CLAUSE}{{0,4}}(不动|起不来|叫不|喊不)|躺在地上不动"
    rf"|摔{_CLAUSE}{{0,4}}起不来",
    # not 热得喘不过气: a degree said, no breath lost
    r"(?<!得)(喘不上气|喘不过气|上不来气)|呼吸困难|噎住了|卡住喉咙|嘴唇(都)?发紫"
    r"|胸口(疼|痛)得(厉害|要命|受不了)|心脏病(犯|发作)|中风了|脑溢血|脑梗了",
    rf"(吃|喝|吞)了?{_CLAUSE}{{0,6}}(农药|敌敌畏|百草枯|老鼠药|耗子药|安眠药)|误服|误食"
    rf"|药{_CLAUSE}{{0,3}}倒(进)?嘴里|吃了(好几|十几|几十)(片|粒|颗)|吃了(一把|一瓶|整瓶)",
    rf"(农药|敌敌畏|百草枯|老鼠药|耗子药|安眠药){_CLAUSE}{{0,4}}(吃|喝|吞)(了|下)",
    r"触电了|溺水了|掉(进)?(河|水|井|水库)里|煤气中毒|一氧化碳中毒|(叫|被)车撞了|撞倒了?人|出车祸了",
)
# Fire, gas, someone trapped: 119.
FIRE = any_of(
    # not 围着火盆, 烤着火炉: a fire kept, none caught
    r"(?<![围烤守靠挨对])着火(?!盆|炉|堆|锅|炕|柴)|起火|失火|火灾|烧起来了|冒(黑)?烟|浓烟"
    r"|煤气味|燃气味|(煤气|燃气|天然气)泄漏|油锅着了",
    r"被困(在|住|电梯|屋|家|楼|里)|困在电梯|卡在电梯|压在(下面|底下)|(里面|里头)(好像|可能)?还有人",
)
# Violence, a weapon, a break-in, a person lost, a child hurt by others: 110.
POLICE = any_of(
    r"(拿|持|提|举)着?(刀|斧|棍|枪)|砍(人|门|我|他|她)|在砍|行凶|杀人了|捅(了|伤)人|抢劫|被抢|抢了我"
    rf"|绑架|被拐|拐走|拐卖|撬{_CLAUSE}{{0,4}}(门|锁|窗)|有人(闯|砸|撬)|入室|打起来了|斗殴|群殴"
    r"|追着(打|砍)",
    rf"正在(打|虐待|砍|追|掐){_CLAUSE}{{0,4}}|(打|揍)我{_CLAUSE}{{0,4}}(救命|报警)|救命",
    rf"{_PERSON}(又|都|已经|突然|今天|刚才)?(走丢|走失|丢了|不见了)|走丢了|走失了",
    # others hurting a child or an old person (the resident a witness): 邻居家老打孩子
    rf"(邻居|隔壁|对门|楼上|楼下|别人家|那家|他家|她家|后妈|继母|继父|后爸){_CLAUSE}{{0,4}}"
    rf"(打|虐待|打骂|揍|饿着|关着){_CLAUSE}{{0,2}}(孩子|娃|小孩|老人|他|她)",
)
# Someone who says they want to die or to hurt themselves.
SELF_HARM = any_of(
    # not 累得想死, 想死你了: a degree said, someone missed
    r"不想活|活着没(意思|劲|意义|盼头)|活不下去|活够了|不如死了|(?<!得)想死(?!你|您)|自杀|轻生"
    r"|寻短见|结束(自己的)?生命|了结自己|(跳|跳下)(楼|河)(?!价|大甩卖)|割腕|上吊",
    rf"(想|要|准备){_CLAUSE}{{0,6}}(跳下去|从楼上跳)",
)
# … or to hurt someone else.
HARM_OTHERS = any_of(
    r"想(杀了|弄死|杀死|砍死|捅死)|想杀人|要杀了|报复社会|同归于尽",
)
# Violence at home told as a habit, not as happening now (我老公一吵架就动手打人): a need the
# family services serve, answered, with the 110 line first (urgent.py).
VIOLENCE_TOLD = any_of(
    r"家暴|动手打|被[\u4e00-\u9fff]{1,4}(打|揍)(了|得|伤)|被打(了|得|伤|骂|哭)|挨打|挨揍|打骂"
    r"|打人(?!员)|打我(?!电话|手机|微信)|打孩子|打娃|打老婆|打媳妇|打老人",
)
_STAFF = r"(老师|教练|教官|社工|护工|阿姨|工作人员|院长|志愿者|保育员|〇)"
# A wrongdoing reported or an accusation asked: harm to a person …
ABUSE = any_of(
    r"虐待|虐童|体罚|性侵|猥亵",
    rf"{_STAFF}{_CLAUSE}{{0,4}}(打|掐|踢|扇|揍)了?(孩子|娃|小孩|学生|老人|人)|被{_STAFF}(打|掐|踢|扇|揍)",
)
# … money taken or a fraud …
FRAUD = any_of(
    r"贪污|贪了|被人?贪|挪用|私吞|侵吞|中饱私囊|吃回扣|骗(钱|捐|子|局|人|老人)|骗(了|走)(钱|我|我们|老人|人|[0-9一二三四五六七八九十几两]+)|诈骗|被骗|上当受骗|传销"
    r"|乱收费|收红包|受贿|索贿|行贿|敲诈|勒索|洗钱|非法集资|账目不清|做假账|假账",
)
# … or a complaint or a report, whatever about.
REPORTED = any_of(r"举报|投诉|告发|曝光")

# What makes it a question about a service instead: prevention before the word (防止虐待儿童,
# 预防自杀, 反诈骗) within its clause, or a service's noun right after it (自杀干预, 火灾隐患,
# 溺水急救培训).
PREVENTED = re.compile(
    rf"((预防|防止|防范|避免|远离|识别|打击|杜绝|免受|谨防|提防|应对|反对){_CLAUSE}{{0,5}}|防|反)$"
)
SERVICE_AFTER = re.compile(
    r"^(的)?[\u4e00-\u9fff]{0,4}?(项目|活动|讲座|培训|宣传|知识|课程|教育|演练|干预|预防|援助|隐患|案例"
    r"|热线|防护|常识|手册|科普|保险|逃生)"
)
# A negation just before the word (没有虐待, 不是骗子), not a question's (有没有贪污, 是不是骗子).
NEGATED = re.compile(
    r"(?<![有是会])(没有|没|不是|不会|不|未|无|别|并非|并没有?)(被|在|再|曾|想|要|打算)?$"
)
# Asked whether someone would (智塔的老师会不会打孩子, 教练打不打人): a question of conduct
# the scope rules answer, no violence told.
WOULD = re.compile(r"会不会|打不打|打没打|有没有打|会打[^,.!?;。]{0,4}吗")
# Asked in the past (晕倒过): no danger now.
BEFORE_NOW = re.compile(r"^过")
# A request for someone to help (有人能帮帮她吗, 哪里有心理咨询): a despair told with it asks
# for a service too, answered after the safety lines.
ASKS_HELP = any_of(
    r"哪里|哪儿|哪有|哪能|去哪|谁能|有人能|有没有人|找谁|找(个|一个)?人|能帮|帮帮|帮忙|求助|想找|有没有"
    rf"{_CLAUSE}{{0,12}}(组织|机构|地方|服务|中心)",
)

# The same dangers asked in English (the matcher reads English in Chinese words, but a danger
# must not wait on that): only the plain ones, each with who is in it.
_NOT = r"(?<!n't )(?<!n’t )(?<!not )"
ENGLISH = (
    (
        "self_harm",
        re.compile(
            rf"\b(kill(ing)? myself|suicid\w*|{_NOT}want(ed)? to die|end(ing)? my (own )?life"
            r"|(don[’']?t|do not) want to (live|be alive)|hurt(ing)? myself)\b"
        ),
    ),
    ("harm_others", re.compile(r"\bwant to (kill|hurt) (him|her|them|someone|somebody|my \w+)\b")),
    (
        "medical",
        re.compile(
            r"\b(fainted|passed out|collapsed|unconscious|not breathing|can[’']?t breathe"
            r"|bleeding (badly|heavily|a lot)|heart attack|overdos(e|ed)|choking|seizure)\b"
        ),
    ),
    ("fire", re.compile(r"\b(on fire|(is|are) burning|gas leak|smell(s)? (of )?gas)\b")),
    (
        "police",
        re.compile(
            r"\b(beats?|beating|hits?|hitting|abus(es|ing|ed)|hurts?|hurting) (his|her|their) "
            r"(kids?|children|child|wife|husband|son|daughter|mother|father|mom|dad)\b"
            r"|\b(breaking in|break-in|burglar|robbed|kidnapp\w*|missing child|has a knife"
            r"|with a knife)\b"
        ),
    ),
)
# Violence at home against the resident, told in English (my husband hits me): the need is
# answered, as in Chinese, after the 110 line.
ENGLISH_AT_HOME = re.compile(
    r"\b(beats?|beating|hits?|hitting|abus(es|ing)|hurts?|hurting) (me|my (kids?|children|child"
    r"|wife|husband|son|daughter|mother|father|mom|dad))\b"
)
