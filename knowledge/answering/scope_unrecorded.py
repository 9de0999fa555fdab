"""What the records cannot answer whatever words the question shares with them: another place
(咸阳, 雁塔区), a past year or an edition no record has (2008年, 第二届), or an organization
whose name no record gives (未央区阳光助残志愿者联盟).

The knowledge comes from two news articles about 宝鸡市 and 西安市未央区: an organization
found by the words shared ("武术进校园", "街道社会组织服务中心", "志愿者") is not there, nor
is it the one asked for. What counts is read from the knowledge itself (the places, years and
editions its records name, their names and aliases), so a record added by staff makes its
place, year or name ours at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from knowledge.answering.other_bodies import BODY, LAST_BODY, OtherBodies
from knowledge.answering.placed import Placing
from knowledge.answering.scope_kinds import Refusal
from knowledge.answering.unrecorded_tables import (
    ANY_YEAR,
    ELSEWHERE,
    ELSEWHERE_ENGLISH,
    years_of,
)

# 西安 and 陕西 hold places that are not ours: written with 雁塔, they are its container.
_CONTAINERS = frozenset({"西安", "西安市", "陕西", "陕西省"})
# Where the resident comes from is the story's background (我是汉中人, 从咸阳搬来, 老家安康).
_FROM = r"(从|老家|老家是|来自|回)"
# Where the resident lives, when one of our organizations is asked about (我在咸阳，宝鸡智塔能去吗;
# 〇: its name, masked); 我在咸阳，哪里有心理咨询 still asks of 咸阳.
_LIVES_IN = r"(我在|我住|住在|人在|家在|我们在)"
# Who comes from there, asking about ours (咸阳的孩子能去智塔吗, 汉中人能参加吗).
_WHO_THERE = re.compile(r"(市|省|区|县)?的?(孩子|娃|老人|人|居民|朋友|亲戚|家长|户口|来|过来)")

_LATIN = re.compile("[a-z]{3}")
_YEAR = re.compile(r"((?:19|20)\d\d)(?=年)")
# A year's own edition (2022年度典型事例): asked of that year even in a list (评了哪些).
_YEARLY = re.compile(r"((?:19|20)\d\d)(?=年度)")
# A year the resident's own story is told by (我家孩子2020年查出来自闭症, 老人2020年住进了幸福院):
# what happened to them then, not a year a record is asked of (unless what they may do then is
# asked: 我们2023年还能认购吗).
_THEIR_OWN_YEAR = re.compile(
    r"(?:我|俺|咱|我们|家里|孩子|娃娃?|儿子|女儿|闺女|老人|老伴|爸|妈|爹|娘|爷爷|奶奶|姥姥|姥爷"
    r"|外婆|外公)$"
)
_ASKED_THEN = re.compile(r"年(?:还|再|也)?(?:能|可以|可不可以|能不能|会|要|让|收)")
# What is to come: the articles tell what was done, never what will be (明年还办不办, 下一届).
_TO_COME = re.compile(r"明年|后年|下一?(届|期|季)(?!望)|下半年")
_EDITION = re.compile(r"第([一二三四五六七八九十0-9]+)(届|期|季)|首(届|期)")
# A need or a way to a service asked: the year is when it is wanted, not a time the
# records must hold (明年想让娃参加少年军校，去哪报名).
_SERVED = re.compile(
    r"哪里|哪儿|去哪|在哪|怎么(报名|参加|联系|加入)|电话|联系方式|地址"
    r"|有没有[^,，。？?！!]{0,10}(组织|机构|地方|服务|项目|活动|协会|中心)"
)
# A list from a year on is still a list (2019年以后新成立的组织有哪些); a list of one past
# year the records do not tell of is not (2016年的典型事例评的是哪些).
_LISTED = re.compile(r"有哪些|哪些")
_SINCE = re.compile(
    r"(?:19|20)\d\d年?(以后|以来|之后|后|起|开始|至今|到现在)|(从|自)(19|20)\d\d"
    r"|\b(since|after|from) (19|20)\d\d"
)
# A year asked in English: what the charity federation did in 2015
_YEAR_ENGLISH = re.compile(
    r"\b(?:in|during|for|around|of|the|year) ((?:19|20)\d\d)\b"
    r"(?! (people|persons|yuan|rmb|households|children|kids|elderly|members|times|families))"
)
# What is to come, asked in English (next year), unless the way to join it is asked.
_TO_COME_ENGLISH = re.compile(
    r"\bnext (year|edition|session|season|time|week|month|show|performance|event)\b"
    r"|\bin the future\b"
)
_WAY_ENGLISH = re.compile(r"\b(where|join|sign up|register|apply|enrol\w*|take part)\b")

# What a quoted name may also be of: a project or a programme (《智慧父母》家长课堂, “暖阳”行动).
_UNDERTAKINGS = r"项目|计划|行动|课堂|学堂|讲堂|工程|基地|夏令营|训练营|公益活动"
# A name quoted, then a kind of body: “暖阳”助老服务站, “幸福里”的社工站 (the words quoted no
# record has).
_QUOTED = re.compile(
    rf"[“\"「『《‘']([\u4e00-\u9fff]{{2,10}})[”\"」』》’']([\u4e00-\u9fff]{{0,4}}(?:{BODY}|{_UNDERTAKINGS}))"
)
# Bodies whose kind is their whole name after the place (宝鸡市红十字会, 未央区慈善会).
_WHOLE_NAMES = r"红十字会|慈善会|义工联|志愿者联合会"
_NAME_CORE = r"[\u4e00-\u9fff]{2,12}?"
# 家 asks only first or counted (家庭…, 一家协会); inside a place's name it names one (谭家街道).
_QUESTION_CHARS = re.compile(
    r"[的哪什么啥谁几个些种类没有吗呢这那和与或及跟叫是在做给帮能想找要请问像似除]|^家|[一两每各]家"
)
# A piece of name asked for (宝鸡名字里带联合会的组织): what names have, not one name.
NAME_WORDS = re.compile(r"名字|名称|名儿|字样")
_SIMILAR = 70  # a name this close to a record's (宝鸡慈善联合会) is that record's, misspelt
_ONE_SLIP = 90  # a long name one character off (张家堡街到社会组织服务中心)
# The words every name of a kind shares: what is left tells one organization from another.
_GENERIC = re.compile(
    rf"{BODY}|社会组织|社会工作|社区|街道|服务|社工|志愿者|志愿|公益|[市区县省]|“|”"
)


class Unrecorded:
    """Reads what one knowledge version's records cannot answer."""

    def __init__(
        self,
        records: Mapping[str, Mapping[str, Any]],
        names: Iterable[str],
        sounds: Mapping[str, tuple[str, ...]],
        everyday: Callable[[str], bool] | None = None,
    ) -> None:
        """`sounds`: each character's readings (辞善 is 慈善 misspelt by sound); `everyday`:
        whether a word is an everyday one (青年: no name of ours opens with it alone)."""
        self._sounds = sounds
        told = json.dumps(
            [records.get(t, {}) for t in ("organizations", "projects", "facts", "activities")],
            ensure_ascii=False,
        )
        self._told = told
        self._elsewhere = tuple(p for p in ELSEWHERE if p not in told)
        english = [word for word, place in ELSEWHERE_ENGLISH.items() if place not in told]
        # "from Hanzhong", "moved from Xianyang": where the resident comes from
        self._elsewhere_english = re.compile(
            rf"(?<!from )(?<!of )\b({'|'.join(english)})\b(?! (people|person|native|resident))"
        )
        ours: set[str] = set()
        for row in records.get("divisions", {}).values():
            for name in (row.get("name", ""), *row.get("aliases", ())):
                if name and name not in _CONTAINERS:
                    ours.add(name)
        self._ours = tuple(sorted(ours | {"宝鸡", "宝鸡市"}, key=len, reverse=True))
        # ours as where the resident comes from: 老家是宝鸡的, 从未央区搬走了
        self._origins = re.compile(rf"{_FROM}(?:{'|'.join(map(re.escape, self._ours))})")
        self._years = frozenset(_YEAR.findall(told)) | frozenset(re.findall(r"(?:19|20)\d\d", told))
        self._editions = frozenset(_edition(found) for found in _EDITION.finditer(told))
        self._yearly = frozenset(_YEARLY.findall(told))  # 2021年度: the selections it has
        self._years_of = years_of(records)
        self._names = tuple(n for n in names if len(n) >= 4)
        self._placing = Placing(records)  # each of our names' place, and the places held
        places = (*self._ours, *_CONTAINERS)
        self._other_bodies = OtherBodies(records, places, _GENERIC, told, sounds, everyday)
        places = sorted({*self._ours, *_CONTAINERS, "宝鸡市"}, key=len, reverse=True)
        self._named = re.compile(
            rf"(?:{'|'.join(map(re.escape, places))})(?:市|区|县)?"
            rf"({_NAME_CORE}(?:{BODY})|{_WHOLE_NAMES})"
        )

    def refusal(self, text: str, masked: Callable[[str], str]) -> Refusal | None:
        """ELSEWHERE when the question asks about a place outside the knowledge; UNRECORDED
        when about a past year or an edition no record has; None otherwise."""
        free = masked(text)
        if self._elsewhere_asked(free):
            return Refusal.ELSEWHERE
        this_year = date.today().year
        for year in _YEARLY.findall(free):  # 2022年度典型事例评了哪些: that year's, not ours
            if int(year) < this_year and year not in self._yearly:
                return Refusal.UNRECORDED
        # An edition no record has is no time a service is wanted at: 第三届…在哪儿演 asks
        # where an edition is held that the articles never tell of.
        for found in _EDITION.finditer(free):
            if _edition(found) not in self._editions:
                return Refusal.UNRECORDED
        if _SERVED.search(free):
            return None
        listed = _LISTED.search(free) is not None
        if _TO_COME.search(free) and not listed:
            return Refusal.UNRECORDED
        english = _LATIN.search(free) is not None
        if english and _TO_COME_ENGLISH.search(free) and not _WAY_ENGLISH.search(free):
            return Refusal.UNRECORDED
        years = [int(year) for year in _YEAR.findall(free)]
        if english:
            years += [int(found.group(1)) for found in _YEAR_ENGLISH.finditer(free)]
        since = _SINCE.search(free) is not None
        for year in years:
            if str(year) in self._years:
                continue
            if (year < this_year and not since) or (year > this_year and not listed):
                return Refusal.UNRECORDED
        return None

    def year_unheld(self, text: str, masked: Callable[[str], str], family: str) -> bool:
        """Whether a year asked of one record (its organization's records, or a fact's own)
        is one some record names but none of those do (陈仓有块田2023年还能认购吗, when 2023 is
        only a plan's end; 2020年度评了哪些典型, when 2020 is only an assessment's): the
        records cannot tell what it was or will be then. A year asked with a way to a
        service, or a span from it, asks no record of that year (as `refusal` reads them)."""
        told = self._years_of.get(family)
        if told is None or not ANY_YEAR.search(text):
            return False
        free = masked(text)
        if _SERVED.search(free) or _SINCE.search(free):
            return False
        years = [  # in English, "in 2023" (how many kids has 智塔 helped in 2023)
            found.group(1)
            for found in (_YEAR_ENGLISH if _LATIN.search(free) else _YEAR).finditer(free)
            if not _THEIR_OWN_YEAR.search(free, 0, found.start())
            or _ASKED_THEN.match(free, found.end())
        ]
        return any(year in self._years and year not in told for year in years)

    def _elsewhere_asked(self, free: str) -> bool:
        if _LATIN.search(free) and self._elsewhere_english.search(free):
            return not any(ours in free for ours in self._ours)
        for place in self._elsewhere:
            at = free.find(place)
            while at >= 0:
                if not self._told_beside(free, at, place):
                    # asked about ours, elsewhere told beside it; not ours as the model of
                    # what is asked for there (雁塔区有没有像张家堡那样的服务中心), nor ours as
                    # where the resident comes from (老家是宝鸡的，汉中有没有…)
                    rest = self._origins.sub("", _without_models(free))
                    if not any(ours in rest for ours in self._ours):
                        return True
                    break
                at = free.find(place, at + len(place))
        return False

    def _told_beside(self, free: str, at: int, place: str) -> bool:
        """Whether the place at `at` is where the resident, or the one helped, comes from or
        lives (我是汉中人, 从咸阳搬来, 我在咸阳，宝鸡智塔能去吗) rather than where a service is
        asked for; not when ours is only the model of what is wanted (我妈住在咸阳，想找个像
        情暖幸福院那样的地方)."""
        if re.search(rf"{_FROM}$", free[:at]) or _WHO_THERE.match(free, at + len(place)):
            return True
        lives = re.search(rf"{_LIVES_IN}$", free[:at]) is not None
        return lives and "〇" in _without_models(free)

    def unlisted_name(self, text: str, masked: Callable[[str], str]) -> str | None:
        """The name of an organization no record has (a place, a name, a kind of body:
        宝鸡市老年心理援助基金会; or a name quoted: “暖阳”助老服务站), written where ours is
        not; None when none is."""
        other = self._other_bodies.name(text)  # 宝鸡明明儿童医院: ours made a hospital
        if other:
            return other
        elsewhere = self._placing.elsewhere(text)
        if elsewhere:
            return elsewhere
        free = masked(text)
        for found in _QUOTED.finditer(free):
            if found.group(1) not in self._told:
                return found.group(1) + found.group(2)
        for found in self._named.finditer(free):
            core = LAST_BODY.sub("", found.group(1))  # 家 of 阳光家园 asks nothing
            if _QUESTION_CHARS.search(core) or "〇" in core or NAME_WORDS.search(core):
                continue  # a kind asked for (宝鸡哪个协会, 未央区有没有这种中心, 名字里带联合会)
            name = found.group()
            if any(self._misspelt(name, known) for known in self._names):
                continue
            if any(known in name or name in known for known in self._names):
                continue
            return name
        return self._other_bodies.of_a_name(text)  # 金台区武术学校: ours made a school

    def placed_against(self, text: str) -> tuple[str, str] | None:
        """One of our names, then where it is asked to be that its record is not in
        (placed.py): (the name, the places written), or None."""
        return self._placing.against(text)

    def _misspelt(self, name: str, known: str) -> bool:
        """Whether `name` is `known` written otherwise (宝鸡慈善联合会, 明明心里中心): what
        sets them apart (慈善, 明明心理) is close, and they are in the same place. Their kinds
        and places alone tell no organization (宝鸡市社会组织服务中心 is not 陈仓区's, nor
        众益社会组织服务中心)."""
        in_name = [p for p in (*self._ours, *_CONTAINERS) if p in name]
        theirs_at = [p for p in (*self._ours, *_CONTAINERS) if p in known]
        extra = [p for p in in_name if p not in known]
        # a place holding the known one's, written beside all of them, is no other place
        # (未央区张家堡街到… for 张家堡街道…; 宝鸡市社会组织服务中心 is still not 陈仓区's)
        if theirs_at and extra:
            # each of its places as shortest written (张家堡 of 张家堡街道, misspelt 张家堡街到)
            shortest = [p for p in theirs_at if not any(q != p and q in p for q in theirs_at)]
            if not all(p in name for p in shortest):
                return False
            if not all(self._holds(p, theirs_at) for p in extra):
                return False
        body = LAST_BODY.search(name)
        if body is not None and body.group() not in known:
            return False  # another kind of body: 宝鸡市慈善总会 is not the 公益慈善联合会
        own, theirs = self._core(name), self._core(known)
        if not own or not theirs:  # one character slipped in a generic word: 街到 for 街道
            if own and not self._sounds_alike(own, known):
                # a word of its own, no slip of the known one's (街到 reads as its 街道):
                # 未央区谭家街道社会组织服务中心 is not 未央区街道社会组织服务中心
                return False
            for place in in_name:  # 未央区 before 张家堡街到…: the known's place holds it
                if place not in known:
                    name = name.replace(place, "")
            ratio = fuzz.ratio(name, known)
            return (own == theirs and ratio >= _SIMILAR) or ratio >= _ONE_SLIP
        # the name's own word first (明明 of 明明心理关爱): 金台区心理关爱中心 lacks it
        if not self._sounds_alike(own[:1], theirs[:1]):
            return False
        if fuzz.partial_ratio(own, theirs) >= _SIMILAR:
            return True
        return len(own) >= 2 and self._sounds_alike(own, theirs)

    def _holds(self, place: str, within: list[str]) -> bool:
        """Whether `place` (as written) holds one of the places written in `within`."""
        division, ancestry = self._placing.division, self._placing.ancestry
        one = division.get(place)
        return one is not None and any(
            one in ancestry(division[p]) for p in within if p in division
        )

    def _sounds_alike(self, own: str, theirs: str) -> bool:
        """Whether `own` reads as a stretch of `theirs`, character by character (辞善 and 慈善,
        both ci shan); 秋实 is not 秋文."""
        readings = [set(self._sounds.get(char, (char,))) for char in own]
        return any(
            all(
                r.intersection(self._sounds.get(c, (c,)))
                for r, c in zip(readings, theirs[at:], strict=False)
            )
            for at in range(len(theirs) - len(own) + 1)
        )

    def _core(self, name: str) -> str:
        for place in (*self._ours, *_CONTAINERS):
            name = name.replace(place, "")
        return _GENERIC.sub("", name)


# What is asked for, likened to one of ours: "像张家堡那样的", "跟智塔差不多的".
_MODEL = re.compile(
    r"(像|跟|和)[^，,。？?！!]{1,16}?(那样|那种|一样|似的|差不多|类似)|类似于?[^，,。？?！!]{1,16}?的"
)


def _without_models(text: str) -> str:
    if "像" not in text and "跟" not in text and "和" not in text and "类似" not in text:
        return text
    return _MODEL.sub("", text)


def _edition(found: re.Match[str]) -> str:
    """An edition as one word: 首届 and 第一届 are the same."""
    number = found.group(1) or "一"
    return {"1": "一", "2": "二", "3": "三"}.get(number, number)
