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
# within one sentence: a state and what follows from it are often told apart (倒地上了，叫不应)
_SENTENCE = r"[^.!?;:。！？；]"
_HARMFUL = (
    r"(农药|敌敌畏|百草枯|老鼠药|耗子药|安眠药|除草剂|杀虫剂|洗洁精|洗衣液|洗衣粉|消毒液|84消毒"
    r"|漂白|洁厕|汽油|干燥剂|电池|硬币|纽扣|磁铁|磁珠|钉子|刀片|碎玻璃|玻璃渣)"
)
# a gap within the clause naming no thing of a person's (我妈手机找不到了 is a phone lost)
_NO_THING = r"(?:(?!手机|钱|钥匙|东西|玩具|证|卡|包|书|作业|猫|狗|车)[^,.!?;的，。！？；])"
_PERSON = (
    r"(孩子|娃|小孩|儿子|女儿|闺女|老人|爷|婆|奶|姥|外公|外婆|妈|爸|父亲|母亲|老太太|老头|老伴)"
)
_WHO = rf"({_PERSON}|人|他|她|我|老公|老婆|媳妇|男人|丈夫|妻子|宝宝)"

# Someone's life or health in danger now: 120.
MEDICAL = any_of(
    r"晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|叫不醒|喊不醒|叫不应|喊不应|没(有)?了?(意识|呼吸|心跳)"
    r"|没气了|心跳停|休克|抽搐|口吐白沫|人事不省|(晕|昏)在[\u4e00-\u9fff]{1,4}了",
    # not 你抽风了吧: an insult, nobody fitting
    rf"(突然|{_PERSON}|人|他|她){_CLAUSE}{{0,3}}抽风",
    rf"(血|出血){_CLAUSE}{{0,3}}(止不住|不止|停不下)|大出血|血流不止|流了?(好多|很多|一地|满地)的?血"
    r"|(好多|很多|一地|满地)(的)?血|一直(在)?流血|血流了?(好多|很多|一地|满地)|头破血流"
    rf"|(头|脑袋){_CLAUSE}{{0,3}}(流血|出血)",
    # a fall and what it left: 倒地上了，叫不应; 跌了一跤，起不来
    rf"倒地不起|倒(在)?地上{_SENTENCE}{{0,6}}(不动|起不来|叫不|喊不|没反应)|躺在地上不动"
    rf"|(摔|跌|栽)(倒|了|跤){_SENTENCE}{{0,6}}(起不来|爬不起来|动不了|不动了|没反应)"
    rf"|摔{_CLAUSE}{{0,4}}起不来"
    # someone, not a thing (手机从楼上掉下来了)
    rf"|{_WHO}{_CLAUSE}{{0,3}}从{_CLAUSE}{{0,6}}(楼|阳台|窗|高处|房顶|屋顶)[上台户]?{_CLAUSE}{{0,2}}"
    r"(掉|摔|跌|坠)下(来|去)",
    # not 热得喘不过气: a degree said, no breath lost
    r"(?<!得)(?<!得我)(?<!得人)(喘不上气|喘不过气|上不来气)|呼吸困难|噎住了|卡住喉咙|嘴唇(都)?发紫"
    r"|胸口?(疼|痛|闷)得(厉害|要命|受不了|很|不行)|心脏病(犯|发作)|中风了|脑溢血|脑梗了"
    r"|(烫|烧|炸)伤了|被开水烫|半边身子?(动不了|不能动|没知觉)"
    rf"|突然{_CLAUSE}{{0,4}}(说不出话|动不了|嘴歪)",
    # a harmful thing swallowed or drunk, in either order (吞了电池, 把洗衣液喝了); 喝药了
    # is said for drinking poison
    rf"(吃|喝|吞|咽)(了|下|进)?{_CLAUSE}{{0,4}}{_HARMFUL}|误服|误食|(?<![该要按吃])喝药了(?=$|[,.!?，。！？])"
    rf"|药{_CLAUSE}{{0,3}}倒(进)?嘴里|吃了(好几|十几|几十)(片|粒|颗)|吃了(一把|一瓶|整瓶)"
    rf"|吃了(好多|很多|一大把)的?药|把{_CLAUSE}{{0,6}}药{_CLAUSE}{{0,2}}(吃|吞|喝)了?(好多|很多|一把|一瓶|半瓶|一板|光|完)",
    rf"{_HARMFUL}{_CLAUSE}{{0,4}}(吃|喝|吞|咽)(了|下|进)",
    rf"触电了|溺水|落水|被水冲走"
    rf"|{_WHO}{_CLAUSE}{{0,4}}掉(进|到|在)?{_CLAUSE}{{0,3}}(河|水|井|水库|湖|池塘|江|海|渠)里"
    r"|煤气中毒|一氧化碳中毒|(叫|被)车撞了|撞倒了?人|出车祸了",
)
# Fire, gas, someone trapped: 119.
FIRE = any_of(
    # not 围着火盆, 烤着火炉: a fire kept, none caught
    # not 嗓子冒烟: thirst said
    r"(?<![围烤守靠挨对])着火(?!盆|炉|堆|锅|炕|柴)|起火|失火|火灾|烧起来了"
    r"|(?<!嗓子|喉咙|嗓门|气得)冒(黑)?烟|浓烟"
    rf"|煤气味|燃气味|(煤气|燃气|天然气|液化气)(罐|管道?)?{_CLAUSE}{{0,4}}(泄漏|漏了|漏气|味|爆炸)|油锅着了",
    r"被困(在|住|电梯|屋|家|楼|里)|困在电梯|卡在电梯|电梯里?(困|卡|关)住|压在(下面|底下)"
    r"|(里面|里头)(好像|可能)?还有人",
)
# Violence, a weapon, a break-in, a person lost, a child hurt by others: 110.
POLICE = any_of(
    r"(拿|持|提|举)着?(刀|斧|棍|枪)|砍(人|门|我|他|她)|在砍|行凶|杀人了|捅(了|伤)人|抢劫|被抢|抢了我"
    rf"|绑架|被拐|拐走|拐卖|撬{_CLAUSE}{{0,4}}(门|锁|窗)|有人(闯|砸|撬)|入室|斗殴|群殴"
    # not 孩子们玩游戏打起来了: children at play
    r"|(?<!游戏|玩着|闹着)(?<!玩)打起来了|追着(打|砍)|(掐|勒)(住|着)?(我|他|她|孩子|娃)?的?脖子|掐(住|着)?我"
    r"|要(打死|杀|砍|捅)(了)?(我|死我)",
    rf"正在(打|虐待|砍|追|掐){_CLAUSE}{{0,4}}|(还|一直|又)?在(打|揍|踢)我|(打|揍)我{_CLAUSE}{{0,4}}(救命|报警)"
    # not 救命，这个表格怎么填: a cry before an ordinary question
    rf"|救命(?!{_SENTENCE}*(怎么|咋|哪里|什么|啥|吗|如何|能不能|谁))",
    # a person lost, not a thing of theirs (孩子不见了好久的玩具)
    rf"{_PERSON}(又|都|已经|突然|今天|刚才|一下子)?丢了|{_PERSON}{_NO_THING}{{0,6}}(走丢|走失|失踪|找不见|找不着|找不到了|不见了)"
    r"(?!好久|很久|的|[钱东手钥玩书])|走丢了|走失了"
    rf"|{_PERSON}{_CLAUSE}{{0,6}}(到现在|一晚上|一夜|一整天|天黑了?){_CLAUSE}{{0,2}}没(回家|回来)",
    # others hurting a child or an old person (the resident a witness): 邻居家老打孩子
    rf"(邻居|隔壁|对门|楼上|楼下|别人家|那家|他家|她家|后妈|继母|继父|后爸){_CLAUSE}{{0,4}}"
    rf"(打|虐待|打骂|揍|饿着|关着){_CLAUSE}{{0,2}}(孩子|娃|小孩|老人|他|她)"
    rf"|(邻居|隔壁|对门|楼上|楼下|别人)家?的?(孩子|娃|小孩|老人){_CLAUSE}{{0,4}}被{_CLAUSE}{{0,3}}"
    r"(打|虐待|打骂|揍|饿|关)",
)
# Someone who says they want to die or to hurt themselves.
SELF_HARM = any_of(
    # not 累得想死, 想死你了: a degree said, someone missed
    # not 累得想死, 想死你了, 想死在家乡: a degree said, someone missed, a wish
    r"不想(再)?活(?!动)|活不下去|伤害自己|自残|活够了|不如死了|(?<![累热困饿笑馋忙吵冷渴撑挤晒闷]得)想(去)?死(?!你|您|在(家乡|老家|故乡))"
    r"|自杀|轻生|寻短见|结束(自己的|我的)?(生命|这一切|一切|自己)|了结(自己|生命)|一了百了|一死了之"
    r"|死了(就)?(算了|好了|一了百了)|遗书|烧炭|割腕|割脉|上吊"
    r"|(跳|跳下)(楼|河|江|桥)(?!价|大甩卖)|救救我(?!们)|(?<!得)快不行了",
    # not 厂子快撑不下去了: a business failing, nobody's life
    r"(?:^|(?<=[,.!?;，。！？；]))(?:(?!公司|生意|店|厂|企业|买卖|项目|组织|机构)[^,.!?;，。！？；]){0,12}"
    r"(撑|熬)不下去",
    # life without meaning, said many ways: 活着还有啥意思, 活得没意思, 活着太累了，没意思
    rf"活(着|得){_SENTENCE}{{0,6}}((没|没有)(什么|啥|甚)?|有(什么|啥|甚么))(意思|劲|意义|盼头)"
    rf"|活(着|得){_CLAUSE}{{0,4}}(意思|意义|盼头)都?没有?",
    rf"(想|要|准备){_CLAUSE}{{0,6}}(跳下去|从楼上跳)|我(要|想|准备)跳了|我(现在)?(站)?在(楼顶|天台|桥上)上?了?$"
    rf"|药{_CLAUSE}{{0,3}}(准备|攒|买)好了",
)
# A stranger seen jumping or fallen into water (有人跳河了, 桥上有个人要跳): a rescue for 110,
# not the resident's own despair.
WITNESSED = any_of(
    rf"(有人|有个人|有一个人|一个人|那个人|那人|一个(男的|女的|老人|小孩|孩子|学生))"
    rf"{_CLAUSE}{{0,4}}(跳|跳下|跳进|跳到)(了)?(河|江|湖|水|楼|桥|井|下去)",
    rf"(有人|有个人|有一个人|一个人|一个(男的|女的|老人|小孩|孩子|学生))"
    rf"{_CLAUSE}{{0,4}}(落水|掉(进|到|在)?(河|江|湖|水|井)里)",
)
# The same told in pinyin (wo bu xiang huo le, wo xiang si).
PINYIN_SELF_HARM = re.compile(
    r"\bwo ?(bu ?xiang ?huo|xiang ?(qu ?)?si\b|xiang ?zi ?sha)|\bbu ?xiang ?huo ?le\b"
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
    r"虐待|虐童|体罚|性侵|猥亵|关小黑屋|关禁闭",
    rf"{_STAFF}{_CLAUSE}{{0,4}}(打|掐|踢|扇|揍)了?(我家|我们家?|我的|他家|她家)?的?(孩子|娃|小孩|学生|老人|人)"
    rf"|被{_STAFF}(打|掐|踢|扇|揍)"
    rf"|{_STAFF}{_CLAUSE}{{0,4}}把{_CLAUSE}{{0,3}}(孩子|娃|小孩|学生|老人){_CLAUSE}{{0,2}}(关|锁|绑|饿)",
)
# … money taken or a fraud …
FRAUD = any_of(
    r"贪污|贪了|被人?贪|挪用|私吞|侵吞|中饱私囊|吃回扣|骗(钱|捐|子|局|人|老人)|骗(了|走)(钱|我|我们|老人|人|[0-9一二三四五六七八九十几两]+)|诈骗|被骗|上当受骗|传销"
    r"|乱收费|收红包|受贿|索贿|行贿|敲诈|勒索|洗钱|非法集资|账目不清|做假账|假账"
    # goods given away sold for gain: 捐的物资被人倒卖了
    r"|倒卖|私分|私自(卖|变卖)|偷偷(卖|变卖)",
)
# … or a complaint or a report, whatever about.
# not 多曝光一下: promotion asked
REPORTED = any_of(r"举报|投诉|告发|曝光(?!一下|度|率)")

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
# Asked in the past (晕倒过, 中风后): no danger now.
BEFORE_NOW = re.compile(r"^(过|后|以后|之后)")
# Told of a time gone by, before the words (上个月被车撞了) and with nothing told of now since
# (之前说胸口疼，现在突然晕倒了 is now), or of someone already cared for or of the news after
# them (出车祸了在医院, 火锅店着火了新闻看了吗): no danger now.
TIME_GONE = re.compile(
    r"上个?月|上周|上星期|去年|前年|前几年|几年前|以前|之前|那年|当年|小时候|上次|那次|新闻|报道|电视上"
)
NOW_TOLD = re.compile(r"现在(又|突然)|突然|刚才|刚刚|正在|今天|又")
CARED_FOR = re.compile(r"在医院|住院|出院|养伤|新闻|报道|电视上|视频里")
# Prevention or a service asked for anywhere in the question (老人走失了怎么办，有没有防走失
# 活动; 我妈总被保健品骗钱，有没有反诈宣传): the question is about the service.
PREVENTION_ASKED = re.compile(
    r"(预防|防止|防范|防|反)[\u4e00-\u9fff]{0,3}(活动|讲座|宣传|培训|知识|手环|课程|教育|演练|项目)"
    r"|怎么(预防|防范|防止)|如何(预防|防范|防止)"
)
# People of a kind, not a person told of (被虐待的儿童有没有救助机构).
KIND_OF_PEOPLE = re.compile(r"^的(儿童|孩子|小孩|老人|妇女|女性|人|群体|家庭|受害者)")
# A child's own behaviour asked about (孩子老是打人怎么办): no violence against anyone told.
CHILD_BEHAVES = re.compile(
    rf"(孩子|娃|小孩|儿子|女儿|闺女|学生|宝宝){_CLAUSE}{{0,4}}(打人|咬人|打同学|打小朋友|打架)"
)
# A resident's own past, told before asking for help (被骗去参加了一个传销，现在出来了).
OVER_NOW = re.compile(r"现在(已经)?(出来|好)了|已经(出来|好)了")
# A request for someone to help (有人能帮帮她吗, 哪里有心理咨询): a despair told with it asks
# for a service too, answered after the safety lines.
ASKS_HELP = any_of(
    r"哪里|哪儿|哪有|哪能|去哪|阿达|阿搭|哪达|哪搭|谁能|有人能|有没有人|找谁|找(个|一个)?人|能帮|帮帮|帮忙|求助|想找|有没有"
    rf"{_CLAUSE}{{0,12}}(组织|机构|地方|服务|中心)",
)

