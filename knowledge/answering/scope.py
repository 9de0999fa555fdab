"""Questions that are not a request we serve: refuse them politely instead of answering with
an organization that happens to share a word.

A question is judged by what it asks FOR (the head of the request: 吃什么药, 怎么起诉, 区长是谁,
谁的电话), not by the words it shares with the knowledge base: "自闭症孩子去哪康复" asks for a
service and is ours although it is about an illness; "孩子自闭症吃什么药" asks for medical
advice and is not. A rule may be lifted by a frame that asks for a service (哪里有免费法律咨询)
or by naming one of our organizations (智塔能补课吗); attacks and other people's personal
data never are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from knowledge.answering.compose import NOT_FOUND
from knowledge.answering.scope_asks import asked_for, asks_origin, weighs_ours
from knowledge.answering.scope_kinds import Scene
from knowledge.answering.scope_rules import CHINESE_RULES, RULES, Refusal, Rule
from knowledge.answering.scope_unrecorded import Unrecorded
from knowledge.answering.text import CLAUSE_RE, MAX_QUERY_CHARS
from knowledge.answering.urgent import Alarm, urgent
from knowledge.catalog import Catalog
from knowledge.reply import Reply

__all__ = ["RULES", "Refusal", "Rule", "Scope", "refusal_reply"]

_WHAT_WE_DO = "我只能回答宝鸡市、西安市未央区社会组织的情况：它们是谁、做什么服务和项目、有哪些数据、怎么联系。"
_HEADS = {
    Refusal.SCHOOLING: (
        "抱歉，升学、考试、择校和补课的问题不在我的服务范围内。",
        "这类问题可以咨询学校或当地教育部门。",
    ),
    Refusal.MARKET: ("抱歉，价格、行情和买卖的问题不在我的服务范围内。", ""),
    Refusal.OFFICIAL: (
        "抱歉，我不回答关于官员和领导个人的问题。",
        "政务信息请以当地政府公开发布的为准。",
    ),
    Refusal.POLICY: (
        "抱歉，国家政策和社会保障方面的问题不在我的服务范围内。",
        "这类问题可以咨询当地相关部门。",
    ),
    Refusal.MEDICAL: (
        "抱歉，我不能提供医疗或用药建议，请咨询医院或医生。",
        "如果需要康复训练、心理疏导等社会组织的服务，可以告诉我需要什么，例如“自闭症孩子去哪康复”。",
    ),
    Refusal.LEGAL: (
        "抱歉，我不能提供具体的法律意见。",
        "如果需要法律咨询、调解等服务，可以问“哪里有免费法律咨询”。",
    ),
    Refusal.ATTACK: ("抱歉，这个请求我不能处理。", ""),
    Refusal.GOVERNMENT: (
        "抱歉，政府部门的地址、电话和办事时间不在我的资料里。",
        "请以该部门公开发布的信息为准。",
    ),
    Refusal.MEDIA: (
        "抱歉，我这里没有活动的视频、照片或新闻报道，只有整理好的文字资料。",
        "可以问我组织和项目的情况，例如“少年军校是谁办的”。",
    ),
    Refusal.PAYMENT: (
        "抱歉，我不能收款、转账或代为捐款。",
        "想捐款，可以问我哪个组织在做募捐，再通过该组织公开的渠道捐赠。",
    ),
    Refusal.JOB: (
        "抱歉，招聘和求职的信息不在我的资料里。",
        "想做志愿者，可以问“哪里可以做志愿者”。",
    ),
    Refusal.WRITING: ("抱歉，我不能代写申请、报告或其他材料。", ""),
    Refusal.SERVED_HERE: (
        "抱歉，我只能查资料，不能直接为您做心理疏导、咨询或辅导。",
        "可以问哪个组织提供这项服务，例如“宝鸡哪里有心理咨询”；着急的话，可以发送 /human 转人工。",
    ),
    Refusal.DATING: ("抱歉，介绍对象、婚恋交友不在我的服务范围内。", ""),
    Refusal.REGISTRY: (
        "抱歉，资料中没有社会组织负责人的姓名、成立日期和员工人数。",
        "关于它们，可以问：是做什么的、有哪些项目和数据、怎么联系。",
    ),
    Refusal.FINANCES: (
        "抱歉，资料中没有社会组织的预算、收支和工资这类财务数字。",
        "资料里的数字是它们服务了多少人、办了多少活动，例如可以问“智塔服务了多少孩子”。",
    ),
    Refusal.TASK: (
        "抱歉，我只能查资料，计算、总结、改写、代为报名或安排这类事我做不了。",
        "可以问我资料里写了什么，例如“支援河南抗洪捐了多少”。",
    ),
    Refusal.HOW_TO: (
        "抱歉，具体怎么做、怎么练、怎么修这类方法和技巧我讲不了。",
        "想找人教或找人帮忙，可以问哪个组织提供这项服务，例如“金台区哪里能让娃学武术”。",
    ),
    Refusal.OPINION: (
        "抱歉，我不做评价和比较，也不判断传言的真假。",
        "可以问我资料里写了什么，例如“智塔是做什么的”。",
    ),
    Refusal.EXPLANATION: ("抱歉，原因、区别、来历这类知识性的问题不在我的服务范围内。", ""),
    Refusal.ELSEWHERE: (
        "抱歉，我只有宝鸡市和西安市未央区社会组织的资料，没有其他地方的。",
        "其他地方的社会组织，可以咨询当地民政部门。",
    ),
    Refusal.UNRECORDED: (
        "资料中没有这一年、这一届或今后安排的记录。",  # as named_asks.py says of a named one
        "资料只来自两篇新闻报道，可以问报道里的组织和项目，例如“少年军校是谁办的”。",
    ),
    Refusal.NOT_LISTED: (
        "抱歉，资料中没有这个组织。",
        "可以告诉我需要什么服务，例如“宝鸡哪里有心理咨询”，我找资料里做这项服务的组织。",
    ),
    Refusal.PERSONAL_DATA: (
        "抱歉，我不能提供个人信息（如个人电话、住址、身份证号）。",
        "我只提供社会组织公开的资料，例如可以问“智塔的电话”。",
    ),
}


def refusal_reply(kind: Refusal, name: str = "") -> Reply:
    """The polite refusal for a question of this kind, with what the bot can help with;
    `name`: the organization asked for that no record has (NOT_LISTED)."""
    if kind is Refusal.OFF_TOPIC:  # weather, trains: nothing here, and where to ask people
        return NOT_FOUND
    head, hint = _HEADS[kind]
    if kind is Refusal.NOT_LISTED and name:
        head = f"抱歉，资料中没有「{name}」。"
    return Reply(head, [line for line in (hint, _WHAT_WE_DO) if line])


@lru_cache(maxsize=64)  # one question is read this way four times (refusal, alarm, names)
def _prepared(question: str) -> str:
    """Lower-cased, full-width folded, without spaces between Chinese characters; as long as
    the matcher reads a question (MAX_QUERY_CHARS, with room for spaces), no longer: hundreds
    of searches over a 100,000-character message took 0.15 s."""
    text = _QUESTION_WORDS.sub(lambda found: _PLAIN[found.group()], _folded(question))
    # 不怎么 / 没怎么 before a verb is "not much" (饭都不咋吃, 没怎么睡): no method asked.
    return _NOT_MUCH.sub(r"\1太", text)


@lru_cache(maxsize=64)
def _folded(question: str) -> str:
    """`_prepared` without the spoken question words read: urgent.py reads a danger in the
    words it was told in (活着还有啥意思)."""
    text = unicodedata.normalize("NFKC", question[: MAX_QUERY_CHARS * 2]).lower()
    return _SPACE_BY_CHINESE.sub("", text)


_SPACE_BY_CHINESE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")

# Spoken question words read as the plain ones the rules are written in: "心理咨询师证咋考",
# "武术段位考试啥时候报名" ask what "怎么考", "什么时候报名" ask. Only question words: a
# need in dialect is the words table's business, and it may only lift a rule (answer.py).
_PLAIN = {
    "咋": "怎么",
    "啥": "什么",
    "阿达": "哪里",
    "阿搭": "哪里",
    "哪达": "哪里",
    "哪搭": "哪里",
}
_QUESTION_WORDS = re.compile("咋(?!舌)|啥|阿达|阿搭|哪达|哪搭")
_NOT_MUCH = re.compile("(不|没)怎么(?!办|样|回事)")

# A long story tells how the resident lives before it asks (我在未央住，当了十年全职妈妈……
# 出去找工作人家也不要……有没有专门帮我们这种女人的): a job or a school named in a clause of
# the story that asks nothing is its background, when a later clause asks for help (带着娃去
# 商场 is where the family went, not a price asked). Only these rules: a medicine, a law or an
# attack named anywhere is still what is asked about.
_STORY_CHARS = 45
_STORY_CLAUSES = 4
_BACKGROUND_KINDS = frozenset({Refusal.JOB, Refusal.SCHOOLING, Refusal.MARKET})
_ASKS_HELP = re.compile(
    r"有没有|有木有|哪里|哪儿|哪有|去哪|谁能|谁可以|找谁|能不能|可不可以|怎么办|吗$|不$|呢$"
    r"|不知道(怎么|该)"
    # what the resident wants, told last (我想学点本事，也想找些姐妹一起打打气)
    r"|想找|想学"
)
_LATIN = re.compile("[a-z]")
# What asks of a scene's topic in its own clause: 天气咋样, 会不会下雨, 明天下雨不, 几度
# (明天 alone tells when: 明天天气好，想带孩子参加个公益活动).
_ASKS_OF_IT = re.compile(
    r"怎么样|如何|会不会|[吗么呢]|[不没]$|几度|多少度|预报|冷不冷|热不热|好不好|下不下|什么时候|哪天"
    r"|多少|几号"
)
# Any question word: a clause holding one asks (血压高，吃什么能降下来).
_ASKS_ANY = re.compile(
    r"[吗么呢]|[不没]$|什么|怎么|如何|哪|谁|多少|能不能|可不可以|要不要|是不是|有没有|会不会|好不好"
    r"|该|行不行"
    r"|(?<![好这那前])几"  # not a span told (住院好几天了, 这几天感冒了)
)
# A service of ours asked for in another clause: an organization, an activity, someone who
# sees to it (想找个志愿者组织参加, 高新区有人对接这事吗). Not a hospital or a shop.
_SERVICE_ASKED = re.compile(
    r"组织|机构|协会|中心|社工|志愿|义工|公益|活动|服务站|幸福院|康复|有人(对接|管|组织)|谁(在)?管|对接"
    r"|疏导|咨询|辅导|照顾|养老|助老"
)

# A treatment asked for in another clause keeps the illness what is asked about (孩子感冒发烧，
# 社区卫生服务中心在哪; 有没有中医的公益活动).
_TREATED = re.compile(r"医院|卫生|诊所|门诊|医生|大夫|中医|西医|看病|治病|治疗|药")


def _only_told(rule: Rule, question: str) -> bool:
    """Whether a scene rule's topic is only told, in clauses asking nothing of it, beside
    clauses that do not name it: the story's scene. The weather is small talk whatever the
    rest asks (今年这天气热得邪乎。说正事，……想找个地方学学); an illness, a shop or a purchase
    told (去年做完手术, 我在超市当收银员, 刚在网上买了个空调) is the background only of a
    service of ours asked for in another clause. Clauses read from the question as written,
    whose spaces part them too."""
    clauses = [_prepared(clause) for clause in CLAUSE_RE.findall(question)]
    telling = [clause for clause in clauses if rule.asks.search(clause)]
    if not telling or len(telling) == len(clauses):
        return False  # matched across clauses only (咳嗽好几天了，…能给瞧一哈不): asked whole
    if rule.scene is Scene.SMALL_TALK:
        return not any(_ASKS_OF_IT.search(clause) for clause in telling)
    rest = [clause for clause in clauses if not rule.asks.search(clause)]
    return (
        not any(_ASKS_ANY.search(clause) for clause in telling)
        and any(_SERVICE_ASKED.search(clause) for clause in rest)
        and not any(_TREATED.search(clause) for clause in rest)
    )


# Who the resident is, told before the request ("我是开网店的，想…", "我们是开厂的"): the
# story's background, not what is asked for. Only a whole clause, so "我是开网店的吗" and
# "开网店怎么贷款" are still read.
_WHO_I_AM = re.compile(
    r"(?:^|(?<=[,.!?;\s]))(?:我|俺|额|我们|俺们|额们|我家|我屋)(?:是|就是|家是|原来是|以前是)"
    r"[\u4e00-\u9fff]{1,8}的(?=[,.!?;\s]|$)"
)
# What the resident runs, as a whole clause: 我在高新区开了个小超市，想找个行业协会入会.
_WHAT_I_RUN = re.compile(
    r"(?:^|(?<=[,.!?;\s]))(?:我|俺|额|我们|俺们|额们|我家)(?:在[\u4e00-\u9fff]{1,6})?"
    r"(?:开了|开着|经营着?|干着)(?:个|一个|家|一家|间|一间)[\u4e00-\u9fff]{1,8}(?=[,.!?;\s]|$)"
)
_RUNS = re.compile("开了|开着|经营|干着")
# Where the resident works, as a whole clause: 我在饭店打工，工资低，心里烦，有没有人能疏导
# (a job looked for is no workplace: 我在找工作).
_WHERE_I_WORK = re.compile(
    r"(?:^|(?<=[,.!?;\s]))(?:我|俺|额|我们|俺们|额们)(?:现在|一直|以前|平时)?在"
    r"(?![^,.!?;\s]*[找求])[\u4e00-\u9fff]{1,8}(?:上班|打工|工作|干活)(?=[,.!?;\s]|$)"
)
_WORKS = re.compile("上班|打工|工作|干活")


def _asking_clause(text: str) -> int | None:
    """Where the story's asking begins in a long story (its first clause that asks, the first
    clause left out), or None when the text is no story or asks in no clause but the first:
    what comes from there on is read whole (这个理财靠谱吗，收益能拿到不 asks of 理财)."""
    if len(text) < _STORY_CHARS:
        return None
    clauses = list(CLAUSE_RE.finditer(text))
    if len(clauses) < _STORY_CLAUSES:
        return None
    for clause in clauses[1:]:
        if _ASKS_HELP.search(clause.group()):
            return clause.start()
    return None


class Scope:
    """Tells a question that is not ours; knows the names of one knowledge version's
    organizations and projects (naming one lifts the rules that allow it)."""

    def __init__(
        self,
        names: Iterable[str],
        records: Mapping[str, Mapping[str, Any]] | None = None,
        titles: Iterable[str] = (),
        sounds: Mapping[str, tuple[str, ...]] | None = None,
        everyday: Callable[[str], bool] | None = None,
    ) -> None:
        """`records`: the stored tables (their divisions, and the records' own words);
        `titles`: the facts' names, which a name asked for may be too; `sounds`: each
        character's readings (a name of ours misspelt by sound is still ours); `everyday`:
        whether a word is an everyday one (the segmenter's general dictionary)."""
        self._names = tuple(sorted({n for n in names if len(n) >= 2}, key=len, reverse=True))
        self._last_alarm: tuple[str, Alarm | None] | None = None
        self._last_masked: tuple[str, str] | None = None
        # without the records, what they do not hold is unknown: nothing is refused for it
        self._unrecorded = (
            Unrecorded(records, (*self._names, *titles), sounds or {}, everyday)
            if records
            else None
        )

    @classmethod
    def from_catalog(
        cls,
        catalog: Catalog,
        records: Mapping[str, Mapping[str, Any]] | None = None,
        sounds: Mapping[str, tuple[str, ...]] | None = None,
        everyday: Callable[[str], bool] | None = None,
    ) -> Scope:
        named = [*catalog.organizations.values(), *catalog.projects.values()]
        names = [name for record in named for name in (record.name, *record.aliases)]
        titles = (fact.name for fact in catalog.facts.values())
        return cls(names, records, titles, sounds, everyday)

    def names_one(self, text: str) -> bool:
        return any(name in text for name in self._names)

    def part_of_a_name(self, text: str) -> bool:
        """Whether the text is one of our names or a piece of one (社组中心 of 陈仓区社组中心)."""
        return any(text in name for name in self._names)

    def refusal(self, question: str, reworded: str | None = None) -> Refusal | None:
        """Why the question is not ours, or None when it may be. `reworded`: the question in
        the knowledge base's words (dialect read); its frame (有啥地方能学 → 有什么地方能学)
        or a name lifts a rule as the plain words would — a word the table rewrote away
        (便宜, 咋治) does not."""
        text = _WHO_I_AM.sub(" ", _prepared(question))
        if _RUNS.search(text):  # a quick look first: the clause's pattern is slow to scan
            text = _WHAT_I_RUN.sub(" ", text)
        if _WORKS.search(text):
            text = _WHERE_I_WORK.sub(" ", text)
        if not text.strip():
            return None
        plain = _prepared(reworded) if reworded is not None else ""
        asking = _asking_clause(text)
        for rule in RULES if _LATIN.search(text) else CHINESE_RULES:
            if not rule.asks.search(text):
                continue
            background = asking is not None and rule.kind in _BACKGROUND_KINDS
            if background and not rule.asks.search(text[asking:]):
                continue  # only the story's background names it
            if rule.unless is not None and rule.unless.search(text):
                continue
            if rule.scene is not None and _only_told(rule, question):
                continue
            if rule.named_lifts and self.names_one(text):
                continue
            # An organization's name is no part of the request (秋文社工的电话 asks for no
            # social worker's phone); checked only when a rule matched, names are many.
            if not rule.named_lifts and not rule.asks.search(self.masked(text)):
                continue
            if plain and rule.unless is not None and rule.unless.search(plain):
                continue
            if plain and rule.named_lifts and self.names_one(plain):
                continue
            return rule.kind
        # Another place, a past year or an edition no record has: whatever else is asked.
        unrecorded = self._unrecorded and self._unrecorded.refusal(text, self.masked)
        if unrecorded:
            return unrecorded
        # No rule names the topic: what the question's head asks for decides.
        return asked_for(text, plain, self.masked)

    def unlisted_name(self, question: str) -> str | None:
        """The name of an organization asked for that no record has (宝鸡市老年心理援助基金会):
        an organization sharing its words is not the one asked for."""
        if self._unrecorded is None:
            return None
        text = _prepared(question)
        return self._unrecorded.unlisted_name(text, self.masked)

    def placed_against(self, question: str) -> tuple[str, str] | None:
        """One of our names asked to be in a place its record is not in: (name, place)."""
        if self._unrecorded is None:
            return None
        return self._unrecorded.placed_against(_prepared(question))

    def year_unheld(self, question: str, family: str) -> bool:
        """Whether the question asks of a year that `family`'s records (an organization's, or
        a fact's own) do not name, though another record does (scope_unrecorded.py)."""
        if self._unrecorded is None:
            return False
        return self._unrecorded.year_unheld(_prepared(question), self.masked, family)

    def alarm(self, question: str) -> Alarm | None:
        """A danger now or a wrongdoing reported, told in the question (urgent.py). The last
        question's is kept: the Answerer asks before the follow-ups, the reply again."""
        last = self._last_alarm  # one tuple, read and replaced whole: safe across threads
        if last is not None and last[0] == question:
            return last[1]
        found = urgent(_folded(question), self.masked)
        self._last_alarm = (question, found)
        return found

    def weighs_ours(self, question: str) -> bool:
        """Whether a judgement asked names ours for a need or a fit (智塔的康复效果怎么样): the
        records' words on them are given instead, with no judgement."""
        return weighs_ours(_prepared(question), self.masked)

    def asks_origin(self, question: str) -> bool:
        """Whether how one of ours began or what it truly is is asked (智塔是怎么办起来的): its
        card answers, the rest of the question (背后的故事) being what no record tells."""
        return asks_origin(_prepared(question), self.masked)

    def masked(self, text: str) -> str:
        """The text with our organizations' and projects' names blotted out (the last one
        kept: the rules, the records and the head read the same text in turn)."""
        last = self._last_masked  # one tuple, read and replaced whole: safe across threads
        if last is not None and last[0] == text:
            return last[1]
        free = text
        for name in self._names:  # longest first
            if name in free:
                free = free.replace(name, "〇")
        self._last_masked = (text, free)
        return free
