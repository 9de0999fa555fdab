"""What a rule of scope is: why a question is not ours (`Refusal`) and one rule telling it
(`Rule`), each pattern read on the question's own text (lower-cased, full-width folded).
The rules themselves are in scope_rules_people.py and scope_rules_topics.py, their order in
scope_rules.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache


class Refusal(StrEnum):
    """Why a question is not ours; each member equals its plain string."""

    SCHOOLING = "schooling"
    MARKET = "market"
    OFFICIAL = "official"
    POLICY = "policy"
    MEDICAL = "medical"
    LEGAL = "legal"
    ATTACK = "attack"
    PERSONAL_DATA = "personal_data"
    GOVERNMENT = "government"  # a government office's address, phone or hours: not ours to give
    OFF_TOPIC = "off_topic"  # weather, travel, food, chat: nothing an organization serves
    MEDIA = "media"  # a video, photo or news report: the bot holds the articles' text only
    PAYMENT = "payment"  # paying, transferring, donating through the bot: it handles no money
    JOB = "job"  # a job, a salary, recruitment: no organization's vacancies are known
    WRITING = "writing"  # writing an application or a letter for the resident
    SERVED_HERE = "served_here"  # the bot asked to give a care itself: 你直接给我疏导一下
    DATING = "dating"  # a partner introduced: 给我介绍个对象, 相亲
    # an organization's leader, founding date or staff asked in English (in Chinese, named:
    # replies.py says the records lack it): no record holds them
    REGISTRY = "registry"
    FINANCES = "finances"  # an organization's budget, income or pay: no record holds them
    TASK = "task"  # work done for the resident: a sum worked out, an article summed up
    # Read from the question's head (scope_asks.py), whatever its topic:
    HOW_TO = "how_to"  # a method or a craft's content: 八法五步怎么打, 冰箱自己咋修
    OPINION = "opinion"  # a judgement, a ranking or a rumour checked: 哪家更靠谱, 是真的吗
    EXPLANATION = "explanation"  # a cause, a difference, an origin: 为什么, 有啥区别
    # What the records cannot cover (scope_unrecorded.py):
    ELSEWHERE = "elsewhere"  # a place outside 宝鸡 and 西安未央区: 咸阳有没有…, 雁塔区的…
    UNRECORDED = "unrecorded"  # a past year or an edition no record has: 2008年…, 第二届…
    NOT_LISTED = "not_listed"  # an organization whose name no record gives
    # Read before everything else (urgent.py): no service asked, whatever words it shares.
    DANGER = "danger"  # a danger now: the emergency number, no organization
    REPORT = "report"  # a wrongdoing reported or an accusation: not verified, where it goes


class AnyOf:
    """Whether any of several patterns occurs in a text, searched as fast as Python's `re`
    allows. One alternation of hundreds of branches starting with groups is tried branch by
    branch at every character (a long story took 0.6 ms over all the rules); a pattern whose
    branches all start with a plain character, or one starting with a group of such
    alternatives, skips ahead to where it may match. So the branches starting with a plain
    character are joined into one pattern, and each other branch is a pattern of its own.

    A branch starting with a look-around or an optional group (`(?<![拍剪])(视频|照片)`,
    `(一个月)?(挣|赚)多少`) cannot skip ahead either; what follows them must occur wherever
    the branch matches, so that core is searched first (`guards`), and the branch only where
    it occurs: a long story's 160 rule patterns took 0.25 ms, most of it in such branches.

    Even a search that skips ahead costs a call and a scan of the text; most patterns can only
    start with a few characters (`firsts`), and half of them have none of those in a long
    story: a set of the text's characters, made once per text, rules them out first."""

    def __init__(self, parts: tuple[str, ...]) -> None:
        branches = [branch for part in parts for branch in _branches(part)]
        plain = [b for b in branches if _starts_plainly(b)]
        others = [b for b in branches if not _starts_plainly(b)]
        self.patterns = tuple(
            re.compile(p) for p in ([("|".join(plain))] if plain else []) + others
        )
        self.guards = tuple([None] * bool(plain) + [_compiled_core(b) for b in others])
        self.firsts = tuple(
            _first_characters((guard or pattern).pattern)
            for pattern, guard in zip(self.patterns, self.guards, strict=True)
        )

    def possible(self, text: str) -> Iterator[re.Pattern[str]]:
        """The patterns that may occur in the text: those whose core does."""
        chars = _characters(text)
        for pattern, guard, firsts in zip(self.patterns, self.guards, self.firsts, strict=True):
            if firsts is not None and chars.isdisjoint(firsts):
                continue
            if guard is None or guard.search(text) is not None:
                yield pattern

    def search(self, text: str) -> re.Match[str] | None:
        # possible()'s loop written out: a generator's step costs as much as a guard's search
        chars = _characters(text)
        for pattern, guard, firsts in zip(self.patterns, self.guards, self.firsts, strict=True):
            if firsts is not None and chars.isdisjoint(firsts):
                continue
            if guard is not None and guard.search(text) is None:
                continue
            found = pattern.search(text)
            if found is not None:
                return found
        return None


# The characters of a text, kept for the few texts every table of rules is read on in turn.
_characters = lru_cache(maxsize=16)(frozenset)


