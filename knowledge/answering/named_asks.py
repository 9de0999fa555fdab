"""What a question that names an organization asks about it, besides its name.

A name found makes the matcher sure (the coverage of a named record is whole), so
"金台区武术协会的教练会不会轻功" or "明明心理那个咨询师结婚了没" got the organization's
introduction: the name answered, not the question. Here the words left once the names are
blanked are read for their head — what is asked for — and the honest reply ("资料中没有…这方面
的信息", `unknown`, the organization kept as the chat's subject) is given only when that head
is a word no record of the knowledge base holds.

Anything that could be a request for the organization's service is answered as before,
however it is worded: asked of it (能…不, 收不收, 要交钱不), how to reach or join it (咋, 怎么),
who runs it or whom it serves (谁当家, 是给…的吗), where, what it is, does or has done, how it
stands (公家的还是私人的, 跟残联有关系没). Reading the head rather than every word keeps a
resident's own words around the ask (我一个退休老汉…, 校车接送) from turning a real question
into a refusal: a wrong refusal costs as much as a missed one, so when in doubt, answer.
"""

from __future__ import annotations

import re
import weakref

from knowledge.answering.compose import leader_asked, registry_fields_asked
from knowledge.answering.fillers import tells_nothing
from knowledge.answering.index import Index
from knowledge.answering.intent import Intent, without_intent_words
from knowledge.answering.match import BLANKED, Match
from knowledge.answering.text import STOP_WORDS
from knowledge.records import Organization, Record
from knowledge.reply import Reply

