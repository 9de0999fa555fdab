"""Follow-up questions: "它的电话呢" after "智塔在哪" asks about 智塔.

A chat's context is the last organization or project it was answered about, kept in memory
for a few minutes and never stored (what a resident asked about is theirs). Whether a question
is a follow-up is read from its words alone, conservatively: a question that names anything of
its own, or asks something the vocabulary below does not know, is answered as it always was.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from knowledge.answering.intent import AS_OF, LEADER_ASKED, Intent, strip_greeting
from knowledge.answering.list_query import ListQuery
from knowledge.catalog import Catalog
from knowledge.records import Fact, Kind, Organization, Project, Record

if TYPE_CHECKING:  # outcome.py imports this module
    from knowledge.answering.outcome import Answer

DEFAULT_MINUTES = 10
MAX_FOLLOW_UP = 20  # characters; a longer message tells its own story (他 is someone else)
MAX_CHATS = 10_000  # chats remembered at once; the least recently active are dropped first

# "它/他们/这家/那个/那 …": the question points back at what was just answered (这/那 alone
# only where the question starts: "那有什么项目"; 其他 is no pointer).
_POINTERS = re.compile(
    r"它们家|他们家|她们家|它们|他们|她们|它家|他家|这家|那家|这个组织|那个组织|这个机构|"
    r"那个机构|这个中心|那个中心|这个协会|那个协会|这个项目|那个项目|该项目|这个|那个|这里|那里|这儿|那儿|"
    r"这边|那边|该组织|该机构|该中心|该协会|它|(?<!其)[他她]|^[这那]"
)
# "谁办的", "是哪个组织搞的": asked of a project, its organization answers.
_RUNS = r"(?:办|搞|做|负责|组织|发起|主办|举办|牵头|开展|弄|管|孵化|成立|创办|引进|引入)的?"
_WHO_RUNS = re.compile(r"(?:谁|哪个组织|哪个机构|哪个单位|哪家)(?:在)?" + _RUNS + r"|是谁的|谁家的")
# What a follow-up can ask for, in the order a question asking for two is read.
_TOPICS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        Intent.CONTACT,
        re.compile(r"联系电话|电话号码|电话|联系方式|怎么联系|联系|手机号?|号码|微信|邮箱|热线"),
    ),
    (
        Intent.ADDRESS,
        re.compile(
            r"在?哪个(村子|村|镇|乡|社区|小区|街道)|在?哪条(路|街)上?|在?哪些地方|在哪里|在哪儿|在哪(?!几)|哪儿|哪里|地址|位置|怎么走|怎么去|"
            r"什么地方|哪个区|哪个县|哪个街道|哪条路|办公地点|啥地方"
        ),
    ),
    (
        Intent.HOURS,
        re.compile(r"开放时间|营业时间|办公时间|上班时间|工作时间|几点|开门|关门|营业|上班"),
    ),
    (Intent.PROJECTS, re.compile(r"项目")),
    # A count ("有多少志愿者") is matched again with the subject named: its words pick the figure.
    (
        Intent.FIGURE,
        re.compile(
            r"多少|几个|几名|几位|几次|几家|人次|规模|数量|多不多|大不大|长不长|久不久"
            # the date its counts were made on (统计到哪天: review14)
            rf"|{AS_OF}"
        ),
    ),
    (Intent.JOIN, re.compile(r"怎么参加|如何参加|参加|报名|加入|参与|当志愿者|志愿者")),
    (Intent.ACTIVITIES, re.compile(r"活动")),
    # 教些啥, 都搞些什么: what it does, asked with the verb of what it does
    (
        Intent.SERVICES,
        re.compile(r"什么服务|哪些服务|服务|[教学搞干办帮弄管][些点过了的]*(啥|什么)"),
    ),
    (Intent.INTRODUCE, re.compile(r"是做什么的|做什么的|干什么的|是干啥的|做什么|干什么|介绍")),
    (Intent.INTRODUCE, _WHO_RUNS),
    # 它叫什么名字, 全名叫啥: its name, which its card begins with
    (
        Intent.INTRODUCE,
        re.compile(r"(全名|名字|名称)(叫|是)?个?(什么|啥)?|叫个?(什么|啥)(名字|名)?"),
    ),
]
# Asked of a project, these are its organization's.
_THE_ORGANIZATIONS = frozenset(
    {Intent.CONTACT, Intent.ADDRESS, Intent.HOURS, Intent.ACTIVITIES, Intent.PROJECTS}
)
# A question for a number or a date ("服务了多少学生", "什么时候成立的"): asked in a chat,
# with no name or place of its own, it is about the chat's subject, even where a city-wide
# fact would also fit its words.
_COUNTS = re.compile(
    r"多少|几(个|名|位|次|回|趟|家|户|场|台|所|年|月|天|批|块|亩|项|份|届|期|轮|间|处|万|人|元"
    r"|级|层|类|种|套|条|座|栋|支|队|组|门|节|首|段|本|辆|周|倍)"
    r"|人次|规模|数量|多大|多长|多久|多不多|大不大|长不长|久不久|什么时候|啥时候|啥时|哪年|哪一年|何时|截至|截止"
)
# The date a figure was counted at, asked of the figure just given ("那是截止到啥时候的"), with
# nothing counted of its own.
_OF_THE_FIGURE = re.compile(r"截至|截止|到啥时候|到什么时候|哪年的|哪一年的|啥时候的|什么时候的")
_COUNTED = re.compile(r"多少|几")
# Read out first: "这周" and "这个月" are no pointer.
_TIMES = re.compile(r"最近|近期|这周|本周|下周|这个月|下个月|周末|今天|明天|后天|现在")
# Words that carry no subject: with these and a topic only, the question has none of its own.
_FILLER = re.compile(
    r"请问|麻烦|告诉我|给我|我想知道|我想问|想知道|想问|一下|还有|那么|另外|再问|具体|别的|其他|其它|"
    r"有没有|有吗|是不是|可不可以|能不能|可以|能|怎么样|怎么|如何|什么|哪些|啥|多少|"
    r"平时|一般|都|还|也|再|提供|"
    r"的|了|吗|呢|吧|啊|呀|哦|嘛|么|有|是|你们|请|家|个|儿|呐|咧|给|发|一个|在|上|"
    # 哪里能找见, 去哪里找: where, asked as how to find it
    r"找得到|找得着|找到|找见|找着|去找|找"
)


@dataclass(frozen=True)
class Subject:
    """What a chat was last answered about: an organization, or a project (its organization
    answers for contacts, places, hours and activities); and the list or the choice it was
    last shown, which "第二个" picks from (picks.py). After a list of several, `id` is ""."""

    kind: Kind
    id: str
    name: str
    listed: tuple[tuple[Kind, str], ...] = ()  # (kind, id) in the order shown
    query: ListQuery | None = None  # what the list shown asked for ("那未央区呢" asks again)
    # the need the question answered asked for (金台区有没有教孩子的: 儿童青少年), when the
    # answer is one organization found by it: "那陈仓呢" asks for that need there
    need: tuple[str, ...] = ()
    # the figure question it was last answered ("空调装了多少"): "那是截止到啥时候的" asks of it
    asked: str = ""

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": str(self.kind), "id": self.id, "name": self.name}
        if self.listed:
            found["listed"] = [key for _, key in self.listed]
        return found

    def showing(self, shown: Subject | None) -> Subject:
        """This subject, the list `shown` still there to pick from ("那第一个呢")."""
        if shown is None or not shown.listed:
            return self
        return replace(self, listed=shown.listed, query=shown.query)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up resolved: the record it asks about, and what it asks for."""

    subject: Subject
    record: Record
    intent: Intent


