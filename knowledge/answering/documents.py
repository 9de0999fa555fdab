"""Which documents ("未央区出了哪些管社会组织的文件", "有哪些社会组织政策"): every curated
fact of the places asked that tells of a document issued (its title in 《》), listed with its
titles — not the one fact that matches best."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.catalog import Catalog
from knowledge.records import Fact
from knowledge.reply import Reply

# A list word, then (a few words later) the kind of document asked for.
_ASKED = re.compile(
    r"(哪些|哪几个|哪几份|哪几项|什么|啥|几个|几份|几项)[^，,。？?！!\s]{0,10}?"
    r"(文件|政策|方案|制度|规定|办法|措施|细则)(呢|啊|吗|嘛)?$"
    r"|(文件|政策|方案|制度|规定|办法|措施|细则)[^，,。？?！!\s]{0,4}?(有哪些|是哪些|有哪几个|都有(些)?(什么|啥)|有(什么|啥))"
)
_TITLE = re.compile(r"《[^》]{2,60}》")
_ISSUED = re.compile(r"印发|制定|建立|出台|发布|提出|颁布")


# 办法, 措施 and 规定 are a way out as often as a document (孩子自闭症有什么办法, 报名有啥
# 办法): a document only beside a document's words or an issuing place or body, and never
# when the question tells a need (老人没人管有什么办法).
_LOOSE = re.compile(r"办法|措施|规定")
_FIRM = re.compile(r"文件|政策|方案|制度|细则")
_ISSUER = re.compile(
    r"文件|政策|出台|印发|发布|颁布|制定|国家|全国|中央|国务院|民政|政府|部门|未央|宝鸡|西安|陕西"
    r"|陈仓|渭滨|金台|高新|街道|(省|市|区|县)(里|上|级)"
)
_NEED = re.compile(
    r"我|俺|咱|孩子|娃|老人|残疾|自闭|没人|没有|不会|不说话|不理|太冷|太热|困难|难受|生病|病了|怎么办"
)


def asks_documents(text: str) -> bool:
    """Whether a (normalized) question asks for the documents of a kind."""
    for clause in text.split():
        found = _ASKED.search(clause)
        if found is None:
            continue
        if _FIRM.search(found.group(0)) or (_ISSUER.search(text) and not _NEED.search(text)):
            return True
    return False


# The country's, not a place's: 国家有哪些扶持社会组织的政策 asks for the ministry's only.
_NATIONAL = re.compile(r"国家|全国|中央|国务院|民政部|中国")


def national(text: str) -> bool:
    return bool(_NATIONAL.search(text))


def documents(
    catalog: Catalog, places: Sequence[str], about: Sequence[str] = (), *, of_country: bool = False
) -> list[Fact]:
    """The facts telling of documents issued, of the places asked (all when none is; the
    country's alone `of_country`), saying each of the words `about` (养老政策: of 养老)."""
    found = []
    for fact in catalog.facts.values():
        if not _TITLE.search(fact.answer) or not _ISSUED.search(fact.answer):
            continue
        if places and not {fact.city, fact.district} & set(places):
            continue
        if of_country and (fact.city or fact.district):
            continue
        if not all(word in fact.name + fact.answer for word in about):
            continue
        found.append(fact)
    return found


# A year asked, or the years since it (2020年以来: 2020 and after).
_YEAR = re.compile(r"((?:19|20)\d\d)年(以来|至今|之后|以后|后|起|开始|到现在|到今天)?")
# A year a document was issued in, as a fact's name or a title gives it: not the end of the
# years it runs for (2021-2023年 was issued in 2021).
_ISSUED_YEAR = re.compile(r"(?<![-－—~至到\d])((?:19|20)\d\d)年")


def of_the_year(facts: Sequence[Fact], question: str) -> list[Fact]:
    """The documents issued in the year the question names (2021年出台了哪些方案), or since
    it (2020年以来); all of them when it names none."""
    asked = _YEAR.search(question)
    if asked is None:
        return list(facts)
    year, since = int(asked.group(1)), bool(asked.group(2))
    return [f for f in facts if any(y == year or (since and y > year) for y in _issued(f))]


def year_asked(question: str) -> str:
    """The year a question asks the documents of (2021年, 2020年以来), or ""."""
    asked = _YEAR.search(question)
    return asked.group() if asked else ""


def _issued(fact: Fact) -> set[int]:
    """The years the fact tells a document was issued in: the year its answer opens with,
    and those its name or a title gives."""
    texts = [fact.answer[:5], fact.name, *_TITLE.findall(fact.answer)]
    return {int(found.group(1)) for text in texts for found in _ISSUED_YEAR.finditer(text)}


def documents_reply(
    catalog: Catalog, facts: Sequence[Fact], where: str, about: Sequence[str] = ()
) -> Reply:
    what = f"{where}关于{'、'.join(about) or '社会组织'}的文件"
    if not facts:
        return Reply(f"资料中没有{what}。", ["可以换个说法试试，或写出区县。"])
    lines = [f"资料中写到的共 {len(facts)} 项："]
    for i, fact in enumerate(facts, 1):
        titles = "、".join(dict.fromkeys(_TITLE.findall(fact.answer)))
        lines.append(f"{i}. {fact.name}：{titles}")
    source = catalog.cite_all(facts)
    lines.append(source)
    return Reply(what, lines)