_C = r"[^，,。？?！!；;：:]"  # within a clause


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A request that may be for the organization's service, wherever in the question.
_SERVICE_ASKED = re.compile(
    # whom it takes, what it costs or asks, when it is open (收不收幼儿园的娃, 要交钱吗, 周末开门吗)
    r"收不收|收不|收" + _C + r"{0,6}(孩子|老人|人|学生|岁)|几岁|多大的?(孩子|娃|老人)"
    # the age of whom it takes, not of one of its people (院长多大岁数)
    r"|(孩子|娃|老人|学生|人)的?(年龄|岁数)|(年龄|岁数)(要求|限制|段|范围)"
    r"|预约|挂号|收钱|收费|交钱|要钱|花钱|掏钱|免费|费用|价格|价钱|门槛|条件|要求|资格"
    r"|周末|周六|周日|星期|节假日|假期|寒假|暑假|开门|关门|营业|上班|下班|几点|时间"
    r"|时候|哪天|几号|周[一二三四五六日天几]|礼拜"
    r"|能帮|帮忙|帮"
    + _C
    + r"{0,2}忙|帮帮|能不能|可不可以|可以"
    + _C
    + r"{0,10}吗|管不管|接不接|上门"
    r"|房租|租金|交" + _C + r"{0,3}(钱|费|租)|提供|" + _C + r"{2}服务(吗|不|没|么|呢)?$"
    # a service verb asked either way (教不教, 带不带, 管不管娃)
    r"|(?P<verb>[收管教带接送帮给开做搞办弄招要让用陪])不(?P=verb)"
    # what it does or has done, its projects, the organizations it hosts (引进了哪些项目)
    r"|(^|[，,。？?！!\s〇])"
    + r"[^，,。？?！!\s〇]{0,4}(干|弄|做|搞)(什么|啥|甚么|嘛)的|介绍|引进|引入|入驻"
    r"|怎么回事|咋回事|(做|干|办|搞|弄)(了|过)(些|点)?(什么|啥|哪些)|(做|干|办|搞|弄)(些|点)?哪些"
    r"|成绩|成果|成就|贡献|好事|事迹|经验|作用|名字|名称|叫什么|叫啥"
    # who is behind it or runs it (谁家办的, 谁当家); not who is best or whose (谁长得最帅)
    r"|谁(?!的)(?!" + _C + r"{0,6}最)"
    # what it is, told about (给我讲讲智塔是干啥的, read 是什么)
    r"|讲讲|说说|讲一讲|说一说"
    r"|(^|[\s〇])(是)?(个|一个)?(什么|啥|甚么)(东西|东东|玩意儿?|意思)?(呀|啊|呢)?(?=$|[\s，,。？?！!])"
    # a request told, or such an organization looked for (想学文学写作，有青年文联这种组织没有)
    r"|(想|要|打算)" + _C + r"{0,8}?(找|请|联系|参加|报名|加入|学|捐|认购|认领|预约|申请)"
    r"|有" + _C + r"{0,12}(组织|机构|协会|地方)(没有|吗|么|不|没)"
    # what kind of body it is, how it stands, who may take part (是官方的不, 跟残联有关系没)
    r"|官方|公办|民办|公家|私人的|国营|私营|性质|政府(办|开|管)|合法|正规(吗|不|没)|关系|隶属|属于"
    r"|挂靠|归" + _C + r"{1,6}管|普通人|一般人|谁都|任何人|什么人|哪些人"
    r"|(哪些|什么|啥|哪几个|几个|哪几家|几家|哪家|哪个)" + _C + r"{0,4}(项目|服务|活动|组织|机构)"
    # whom it serves (是给单亲妈妈的吗, 光管上访的人吗)
    r"|是(给|帮|为|针对|面向|对)" + _C + r"{1,10}的|(给|帮|为|针对)(哪些|什么|啥)人"
    r"|(光|只)(管|收|给|帮|针对|服务|招)"
    # a place: where it is, works or went (都带人去过啥地方); not which is better (哪个厉害)
    r"|(?<!住)(哪(里|儿|边|搭|块|些)|(在|去|到|从|跑)哪|什么地方|啥地方)"
    r"|哪(个|家|所|座)(地方|位置|街道|社区|学校|村|镇|区|县|单位|部门|组织|机构|协会|中心)"
    # a need told as what happened (没人愿意听她讲)
    r"|没人(愿意|肯|能)?(听|管|帮|照顾|陪|理)"
)
# Asked of it for the resident, or required of the resident: 能带娃去军营看看不, 能入协会不,
# 要挂号不 (a clause ending so).
_REQUEST = re.compile(
    r"(能|可以|可不可以|能不能|肯|愿意|给不给|让不让|准不准|许不许|要|需要)"
    + _C
    + r"{0,14}?(不|吗|么|嘛|没|没有|不能|不了|行不|成不|中不)[啊呀呢哈嘛吧哦]*$"
    r"|(行不|行吗|行不行|可以不|可以吗|成不|中不)[啊呀呢哈嘛吧哦]*$"
)
# How to reach, join or get it (咋样才能进青年文联, 咋投节目); how to do a craft was refused
# before (scope_asks.py). Not "how is it" (长得咋样: a judgement, read for its head).
_HOW = re.compile(r"(怎么|咋|如何|怎样)(样)?(?![样吗呢啊呀了]|$)")

# The question's marker, and where its head is: just before a marker closing the clause
# (结婚了没, 脾气怎么样, 凶不凶), or after one opening what is asked (会不会武功, 有没有枪).
_PARTS = re.compile(r"[\s，,。？?！!；;：:]+")
_PARTICLES = re.compile(r"[啊呀呢哈嘛吧哦噢咧啦]+$")
_CLOSES = re.compile(
    r"(了|过|的|得)?(没有|没|吗|么|不|怎么样|怎样|如何|什么样|好不|行不|咋样)$"
    # what or where it is (会长的老婆是干啥的, 老家是哪的): the head is what it is asked of
    r"|是(干|做|弄|搞)?(什么|啥|甚么|嘛)(的|人|样)?$|是哪(里|儿)?(的|人)?$"
)
# How a service is given, asked as one of two (在线上还是线下, 室内还是室外, 一对一还是小组).
_MANNER = re.compile(
    r"线上|线下|网上|室内|室外|户外|白天|晚上|上午|下午|集体|个人|一对一|团体|小组|长期|短期"
    r"|全天|半天|公办|民办|免费|收费|上门|到店"
)
_EITHER = re.compile(r"([\u4e00-\u9fff]{1,2})不\1$")
_OPENS = re.compile(r"(有没有|有木有|有无|是不是|会不会|是否)")
# A clause that asks: a marker above, a question word, or a verb asked either way (卖不卖药).
_ASK_WORDS = re.compile(
    r"什么|啥|甚么|多少|多[大久长高远重]|几|怎么|咋|如何|谁|哪|呢|还是|(?P<v>[\u4e00-\u9fff])不(?P=v)"
)