# The same dangers asked in English (the matcher reads English in Chinese words, but a danger
# must not wait on that): only the plain ones, each with who is in it.
_NOT = r"(?<!n't )(?<!n’t )(?<!not )"
ENGLISH = (
    (
        "self_harm",
        re.compile(
            rf"\b(kill(ing)? myself|suicid\w*|{_NOT}want(ed)? to die(?! laughing| of laughter)"
            r"|end(ing)? my (own )?life|(don[’']?t|do not) want to (live|be alive)|hurt(ing)? myself"
            r"|can[’']?t go on|end it all|(life|living) is meaningless|no reason to live"
            r"|better off dead)\b"
        ),
    ),
    ("harm_others", re.compile(r"\bwant to (kill|hurt) (him|her|them|someone|somebody|my \w+)\b")),
    (
        "medical",
        re.compile(
            r"\b(fainted|passed out|collapsed|unconscious|not breathing|can[’']?t breathe"
            r"|bleeding (badly|heavily|a lot)|heart attack|overdos(e|ed)|choking|seizure"
            r"|(swallowed|drank|ate) (a |an |some |the )?(battery|batteries|coins?|magnets?|bleach"
            r"|poison|pesticide|detergent|pills)|took too many pills|can[’']?t get up"
            r"|fell (into|in) (the |a )?(river|water|lake|well|sea|pool)|drowning)\b"
        ),
    ),
    (
        "fire",
        re.compile(
            r"\b(on fire|(is|are) burning|gas leak|smell(s)? (of )?gas"
            r"|(there[’']?s|there is) a fire|fire in (my|our|the) \w+|trapped in)\b"
        ),
    ),
    (
        "police",
        re.compile(
            r"\b(beats?|beating|hits?|hitting|abus(es|ing|ed)|hurts?|hurting) (his|her|their) "
            r"(kids?|children|child|wife|husband|son|daughter|mother|father|mom|dad)\b"
            r"|\b(breaking in|break-in|burglar|robbed|kidnapp\w*|missing child|has a knife"
            r"|with a knife|(child|kid|son|daughter|grandma|grandpa|mother|father) is missing"
            r"|(is|are|keeps?) (hitting|beating|attacking|choking|strangling) me"
            r"|(hitting|beating|hurting) me right now)\b"
        ),
    ),
)
# A prevention or a training asked in English (suicide prevention workshop): a service.
ENGLISH_SERVICE = re.compile(
    r"\b(prevention|preventing|awareness|workshops?|training|courses?|class(es)?|lectures?)\b"
)
# Violence at home against the resident, told in English (my husband hits me): the need is
# answered, as in Chinese, after the 110 line.
ENGLISH_AT_HOME = re.compile(
    r"\b(beats?|beating|hits?|hitting|abus(es|ing)|hurts?|hurting) (me|my (kids?|children|child"
    r"|wife|husband|son|daughter|mother|father|mom|dad))\b"
)
