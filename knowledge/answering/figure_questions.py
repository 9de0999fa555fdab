"""What a question for a figure, a date or an event asks: the measure word and what it
counts, the verb before the count, the part that describes the record rather than what is
counted, whether it asks when something was held. Pure functions of the (normalized) text;
figures.py finds the figure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.answering.intent import AS_OF
from knowledge.answering.text import CLAUSE_RE
from knowledge.records import Figure

UNIT_BONUS = 3  # as much as a two-character word of the label: 多少人 asks for a count of people
YEAR = re.compile(r"\d{4}年度?")  # 2021年度 is a date, not a count of years

# What a figure counts, read from the measure word right after 多少/几 (and nothing after it:
# 多少名老师 counts teachers, which 164名 children are not).
_UNITS: dict[str, tuple[str, ...]] = {
    "人次": ("人次",),
    "人": ("人", "名", "位"),
    "名": ("名", "人"),
    "位": ("位", "人", "名"),
    "户": ("户",),
    "钱": ("元",),
    "块钱": ("元",),
    "元": ("元",),
    "块": ("块", "元"),
    "台": ("台",),
    "场": ("场",),
    "次": ("次", "人次", "场次", "批次"),  # 几次心理疏导: 36人次 are as many times
    "所": ("所",),
    "亩": ("亩",),
    "批": ("批",),
    "趟": ("批", "趟", "次"),
    "回": ("次", "回", "批"),
    "轮": ("轮", "批", "次"),
    "天": ("天",),
    "年": ("年",),
    "家": ("家",),
    "项": ("项",),
    "份": ("份",),
}
# A verb may follow the measure word: "多少人参加" still counts people (a noun may not).
_UNIT_RE = re.compile(
    r"(多少|几)(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
    r"(参加|参与|受益|报名|加入|来过|来|去过|去|了|送|运|捐|发|装|办|搞|做|开展|举办|组织|帮|服务"
    r"|过去|过来|过|到|的|完|出去|出|给|教|值班|班)*[呢啊呀吗了?？。！!]*$"
)
# An English question read in Chinese words: "多少人 院落 合作社 服务" (how many people … serve).
_ENGLISH_UNIT_RE = re.compile(
    r"(?:^|\s)(多少|几)(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?=\s)"
)
# What is counted, asked yes or no: "参加的人多不多", "捐的钱多吗", "场次多不多".
_MANY_RE = re.compile(
    r"(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?:数|数量)?(?:多不多|多吗|多么)"
)
# Who is counted, named instead of measured: "帮了多少孩子" counts people all the same.
_PEOPLE_RE = re.compile(
    r"(多少|几)[个名位]?(孩子|小孩|娃娃|娃|儿童|学生|老人|居民|群众|家长)"
    # …or by what they did: "参加的人有多少了" counts people (平台参与人数 10万余人)
    r"|的人数?(有|一共有|共有|一共|总共|大概|到底)?(多少|几)"
)
_PEOPLE = ("人", "名", "位")
# Money named, not measured: "筹的钱是截至哪天的" asks of the sums.
_MONEY_RE = re.compile(r"钱|款|资金|经费")
# What is counted, named before 有多少: "专家顾问团有多少人" counts the members of a group,
# which no figure about the organization's trainees is.
# A measure word and a noun after the count word: the noun is what is counted.
_NOUN_AFTER = re.compile(r"[个家名位座所块场次批项台间处户]?[\u4e00-\u9fff]{2,}")
_COUNTED_RE = re.compile(r"([\u4e00-\u9fff]{2,})(?:有|共有|一共有|总共有|一共|总共)(?:多少|几)")
_AREA_RE = re.compile(r"多大|面积|平方|平米")
_SHARE_RE = re.compile(r"百分之(几|多少)|占比|比例|几成|占[^，,。？?！!\s多几]{0,8}?(多少|几)")
_DURATION_RE = re.compile(r"多久|多长时间|几个月")
_DATE_RE = re.compile(
    r"截至|截止|哪天|哪一天|什么时候|啥时候|哪年|哪一年|几几年|几月|几号|日期|到什么时候"
)
_EVENT_RE = re.compile(
    r"获.{0,2}奖|得.{0,2}奖|什么奖|哪些奖|荣誉|称号|表彰|入选|评上|获评|名次|第几名|比赛|大赛|评选"
    r"|春晚"
)
_AWARD_RE = re.compile(r"获.{0,2}奖|得.{0,2}奖|什么奖|哪些奖|荣誉|称号|表彰|入选|评上|获评|典型")


# How much or how many, asked: not "several" told (上访好几年了, 十几个人) nor a clock's time.
_SEVERAL = re.compile(r"好几|十几|几十|几百|几千|几万|几乎|几点|[这那前近过没]几")
_QUANTITY = re.compile(r"多少|几|多[大久长高远重宽]|百分之|占比|比例")


def asks_quantity(question: str) -> bool:
    """Whether the question asks how much or how many of something (a count, a sum, a size)."""
    return bool(_QUANTITY.search(_SEVERAL.sub("", question)))


def asked_units(question: str) -> tuple[str, ...]:
    """The measure words a figure must have to count what the question asks (may be none)."""
    compact = question.replace(" ", "")
    if _SHARE_RE.search(compact):  # 有多大比例: a share, though 多大 may ask a size
        return ("%",)
    if _AREA_RE.search(compact):
        return ("平方米",)
    if _DURATION_RE.search(compact):
        return ("年", "天", "月")
    found = _UNIT_RE.search(compact) or _ENGLISH_UNIT_RE.search(question)
    if found:
        return _UNITS[found.group(2)]
    many = _MANY_RE.search(compact)
    if many:
        return _UNITS[many.group(1)]
    if _PEOPLE_RE.search(compact):
        return _PEOPLE
    return ("元",) if _MONEY_RE.search(compact) else ()


# A sum of money answers only a question about money: "关天美农有多少贫困户参加" counts
# households, which 为村级和贫困户增加收入 10余万元 does not, though its label names them.
_MONEY_ASKED = re.compile(
    r"钱|款|资金|经费|价值|价格|价|收入|增收|花了|花费|花多少|值多少|费用|捐|筹|募|元|块|现金|物资"
)


def asks_money(question: str) -> bool:
    return bool(_MONEY_ASKED.search(question.replace(" ", "")))


# A kind of sum the figure's label must name: money put in, spent on running it, earned as
# profit or paid as a wage or a fee ("前期总共投了多少钱", "一年开支多少") is none of the sums
# the sources give (空调价值, 救援资金, 认购价格) unless a label says so.
_SUM_KINDS = {
    "投资": "投",
    "投入": "投",
    "投了": "投",
    "成本": "成本",
    "开支": "支",
    "支出": "支",
    "预算": "预算",
    "利润": "利",
    "盈利": "利",
    "工资": "工资",
    "薪水": "薪",
    "会费": "会费",
    "房租": "租",
    "租金": "租",
}
_SUM_KIND_RE = re.compile("|".join(_SUM_KINDS))


# Money raised or taken in (募到了多少钱, 收了多少认购款): a sum said raised (筹集款物合计, 救援资金,
# 救援物资价值), not what it bought (空调价值), a price (认购价格) nor others' income (增加收入).
RAISED = "筹|募|款|资金|物资"
_RAISED_RE = re.compile(
    # (增收了多少钱: the villagers' income, which 增加收入 counts)
    r"(?:募|筹|配捐)(?:到|了|得|集|款|资|钱|善款|多少)|(?<![增创营税])收[到了得][^，,。？?！!]{0,6}(?:钱|款)|(?:款|费)[^，,。？?！!]{0,4}收[到了得]"
)


def sum_kind(question: str) -> str:
    """What a money figure's label must hold to be the sum asked ("投" of 投了多少钱, RAISED
    of 募到了多少钱: a pattern), or "" when the question names no such kind of sum."""
    compact = question.replace(" ", "")
    if (found := _SUM_KIND_RE.search(compact)) is not None:
        return _SUM_KINDS[found.group()]
    return RAISED if _RAISED_RE.search(compact) else ""


# The measure word with what is counted after it ("多少场演出", "几所幼儿园", "多少块地"): a
# figure measured otherwise (1万多人 参与演出人员) does not count it. 个 measures anything.
_MEASURED_RE = re.compile(r"(多少|几)(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")")
_ANY_MEASURE = ("个",)


def measured_units(question: str) -> tuple[str, ...]:
    """The units a figure must have to be the one asked for, whatever follows the measure
    word; () when the question gives none, or only 个."""
    units = asked_units(question)
    if units:
        return units
    # 这几年干预过多少个残疾娃: "these few years" measures nothing asked
    found = _MEASURED_RE.search(_SEVERAL.sub("", question.replace(" ", "")))
    if found is None or found.group(2) in _ANY_MEASURE:
        return ()
    return _UNITS[found.group(2)]


# A rate asked (一天接待多少人, 每次能去几个人): a total (36人次 累计) is not it, unless the
# figure is itself by that unit (每年以1000元的价格认购一块土地).
_RATE_RE = re.compile(
    # (not 年: 一年值了多少次班 asks of the year the figure counts)
    # (nor 那一回, 这一次: the occasion pointed at, whose total is asked)
    r"(?<![那这])(?:一|每)(?:个)?(天|周|星期|月|次|期|场|回)(?:能|可以|大概|大约|要|得|会)?"
    r"[^,，。？?！!]{0,6}(?:多少|几)"
)
_RATE_WORDS = {"星期": "周", "回": "次"}
_PER_ITEM = re.compile(r"每个([\u4e00-\u9fff]{2})(?=[^，,。？?！!\s]{0,10}(?:多少|几))")


def rate_asked(question: str) -> str:
    """The unit a rate is asked by ("天" of 一天接待多少人; 幸福 of 每个幸福院花了多少钱), or ""."""
    compact = question.replace(" ", "")
    found = _RATE_RE.search(compact) or _PER_ITEM.search(compact)
    return _RATE_WORDS.get(found.group(1), found.group(1)) if found else ""


# One edition of an event (宝鸡市首届“少年军校”…入营活动): its total is what each edition held
# (每期, 每次多少人), there being one.
_ONE_EDITION = re.compile(r"首届|第[一二三四五六七八九十\d]+届")


def edition_total(unit: str, name: str) -> bool:
    """Whether a rate by `unit` asked of the record named `name` is its total (每期 of an
    event held once)."""
    return unit in ("期", "次") and _ONE_EDITION.search(name) is not None


def by_rate(figure: Figure, unit: str) -> bool:
    """Whether the figure is told by that unit (每年, 一年, 年均, 每天…)."""
    told = figure.label + figure.text + figure.quote
    return bool(re.search(rf"[每一]个?{unit}|{unit}均", told))


def has_unit(figure: Figure, units: Sequence[str], *, exact: bool = False) -> bool:
    """Whether the figure is measured in one of `units` (a year, 2021年, is no count);
    `exact`: in the unit itself, not one made of it (人次 is not 人)."""
    counts = YEAR.sub("", figure.text)
    after = "(?!次)" if exact else ""
    found = re.search(r"\d[\d.]*[余多]?[万千百亿]?[余多]?(" + "|".join(units) + ")" + after, counts)
    return found is not None


# The verb right before the count ("分了多少块", "认出去多少块了", "印了多少份"): what was done
# is what the figure's label says ("划分地块", "累计认购土地", "印制宣传材料").
_BEFORE_COUNT = re.compile(r"(?:多少|几)")
_AFTER_VERB = re.compile(
    r"(了|过|出去|出来|进去|下来|起来|出|去|到|上|下|掉|一共|总共|共|总|都|还)+$"
)
_NO_VERB = set("有是的个那这它他她们共总就还都要能会在给")
VERB_BONUS = 2
NUMBER_BONUS = 4
NUMBER = re.compile(r"\d+(?:\.\d+)?[万千百亿]?")


def counting_verb(question: str) -> str:
    """The last character of the verb before 多少/几 ("分" in 一共分了多少块地), or ""."""
    compact = question.replace(" ", "")
    found = _BEFORE_COUNT.search(compact)
    if found is None:
        return ""
    before = _AFTER_VERB.sub("", compact[: found.start()])
    verb = before[-1:] if before else ""
    return verb if "\u4e00" <= verb <= "\u9fff" and verb not in _NO_VERB else ""


# "认地的项目", "那个合作社": what names the record, not what is counted.
_DESCRIBED = re.compile(r"(的|那个|这个)(项目|活动|组织|机构|协会|合作社|中心|平台)")


def counted_part(question: str) -> str:
    """The part of the question after the record is described ("一共分了多少块地" of
    陈仓那个认地的项目一共分了多少块地); the whole question when it describes none."""
    compact = question.replace(" ", "")
    count = _BEFORE_COUNT.search(compact)
    end = count.start() if count else len(compact)
    described = [m for m in _DESCRIBED.finditer(compact) if m.end() <= end]
    return compact[described[-1].end() :] if described else compact


# A kind of person counted after the measure word: "多少个心理咨询师", "几名会员", "多少志愿者",
# "几个做心理疏导的社工"
# count those people, which no figure of visits (36人次 心理咨询) or trainees is.
# (a trade's people too: 几个师傅, 多少个医生, 几个护工; and those named by what they do:
# 几个认购人, 多少捐款人 — not a group the figures name (残疾人, 老年人))
_PERSON_ENDS = (
    r"师傅|师|员工|职工|员|者|社工|医生|大夫|护士|护工|阿姨|保姆|工人|专家|顾问|理事|党员|成员"
    r"|[男女](?:娃娃?|孩子?|生|童|性)"  # 多少女娃: a part of those counted, which no figure splits
    # (受益人, 参加人, 参与人, 服务人: those the figures count, 受益 约1000人次, 参加 100名)
    r"|(?!残疾|老年|年轻|受益|参加|参与|服务|.老|[病穷外本家个])(?:(?!的)[\u4e00-\u9fff]){2}人"
)
_PERSONS_RE = re.compile(
    r"(?:多少|几)[个名位]?(?:[\u4e00-\u9fff]{1,8}的)?"
    rf"([\u4e00-\u9fff]{{0,5}}?(?:{_PERSON_ENDS}))[呢啊呀吗嘛哇哈?？]*$"
)
# …or named before the count: "他们的心理咨询师多少人", "教练员有几个". Read only in a window
# before each count (the longest match is 5 + 3 + 3 characters): from every character of a long
# story, its lazy opening and alternatives cost 7-20 times main's.
_PERSONS_BEFORE_RE = re.compile(
    rf"([\u4e00-\u9fff]{{1,5}}?(?:{_PERSON_ENDS}))(?:有|一共有|共有|一共|总共|大概|到底)?(?:多少|几)"
)
_COUNT_WORD = re.compile(r"多少|几")
_BEFORE_WINDOW = 11


def _persons_before(clause: str) -> re.Match[str] | None:
    for count in _COUNT_WORD.finditer(clause):
        start = max(0, count.start() - _BEFORE_WINDOW)
        found = _PERSONS_BEFORE_RE.search(clause, start, count.end())
        if found is not None:
            return found
    return None


def counted_person(question: str, own: str) -> str:
    """The kind of person a question counts (心理咨询师 in 有多少个心理咨询师), unless it is
    in the record's own name (益人行志愿者协会有多少志愿者 is still asked of it); or ""."""
    if "多少" not in question and "几" not in question:
        return ""  # no count asked (a long story's clauses need not be read)
    clauses = CLAUSE_RE.findall(question)
    # the last clause, or one that asks (我想问问智塔一共有几个康复老师，一个老师带几个孩子);
    # not one that tells (我们村里有几个孤寡老人，…)
    asked = [c for c in clauses[:-1] if _ASKS.search(c)] + clauses[-1:]
    for clause in asked:
        found = _PERSONS_RE.search(clause) or _persons_before(clause)
        person = found.group(1).lstrip("的") if found is not None else ""
        if person and person not in own:
            return person
    return ""


