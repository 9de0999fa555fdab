"""The places a question asks about, and how well a document's place fits them (the
matcher's narrowing: a document there counts more, one elsewhere less)."""

from __future__ import annotations

from functools import lru_cache

from knowledge.answering.index import Doc, Index
from knowledge.answering.text import normalize


def places_asked(
    index: Index, text: str, names: list[str], named: dict[int, float]
) -> list[tuple[str, str]]:
    """The places a question asks about, as (level, canonical name)."""
    compact = text.replace(" ", "")
    found = [p for p in index.places if p in compact and _asked(index, p, names, named)]
    # The longest place written: 丹凤县 is not also 凤县.
    hits = {index.places[p] for p in found if not any(p in q and p != q for q in found)}
    return sorted(hits)


def _asked(index: Index, place: str, names: list[str], named: dict[int, float]) -> bool:
    """Whether a place written is asked about: inside a name the question gives, only
    when a document of that name is there (安康 in 安康志愿者协会 of 合阳县 is no place;
    张家堡街道 in 张家堡街道社会组织服务中心 is)."""
    if not any(place in name for name in names):
        return True
    level, canonical = index.places[place]
    docs = index.docs
    return any(place_name(getattr(docs[doc], level)) == canonical for doc in named)


def place_factor(doc: Doc, places: list[tuple[str, str]], district_city: dict[str, str]) -> float:
    """How much a document's score counts for the places asked: more there, less elsewhere."""
    factor = 1.0
    for level, name in places:
        value = place_name(getattr(doc, level))  # as the places are (乾县 reads 干县)
        if value == name:
            factor *= 1.5
        elif value:
            factor *= 0.3
        elif (
            level == "district"
            and doc.city
            and district_city.get(name, "") not in ("", doc_city(doc))
        ):
            factor *= 0.3  # no district given, but in another city than the one asked about
        elif level == "street" and doc.district:
            factor *= 0.8
    return factor


@lru_cache(maxsize=4096)
def place_name(value: str) -> str:
    """A document's place as the index's places spell it (few distinct: remembered)."""
    return normalize(value) if value else ""


def doc_city(doc: Doc) -> str:
    return place_name(doc.city)


def districts_cities(docs: list[Doc]) -> dict[str, str]:
    """Each district the documents name → its city, where they agree on one."""
    found: dict[str, str] = {}
    for doc in docs:
        if doc.district and doc.city:
            district, city = place_name(doc.district), place_name(doc.city)
            found[district] = city if found.get(district, city) == city else ""
    return found
