"""The places a question asks about, and how well a document's place fits them (the
matcher's narrowing: a document there counts more, one elsewhere less)."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.answering.index import Doc, Index
from knowledge.answering.text import normalize
from knowledge.catalog import Catalog
from knowledge.records import Organization, Project, Record
from knowledge.reply import Reply


def places_asked(
    index: Index, text: str, names: list[str], named: dict[int, float]
) -> list[tuple[str, str]]:
    """The places a question asks about, as (level, canonical name)."""
    compact = text.replace(" ", "")
    # A province holding all the knowledge's cities (陕西) is read, and narrows nothing.
    found = [
        p
        for p in index.places
        if p in compact and index.places[p][0] != PROVINCE and _asked(index, p, names, named)
    ]
    # The longest place written: 丹凤县 is not also 凤县.
    written = [p for p in found if not any(p in q and p != q for q in found)]
    hits = {index.places[p] for p in written}
    # 我在高新区上班，家里老人在金台: where the resident works or studies is not where the
    # need is, when the question names another place.
    background = {index.places[p] for p in written if _background(text, p)}
    if hits - background:
        hits -= background
    return sorted(hits)


PROVINCE = "province"
_BACKGROUND = r"(上班|工作|打工|上学|读书|念书|做生意|开店|干活)"


def _background(text: str, place: str) -> bool:
    """Whether a place is written only as where the resident works: 在高新区上班, 在金台一家
    公司工作 (within one clause)."""
    pattern = f"在{re.escape(place)}[^ ]{{0,8}}?{_BACKGROUND}"
    written = text.count(place)
    return written > 0 and len(re.findall(pattern, text)) == written


def province_words(index: Index, text: str) -> list[str]:
    """The provinces written in the text: their characters name the whole area, not a record
    (陕西 in 陕西有没有帮残疾孩子的组织 is not 陕西众益社会组织服务中心)."""
    return [p for p in index.places if p in text and index.places[p][0] == PROVINCE]


def _asked(index: Index, place: str, names: list[str], named: dict[int, float]) -> bool:
    """Whether a place written is asked about: inside a name the question gives, only
    when a document of that name is there (安康 in 安康志愿者协会 of 合阳县 is no place;
    张家堡街道 in 张家堡街道社会组织服务中心 is)."""
    if not any(place in name for name in names):
        return True
    level, canonical = index.places[place]
    docs = index.docs
    return any(place_name(getattr(docs[doc], level)) == canonical for doc in named)


def place_factor(
    doc: Doc,
    places: list[tuple[str, str]],
    district_city: dict[str, str],
    nearby: bool = False,
) -> float:
    """How much a document's score counts for the places asked: more there, less elsewhere
    (`nearby`: in another district of the city asked about counts as the city's own)."""
    factor = 1.0
    for level, name in places:
        value = place_name(getattr(doc, level))  # as the places are (乾县 reads 干县)
        if value == name:
            factor *= 1.5
        elif value and not (nearby and _same_city(doc, name, district_city)):
            factor *= 0.3
        elif (
            level == "district"
            and doc.city
            and district_city.get(name, "") not in ("", doc_city(doc))
        ):
            factor *= 0.3  # no district given, but in another city than the one asked about
        elif (
            level == "street"
            and doc.city
            and district_city.get(name, "") not in ("", doc_city(doc))
        ):
            factor *= 0.3  # a street of another city (张家堡 is 西安's, 智塔 宝鸡's)
        elif level == "street" and doc.district:
            factor *= 0.8
    return factor


def _same_city(doc: Doc, district: str, district_city: dict[str, str]) -> bool:
    city = district_city.get(district, "")
    return bool(city) and city == district_city.get(place_name(doc.district), "")


def other_district_note(doc: Doc, places: list[tuple[str, str]]) -> str:
    """The note for an answer found in another district than the one asked about (资料中
    金台区没有…; it is in 渭滨区), or ""."""
    asked = [name for level, name in places if level == "district"]
    there = place_name(doc.district)
    if len(asked) != 1 or not there or there == asked[0]:
        return ""
    return f"资料中没有{asked[0]}做这方面服务的组织；下面这家在{there}。"


@lru_cache(maxsize=4096)
def place_name(value: str) -> str:
    """A document's place as the index's places spell it (few distinct: remembered)."""
    return normalize(value) if value else ""


def doc_city(doc: Doc) -> str:
    return place_name(doc.city)


def districts_cities(docs: list[Doc]) -> dict[str, str]:
    """Each district and street the documents name → its city, where they agree on one."""
    found: dict[str, str] = {}
    for doc in docs:
        for part in (doc.district, doc.street):
            if part and doc.city:
                place, city = place_name(part), place_name(doc.city)
                found[place] = city if found.get(place, city) == city else ""
    return found


def misplaced_reply(catalog: Catalog, name: str, written: str) -> tuple[Reply, Record] | None:
    """Where the records put the organization called `name`, asked to be in `written` where
    they do not (金台区武术协会在西安未央区…): the reply saying so, and the record; None when
    no record is called so."""
    records: list[Organization | Project] = [*catalog.organizations.values()]
    records += catalog.projects.values()
    record = next((r for r in records if name in (r.name, *r.aliases)), None)
    if record is None:
        return None
    owner = catalog.organization_of(record) or record
    where = owner.location if isinstance(owner, Organization) else ""
    lines = [
        f"资料中{owner.name}在{where}，没有它在{written}的记录。"
        if where
        else f"资料中没有{owner.name}在{written}的记录。",
        catalog.cite(owner, ["city", "district", "street"] if where else []),
    ]
    return Reply(owner.name, lines, True), record