def _asks(clause: str) -> bool:
    return any(p.search(clause) for p in (_OPENS, _EITHER, _CLOSES, _ASK_WORDS))


# Who among its people is the most of something (谁长得最帅, 谁的字写得最好): a judgement of
# people that no record makes.
_WHO_MOST = re.compile(r"谁" + _C + r"{0,6}最")
_WHAT = re.compile(r"(什么|啥|甚么)(?!的|样|时候|人|地方)")
# One of its people (会长, 咨询师, 教练, 员工): what is asked of them is no service.
_PERSON = re.compile(r"[师长员人者生工任练板婆公官委]$")
# Something asked of the bot itself to tell, write or send (给我讲个笑话, 发我).
_OF_THE_BOT = re.compile(
    r"给我|帮我|替我|发我|跟我|教我|告诉我|(讲|说|来|写|编|作|画)(个|一|几|首|篇|段|副|封|幅)"
)
# A method asked of the bot for the resident (你教我几招怎么整他): none of the organization's.
_TEACH_ME = re.compile(r"教我|你教|告诉我|给我说|跟我说")
# What a "有没有" asks is a thing had, unless something is done with it (有没有校车接送); our
# organizations trade nothing, so a thing to buy or sell is still a thing asked (有没有枪卖).
_TRADE = frozenset({"卖", "买", "出售", "出租", "批发", "零售", "代购", "卖的", "买的"})
_LIGHT = _words(
    """
    了 过 的 得 地 着 都 也 还 又 就 很 挺 最 太 真 那个 这个 那 这 个
    些 他 她 它 他们 她们 我 你 您 咱 一 有 是 在 会 能 要 去 来 给 把
    被 让 和 跟 与 及 以前 以后 现在 平时 一般 今年 去年 明年
    """
)
# A number and its measure (一所小学, 两家): no topic.
_COUNTED = re.compile(r"[一二两三四五六七八九十几每这那哪][个所家位名块只首篇副份次回批台场间处]")

# A question asking what the reply of its intent tells (a figure, a place, a contact, how to
# join) may hold a word of its own besides (延续, 引进): only several such words ask another
# thing (秋文社工的社工一个月工资能拿多少).
_SERVED_INTENTS = frozenset({Intent.CONTACT, Intent.ADDRESS, Intent.FIGURE, Intent.JOIN})
_SERVED_MIN_WORDS = 2
_NO_TOPIC = _words(
    """
    打算 准备 计划 过去 现在 目前 以前 以后 之前 之后 去年 今年 明年 前年 最近
    这几年 那几年 当时 平时 一般 一直 已经 还在 那次 这次 那回 刚才 刚刚 除了
    前后 前前后后 首届 往后 那年 这年 那一年 当年 那会 那会儿 那时 那时候 那阵子
    """
)

# Each organization's documents, for the one index they were read from (a new snapshot's
# index replaces it; compared by identity, since an id may be reused once the old is freed).
_families: list[tuple[weakref.ref[Index], dict[str, tuple[int, ...]], frozenset[str]]] = []


def _family_docs(index: Index, org: str) -> tuple[int, ...]:
    """The documents of an organization, its projects, facts and activities."""
    return _read(index)[0].get(org, ())


def _characters(index: Index) -> frozenset[str]:
    """Every character of the words the index holds: a lone character (枪) is held when some
    word has it (装 of 安装, 钱 of 捐钱), the index keeping no word of one character."""
    return _read(index)[1]


