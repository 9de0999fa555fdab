"""What a resident is asking for, read from question words before anything is removed; and
what the bot can decide to do about a question once it is matched."""

from __future__ import annotations

import re
from enum import StrEnum

# The date a count was made on (截至哪天, 统计到哪天为止, 啥时候统计的): a figure's date asked;
# read here, by figure_questions and by a follow-up (context.py).
AS_OF = (
    r"截至|截止|(?:统计|算|计)到[^，,。？?！!\s]{0,6}为止|(?:统计|算)到(?:哪天|哪一天|几号|什么时候|啥时候)"
    r"|(?:哪天|哪一天|几号|什么时候|啥时候)(?:统计|算|计算)的"
)


class Intent(StrEnum):
    """What a question asks for; each member equals its plain string ("contact" …)."""

    GREETING = "greeting"
    CONTACT = "contact"
    ADDRESS = "address"
    FIGURE = "figure"
    JOIN = "join"
    ACTIVITIES = "activities"
    SERVICES = "services"
    INTRODUCE = "introduce"
    LIST = "list"  # which organizations… (knowledge/answering/lists.py)
    OUT_OF_SCOPE = "out_of_scope"  # not a request we serve (knowledge/answering/scope.py)
    UNKNOWN = "unknown"
    # Asked only as follow-ups ("那有什么项目", "他们几点开门"): see context.py.
    PROJECTS = "projects"
    HOURS = "hours"


class Decision(StrEnum):
    """What the best matches allow: answer from the top one, ask which one, or say none fits."""

    ANSWER = "answer"
    CHOOSE = "choose"
    NONE = "none"


_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        Intent.CONTACT,
        re.compile(
            r"电话|联系|手机|号码|微信|邮箱|email|热线|怎么找|如何找|找到他们|联络|咨询方式"
        ),
    ),
    (
        Intent.ADDRESS,
        re.compile(
            r"在哪(?!些|几)|地址|位置|怎么走|什么地方|哪个街道|哪条路|哪个位置|具体位置|办公地点|坐落"
            r"|哪个(村子|村|镇|乡|社区|小区)"
        ),
    ),
    (
        Intent.FIGURE,
        re.compile(
            r"多少|几家|几个|几次|几名|几所|几台|几块|几场|几批|数量|规模|人次|总共|一共|共有|多大|几万"
            r"|几天|几年|几亩|几户|几位|几人|几项|几份|几元|几块钱|多久|多长时间"
            # asked yes-or-no (人多不多, 地方大不大): how many, how big
            r"|多不多|大不大|长不长|久不久|广不广"
            r"|几(回|趟|届|期|轮|间|处|级|层|类|种|套|条|座|栋|支|队|组|门|节|首|段|本|辆|周|倍)"
            # dates and events are figures too (knowledge/answering/figures.py)
            r"|(什么时候|啥时候|哪年|哪一年|几几年|几月份?|哪个月)"
            r"(开始|办|成立|启动|建|开展|搞|做|创办|实施)"
            r"|(开始|创办|成立|启动)(于)?(什么时候|啥时候|哪年|哪一年)"
            rf"|{AS_OF}"
            r"|获.{0,2}奖|得.{0,2}奖|什么奖|哪些奖|荣誉|称号|表彰|入选|评上|获评|名次|第几名"
            r"|(办过|举办过|参加过|搞过|组织过|有过|哪些|什么)(比赛|大赛|评选)"
            r"|(比赛|大赛|评选|春晚|晚会)(是|在)?(哪年|哪一年|几几年|哪天|哪一天|几号|几月几)|百分之(几|多少)|占比|比例|几成"
            r"|(什么时候|啥时候|哪年|哪一年|几月份?)[^，,。？?！!]{1,8}的$"  # 啥时候给河南捐的
        ),
    ),
    (
        Intent.JOIN,
        re.compile(
            r"怎么参加|如何参加|参加|加入|报名|当志愿|做志愿|成为志愿|志愿者|义工|捐|认购|入会|入社|入驻|会员|申请|参与|领养|认领"
            r"|(怎么|咋|如何|怎样)(才能|能|可以)?(让[\u4e00-\u9fff]{1,4}?)?(住进|入住|进入|进去)"
        ),
    ),
    (
        Intent.ACTIVITIES,
        re.compile(
            r"活动|什么时候|哪天|几号|时间安排|做了哪些事|做过什么|干过什么|搞过什么|办过|事迹|演出|比赛|大赛"
        ),
    ),
    (
        Intent.SERVICES,
        re.compile(
            r"提供什么|什么服务|哪些服务|服务内容|能帮|可以帮|帮我|做什么的?服务|哪里可以|哪里能|哪有|哪里有"
        ),
    ),
]
_GREETING_RE = re.compile(
    r"^(你好|您好|你们好|hi|hello|hey|嗨|哈喽|哈罗|在吗|在不在|早上好|中午好|下午好|晚上好|早安|晚安|有人吗|喂)+$"
)
_ABOUT_BOT_RE = re.compile(
    r"你能做什么|你会什么|你是谁|你可以做什么|你能干什么|怎么用|有什么功能|能问什么|使用说明"
    # 帮助 asks for the help screen alone; 怎么帮助留守儿童 tells a need
    r"|^(使用|查看|获取)?帮助[?？!！。]?$"
)