@dataclass(frozen=True)
class Rewrite:
    """A follow-up with words of its own ("他们能做康复吗", "有多少志愿者"): matched again as
    `question`, the subject named in it; it counts if the answer is about the subject."""

    subject: Subject
    question: str
    organization: str  # its records answer for the subject too
    pointed: bool = True  # it says 它/他们/那个…; otherwise it is only short and subjectless
    counts: bool = False  # it asks for a number, a count or a date

    def covers(self, record: Record | None) -> bool:
        if record is None:
            return False
        if (record.KIND, record.id) == (self.subject.kind, self.subject.id):
            return True
        return bool(self.organization) and record.organization_id == self.organization


def subject_of(record: Record | None, catalog: Catalog) -> Subject | None:
    """What a question answered about `record` leaves as the context: a project itself,
    otherwise the organization a record belongs to (none for a fact about no one)."""
    if isinstance(record, Project):
        return Subject(Kind.PROJECT, record.id, record.name)
    org = catalog.record(Kind.ORGANIZATION, record.organization_id) if record else None
    if org is None and isinstance(record, Fact):  # 它管到哪一年 after a policy: asked of it
        return Subject(Kind.FACT, record.id, record.name)
    return Subject(Kind.ORGANIZATION, org.id, org.name) if org else None