def _read(index: Index) -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    if not _families or _families[0][0]() is not index:
        found: dict[str, list[int]] = {}
        for i, doc in enumerate(index.docs):
            owner = doc.id if doc.kind == "organization" else doc.organization
            if owner:
                found.setdefault(owner, []).append(i)
        characters = frozenset("".join([*index.postings, *index.expansions]))
        families = {k: tuple(v) for k, v in found.items()}
        _families[:] = [(weakref.ref(index), families, characters)]
    return _families[0][1], _families[0][2]


def _held_by(index: Index, word: str, docs: tuple[int, ...]) -> bool:
    # a family has a few documents; a common word's postings may have thousands
    for key in (word, *index.expansions.get(word, ())):
        found = index.postings.get(key)
        if found and any(doc in found for doc in docs):
            return True
    return False


def _unheld(
    index: Index, word: str, docs: tuple[int, ...], *, thing: bool = False, person: bool = False
) -> bool:
    """Whether a word asks what no record holds: none of the organization's holds it and the
    knowledge base knows it nowhere (a need another organization serves is asked of this one,
    and answered so). `thing`: the word is what 有没有 or 会不会 asks for, where a lone
    character (枪) or a run no dictionary word covers (轻功) is a thing named too. `person`:
    it is asked of one of the organization's people, whom only its own records tell of (老婆
    is a need elsewhere, not what its 会长 is asked)."""
    if (
        word in STOP_WORDS
        or word in _LIGHT
        or word in _NO_TOPIC
        or tells_nothing(word)
        or _COUNTED.fullmatch(word)
        or word.isascii()
    ):
        return False
    if len(word) == 1 or not index.segmenter.is_word(word):
        # unheld by a character no word holds; elsewhere a lone character (忙, 亩) or a piece
        # left by a blanked question word (多少次班 → 次班) names nothing
        return thing and any(c not in _characters(index) for c in word)
    if not person and (word in index.postings or word in index.expansions):
        return False
    return not _held_by(index, word, docs)


def _content(index: Index, text: str) -> list[str]:
    """The words of a clause that may name what is asked."""
    return [w for w in index.segmenter.cut(text) if w not in _LIGHT and w not in STOP_WORDS]


def _clauses(text: str) -> list[str]:
    return [c.replace(BLANKED, "") for c in _PARTS.split(text) if c.replace(BLANKED, "")]


def _head(index: Index, clause: str, docs: tuple[int, ...]) -> tuple[list[str], bool, bool]:
    """What a clause asks for: the words of its head, whether they name a thing had, done or
    asked for (有没有枪, 会不会武功, 吃的啥饭), and whether they are asked of one of its people.
    No head when it asks how the organization itself or one of its services is (研学游安全不,
    咨询是一对一的吗, 是线上还是线下): a service asked."""
    clause = _PARTICLES.sub("", clause)
    opened = _OPENS.search(clause)
    if opened:
        after = _content(index, clause[opened.end() :])
        if opened.group(1) in ("有没有", "有木有", "有无"):
            if after and after[0] in _TRADE:  # 有没有卖药的: what is sold is the thing asked
                return after[1:2], True, False
            # 有没有校车接送 asks for something done: a service, answered
            if len(after) > 1 and not set(after[1:]) <= _TRADE:
                return [], False, False
            return after[:1], True, False
        return after[-1:], True, False  # 是不是…最差的, 会不会武功: its last word
    if "还是" in clause:  # 是线上还是线下, 空调是格力的还是美的的
        if _MANNER.search(clause[clause.index("还是") :]):  # 培训在线上还是线下: how it is given
            return [], False, False
        first = _content(index, re.sub(r"(是|的)+$", "", clause[: clause.index("还是")]))
        return ([], False, False) if len(first) < 2 else (first[-1:], False, False)
    what = _WHAT.search(clause)
    if what:  # 吃的啥饭: the lone thing named after the question word
        after = _content(index, clause[what.end() :])
        if len(after) == 1 and len(after[0]) == 1:
            before = _content(index, clause[: what.start()])
            return after, True, _asked_of_person(before)
    closed = _EITHER.search(clause) or _CLOSES.search(clause)
    before = _content(index, clause[: closed.start()] if closed else clause)
    if closed and before and _of_service(index, before[:-1], docs):
        return [], False, False
    either_way = _EITHER.search(clause)  # 凶不凶
    head = [either_way.group(1)] if either_way else before[-1:]
    return head, False, _asked_of_person(before[:-1])


