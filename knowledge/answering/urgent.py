"""A danger now, or a wrongdoing reported: neither is a request for an organization's service,
and the reply is not an organization's introduction.

- Someone unconscious or bleeding, a fire, a fight, a child hurt by others, a person who says
  they want to die: the first line is the emergency number that fits (120, 119, 110: national
  numbers, no organization's contact). Nothing of an organization follows, unless the resident
  asks for help too (老婆说活着没意思，有人能帮帮她吗): the safety lines come first then, the
  answer after them.
- Violence at home told as a habit (我老公一吵架就动手打人) is a need the family services
  serve: answered as before, with the 110 line first.
- A report or an accusation (听说X虐待孩子, X是不是骗子, 我要举报X): the bot cannot verify or
  judge it; it says so and tells where a complaint goes (the civil-affairs bureau's office for
  social organizations, no phone invented) and that a person can take it up (转人工).

Read from the words of urgent_words.py, each occurrence weighed against a negation before it
(没有虐待), prevention around it (防止虐待儿童的项目, 自杀干预培训) and a question of conduct
(会不会打孩子: the scope rules' question, no violence told).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from knowledge.answering import urgent_words as words
from knowledge.answering.scope_kinds import AnyOf, Refusal
from knowledge.reply import Reply


class Danger(StrEnum):
    """Which danger a question tells; each member equals its plain string."""

    MEDICAL = "medical"  # 120
    FIRE = "fire"  # 119
    POLICE = "police"  # 110
    SELF_HARM = "self_harm"  # 120 or 110, and someone near
    HARM_OTHERS = "harm_others"  # 110, and stepping away


class Wrong(StrEnum):
    """What a report is of: harm to a person, money or a fraud, or anything else."""

    HARM = "harm"
    FRAUD = "fraud"
    OTHER = "other"


@dataclass(frozen=True)
class Alarm:
    """What urgent() read in a question: a danger (`soft`: answer the need too, the safety
    line first) or a wrongdoing reported."""

    danger: Danger | None = None
    wrong: Wrong | None = None
    soft: bool = False
    english: bool = False  # told in English: the number said in English first
    # the question with the danger's clauses told as the need they show (活着没意思 → 心理咨询):
    # answered when the question as asked finds nothing (哪里有心理咨询 is what is asked)
    need: str = ""

    @property
    def refusal(self) -> Refusal:
        return Refusal.REPORT if self.wrong is not None else Refusal.DANGER

    @property
    def reply(self) -> Reply:
        if self.wrong is not None:
            return _report_reply(self.wrong)
        assert self.danger is not None
        reply = _DANGER_REPLIES[self.danger]
        if self.english:
            return Reply(_IN_ENGLISH[self.danger], [reply.title, *reply.lines])
        return reply

    def first(self, reply: Reply) -> Reply:
        """The reply to the need told, after the safety line."""
        assert self.danger is not None
        line = (_SAFETY_IN_ENGLISH if self.english else _SAFETY_LINES)[self.danger]
        return Reply(line, [reply.title, *reply.lines])


_ACUTE: tuple[tuple[Danger, AnyOf], ...] = (
    (Danger.SELF_HARM, words.SELF_HARM),
    (Danger.HARM_OTHERS, words.HARM_OTHERS),
    (Danger.MEDICAL, words.MEDICAL),
    (Danger.FIRE, words.FIRE),
    (Danger.POLICE, words.POLICE),
)
# told as a wish, whenever it was: never read as a time gone by
_WISHES = (Danger.SELF_HARM, Danger.HARM_OTHERS)
_LATIN = re.compile(r"[a-z]{2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Only a quick look first: almost no question holds any of these characters' words.
_HIT = re.compile("[打掐踢扇揍]")


def urgent(text: str, masked: Callable[[str], str]) -> Alarm | None:
    """The danger or the wrongdoing `text` (folded as scope.py does, its spoken question words
    kept: 活着还有啥意思) tells, if any; `masked`: the text with our names blotted out (〇),
    for a named organization's staff."""
    # a prevention asked (老人走失了怎么办，有没有防走失活动) and nothing told of now (正在,
    # 刚才): only a wish to die or to kill is still read
    prevention = bool(words.PREVENTION_ASKED.search(text) and not words.NOW_TOLD.search(text))
    # words of Chinese only: a question without a Chinese character is read in English below
    chinese = _CJK.search(text) is not None
    for danger, table in (_ACUTE[:2] if prevention else _ACUTE) if chinese else ():
        if _told(table, text, now=True, gone=danger not in _WISHES):
            if danger is Danger.SELF_HARM and words.WITNESSED.search(text):
                return Alarm(Danger.POLICE)  # a rescue: no words to someone in despair
            if danger is Danger.SELF_HARM and words.ASKS_HELP.search(text):
                return Alarm(danger, soft=True, need=_as_need(table, text))
            return Alarm(danger)
    if _LATIN.search(text) and words.PINYIN_SELF_HARM.search(text):
        return Alarm(Danger.SELF_HARM)
    if _LATIN.search(text) and not words.ENGLISH_SERVICE.search(text):
        for name, pattern in words.ENGLISH:
            if pattern.search(text):
                return Alarm(Danger(name), english=True)
        if words.ENGLISH_AT_HOME.search(text):
            return Alarm(Danger.POLICE, soft=True, english=True)
    if prevention:
        return None
    would = words.WOULD.search(text) is not None
    harm = not would and (
        _told(words.ABUSE, text) or (_HIT.search(text) and _told(words.ABUSE, masked(text)))
    )
    if harm:
        # told of the resident's own, asking for help (孩子在家被虐待，有没有保护孩子的机构):
        # a need the services serve, after the 110 line; of an organization's staff, a report
        if words.ASKS_HELP.search(text) and "〇" not in masked(text):
            return Alarm(Danger.POLICE, soft=True)
        return Alarm(wrong=Wrong.HARM)
    if _told(words.FRAUD, text) and not words.OVER_NOW.search(text):
        return Alarm(wrong=Wrong.FRAUD)
    if _told(words.REPORTED, text):
        return Alarm(wrong=Wrong.OTHER)
    if not would and not words.CHILD_BEHAVES.search(text) and _told(words.VIOLENCE_TOLD, text):
        return Alarm(Danger.POLICE, soft=True)
    return None