# Who or where serves a need (哪里能帮忙孵化, 有没有给社会组织免费办公的地方): a question so
# framed wants an organization, or a curated fact written to say which (matcher.py).
_WHO_SERVES_RE = re.compile(
    r"哪里|哪儿|哪能|哪有|去哪|到哪|谁能|谁可以|谁会|在哪(?!些)"
    r"|有没有.{0,16}(组织|机构|地方|协会|中心|服务|场地)"
    # whom to go to, or a place heard of that can help (不知道找谁, 听说有地方能帮忙孵化)
    r"|找谁|有(地方|人)(能|可以)"
    # who is behind what the resident saw done (是谁在背后弄的, 谁在张罗)
    r"|谁在.{0,4}(弄|搞|管|办|张罗|组织)|是谁(弄|搞|管|办|组织)的"
    # a place looked for (想找个地方孵化, 找地方演出)
    r"|找(个|一个|家|块)?(地方|场地|地儿)"
    # a group of the resident's own just started, told (我们刚成立了个小组织, 几个人刚攒了个
    # 团体): what it wants is someone to take it in, not what a policy says
    r"|(我们|咱们|俺们|我|几个人).{0,8}(刚|新|才)(成立|搞|攒|建|组|拉)(了|起)?(个|一个|支)"
)


def asks_who_serves(normalized: str) -> bool:
    return bool(_WHO_SERVES_RE.search(normalized))


_WHICH_ONES = re.compile(r"哪几(?=[块个样部处])")
_PARTICLES_RE = re.compile(r"[呀啊哈呢哦~]+$")
LONG_MESSAGE = 60  # characters; past this, the question is in the last clause


def _asking_part(normalized: str) -> str:
    compact = normalized.replace(" ", "")
    if len(compact) > LONG_MESSAGE:
        # A resident tells the story first and asks last: "……有没有人能帮帮他".
        compact = (
            normalized.rstrip().rsplit(" ", 1)[-1][-30:]
            if " " in normalized.strip()
            else compact[-30:]
        )
    return _PARTICLES_RE.sub("", compact) or compact


# Thanks or goodbye after an answer (好的谢谢, 辛苦了, 拜拜): a pleasantry, not a question missed.
_THANKS_RE = re.compile(
    r"^(好的|好滴|嗯+|哦+|ok|okay|明白了?|知道了|了解了|收到|懂了|谢谢(你们|您们|你|您|啦|了|啊)?|多谢"
    r"|(非常|十分|太)?感谢(你们|您|你)?(了|啦)?|谢啦|谢了|辛苦(你们|您|你)?了?|麻烦(你|您)?了"
    r"|说得(很|真|挺)?清楚|帮了(大忙|我大忙)|嘹扎咧|再见|拜拜|thanks|thank you|thankyou|thx|bye)+$"
)


