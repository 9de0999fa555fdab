"""What a question asks for, read from its head: the question word and the verb or noun it
governs, not the topic words it shares with the knowledge base.

A request we serve asks who or which organization, where, how to reach or join one, what it
does or how many, or tells a need (怎么办, 想找, 有没有…的地方). A question may hold all of our
words and still ask for something else:

- a method (`HOW_TO`): 八法五步怎么打, 底肥该怎么上, 冰箱自己咋修, 能分解一下动作吗;
- a judgement (`OPINION`): 哪个更好, 哪家最好吃, 给排个名, 这事是真的吗, 你觉得;
- an explanation (`EXPLANATION`): 为什么, 什么原因, 有啥区别, 怎么形成的, 起源;
- a text written for the resident (`WRITING`): 帮我写出来, 写一篇.

The rules of scope_rules.py are tried first and only refine this: they name the topic (a
medicine, a price, an official) for a more helpful refusal. This check is the general one,
for the head the rules do not name. A request frame anywhere in the question (哪里能学, 找谁,
有没有…机构, 想参加) lifts it: the resident then asks for a service after all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.answering.scope_kinds import Refusal, any_of

# How one reaches, joins or gets a service, or how an organization does its work: a method
# asked with one of these verbs is a request we serve (怎么报名, 咋联系, 怎么认领, 如何申请入驻,
# 咋发展). Parenting and care are services here (爱语行动 teaches how to talk to a child).
_REACH_VERBS = (
    r"参加|参与|加入|报名|报(?!道|纸)|申请|联系|联络|找|寻|去|到|来|坐|乘|捐|募|认购|认领"
    r"|认(?!为|识|真|定|可)|领养|入会|入社|入驻|入|成为|当|做(志愿|义工|公益|好事|康复|训练|干预|咨询"
    r"|心理|评估|会员)|上(课|台|舞台)|预约|求助|寻求|获得|得到|享受|办(?!法)|成立|创办|注册|登记|备案"
    r"|合作|对接|反映|咨询|用(?!药|力)|使用|帮|支持|支援|救助|关爱|资助|捐助|发展|开展|运作|运行|运转"
    r"|运营|推进|实施|落实|建设|培育|孵化|扶持|监管|管(?!用)|服务|康复|训练|干预|照顾|照看|护理|保护"
    r"|陪|疏导|说话|沟通|交流|相处|教|学|带|劝|安慰|收费|交|缴|付|加强|推动|促进|提升|规范|引导|鼓励"
    r"|保障|做好|说|讲|弄|整|搞|操作|办理|转型|经营|营销|开拓|宣传|评选|送|运|拿|领|取(?!名)"
)
# a method told with whom or for whom first: 怎么给河南灾区捐款, 怎么让孩子学武术, 怎么网上给
# 幸福院捐款, 怎么才能有人上门照顾
_WAY = (
    r"(?:[\u4e00-\u9fff]{0,3}?(?:给|为|向|跟|和|同|替|帮|在|把|对|从|让|叫|送|带|有人|找人|请人)"
    r"[\u4e00-\u9fff]{0,6}?)?"
)
# The method of a craft, asked: the verb is the craft's own (怎么打, 怎么唱, 咋修, 怎么施肥,
# 怎么补录) or the thing made is (武术操怎么做). Any other verb is left to the matcher, which
# answers a way to a service (怎么住进幸福院, 心理疏导怎么做, 老人心情不好怎么开导) and says
# it does not know the rest: a closed list of the ways to a service refused too many of them.
_CRAFT_VERB = re.compile(
    rf"(?:个|能|才能|才|可以|去|来|自己|在家|亲自|具体|深度|该|要)*{_WAY}"
    r"(打(?!听|电话|交道)|练|走|唱|跳|弹|吹|画|写|填|修|补|施肥|上(肥|药)|浇|栽|种(?!类)|治|医|吃|喝|煮|炒"
    r"|烧(?!香)|蒸|腌|洗|擦|清洗|清理|打扫|破解|算|开(?!导|展|始|会|通|放|办)|查|考|剪|织|绣"
    # what the law says or does: 法律上咋规定的, 怎么判
    r"|规定|判|罚|处罚|起诉|告(?!诉))"
)
_CRAFT_THING = re.compile(
    r"(操|拳|舞|菜|饭|题|作业|动作|手工)(的)?(是|都|又|具体|到底|一般|该|要)*$"
)
# What a method is asked about when it is an organization's own way of working (经二路合作社
# 怎么管院子, 它是咋运转的): the subject just before the question word.
_ACTOR = re.compile(
    r"(〇|协会|中心|组织|机构|合作社|联合会|联谊会|基金会|服务站|工作站|社工|志愿者|项目|他们|她们|你们|它们?"
    r"|这里|那里|这儿|那儿|这边|那边|这个|那个|这家|那家|街道|社区|区|市|镇|村|路|大厅|小屋|学校|政府"
    r"|课|班|培训|讲座|活动|比赛|大赛|演出)"
    r"(的)?(是|都|又|平时|具体|到底|一般|会|要|该|能|可以|是)*$"
)
# not "how come" (咋从来没听过, 怎么老是哭, 怎么突然不说话了): that tells, it asks no method;
# nor a habit to break (怎么才能不当着孩子吵): a need for help
_HOW = re.compile(
    r"(?:怎么|如何|怎样)(?!样|办|回事|会|了|这么|那么|不|没|从|都|还|又|总|老|突然|一直|也|就|竟|偏"
    r"|才能不|才不|能不)"
)
# "不知道怎么办", "想学学怎么沟通", "指导一下怎么转型": a method the resident lacks is a
# need told (someone to teach or help), not a method asked of the bot.
_LACKS = re.compile(
    r"(知道|晓得|不懂|不会|学|教|指导|指点|培训|辅导|咨询|请教|了解|帮助|帮)(一下|下|学)?"
    r"(我|我们|俺|额|他|她|他们|大人|家长|孩子|人)?(该|要|到底|应该)?$"
)
# "连菜怎么长的都不知道", "字怎么写也不会": what someone does not even know is told, no
# method asked (the need is in the clause around it: 想带他下地干点农活)
_TOLD_UNKNOWN = re.compile(r"^[\u4e00-\u9fff]{0,8}?(都|也)(不知道|不晓得|不懂|不会|不清楚|不明白)")
# … unless the bot itself is told to teach, the clause opening with it: 教我咋种西红柿
_TEACH_ME = re.compile(r"(你|请你?|麻烦你?|快)?(教教|教)(我|俺|额|我们)(一下|下|一哈)?$")
# The content of a craft or a skill, asked for: the records hold none (口令和节拍, 分解动作).
_CRAFT = any_of(
    r"动作|步骤|口令|节拍|唱词|歌词|曲谱|乐谱|教程|攻略|技巧|窍门|诀窍|要领|秘诀|配方|做法|菜谱|食谱"
    r"|模板|范文|套路|招式|要素|话术|原理|知识点|考点|真题|题库|讲究|礼仪|(认定|评分|评判|打分)标准",
    # a dish cooked well: 西红柿炒鸡蛋咋做好吃 (a recipe, whatever the project grows)
    r"(怎么|如何|怎样)(做|炒|煮|烧|蒸|炖|弄|整|腌)(才|得|的)?(好吃|好喝|香|入味|下饭)",
    # taught by the bot: 能给我详细讲讲吗, 举个例子 (讲讲智塔 asks about one of ours; 想给娃娃们
    # 讲讲 is the resident's own telling)
    r"(给我|跟我|帮我|替我|为我|你|请|麻烦)(详细|具体|好好)?地?(讲讲|讲一讲|讲一下|讲解|科普|解释"
    r"|分析)(?!〇|你们|他们|它)|举(个|几个|一个)例子",
    # how much or how often is right: 蜂蜜每天喝多少合适
    r"(多少|几次|几回|多久|多长时间|几个小时)(合适|为宜|比较好|最好|才好|才行)|多久[\u4e00-\u9fff]{0,3}一次",
    # when to do a piece of farm or house work: 啥时候下苗
    r"(什么时候|何时|几月)(下苗|播种|下种|施肥|浇水|打药|移栽|栽|种)",
)
_OPINION = any_of(
    # comparing two, or ranking many
    r"(哪个|哪家|哪种|哪样|哪一个|哪一家|哪一种|谁)(更|比较)",
    r"(和|跟|与|还是)[^,.!?;。]{1,16}(哪个|哪家|哪种|谁)(好|强|行|划算|适合|靠谱)",
    # whose staff do better: 谁家老师更有耐心; the best asked of one: 是不是宝鸡最好的
    r"(哪家|谁家)[^,.!?;。]{1,6}(更|比较)(好|强|有|专业|靠谱|厉害|负责|耐心|便宜|正规)"
    r"|是不是[^,.!?;。]{0,8}最(好|靠谱|正规|专业|厉害|有名|强|差)"
    r"|是[^,.!?;。]{0,8}最(好|靠谱|正规|专业|厉害|有名|强|差)的[^,.!?;。]{0,10}(吗|么|不|没)[?？]?$",
    # which of two costs less or does better: 智塔和明明心理哪个收费低
    r"(和|跟|与|还是)[^,.!?;。]{1,16}(哪个|哪家|哪种|谁)[^,.!?;。]{0,4}(好|便宜|贵|低|高|专业|正规|厉害|有名"
    r"|负责|实惠|省钱|大|多|少)",
    # (哪个街道的社会组织服务中心最差劲: a kind's long name between them)
    r"(哪个|哪家|哪种|哪出|哪部|哪首|哪里|哪儿|谁)[^,.!?;。]{0,16}最(好|靠谱|正规|专业|厉害|有名|出名|强|好吃"
    r"|水|差|烂|坑|不行|不靠谱|糟|次|垃圾|没用"
    r"|好玩|划算|便宜|省|健康|适合|权威|负责|经典|精彩|好看|好听)",
    # one of ours weighed against another: 是不是比医院的康复科强
    r"是不是比|有没有比[^,.!?;。]{1,12}(强|好|厉害|专业)"
    r"|比[^较,.!?;。]{1,12}(强|好|厉害|专业|靠谱)(吗|么|不)[?？]?$",
    # the best named first: 最好的特殊教育学校是哪所, 最有名的是谁
    r"最(好|靠谱|正规|专业|厉害|有名|出名|强)的[^,.!?;。]{0,10}(是)?(哪|谁)",
    r"(名气|名声|知名度|人气)(最|更)?(大|高|响)|性价比|排(个|一下|一个)?(名|序)|排序|排名|排行|排第几|排老几|排在第|数第几|打(个)?分|评(个)?分(?!标准)|打星",
    # judging a thing: 你觉得, 到底好不好, 值得吗, 有用吗
    r"你(觉得|认为|怎么看|的看法|个人)|(说说|谈谈)(你|自己)的?(看法|观点|意见)|怎么评价|评价(一下)?"
    r"|口碑|名声|风评",
    r"好不好[?？吗呀啊]?$|好不好[,.!?;。]|值得(去|参加|报|买|信|吗)|值不值|有用吗|有没有用|管用吗|管不管用"
    r"|好吃吗|好不好吃|好玩吗|好不好玩|累不累|苦不苦|严不严|难不难|(效果|质量|水平|能力|技术)(到底|究竟|实际|真的|又)?(怎么样|咋样|好吗|好不好"
    r"|如何|高吗|高不高)",
    # a rumour checked: 这事是真的吗 (a service rumoured is asked below, 能认块地得是真的)
    r"是真的吗|是不是真的|真的假的|是真是假|属实|是谣言|是不是谣言|辟谣|骗子|骗人|骗钱|传销|黑幕|内定"
    r"|猫腻|暗箱|靠关系|走后门|关系户|托关系|找关系|有后台|有背景|内幕|内情|幕后|真相"
    r"|背后[^,.!?;。]{0,4}(故事|原因|秘密)",
    # money taken and no work done, asked of anyone: 是不是拿了钱不干事
    r"(拿|收|要)了?钱(不|没)(干|办|做)(事|活)",
    # a rumour told of one of them: 听说众益快倒闭了
    r"(听说|据说|有人说|传言|网上说|群里说)[^,.!?;。]{0,16}(倒闭|关门|解散|跑路|黄了|被查|出事|出过事|事故"
    r"|没证|无证)",
)
# Who is right, what one should do (是谁的错, 我该不该去找他): a judgement too, but one a need
# told with it lifts (娃被欺负了，该不该找老师，咋办).
_DECIDES = re.compile(r"谁的错|谁对谁错|谁有理|判断谁对|谁对谁不对|该不该|应不应该|应该不应该")
_EXPLANATION = any_of(
    # (不知道为什么 tells, it asks no cause: read in _head)
    r"为什么|为啥|为何|凭什么|什么原因|啥原因|原因是|的原因|原因(在哪|有哪些)",
    r"(怎么|如何)(形成|产生|引起|造成|导致|发生|出现|变成|来)的",
    r"(引起|导致|造成|诱发)的(吗|呢|么)?[?？]?$|(还是|或是)[^,.!?;。]{0,10}(引起|导致|造成)",
    r"(有|是)(什么|啥|哪些)(区别|不同|差别|差异)|区别(是什么|是啥|在哪|大吗|大不大)|有区别吗"
    r"|(不同|差别)在哪",
    # a craft's or an art's schools: 太极拳有哪些流派, 武术分几大门派 (knowledge, no service)
    r"流派|门派|派别|几大派",
    # what a play or a book tells: 《三滴血》讲的是啥故事 (its stage asked is ours: 在哪演)
    # (秦腔大赛的结局 is who won, not a story)
    r"(讲|说|演)(的|了)?(是)?(什么|哪些)(故事|剧情|情节)|剧情|情节|主人公|主角(是谁|是什么)"
    r"|(戏|剧|电影|电视剧|小说|故事|书)[^,.!?;。]{0,3}(结局|结尾)",
    r"起源|由来|来历|发源|(谁|哪个人)发明|发明(的|者|人)|(历史)?背景(是什么|是啥|如何)|出自(?!闭)|出处",
    # what a word means: 这四个字是什么意思, 陕西话“嫽扎咧”是啥意思 (关天美农是啥意思 is ours)
    r"(字|词|句|话|成语|俗语|方言|名字|口号)[^,.!?;。]{0,6}(什么|啥)意思",
)
_WRITES = any_of(
    r"(帮我|给我|替我|你)[^,.!?;。]{0,12}写(出来|下来|全|完整|一下|好|完)|翻译|改写|论文|查重",
    r"(帮我|给我|替我|你)[^,.!?;。]{0,4}(写|起草|撰写|拟|编)(?!的)",
    r"(写|编|作)(一|个|篇|首|段|份|封)+[^,.!?;。]{0,12}(作文|诗|绝句|文章|稿|信|故事|歌|词|对联|书|文案"
    r"|顺口溜|快板|段子|口号|标语|贺词|锦旗)",
    # a length asked (三千字, 500字), a name made up (起几个店名), a list made up (给我出五个)
    r"([0-9]+|[一二三四五六七八九两]?[百千万]+|[一二三四五六七八九两]十)字",
    r"起(个|几个|一个|些)?[^,.!?;。]{0,8}(名字|店名|名称|网名|艺名)",
    r"(给我|帮我|你)(出|想|编)(几|[0-9一二三四五六七八九十两]+)(个|条|句|种|首|道)",
)
# Why, asked of the resident's own (为什么我家孩子不爱说话, 为啥我们村没有装空调) tells a
# need; asked of one of our services (为什么幸福院要装空调, 为什么要成立合作社) asks what it
# does. Not a cause in general (孩子为什么会得自闭症, 自闭症是什么原因引起的), nor the
# origin of a name that is also one of ours (为啥陕西女娃被叫作秦女子).
_MINE_OR_OURS = re.compile(
    r"(我|俺|咱|额)(们)?(家|的)?(孩子|娃|儿子|女儿|闺女|老人|父母|爸|妈|爷|奶|村|小区|社区|院子)"
    r"|幸福院|合作社|服务中心|协会|联合会|社会组织|社工|志愿者|少年军校|典型事例"
)
# The cause of an illness stays a medical question, whoever has it (为什么我家孩子会得自闭症).
_ILLNESS_CAUSE = re.compile(r"[得患](了|上)?[\u4e00-\u9fff]{0,6}(症|病|痴呆)|什么原因|啥原因|病因")
# A need told (怎么办): it lifts a method, a decision or an explanation asked (孩子为什么老哭，
# 怎么办), not the content asked outright (叶子发黄了咋办，多久浇一次水), a judgement or a text.
_TELLS_NEED = re.compile(r"怎么办|怎么弄|怎么整|怎么搞")
# A request for a service, wherever in the question: it lifts this check (the rules keep
# their own frames). Not 哪个机构 alone: "哪个机构最正规" asks a judgement.
_SERVED = any_of(
    r"哪里|哪儿|哪有|哪能|哪可以|去哪|到哪|在哪(?!些)|什么地方|啥地方",
    r"找谁|问谁|谁(能|可以|会|在|家|办|搞|做|组织|负责|牵头|发起|管|给|帮|来)"
    r"|哪家(在|办|搞|做|组织|负责|牵头)|是哪(个|家)(组织|机构|协会|中心|单位)",
    r"有没有[^,.!?;。]{0,16}(组织|机构|地方|协会|中心|服务|项目|活动|培训|讲座|课|班|人(帮|管|能|可以|教))",
    r"(想|要|能不能|可不可以|打算)[^,.!?;。]{0,8}?(找|请|联系|参加|报名|报|加入|学|捐|认购|认领|预约|申请"
    r"|做志愿|当志愿)",
    r"有[^,.!?;。]{0,10}(地方|机构|组织|人)(吗|么|没|不)",
    r"(能帮|帮帮|帮忙)(?![^,.!?;。]{0,8}(写|翻译))|求助|电话|联系方式|地址",
    r"(干|做)(什么|啥)的|是(什么|啥)(组织|机构|单位|地方|项目|活动)|介绍",
    # which routine or course is taught is what a service holds (教的啥套路: 八法五步), not
    # its content asked (八法五步的套路是啥)
    r"(教|学|练|开|上)(的是|的|了|过|是)?些?(什么|啥|哪些|哪几[个种套门]|哪种|哪个|哪套)(套路|拳|课|内容)",
)
# The same in English, read only when the question holds Latin letters.
_LATIN = re.compile(r"[a-z]{2}")
_ENGLISH = (
    (
        re.compile(
            r"\b(write|draft|compose)\b.{0,30}\b(essay|letter|report|speech|poem|article|story"
            r"|summary|paper|thesis|homework)\b|\b\d+[- ]words?\b"
        ),
        Refusal.WRITING,
        False,
    ),
    (
        re.compile(
            r"\bhow (do|can|should|to)( i| you| we)? (cook|make|fix|repair|practi[cs]e|train|sing"
            r"|play|install|grow|plant|treat|cure|write|do the)\b"
        ),
        Refusal.HOW_TO,
        False,
    ),
    (
        re.compile(
            r"\b(is it true|rumou?rs?|which is better|better than|what do you think|your opinion"
            r"|rank(ed|ing)?|best to worst|worst to best)\b"
        ),
        Refusal.OPINION,
        False,
    ),
    (
        re.compile(r"\b(why|difference between|what causes|caused by|origin of)\b"),
        Refusal.EXPLANATION,
        True,
    ),
)
_ENGLISH_SERVED = re.compile(
    r"\b(where|who)\b|\bhow (do|can|could|should) (i|we) (join|contact|reach|find|get|apply"
    r"|sign up|register|volunteer|donate|help)\b"
)
# Where, as a source, is no place to go: 出自哪里 asks an origin.
_SOURCE = re.compile(r"(出自|来自|源自)(哪里|哪儿)")
_NOT_KNOWING = re.compile(r"(知道|晓得|明白)(为什么|为啥|为何)")
_CLAUSES = re.compile(r"[,.!?;:。、~\s]+")
# A long message tells a story first and asks last (as intent.py reads it): its head is in
# its last characters, and reading only them keeps a long story as cheap as a question.
LONG = 60
HEAD_CHARS = 48


def asked_for(text: str, plain: str, masked: Callable[[str], str]) -> Refusal | None:
    """Why `text` (prepared as scope.py does) asks for something no organization serves, read
    from its head; None when it may be a request we serve. `plain`: the question in the
    knowledge base's words, whose request frame lifts as the question's own does; `masked`:
    the text with our names blotted out (〇), for the subject of a method asked."""
    head = _head(text if len(text) <= LONG else text[-HEAD_CHARS:], masked) or _english_head(text)
    if head is None:
        return None
    kind, told_need_lifts = head
    for words in (text, plain):
        if not words:
            continue
        free = _SOURCE.sub("", masked(words))
        if _SERVED.search(free) or (told_need_lifts and _TELLS_NEED.search(free)):
            return None
        if _LATIN.search(free) and _ENGLISH_SERVED.search(free):
            return None
    return kind


def _head(text: str, masked: Callable[[str], str]) -> tuple[Refusal, bool] | None:
    """What the question asks for that is no service, and whether a need told lifts it."""
    if _WRITES.search(text):
        return Refusal.WRITING, False
    if _OPINION.search(text) and not _rumoured_service(text):
        return Refusal.OPINION, False
    if _DECIDES.search(text):
        return Refusal.OPINION, True
    if _CRAFT.search(text):
        return Refusal.HOW_TO, False
    if _EXPLANATION.search(_NOT_KNOWING.sub("", text)) and (
        not _MINE_OR_OURS.search(text) or _ILLNESS_CAUSE.search(text)
    ):
        return Refusal.EXPLANATION, True
    if _asks_method(text, masked):
        return Refusal.HOW_TO, True
    return None


def _english_head(text: str) -> tuple[Refusal, bool] | None:
    """The same, asked in English (whose order puts the head first: read whole)."""
    if _LATIN.search(text):
        for pattern, kind, told_need_lifts in _ENGLISH:
            if pattern.search(text):
                return kind, told_need_lifts
    return None


def _asks_method(text: str, masked: Callable[[str], str]) -> bool:
    """Whether a clause asks how to do something that is no way to a service (怎么打, 咋修),
    asked of the bot rather than told as a need (不知道咋教)."""
    if not _HOW.search(text):
        return False
    for clause in _CLAUSES.split(masked(text)):
        for how in _HOW.finditer(clause):
            before, after = clause[: how.start()], clause[how.end() :]
            if (_LACKS.search(before) and not _TEACH_ME.match(before)) or _ACTOR.search(before):
                continue
            if _TOLD_UNKNOWN.search(after):
                continue
            if "〇" not in after and (_CRAFT_VERB.match(after) or _CRAFT_THING.search(before)):
                return True
    return False


# A judgement asked of our own for a need or a fit (智塔和明明心理哪个更适合我家孩子, 孩子
# 自闭症，智塔和明明哪个好, 智塔的康复效果怎么样): the records' words on them answer it, the
# judgement still unmade. Not a ranking, a reputation, a rumour or a worth (哪家更靠谱, 给排个名,
# 口碑怎么样, 值得去吗); nor a bare "哪个好" or "有用吗" without a need told.
_FIT = re.compile(
    r"适合|效果|(我|俺|咱|额)(们)?(家|的)?(孩子|娃|儿子|女儿|闺女|老人)"
    r"|(孩子|娃)[^,.!?;。]{0,4}(自闭|残疾|不说话|多动|抑郁)"
)
_RANKS = re.compile(
    r"排|靠谱|水平|口碑|名声|风评|真的|真假|是真|属实|谣言|骗|传销|内定|黑幕|猫腻|暗箱|值|谁的错|谁对"
    r"|谁有理|该不该|应不应该|评价|你觉得|你认为|你个人|看法|最|关系|后门|后台|背景|便宜|贵|收费|实惠"
)


# … or of joining a service, one thing asked (参加武术班好不好, 孩子学武术有用吗): the matcher
# finds who offers it, or nothing and the refusal stands. Not two weighed (练武术和练跆拳道哪个
# 更适合).
_JOINS = re.compile(
    r"(参加|参与|加入|报名|报|学|上|去|住|进|到)[\u4e00-\u9fff]{1,6}?(好不好|有用吗|有没有用|管用吗|管不管用)"
)
_TWO = re.compile(r"哪个|哪家|哪种|还是|[和跟与][^,.!?;。]{1,8}(比|相比|哪)")


# How one of ours began or what it truly is (智塔是怎么办起来的，背后有啥故事, 我想了解智塔的
# 真相，是不是正规机构): what the records say of it answers, nothing judged. Not a scandal
# asked (有啥内幕, 是不是骗子: _RANKS and these).
_STORY = re.compile(
    r"背后[^,.!?;。]{0,4}(故事|原因)|(怎么|如何|咋)(办|建|创办|成立|发展|做)起来|真相|是不是正规|正规吗|正不正规"
)
_SCANDAL = re.compile(r"内幕|内情|幕后|黑幕|猫腻|暗箱|骗|传销|内定|谣言|后门|后台|关系")


def asks_origin(text: str, masked: Callable[[str], str]) -> bool:
    """Whether how one of ours began, or what it truly is, is asked (no scandal)."""
    return bool(_STORY.search(text)) and not _SCANDAL.search(text) and "〇" in masked(text)


def weighs_ours(text: str, masked: Callable[[str], str]) -> bool:
    """Whether a judgement is asked of our own named organizations for a need or a fit, or of
    joining one service, or how one of ours began."""
    if asks_origin(text, masked):
        return True
    if _RANKS.search(text):
        return False
    if _JOINS.search(text) and not _TWO.search(text):
        return True
    return bool(_FIT.search(text)) and "〇" in masked(text)


# A rumour about a service one can get (听说花一千块就能认块地，是真的吗) asks for that service.
_CAN_GET = re.compile(
    rf"(能|可以|有(?!人|家长|朋友|邻居|网友|亲戚|同事))[^,.!?;。]{{0,10}}({_REACH_VERBS}|免费|服务|场地|地方|项目|活动|课|培训)"
)


def _rumoured_service(text: str) -> bool:
    return bool(re.search(r"真的|真假|属实|谣言", text)) and bool(_CAN_GET.search(text))