_ASKS = re.compile(r"问问|想问|请问|问一下|问下|想知道|打听")


_WHEN_WORDS = re.compile(r"现在|目前|如今|已经|至今|今年|去年|当时|一共|总共|到底|大概|每年|一年")


def counted_thing(question: str, own: str) -> str:
    """What the question counts when it names it before 有多少 (专家顾问团), unless that is
    the record itself (益人行志愿者协会有多少…); or ""."""
    compact = question.replace(" ", "")
    found = _COUNTED_RE.search(compact)
    if found is None:
        return ""
    if _NOUN_AFTER.match(compact[found.end() :]):
        return ""  # 宝鸡有几个幸福院装了空调: what follows is counted, not 宝鸡
    thing = re.split(r"的|那个|这个|那|这", found.group(1))[-1]
    thing = _WHEN_WORDS.sub("", thing)  # 现在有多少块地: 现在 is when, not what
    return "" if len(thing) < 2 or thing in own else thing


def is_event_question(question: str) -> bool:
    return bool(_EVENT_RE.search(question.replace(" ", "")))


def is_award_question(question: str) -> bool:
    """Whether it asks about awards or being chosen (not contests held: 搞过比赛)."""
    return bool(_AWARD_RE.search(question.replace(" ", "")))


def is_date_question(question: str) -> bool:
    return bool(_DATE_RE.search(question.replace(" ", "")))


