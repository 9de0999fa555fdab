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

An own word that is an everyday word (青年, 中海, 常青: 青年路小学, 中海物业, 青年职业学院 are
other bodies' names) does not count alone; the name's next character must follow (青年文,
常青藤). What lies between the word and the institution must read as more of a name: at most
four characters, none a verb or a function word (智塔能帮我联系学校, 众益给小学捐过书 ask of
ours). One of our whole names without its kind (金台区武术, 宝鸡明明心理), right before an
institution, is another body too (金台区武术学校).

A centre of ours called by a near kind of its own is ours, called loosely, not another body:
a school for a centre that teaches (我娃在智塔学校康复了一年), a clinic for one that counsels
or treats (明明心理诊所能做心理疏导吗); a hospital or a kindergarten is not that near.

So is a street's service centre in a street no record tells of (未央区谭家街道社会组织服务中心):
the records know the centres of two streets only, and the others' are not theirs. A 社工站 or
服务站 any street may have (未央区汉城街道有社工站吗) is no such centre: it is answered with
the district's social-work organizations, as a need."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

# An organization's name: a place, then what it is called, then a kind of body. Only a place
# first makes it a name (有没有帮残疾人的协会 asks for a kind, not a name).
BODY = (
    r"基金会|联合会|促进会|研究会|协会|商会|学会|联盟|中心|服务站|工作站|服务社|合作社|志愿者?队"
    r"|俱乐部|工作室|联谊会|救助站|服务队|救援队|艺术团|合唱团|舞蹈队|总会|社工站|驿站|之家|家园|乐园"
    # homes for the old or the young no record runs (张家堡街道养老院: a street's, not ours)
    r"|养老院|敬老院|福利院|托老所|护理院|老年公寓"
)

# Institutions that no social organization here is (not 事务所 alone: 社工事务所 is one); not
# their people (大学生, 小学生 are no university). Those serving people as ours do, and
# businesses and offices: one of our whole names before a business is read by its own words
# only (宝鸡中小企业公司 is any small firm of 宝鸡: a topic's word names businesses).
_SERVING = (
    r"医院|诊所|卫生院|门诊部|门诊|学校|小学|中学|大学|学院|幼儿园|托儿所|养老院|敬老院|福利院"
    r"|研究所|研究院|驾校"
)
_BUSINESS = (
    r"律师事务所|律所|公司|集团|银行|派出所|法院|检察院|公安局|超市|商场|酒店|宾馆|饭店|餐厅|工厂"
    r"|出版社|电视台|报社|药店|药房|旅行社|物业"
)
_OTHER = rf"(?:{_SERVING}|{_BUSINESS})(?!生)"
# What may lie between the word and the institution: more of a name (儿童, 心理咨询, 双语), at
# most four characters, none tying in another thing (的, 和, 附近, 去, 在) or a verb or
# function word (能, 帮, 给, 联系, 捐, 我); 有限 of 有限公司 after them.
_NOT_NAME = (
    "\\s的和跟与或及旁边附近里去到在是个哪些什么吗呢对面上下算像比属还当为做找送进有"
    "能会可要想给帮让叫请问把被向从替联系捐带接看办开教管收治讲说过了着没不也都就才又再"
    "很太最多少几么啥谁咋怎样呀啊吧嘛我你他她它们俺咱您，,。？?！!、"
)
_BETWEEN = rf"[^{_NOT_NAME}]{{0,4}}?(?:有限(?:责任)?)?"
# A centre of ours called by a near kind: a school if it teaches, a clinic if it counsels or
# treats (the words its services are told in).
_LOOSE = (("学校", re.compile(r"教育")), ("诊所", re.compile(r"心理咨询|心理疏导|康复")))
LAST_BODY = re.compile(rf"(?:{BODY})$")  # a name's kind of body, at its end
# A kind's word a name may end in without its body (秋文社工, 益人行志愿者).
_KIND_END = re.compile(r"(?:社工|社会工作|志愿者|服务|机构)$")
# What may stand before the name besides one of our places: the start, a pointing word.
_POINTING = r"^|[^\u4e00-\u9fff]|那个|这个|有个|叫做?|名叫|说|去|到|在"
# A street's (or a town's) centre: 谭家街道社会组织服务中心, 汉城街道的服务中心, 谭家街道有服务中心吗.
_STREET_CENTRE = re.compile(
    r"([\u4e00-\u9fff]{2,3})(街道|镇)(办)?[的有没]{0,3}(社区)?(社会组织)?(综合)?"
    r"(服务中心|服务平台|联合会)"
)
# What a street's name is not: a question's or a count's words (每个街道, 哪些街道, 所有街道),
# whose it is or where (我们街道, 附近街道, 当地街道, 城区街道; not 汉城街道), or a verb asking
# of it (了解一下街道的服务中心, 打听一下, 介绍一下: review14).
_NO_STREET = re.compile(
    r"[的哪什么啥几个些每各这那有没是在和与及或全所其他别本该我俺咱你您她们附近旁周当地乡村区市县省里外"
    r"一下解听绍问说找去到看想要]"
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
        everyday: Callable[[str], bool] | None = None,
    ) -> None:
        """`places`: the places of ours as written (宝鸡, 未央区); `generic`: the words every
        name of a kind shares (中心, 社工, 服务); `told`: all the records say (县功镇 is a
        place they tell of); `sounds`: each character's readings (新家庙 is 辛家庙 misspelt);
        `everyday`: whether a word is an
        everyday word (the segmenter's general dictionary)."""
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
        # the institutions each of our names may be called by loosely (智塔 学校, 明明 诊所)
        self._loose: dict[str, set[str]] = {}
        own: set[str] = set()
        for row in records.get("organizations", {}).values():
            loose = _loose_kinds(row)
            for name in (row.get("name", ""), *row.get("aliases", ())):
                self._loose.setdefault(name, set()).update(loose)
                for place in written:
                    name = name.replace(place, "")
                piece = _own_piece(generic.sub("", name), everyday)
                if not piece or any(p.startswith(piece[:2]) for p in written):
                    continue  # a place's own start (高新 of 高新区医院) is no name
                if not any(piece in word for word in topical):
                    own.add(piece)
                    self._loose.setdefault(piece, set()).update(loose)
        # a name that is a topic's word without a place (中小企业 of 中小企业协会) is a kind:
        # 中小企业公司 is any small firm, 金台区武术学校 one named so
        self._stems = _stems_by_end(
            name
            for table in ("organizations", "projects")
            for row in records.get(table, {}).values()
            for name in (row.get("name", ""), *row.get("aliases", ()))
            if len(name) >= 2 and not _a_kind(name, written, generic, topical)
        )
        self._found = None
        # one of the words first: most questions hold none, and the whole pattern is slower
        pieces = "|".join(map(re.escape, sorted(own, key=len, reverse=True)))
        self._own = re.compile(pieces) if own else None
        if own and written:
            self._found = re.compile(
                rf"(?:{_POINTING}|(?P<place>(?:{'|'.join(map(re.escape, written))})(?:市|区|县)?))"
                rf"(?P<name>(?P<piece>{pieces})(?P<between>{_BETWEEN})(?P<kind>{_OTHER}))"
            )
        self._institution = re.compile(rf"(?:{_SERVING})(?!生)")

    def name(self, text: str) -> str | None:
        """The body asked for, place and all (宝鸡明明儿童医院), or None."""
        if self._found is not None and self._own is not None and self._own.search(text):
            for found in self._found.finditer(text):
                # its own kind's word between is ours called loosely (中海社工公司)
                if self._generic.fullmatch(found.group("between")):
                    continue
                if found.group("kind") in self._loose.get(found.group("piece"), ()):
                    continue  # 智塔学校: ours, called by a near kind
                return (found.group("place") or "") + found.group("name")
        return self._street_centre(text)

    def of_a_name(self, text: str) -> str | None:
        """One of our whole names without its kind of body, right before an institution
        (金台区武术学校, 宝鸡明明心理医院, 智塔幼儿园): that name and the institution, or None.
        Read from each institution word back, not name by name."""
        for found in self._institution.finditer(text):
            at = found.start()
            for stem, name in self._stems.get(text[max(0, at - 2) : at], ()):
                if text.endswith(stem, 0, at):
                    if found.group() in self._loose.get(name, ()):
                        break  # 我娃在智塔学校康复了一年: ours, called by a near kind
                    return stem + found.group()
        return None

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


def _own_piece(core: str, everyday: Callable[[str], bool] | None) -> str:
    """What opens a name once its place and kind's words are gone (明明 of 明明心理关爱): two
    characters, or three when the two are an everyday word (青年文 of 青年文学艺术, 常青藤;
    中海 alone is none). A doubled character (明明) is an adverb or a pet name as an everyday
    word: it names no other place or body."""
    piece = core[:2]
    if len(piece) < 2:
        return ""
    if everyday is not None and piece[0] != piece[1] and everyday(piece):
        piece = core[:3]
        return piece if len(piece) == 3 else ""
    return piece


def _a_kind(name: str, places: Iterable[str], generic: re.Pattern[str], topical: list[str]) -> bool:
    """Whether a name is no more than a topic's word, with no place of ours in it."""
    if any(place in name for place in places):
        return False
    core = generic.sub("", LAST_BODY.sub("", name))
    return bool(core) and any(core in word for word in topical)


def _loose_kinds(row: Mapping[str, Any]) -> set[str]:
    """The institutions a centre of ours is near enough to be called by (智塔: 学校, 诊所)."""
    if not str(row.get("name", "")).endswith("中心"):
        return set()
    services = " ".join(row.get("services", ()))
    return {kind for kind, does in _LOOSE if does.search(services)}


def _stems_by_end(names: Iterable[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Our names without their kind of body (金台区武术 of 金台区武术协会; 智塔 whole), each with
    its name, by their last two characters, longest first; a stem of two characters (武术 of
    武术协会) tells no organization of ours apart from its trade; nor does one ending in its
    kind's word (秋文社工: 秋文社工公司 is ours called loosely, read by the own words)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        body = LAST_BODY.search(name)
        stem = name[: body.start()] if body else name
        if len(stem) >= (3 if body else 2) and not _KIND_END.search(stem):
            found.setdefault(stem[-2:], []).append((stem, name))
    return {end: tuple(stems) for end, stems in found.items()}