def _told(table: AnyOf, text: str, *, now: bool = False, gone: bool = False) -> bool:
    """Whether any occurrence of the table's words is told, not negated or prevented (and,
    for a danger `now`, not one of the past: 晕倒过; `gone`: nor of a time gone by, someone
    already cared for or the news: 上个月被车撞了, 出车祸了在医院)."""
    for pattern in table.possible(text):
        for found in pattern.finditer(text):
            if gone and _gone_by(text, found.start(), found.end()):
                continue
            before = text[max(0, found.start() - 8) : found.start()]
            after = text[found.end() : found.end() + 8]
            if words.NEGATED.search(before) or words.PREVENTED.search(before):
                continue
            if words.SERVICE_AFTER.match(after) or words.KIND_OF_PEOPLE.match(after):
                continue
            if now and words.BEFORE_NOW.match(after):
                continue
            return True
    return False


def _gone_by(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    ends = [found.end() for found in words.TIME_GONE.finditer(before)]
    if ends and not words.NOW_TOLD.search(before[ends[-1] :]):
        return True  # 上个月被车撞了, not 之前说胸口疼，现在突然晕倒了
    return words.CARED_FOR.search(text[end : end + 8]) is not None


_SENTENCES = re.compile(r"[^,.!?;，。！？；]+")
# What despair asks for when help is asked with it: someone to talk to.
_DESPAIR_NEED = "心理咨询"


def _as_need(table: AnyOf, text: str) -> str:
    """`text` with each clause that tells the despair told as the need instead (我老婆总说活着
    没意思，哪里有心理咨询 → 心理咨询，哪里有心理咨询)."""
    clauses = [found.group() for found in _SENTENCES.finditer(text)]
    return "，".join(
        _DESPAIR_NEED if table.search(clause) is not None else clause for clause in clauses
    )


_DANGER_REPLIES = {
    Danger.MEDICAL: Reply(
        "请马上拨打 120 急救电话。",
        [
            "有人晕倒、受伤流血、呼吸困难或误服药物时，请先打 120，说清楚地址和病人的情况，"
            "保持电话畅通，等救护车来。",
            "我只能回答社会组织的问题，不能提供急救指导。",
        ],
    ),
    Danger.FIRE: Reply(
        "请马上拨打 119 火警电话。",
        [
            "着火、闻到燃气味或有人被困时，能离开的请先离开到安全的地方，再打 119 说清楚地址和情况。",
            "闻到燃气味时，不要开关电器，不要点火。",
        ],
    ),
    Danger.POLICE: Reply(
        "请马上拨打 110 报警。",
        [
            "有人正在受到伤害、有人持刀或打架、有人闯进家里、孩子或老人走失时，都可以打 110，"
            "说清楚地址和情况，并先保护好自己。",
            "平时发现孩子或老人被打骂、虐待，也可以向所在社区居委会（村委会）反映。",
        ],
    ),
    Danger.SELF_HARM: Reply(
        "如果你或身边的人有伤害自己的想法，或者已经受伤，请马上拨打 120 或 110。",
        [
            "听到你这样说，我很担心。你不是一个人：请现在就把你的感受告诉身边信任的人，"
            "家人、朋友或邻居都可以，请他们来陪着你。",
            "如果是身边的人这样说，请陪在他身边，不要让他一个人待着。",
        ],
    ),
    Danger.HARM_OTHERS: Reply(
        "如果有人现在有危险，请马上拨打 110。",
        [
            "如果你担心自己会伤害别人，请先离开现场，让自己冷静下来，"
            "并把你的感受告诉身边信任的人。",
        ],
    ),
}
_IN_ENGLISH = {
    Danger.MEDICAL: "Call 120 for an ambulance now.",
    Danger.FIRE: "Call 119 (fire and rescue) now.",
    Danger.POLICE: "Call 110 (police) now.",
    Danger.SELF_HARM: "If you or someone near you is in danger or hurt, call 120 or 110 now, "
    "and tell someone you trust how you feel.",
    Danger.HARM_OTHERS: "If anyone is in danger, call 110 now.",
}
# The first line of a need answered that told a danger too.
_SAFETY_LINES = {
    Danger.POLICE: "如果有人正在受到伤害，请马上拨打 110 报警。",
    Danger.SELF_HARM: "如果你或身边的人有伤害自己的想法，或者已经受伤，请马上拨打 120 或 110，"
    "不要让他一个人待着。",
}
_SAFETY_IN_ENGLISH = {Danger.POLICE: "If someone is hurting you now, call 110 (police)."}

NOT_VERIFIED = "这类情况我无法核实。"
_REPORT_NOW = {
    Wrong.HARM: "如果有孩子或其他人正在受到伤害，请马上拨打 110 报警。",
    Wrong.FRAUD: "如果已经被骗、有财物损失，请尽快拨打 110 报警。",
}
_WHERE_TO = "对社会组织或其工作人员的投诉和举报，可以向当地区县民政局的社会组织管理部门反映。"
_HAND_OFF = "需要工作人员跟进，可以点下面的“转人工”，或发送 /human。"


def _report_reply(wrong: Wrong) -> Reply:
    now = _REPORT_NOW.get(wrong, "")
    return Reply(NOT_VERIFIED, [line for line in (now, _WHERE_TO, _HAND_OFF) if line])