# When something was held or began ("少年军校是几月份办的", "哪年开始的"), unlike the date a
# figure was counted at ("空调是截至哪天装的"): the project's period answers it.
_WHEN = r"(什么时候|啥时候|啥时|哪年|哪一年|几几年|几月份?|哪个月|何时)"
_HELD = r"(开始|开办|办|举办|举行|搞|开展|启动|创办|实施|组织|办起来)"
# …or done at a time asked of the past: "啥时候给河南捐的", "哪年装的空调"
_WHEN_HELD_RE = re.compile(
    rf"{_WHEN}(的时候)?(就)?{_HELD}|{_HELD}(于|在)?{_WHEN}|{_WHEN}[^，,。？?！!]{{0,8}}的$"
)


_AS_OF_RE = re.compile(AS_OF)


def asks_as_of(question: str) -> bool:
    """Whether it asks the date a count was made on (截至哪天, 统计到哪天为止)."""
    return bool(_AS_OF_RE.search(question.replace(" ", "")))


def when_held(question: str) -> bool:
    compact = question.replace(" ", "")
    return bool(_WHEN_HELD_RE.search(compact)) and not asks_as_of(compact)


# What a question naming a figure (救援资金, 2万人) may say besides it and still ask only for
# it: count and date words, who holds it (哪个组织), filler — no place, no one else.
_ONLY_ASKING = re.compile(
    r"一共|总共|共|有|是|了|搞|做|办|服务|达到|大概|到底|现在|目前|已经|累计|截至|截止|哪天|"
    r"什么时候|啥时候|哪年|多少|几|个|项|次|人|名|钱|元|块|多大|哪个组织|哪个机构|哪个单位|哪家|"
    r"谁|的|呢|啊|吗|呀|吧|[，,。？?！!\s]"
)


def only_asks_for_it(rest: str) -> bool:
    """Whether what is left of a question once a figure's label or number is taken out asks
    for nothing else."""
    return not _ONLY_ASKING.sub("", rest)


_PROJECTS_COUNTED = re.compile(r"(多少|几)个?项目")


def counts_projects(question: str) -> bool:
    """Whether it asks how many projects (秋文社工有多少个项目)."""
    return bool(_PROJECTS_COUNTED.search(question.replace(" ", "")))
