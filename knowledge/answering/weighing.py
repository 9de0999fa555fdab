"""How a need told is weighed against what a record is: a curated fact that says no one who
serves, a count, and the district asked about (the matcher's ranking, past the words' scores)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container

from knowledge.answering.index import Index, content_tokens
from knowledge.answering.intent import Intent, detect_intent
from knowledge.answering.places import place_name
from knowledge.answering.question_topics import topic_keys
from knowledge.answering.text import normalize

# "哪里能帮忙孵化社会组织", "where can NGOs get office space" ask who serves and where, not
# what a policy says: a curated fact (a policy, a count, a plan; it has no address) is weighed
# down against the organizations and projects that serve — unless staff wrote it to say who
# serves (Doc.serves).
PROVIDER_FACT_FACTOR = 0.7
# A count (未央区社会组织有多少家: Doc.counts) answers "how many", nothing else: its words
# (团体, 社会组织, a district) are the words of a resident's story about a group of their own
# (刚在未央区攒了个公益小团体，没地方办公), which asks for a place or a hand, never a figure.
# Weighed down whenever no figure is asked, however the need is framed (a policy fact, which
# a need told without a name may well want, keeps its weight).
COUNT_FACT_FACTOR = 0.5
# A figure asked of several organizations together (那几家社工机构一共搞了多少场活动, 未央区的
# 几家社工机构加起来…): a sum, which a fact holds and no one organization does; an
# organization sharing the kind's words (中海社工 of 社工机构) is weighed down against it.
SEVERAL_FACTOR = 0.6
_SEVERAL_POINTED_AT = re.compile(
    r"([那这]|[他她它]们)几家|[那这](几个|些)[^,.?!，。？！\s]{0,4}(组织|机构|协会|中心|社工|单位)"
    r"|(?<!有)几家[^,.?!，。？！\s]{0,10}(一共|总共|加起来|合计|合起来)"
)


def asks_of_several(text: str) -> bool:
    """Whether a question points at several organizations together (那几家, 这些)."""
    if "几" not in text and "些" not in text:  # most questions: no search
        return False
    return _SEVERAL_POINTED_AT.search(text) is not None


# Whom a service is asked for, named as such (专门给女性办的公益活动, 专门为老人开的): a record
# of none of that group's topics answers another group (在城长, children's, by 公益活动).
FOR_WHOM_FACTOR = 0.3  # as an organization of another city asked about (places.py)
_FOR_WHOM = re.compile(
    r"专门(?:给|为|针对|面向)([\u4e00-\u9fff]{1,4}?)(?:办|搞|开|组织|做|设|准备)?的"
)


def for_whom(index: Index, text: str) -> frozenset[str]:
    """The topics of the group a service is asked for (T:妇女家庭 of 专门给女性办的), or none."""
    if "专门" not in text:
        return frozenset()
    found = _FOR_WHOM.search(text)
    if found is None:
        return frozenset()
    return frozenset(topic_keys(found.group(1), index.expansions))


def weigh_for_whom(index: Index, scores: dict[int, float], topics: frozenset[str]) -> None:
    """Records of none of the topics of the group asked for weighed down, in place."""
    held = {doc for topic in topics for doc in index.postings.get(topic, ())}
    if not held:
        return
    for doc in scores:
        if doc not in held:
            scores[doc] *= FOR_WHOM_FACTOR


# A district asked about whose best document scores less than this share of the best one
# elsewhere holds nothing for the need (places.py, `nearby`).
NEARBY_SHARE = 0.5


def counted(index: Index) -> dict[int, frozenset[str]]:
    """What each count fact counts: its name's words, less places and figure words
    (社会组织 of 未央区社会组织有多少家)."""
    found = {}
    for i, doc in enumerate(index.docs):
        if doc.counts:
            words = content_tokens(index.segmenter.cut_for_search(normalize(doc.name))[1], {})
            found[i] = frozenset(
                w
                for w in words
                if w in index.postings
                and w not in index.places
                and detect_intent(w) != Intent.FIGURE
            )
    return found


def weigh_facts(
    index: Index,
    scores: dict[int, float],
    *,
    asks_provider: bool,
    asks_figure: bool,
    counts: dict[int, frozenset[str]],
    words: set[str],
    several: bool = False,
    named: Container[int] = (),
) -> None:
    """Facts weighed against those who serve (see the factors above), in place; a count
    keeps its weight when a figure is asked or what it counts is named (未央区的社会组织主要
    分布在哪些领域 asks about it). `several`: the question points at several organizations
    together, whose figure asked is a sum a fact holds, so the records of any one of them
    not `named` (the documents the question names) are weighed down instead."""
    docs = index.docs
    summed = asks_figure and several
    for doc in scores:
        found = docs[doc]
        if found.kind != "fact":
            if summed and doc not in named:  # one named keeps its own figure
                scores[doc] *= SEVERAL_FACTOR
            continue
        if doc in counts and not asks_figure and not counts[doc] & words:
            scores[doc] *= COUNT_FACT_FACTOR
        elif asks_provider and not found.serves:
            scores[doc] *= PROVIDER_FACT_FACTOR


def none_there(
    index: Index, best: list[tuple[int, float]], places: list[tuple[str, str]], text: str
) -> bool:
    """Whether nothing in the one district asked about answers the need (none there
    scores NEARBY_SHARE of the best, not counting the place's own characters in its
    names: 金台 of 金台区武术协会 is no need met): then the city's other districts are not
    weighed down, and the answer says where it is (a 金台区 resident whose need only a
    渭滨区 organization serves)."""
    if len(places) != 1 or places[0][0] != "district" or not best:
        return False
    district = places[0][1]
    docs = index.docs
    there = [(doc, score) for doc, score in best if place_name(docs[doc].district) == district]
    if not there:
        return True
    grams = place_grams(index, text, places[0])
    need = max(score - grams.get(doc, 0.0) for doc, score in there)
    return need < NEARBY_SHARE * best[0][1]


def place_grams(index: Index, text: str, place: tuple[str, str]) -> dict[int, float]:
    """What the character pairs of a place written add to the names holding it."""
    written = [w for w, found in index.places.items() if found == place and w in text]
    pairs = {w[i : i + 2] for w in written for i in range(len(w) - 1)}
    found: dict[int, float] = defaultdict(float)
    for pair in pairs:
        docs = index.name_grams.get(pair)
        if docs and len(docs) <= 3:  # as the matcher's _score_bigrams adds them
            idf = index.idf["B:" + pair]
            for doc, weight in docs.items():
                found[doc] += idf * weight
    return found