def _compact(normalized: str) -> str:
    return _TIMES.sub("", strip_greeting(normalized).replace(" ", ""))


def points_back(normalized: str) -> bool:
    """Whether the question says 它/他们/这家/那个…"""
    return bool(_POINTERS.search(_compact(normalized)))


def follow_up_intent(normalized: str) -> Intent | None:
    """What a question asks for when it asks it of no subject of its own, else None.

    `normalized` is text.normalize's output. "它的电话呢", "那有什么项目", "在哪儿" have no
    subject; "哪里有心理咨询" and "明明心理的电话呢" have one."""
    asked, rest = asked_and_rest(normalized)
    return asked if not rest else None


def asked_and_rest(normalized: str) -> tuple[Intent | None, str]:
    """What a short question asks for, and its words left once that and filler are out."""
    text = _POINTERS.sub("", _compact(normalized))
    if not text:
        return None, ""
    asked = next((intent for intent, pattern in _TOPICS if pattern.search(text)), None)
    if asked is None:
        return None, text
    for _, pattern in _TOPICS:
        text = pattern.sub("", text)
    return asked, _FILLER.sub("", text)


# A part of the subject named by a noun its own record tells of: "地在哪" after the farmland
# project (认购一块土地), "小屋在哪" after 明明心理 (its 安心小屋); a measure word before it
# (那块地) says which one, not what.
MAX_PART = 4  # characters
_MEASURE = re.compile(r"^[块个家条间座片位所]")


def _told_of(record: Record) -> str:
    """What the sources tell of a record: its names, description, services and figures."""
    parts: list[str] = [record.display_name, *getattr(record, "aliases", ())]
    if isinstance(record, Project):
        parts += [record.description, record.period]
    if isinstance(record, Organization):
        parts += [record.summary, *record.services, record.address, record.street]
    parts += [f"{f.label}{f.text}{f.quote}" for f in getattr(record, "figures", ())]
    parts.append(record.source.quote)
    return "".join(parts)


def part_of(record: Record, rest: str) -> bool:
    """Whether the words left of a short question name something the record tells of."""
    part = _MEASURE.sub("", rest)
    return 0 < len(part) <= MAX_PART and part in _told_of(record)


def follow_up(
    normalized: str, subject: Subject | None, catalog: Catalog, *, named: bool = False
) -> FollowUp | Rewrite | None:
    """The question read against the chat's context, if it may be a follow-up of it: one
    answered from the context directly, or one to match again with the subject named.
    `named`: the question names a record of its own (秋文社工在哪 after 张家堡's centre,
    whose text tells of it, is about 秋文社工)."""
    record = catalog.record(subject.kind, subject.id) if subject is not None else None
    if subject is None or record is None:  # no context, or staff removed the record
        return None
    intent, rest = asked_and_rest(normalized)
    if rest and intent not in (None, Intent.FIGURE) and not named and part_of(record, rest):
        rest = ""  # 地在哪: where the subject's land is, asked of the subject
    intent = intent if not rest else None
    if isinstance(record, Fact) and not (intent == Intent.FIGURE or _COUNTS.search(normalized)):
        return None  # a fact has no phone or address: only a number or a date of it is asked
    if intent is None or intent == Intent.FIGURE:
        text = _compact(normalized)
        if len(text) > MAX_FOLLOW_UP:
            return None
        named = _POINTERS.sub(subject.name, text, count=1)
        question = named if named != text else f"{subject.name} {text}"
        pointed = (
            named != text
            or _asks_its_leader(text)
            or _BARE_DEED.fullmatch(rest) is not None
            or _PARTNER_ASKED.fullmatch(rest) is not None
        )
        counts = intent is not None or bool(_COUNTS.search(text))
        if subject.asked and _OF_THE_FIGURE.search(text) and not _COUNTED.search(text):
            question = f"{subject.name} {subject.asked} {text}"  # the date of the figure given
        return Rewrite(subject, question, record.organization_id, pointed, counts)
    owner = catalog.record(Kind.ORGANIZATION, record.organization_id)
    who = intent == Intent.INTRODUCE and bool(_WHO_RUNS.search(_compact(normalized)))
    if owner is not None and (intent in _THE_ORGANIZATIONS or who):
        record = owner
    return FollowUp(subject, record, intent)