def _first_characters(pattern: str) -> frozenset[str] | None:
    """The characters a match of the pattern must start with, when each of its alternatives
    starts with a plain character or a group of such alternatives; None otherwise."""
    branches = _branches(pattern)
    if len(branches) > 1:
        firsts: set[str] = set()
        for branch in branches:
            found = _first_characters(branch)
            if found is None:
                return None
            firsts |= found
        return frozenset(firsts)
    if _starts_plainly(pattern):
        return frozenset(pattern[0])
    if _plain_class(pattern):  # [张王李…]: one of its characters
        return frozenset(pattern[1 : pattern.index("]")])
    end = _group_end(pattern)
    if end is None or not _starts_with_plain_group(pattern):
        return None
    return _first_characters(pattern[1 : end - 1].removeprefix("?:"))


# A quantifier that lets what it follows match nothing: ?, *, {0,N}, {,N} (lazy or not).
_OPTIONAL = re.compile(r"(\?|\*|\{0?,\d*\})\??")


def _compiled_core(branch: str) -> re.Pattern[str] | None:
    """The branch without what opens it and may match nothing, when that core skips ahead
    as a search (it starts with a plain character or a group of such alternatives)."""
    core = branch
    while (rest := _without_optional_start(core)) is not None:
        core = rest
    if core == branch or not core:
        return None
    if _starts_plainly(core) or _starts_with_plain_group(core) or _plain_class(core):
        return re.compile(core)
    return None


def _without_optional_start(pattern: str) -> str | None:
    """The pattern without its first element when that element may match nothing (a word
    boundary, an anchor, a look-around, an optional group, `(^|帮我)`), else None."""
    if pattern.startswith("\\b"):
        return pattern[2:]
    if pattern.startswith("^"):
        return pattern[1:]
    if not pattern.startswith("("):
        return None
    end = _group_end(pattern)
    if end is None:
        return None
    optional = _OPTIONAL.match(pattern, end)
    if optional is not None:
        return pattern[optional.end() :]
    return pattern[end:] if _may_be_empty(pattern[:end]) else None


def _may_be_empty(group: str) -> bool:
    """Whether a group may match nothing: a look-around, or a group with an alternative
    that is empty, an anchor or such a group (`(^|帮我)`, `(?:^|(?<=[，。]))`)."""
    inner = group[1:-1]
    if inner.startswith(("?<=", "?<!", "?=", "?!")):
        return True
    if inner.startswith("?:"):
        inner = inner[2:]
    elif inner.startswith("?"):
        return False
    return any(
        branch in ("", "^", "$", "\\b")
        or (branch.startswith("(") and _group_end(branch) == len(branch) and _may_be_empty(branch))
        for branch in _branches(inner)
    )


def _group_end(pattern: str) -> int | None:
    """Where the group opening the pattern ends (the index after its ")")."""
    for i, char, depth in _syntax(pattern):
        if char == ")" and depth == 1:
            return i + 1
    return None


def _starts_with_plain_group(pattern: str) -> bool:
    """Whether the pattern opens with a group (not optional) of plain-starting alternatives."""
    if not pattern.startswith("("):
        return False
    end = _group_end(pattern)
    if end is None or (end < len(pattern) and pattern[end] in "?*{"):
        return False
    inner = pattern[1 : end - 1]
    if inner.startswith("?:"):
        inner = inner[2:]
    elif inner.startswith("?"):
        return False
    return all(_starts_plainly(b) for b in _branches(inner))


def _plain_class(pattern: str) -> bool:
    """Whether the pattern opens with a class of plain characters that must be there
    (`[张王李]`, not `[^…]`, `[a-z]` or `[我们]?`)."""
    end = pattern.find("]")
    return (
        pattern.startswith("[")
        and end > 1
        and not any(char in "^\\-[" for char in pattern[1:end])
        and (end + 1 == len(pattern) or pattern[end + 1] not in "?*{")
    )


def _branches(pattern: str) -> list[str]:
    """The pattern's top-level alternatives (outside groups and character classes)."""
    branches: list[str] = []
    start = 0
    for i, char, depth in _syntax(pattern):
        if char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
    branches.append(pattern[start:])
    return branches


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character of the pattern outside escapes and character classes, where it is, and
    how deep in groups it stands (before a "(" opens one, while a ")" still closes it)."""
    depth = 0
    escaped = in_class = False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            yield i, char, depth
            depth += (char == "(") - (char == ")")


def _starts_plainly(branch: str) -> bool:
    """Whether the branch starts with one plain character that must be there."""
    return (
        bool(branch)
        and branch[0] not in "([\\.^$|?*+{"
        and (len(branch) == 1 or branch[1] not in "?*{")
    )


class Scene(Enum):
    """How a rule's topic, told in clauses asking nothing of it, can be a story's scene."""

    SMALL_TALK = "small_talk"  # whatever else is asked: 今年这天气热得邪乎，说正事……
    # only beside a service of ours asked in another clause: 去年做完手术，想找点志愿活动
    BACKGROUND = "background"


@dataclass(frozen=True)
class Rule:
    kind: Refusal
    asks: AnyOf  # what the question asks for
    unless: re.Pattern[str] | None = None  # a frame that makes it a request for a service
    named_lifts: bool = True  # naming one of our organizations or projects makes it ours
    # told in clauses that ask nothing of it, beside others, it is the story's scene and no
    # question (今年这天气热得邪乎，……想找个地方学学): scope.py's _only_told
    scene: Scene | None = None


def any_of(*parts: str) -> AnyOf:
    """Whether any of the parts (each a pattern) occurs."""
    return AnyOf(parts)
