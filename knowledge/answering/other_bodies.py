"""A name of ours made into another kind of body: 宝鸡明明儿童医院 (the record is 明明心理关爱中心),
未央区秋文律师事务所 (the record is 秋文社工服务中心). A social organization's own word followed
by an institution that no social organization here is — a hospital, a law firm, a school, a
company, a bank, a police station — names a body the records do not have, whatever words it
shares with ours; answering with ours would present it as the one asked for.

Only an organization's own word counts (明明, 秋文, 智塔, 众益): what is left of its name once its
place and the words every name of its kind shares are taken away, and none of the words a
topic is known by (慈善, 武术, 中小企业: 宝鸡中小学校 names no 中小企业协会). It must open the
name — at the start, after one of our places or after a word pointing at it (那个, 叫) — and
the institution follow within a few characters (心理咨询有限公司) that tie nothing else in
(明明心理关爱中心附近的医院, 智塔和医院哪个好 ask of ours) and are not its own kind's word
(中海社工公司 is ours called loosely).

So is a street's service centre in a street no record tells of (未央区谭家街道社会组织服务中心):
the records know the centres of two streets only, and the others' are not theirs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# Institutions that no social organization here is (not 事务所 alone: 社工事务所 is one).
_OTHER = (
    r"医院|诊所|卫生院|门诊部|律师事务所|律所|学校|小学|中学|大学|学院|幼儿园|托儿所|公司|集团"
    r"|银行|派出所|法院|检察院|公安局|超市|商场|酒店|宾馆|饭店|餐厅|工厂|养老院|敬老院|福利院|研究所"
    r"|研究院|出版社|电视台|报社|药店|药房|旅行社|驾校|物业"
)
# What ties another thing in between the word and the institution: 附近的, 和, 去, 旁边.
# (有 ties one in, but not in 有限公司)
_BETWEEN = r"(?:(?!有(?!限))[^\s的和跟与或及旁边附近里去到在是个哪些什么吗呢对面上下算像比属还当为做找送进，,。？?！!、]){0,6}?"
# What may stand before the name besides one of our places: the start, a pointing word.
_POINTING = r"^|[^\u4e00-\u9fff]|那个|这个|有个|叫做?|名叫|说|去|到|在"
# A street's (or a town's) centre: 谭家街道社会组织服务中心, 汉城街道的服务中心, 谭家街道有社工站吗.
_STREET_CENTRE = re.compile(
    r"([\u4e00-\u9fff]{2,3})(街道|镇)(办)?[的有没]{0,3}(社区)?(社会组织)?(综合)?"
    r"(服务中心|服务站|社工站|服务平台|联合会)"
)
# What a street's name is not: a question's or a count's words (每个街道, 哪些街道, 所有街道),
# whose it is or where (我们街道, 附近街道, 当地街道, 城区街道; not 汉城街道).
_NO_STREET = re.compile(
    r"[的哪什么啥几个些每各这那有没是在和与及或全所其他别本该我俺咱你您她们附近旁周当地乡村区市县省里外]"
)


class OtherBodies:
    """Finds one of our organizations' own words made into another kind of body."""

    def __init__(
        self,
        records: Mapping[str, Mapping[str, Any]],
        places: Iterable[str],
        generic: re.Pattern[str],
        told: str,
        sounds: Mapping[str, tuple[str, ...]],
    ) -> None:
        """`places`: the places of ours as written (宝鸡, 未央区); `generic`: the words every
        name of a kind shares (中心, 社工, 服务); `told`: all the records say (县功镇 is a
        place they tell of); `sounds`: each character's readings (新家庙 is 辛家庙 misspelt)."""
        self._told = told
        self._sounds = sounds
        self._generic = generic
        topical = [
            word
            for row in records.get("topics", {}).values()
            for word in (row.get("name", ""), *row.get("synonyms", ()))
            if word
        ]
        written = sorted({p for p in places if p}, key=len, reverse=True)
        self._streets = tuple(re.sub("(街道|镇)$", "", p) for p in written)
        self._places = re.compile("|".join(map(re.escape, written))) if written else None
        own: set[str] = set()
        for row in records.get("organizations", {}).values():
            for name in (row.get("name", ""), *row.get("aliases", ())):
                for place in written:
                    name = name.replace(place, "")
                core = generic.sub("", name)
                piece = core[:2]
                if len(piece) != 2 or any(p.startswith(piece) for p in written):
                    continue  # a place's own start (高新 of 高新区医院) is no name
                if not any(piece in word for word in topical):
                    own.add(piece)
        self._found = None
        # one of the words first: most questions hold none, and the whole pattern is slower
        pieces = "|".join(map(re.escape, sorted(own)))
        self._own = re.compile(pieces) if own else None
        if own and written:
            self._found = re.compile(
                rf"(?:{_POINTING}|(?P<place>(?:{'|'.join(map(re.escape, written))})(?:市|区|县)?))"
                rf"(?P<name>(?:{pieces})(?P<between>{_BETWEEN})(?:{_OTHER}))"
            )

    def name(self, text: str) -> str | None:
        """The body asked for, place and all (宝鸡明明儿童医院), or None."""
        if self._found is not None and self._own is not None and self._own.search(text):
            for found in self._found.finditer(text):
                # its own kind's word between is ours called loosely (中海社工公司)
                if not self._generic.fullmatch(found.group("between")):
                    return (found.group("place") or "") + found.group("name")
        return self._street_centre(text)

    def _street_centre(self, text: str) -> str | None:
        """A street's centre in a street the records never name (谭家街道社会组织服务中心);
        None when every street written is ours (张家堡街道…, 虢镇街道) or none is."""
        if "街道" not in text and "镇" not in text:
            return None
        free = self._places.sub("|", text) if self._places is not None else text
        for found in _STREET_CENTRE.finditer(free):
            street = found.group(1)
            if _NO_STREET.search(street) or street + found.group(2) in self._told:
                continue
            if any(self._misspelt(street, ours) for ours in self._streets):
                continue  # 新家庙, 经而路, 张家宝: ours, misspelt
            return street + found.group(2) + "".join(found.group(i) or "" for i in (4, 5, 6, 7))
        return None

    def _misspelt(self, street: str, ours: str) -> bool:
        """Whether a street written is one of our places misspelt: two of its characters, or
        all its readings, are the place's (辛家苗, 新家庙 for 辛家庙; 谭家 is not 张家堡)."""
        if len(set(street) & set(ours)) >= 2:
            return True
        readings = [set(self._sounds.get(char, (char,))) for char in street]
        return len(street) == len(ours) and all(
            r.intersection(self._sounds.get(c, (c,))) for r, c in zip(readings, ours, strict=True)
        )