# A deed done, with no one of its own (在哪儿演过, 啥时候办过, 办过哪些比赛): whoever did it is
# the chat's subject, as 它 would say.
_BARE_DEED = re.compile(
    r"[\u4e00-\u9fff]{1,2}(过|了)((哪些|什么|啥|哪几[个场项次类种])[\u4e00-\u9fff]{1,3})?"
)
# Whom it did something with, no one named (跟谁一起募捐的, 和哪些单位合作): its partners, asked
# of the chat's subject as 它 would say.
_PARTNER_ASKED = re.compile(
    r"(是)?(跟|和|与|同)(谁|哪些|哪个|哪家)(组织|单位|机构|企业|协会)?"
    r"(一起|一块|一道|共同|联合|合作)?[\u4e00-\u9fff]{0,3}"
)


def _asks_its_leader(text: str) -> bool:
    """负责人是谁, 那会长叫啥: who leads the subject, with nothing else named before the role
    (民政局的负责人是谁, 幸福院院长是谁 ask about someone else)."""
    found = LEADER_ASKED.search(text)
    return found is not None and _LEADER_LEAD.fullmatch(text[: found.start()]) is not None


_LEADER_LEAD = re.compile(r"(那|那么|请问)?(它|他们|它们|这家|那家|这个|那个)?(的)?")


def is_live(since: float, now: float, minutes: float) -> bool:
    """Whether a context remembered at `since` (seconds) still holds at `now`."""
    return 0 <= now - since < minutes * 60


def clock() -> float:
    """Seconds on a clock that never jumps (tests replace it)."""
    return time.monotonic()


class Conversations:
    """Each chat's context, in memory only, for `minutes` after it was last used.

    At most `capacity` chats are remembered: the least recently active go first, so a flood
    of new chats cannot grow it."""

    def __init__(
        self,
        minutes: float = DEFAULT_MINUTES,
        *,
        capacity: int = MAX_CHATS,
        now: Callable[[], float] | None = None,
    ) -> None:
        self.minutes = minutes
        self.capacity = capacity
        self._now = now
        self._chats: OrderedDict[Hashable, tuple[Subject, float]] = OrderedDict()

    def _time(self) -> float:
        return self._now() if self._now is not None else clock()

    def __len__(self) -> int:
        return len(self._chats)

    def get(self, chat: Hashable) -> Subject | None:
        """The chat's context if it is still live."""
        kept = self._chats.get(chat)
        if kept is None:
            return None
        subject, since = kept
        if not is_live(since, self._time(), self.minutes):
            del self._chats[chat]
            return None
        return subject

    def update(self, chat: Hashable, answer: Answer) -> None:
        """After an answer: what it was about becomes the chat's context (a follow-up keeps
        its subject); an answer about nothing in particular leaves the context as it was."""
        self.remember(chat, answer.subject)

    def remember(self, chat: Hashable, subject: Subject | None) -> None:
        """`subject` is now what the chat's follow-ups are about (None: nothing changes)."""
        if subject is None or self.minutes <= 0:
            return
        self._chats[chat] = (subject, self._time())
        self._chats.move_to_end(chat)
        while len(self._chats) > self.capacity:
            self._chats.popitem(last=False)

    def forget(self, chat: Hashable) -> None:
        self._chats.pop(chat, None)