def _asked_of_person(before: list[str]) -> bool:
    return bool(before) and bool(_PERSON.search(before[-1]))


def _of_service(index: Index, before: list[str], docs: tuple[int, ...]) -> bool:
    """Whether what is asked is asked of the organization itself (nothing before) or of a
    service its records hold, not of one of its people (咨询师结婚了没, 会长的老婆是干啥的)."""
    if not before:
        return True
    subject = before[-1]
    return _held_by(index, subject, docs) and not _PERSON.search(subject)


def _could_be_served(texts: list[str]) -> bool:
    for text in texts:
        if _SERVICE_ASKED.search(text):
            return True
        for clause in _clauses(text):
            how = _HOW.search(clause) and not _TEACH_ME.search(clause)
            if _REQUEST.search(_PARTICLES.sub("", clause)) or how:
                return True
    return False


def asks_unheld(index: Index, match: Match, org: str, intent: Intent, told: str = "") -> bool:
    """Whether a question naming `org` asks for what no record holds (False when it may ask
    for something we serve). `told`: what the records' figures say (their labels and the
    sentences they are quoted from: 印制…宣传海报和倡议书3000余份), whose words are held."""
    texts = [t for t in (match.besides, match.besides_plain) if t.replace(BLANKED, "").strip()]
    if not texts or _could_be_served(texts):
        return False
    docs = _family_docs(index, org)
    # a clause that asks (the others tell the story around it), or the last
    clauses = _clauses(texts[0])
    asked = [c for c in clauses if _asks(_PARTICLES.sub("", c))]
    if not asked:
        # words typed as a search (明明心理 预约) look for its service; a text asked of the
        # bot (给我讲个…的笑话) is read for what it names last
        if not _OF_THE_BOT.search(texts[0]):
            return False
        asked = clauses[-1:]
    if intent in _SERVED_INTENTS:
        # 秋文社工的社工一个月工资能拿多少: a figure, of something several words say we lack
        words = [w for c in asked for w in _content(index, without_intent_words(c))]
        unheld = [w for w in dict.fromkeys(words) if w not in told and _unheld(index, w, docs)]
        return len(unheld) >= _SERVED_MIN_WORDS
    if any(_WHO_MOST.search(c) for c in asked):
        return True
    for clause in asked:
        head, thing, person = _head(index, clause, docs)
        if head and all(_unheld(index, w, docs, thing=thing, person=person) for w in head):
            return True
    return False


HAND_OFF_HINT = "也可以发送 /human 转人工，请工作人员回答。"


def not_held_reply(record: Record) -> Reply:
    """The honest reply: the materials do not say that about the organization (or project),
    and what can be asked instead."""
    name = record.display_name
    offer = "有哪些项目和数据、怎么联系" if isinstance(record, Organization) else "在哪里、怎么参加"
    return Reply(f"资料中没有{name}这方面的信息。", [f"关于它，可以问：它是做什么的、{offer}。"])


def unheld_reply(reply: Reply, record: Record) -> Reply:
    """A reply saying the records lack what was asked of `record` (its figure, its founding
    date), with what can be asked instead and a person to ask: the question is unanswered."""
    hint = not_held_reply(record).lines
    return Reply(reply.title, [*reply.lines, *hint, HAND_OFF_HINT])


def not_held(
    index: Index, match: Match, record: Record, intent: Intent, told: str = ""
) -> Reply | None:
    """The honest reply to a question naming `record` that asks what no record holds; None
    when it may ask what we serve. `told`: what the records' figures say."""
    org = record if isinstance(record, Organization) else None
    owner = record.organization_id
    if not owner:
        return None
    if org and (registry_fields_asked(match.words, org) or leader_asked(match.normalized, org)):
        return None  # the registry's reply says what it lacks
    return not_held_reply(record) if asks_unheld(index, match, owner, intent, told) else None
