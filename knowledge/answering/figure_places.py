"""A figure counting things that are also in a record's name: "高新区有几个农村幸福院" counts
农村幸福院 (情暖农村幸福院 is the project), and the project's figure labelled 农村幸福院 (87个)
answers it — when the place asked is the one the figure is of. "全国有多少个农村幸福院",
"宝鸡有多少个农村幸福院": the 87 are 高新区's, not the country's or the city's; the sources
give no such number, and the reply says so (naming the figure they do give, and its place)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from knowledge.catalog import Catalog
from knowledge.records import Figure, Organization, Project
from knowledge.reply import Reply

# What follows the count word at the end: "有几个农村幸福院" counts 农村幸福院.
_COUNTED_AFTER = re.compile(
    r"(?:几|多少)[个家名位座所块场次批项台]?([\u4e00-\u9fff]{2,8}?)[呢啊呀吗嘛?？]*$"
)
# Or before it, when the question ends with the count: "幸福院有多少个" counts 幸福院
# (but "物资值多少" asks a measure of the 物资, not how many there are).
_COUNTED_BEFORE = re.compile(
    r"([\u4e00-\u9fff]{2,12}?)(?:一共|总共|共)?(?:有(?:几|多少)[个家名位座所块场次批项台]?"
    r"|(?:几|多少)[个家名位座所块场次批项台])[呢啊呀吗嘛?？]*$"
)
# What stands before the counted things' name (宝鸡的幸福院, 村里幸福院, 高新区幸福院), when a
# name of two characters or more is left (服务中心, 老旧小区 are names themselves).
_BEFORE_NAME = re.compile(r".*(?:的|里|区|市|县|省)(?=[\u4e00-\u9fff]{2})")
# A measure word or a particle caught at the ends of what is counted (几个呢, 多少个娃).
_MEASURE_FIRST = re.compile(r"^[个家名位座所块场次批项台]")
# Places wider than any the knowledge covers.
_WIDE = re.compile(r"全国|全省|陕西省?|全陕西|中国|国内|全世界|全球|世界上")


def wide_place(question: str) -> str:
    """A place wider than any the knowledge covers that the question names (全国, 陕西), or ""."""
    found = _WIDE.search(question.replace(" ", ""))
    return found.group() if found else ""


def counted_kind(question: str) -> str:
    """The things a question counts when it names them right after 几/多少, or right before
    them when the count ends the question ("" when none)."""
    text = question.replace(" ", "")
    found = _COUNTED_AFTER.search(text)
    if found and not _MEASURE_FIRST.match(found.group(1)):
        return found.group(1)
    found = _COUNTED_BEFORE.search(text)
    return _BEFORE_NAME.sub("", _WIDE.sub("", found.group(1))) if found else ""


def labelled(figures: Sequence[Figure], kind: str) -> list[Figure]:
    """The figures whose label names the things counted."""
    return [f for f in figures if kind and kind in f.label]


def figure_of_another_place(
    catalog: Catalog,
    record: Organization | Project,
    figures: Callable[[], Sequence[Figure]],
    question: str,
    places: Sequence[tuple[str, str]],
) -> Reply | None:
    """The reply when the question counts things of a figure's label in a place the figure is
    not of (全国, 宝鸡市 for 高新区's 87): the sources give no such number. None when the
    place fits, or the question counts nothing a label names."""
    kind = counted_kind(question)
    found = labelled(figures(), kind) if kind else []  # `figures`: found only then
    if not found:
        return None
    wide = wide_place(question)
    owner = catalog.organization_of(record) if isinstance(record, Project) else record
    own = {owner.district, owner.street} - {""} if owner is not None else set()
    asked = [name for _, name in places if _asked_outside_names(name, question, record, owner)]
    misfit = [name for name in asked if name not in own and not any(name in f.quote for f in found)]
    where = wide or "".join(misfit)
    if not where:
        return None
    figure = found[0]
    of = f"（{'、'.join(sorted(own))}）" if own else ""
    lines = [
        f"资料中没有{where}{kind}的数目。",
        f"资料只写到{record.display_name}{of}的“{figure.label}：{figure.text}”，不是{where}的总数。",
        catalog.cite(record, ["figures"]),
    ]
    return Reply(record.display_name, lines)


def _asked_outside_names(
    place: str, question: str, record: Organization | Project, owner: Organization | None
) -> bool:
    """Whether the question asks of `place` other than in the record's name it writes
    (宝鸡市公益慈善联合会筹了多少款物 asks of the federation, not of 宝鸡市)."""
    rest = question.replace(" ", "")
    names = [record.display_name, *record.aliases]
    if owner is not None:
        names += [owner.name, *owner.aliases]
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, "")
    return place.removesuffix("市").removesuffix("区").removesuffix("县") in rest