def _greets(asking: str) -> bool:
    return bool(
        _GREETING_RE.match(asking) or _ABOUT_BOT_RE.search(asking) or _THANKS_RE.match(asking)
    )


def is_thanks(normalized: str) -> bool:
    """Thanks or a goodbye, with no question in it (好的谢谢)."""
    return bool(_THANKS_RE.match(_asking_part(normalized)))


def is_greeting(normalized: str) -> bool:
    """A hello or "what can you do", with no question in it."""
    return _greets(_asking_part(normalized))


# "A few" in a story (几个退休的想成立志愿小队，未央区没地方开会; 厂里几个管事的; 我们几个人想;
# 吓哭好几回了, 跑了好几趟) counts no one: 几个 asks a figure where something is counted (有几个,
# 一共几家, 是几个; a one-clause 几个人参加了 too).
_A_FEW_RE = re.compile(r"(?<=[们里厂额俺咱我这那])几(?:个|位|名)|好几(?=[\u4e00-\u9fff])")
_A_FEW_FIRST_RE = re.compile(r"^几(?:个|位|名)(?=\S+\s)")


# A place told before a count in one clause (他们全年在那儿值班值了多少次; 那儿 is read as
# 哪儿): where it was done, the count is what is asked.
_COUNTED_THERE = re.compile(
    r"在(?:哪儿|哪里|那儿|那里|那边)[^\s，,。？?！!在]{1,8}(?:多少|几[次回场个])"
)


def detect_intent(normalized: str) -> Intent:
    """The intent of a normalized question (see knowledge.text.normalize)."""
    told = _A_FEW_FIRST_RE.sub("", normalized.strip())
    compact = _A_FEW_RE.sub("", _asking_part(told))
    if not compact:
        return Intent.UNKNOWN
    if _greets(compact):
        return Intent.GREETING
    # 哪几块 / 哪几个 asks which ones, not how many (哪几年 is a date all the same)
    which = _WHICH_ONES.sub("哪些", compact)
    if _COUNTED_THERE.search(which):  # 在那儿值班值了多少次: the count, not where
        return Intent.FIGURE
    for intent, pattern in _PATTERNS:
        if pattern.search(which):
            return intent
    return Intent.INTRODUCE


def strip_greeting(normalized: str) -> str:
    """The question after a leading 你好/请问 … ("你好，智塔在哪" asks about 智塔)."""
    return re.sub(r"^(你好|您好|hi|hello|嗨|哈喽|在吗)+\s*", "", normalized)


# Who leads an organization (秋文社工会长叫啥, 谁是智塔的负责人): compose.py answers it from the
# registry or says the sources name no one; asked alone after an answer, it is about that one.
_LEADER_ROLE = (
    r"负责人|会长|理事长|秘书长|院长|主任|创始人|创办人|领导|老板|头头|一把手|当家的|管事的"
    r"|校长|站长|队长|团长|领队|总指挥|组长|主席|董事长|社长|馆长|老总|总经理|法人代表|法人|掌门人"
)
LEADER_ASKED = re.compile(
    rf"(谁是|哪位是)[^，。？?]{{0,12}}({_LEADER_ROLE})"
    # (会长现在是谁: who holds it now is still who leads it)
    rf"|({_LEADER_ROLE})(现在|目前|如今|现任)?(是|叫)?(谁|哪位|哪个人|什么名字|啥名字|名字|叫什么|叫啥|姓什么"
    r"|姓啥)"
    rf"|({_LEADER_ROLE})叫个(什么|啥)"
)


def without_intent_words(text: str) -> str:
    """The text with every intent's question words blanked: what is left names what is asked
    about (named_asks.py)."""
    for _, pattern in _PATTERNS:
        text = pattern.sub(" ", text)
    return text
