"""What a list question asks for and what it found: a `ListQuery` (kept with the chat, so
"那未央区呢" asks it again of 未央区) and the `Listing` of organizations it gives; and how the
places asked are said (宝鸡市渭滨区). Lister, in lists.py, makes both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.records import Organization


@dataclass(frozen=True)
class ListQuery:
    """What a list asks for: kept with the chat, so "那未央区呢" asks it again of 未央区."""

    places: tuple[tuple[str, str], ...] = ()  # (level, name), as the matcher finds them
    topics: tuple[str, ...] = ()
    form: str = ""  # a FORMS name ("社工机构"), or "" for any
    matched: tuple[str, ...] = ()  # organizations the matcher found, when no topic is named
    exclude: tuple[str, ...] = ()  # organization ids left out (除了…)
    shown: tuple[str, ...] = ()  # organization ids shown already, a page ago ("还有吗")
    label: str = ""  # what a fact listed them as (宝鸡市2021年度社会组织典型事例), if one did
    name_has: str = ""  # a piece their names have (名字里带“协会”的)
    name_ends: bool = False  # …that they end with (叫“某某中心”的)
    # the question's words that gave its topics (心理): one whose services say them does it too
    said: tuple[str, ...] = ()
    # topics asked as alternatives (文化、体育方面的, 养老或者助残): one of them is enough
    either: tuple[str, ...] = ()
    # the form or the topics, either enough (社工或者志愿者组织)
    form_or: bool = False

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {"places": [name for _, name in self.places]}
        found.update(topics=list(self.topics), form=self.form, exclude=list(self.exclude))
        return found


@dataclass
class Listing:
    """The organizations a list question asks for, best first, and how it was filtered."""

    organizations: list[Organization]
    total: int
    what: str  # e.g. 未央区的社工机构
    by_name: bool  # a legal form was judged from names
    query: ListQuery = field(default_factory=ListQuery)
    again: bool = False  # asked again ("还有别的吗"): these are all there are
    more: bool = False  # the rest of a list too long to show at once ("还有吗")
    widened: str = ""  # the place that had none: these are of the place holding it
    all_shown: int = 0  # asked for more when every one was shown: how many there are in all
    per_place: tuple[tuple[str, int], ...] = ()  # of several places asked: how many in each
    totals: tuple[str, ...] = ()  # of several places asked: what facts give of their totals
    counted: bool = False  # asked how many: the count is the records', not the place's total
    # counted after the list was shown (一共有多少家): no fact was asked for the place's total,
    # so the reply does not say the sources lack one (未央区's 281 is in them)
    recounted: bool = False


_LEVELS = ("city", "district", "street")


def place_words(places: Sequence[tuple[str, str]]) -> str:
    """宝鸡市渭滨区; 金台区、渭滨区 (two of one level are either)."""
    levels: dict[str, list[str]] = {}
    for level, name in places:
        levels.setdefault(level, []).append(name)
    order = sorted(levels, key=lambda level: _LEVELS.index(level) if level in _LEVELS else 9)
    return "".join("、".join(levels[level]) for level in order)
