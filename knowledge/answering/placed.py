"""Where our organizations are, as their records put them, against where a question puts
them: one of our names with a place before it that its record is not in (渭滨区武术协会: the
records' 武术协会 is 金台区's), or with a place after it where it is asked to be
(金台区武术协会在西安未央区哪个街道). Read from each place written, not name by name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from knowledge.answering.other_bodies import LAST_BODY
from knowledge.answering.unrecorded_tables import divisions, placed_names

# Where one of ours is asked to be, right after its name (在西安未央区, 是不是在渭滨区, 它位于…,
# 是金台区的吗): a word placing it, never nothing.
_AT = re.compile(r"(?:[,，\s]?(?:它们?|他们?))?(?:(?:是不是|是否|是)(?:在|位于)?|在|位于)$")
# A place written right after the name, with no word placing it, places it only when what of
# it there is asked follows (宝鸡渭滨区的地址, 西安的办公点) or the place ends the question
# (高新区慈善协会金台区的?, 金台区武术协会西安有吗); else it says where the resident is
# (渭滨区的娃能去学不, 辛家庙街道的人, 西安有没有类似的).
_OF_IT_THERE = re.compile(
    r"(?:市|区|县)?的?(?:地址|电话|办公|联系|位置|地点|分部|分会|分支|办事处|门店|网点|在哪|哪里)"
    r"|(?:市|区|县)?(?:的|(?:也|还)?有(?:没有|没|吗|么|不)?)?[吗嘛呢吧啊呀]?[?？。！!\s]*$"
)


class Placing:
    """Each of one knowledge version's names with its record's place, and the places' holders."""

    def __init__(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        self.division, self._parent = divisions(records)
        self._cities = frozenset(
            row.get("name", "")
            for row in records.get("divisions", {}).values()
            if row.get("level") == "city"
        )
        self._placed = dict(placed_names(records, self.division))
        self._placed_at: dict[str, list[str]] = {}  # by their first two characters
        self._placed_end: dict[str, list[str]] = {}  # by their last two characters
        for name in self._placed:  # longest first
            self._placed_at.setdefault(name[:2], []).append(name)
            self._placed_end.setdefault(name[-2:], []).append(name)
        written = sorted(self.division, key=len, reverse=True)
        self._places_written = re.compile("|".join(map(re.escape, written))) if written else None

    def against(self, text: str) -> tuple[str, str] | None:
        """One of our names, then where it is asked to be that its record is not in nor within
        (金台区武术协会在西安未央区哪个街道): (the name, the places written); or None. Read from
        each place written back to a name ending there; a city's own body is its districts' too."""
        for place in self._places_written.finditer(text) if self._places_written else ():
            begin = place.start()
            at = _AT.search(text, max(0, begin - 7), begin)
            before = at.start() if at else begin
            ends = self._placed_end.get(text[max(0, before - 2) : before], ())
            name = next((n for n in ends if text.endswith(n, 0, before)), "")  # the longest
            if not name:
                continue
            end, against = begin, False
            while (found := self._places_written.match(text, end)) is not None:
                related = (self._related(found.group(), p, False) for p, _ in self._placed[name])
                against = against or not any(related)  # 在宝鸡渭滨区: each place in turn
                end = found.end()
            if at is None and not _OF_IT_THERE.match(text, end):
                return None  # 金台区武术协会渭滨区的娃: where the resident is
            return (name, text[begin:end]) if against else None
        return None

    def elsewhere(self, text: str) -> str | None:
        """One of our names with a place written before it that its record is not in
        (渭滨区武术协会: the records' 武术协会 is 金台区's), place and name together; None
        when every name written is where its record is (or in a place holding it)."""
        if self._places_written is None:
            return None
        for place in self._places_written.finditer(text):
            start, end = place.span()
            if any(
                len(name) > end - start and text.startswith(name, start)
                for name in self._placed_at.get(text[start : start + 2], ())
            ):
                continue  # the place begins one of our names (宝鸡高新区慈善协会)
            # a place with 的 (西安的智塔: 宝鸡's; 眉县的我帮你合作社) is where the resident
            # believes it is: another than its record's (nor holding it) is not ours
            at = end + 1 if text.startswith("的", end) else end
            for name in self._placed_at.get(text[at : at + 2], ()):
                if text.startswith(name, at):  # the longest one written there
                    # 渭滨区明明心理关爱中心: a body's full name, not where the resident
                    # believes it is (渭滨区明明心理, 陈仓区智塔儿童中心)
                    within = at == end and LAST_BODY.search(name) is not None
                    if not any(
                        self._related(place.group(), *p, within=within) for p in self._placed[name]
                    ):
                        return text[start : at + len(name)]
                    break
        return None

    def _related(self, written: str, place: str, whole: bool, *, within: bool = False) -> bool:
        """Whether the place written is the record's place, holds it or lies within it (not
        when the record is the `whole` place's own body: 渭滨区中小企业协会 is not 宝鸡市's;
        nor, written as part of the name (`within`), a district of the city that is all a
        record gives: 渭滨区明明心理关爱中心 is not 宝鸡明明心理关爱中心, whose district the
        sources do not tell)."""
        one = self.division[written]
        if one in self.ancestry(place):
            return True
        if whole or place not in self.ancestry(one):
            return False
        return not (within and place in self._cities)

    def ancestry(self, place: str) -> list[str]:
        chain = [place]
        while (parent := self._parent.get(chain[-1])) and parent not in chain:
            chain.append(parent)
        return chain
