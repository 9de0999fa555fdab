"""Residents' stories, round 9 (issue 16, cause 2: a need told as what happened): our own
stories for what this round fixed (questions_dev_round9s.yaml) — a sport wanted after an illness
told and a parent's temper around homework are no medical or schooling question, a job
looked for in the story's background before what the resident wants, a street asked about
weighing another city's organizations down as its district does, a diagnosis followed by
"what now" asks for care, a divorce long past or not wanted is no legal question, a count
word in one clause counts that clause's noun (我和几个朋友……不知道有没有人组织 asks for
no count of organizations), the child inside a parent's need (吼娃 → 吼孩子) whom the story
is about and not whom the service is for, signs read as needs — and the near misses that stay
refused."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import asks_who_serves
from knowledge.answering.list_questions import is_count_question
from knowledge.answering.places import districts_cities, place_factor
from knowledge.answering.scope import Scope
from knowledge.answering.words import whom_told
from tests.knowledge.answering.chat import cases, in_one_chat, judged, standardized, table

CASES = cases("questions_dev_round9s.yaml")


@pytest.mark.parametrize("case", table(CASES, {}, "situation"))
def test_a_residents_story_finds_the_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert judged(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", table(CASES, {}, "refuse"))
def test_what_is_not_ours_stays_refused(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert not answer.answered, answer.results[:1]


# What happened, read as the need it tells (words.yaml, kind situation or colloquial).
SIGNS = [
    ("他脾气大得很", "情绪"),
    ("这几年心里憋得难受", "心情不好"),
    ("娃不跟别人说话", "自闭"),
    ("楼里电线老化了", "维修"),
    ("想给大伙儿表演几个节目", "演出"),
    ("怕娃放学路上遇到坏人", "儿童保护"),
    ("听说小区附近有人贩子", "儿童保护"),
    ("娃辅导作业的时候我就火冒三丈", "情绪"),
    ("想上台演小品", "演出"),
    ("厂里生意一年不如一年", "开拓市场"),
    ("店里生意下滑得厉害", "开拓市场"),
]


@pytest.mark.parametrize(("written", "need"), SIGNS, ids=[w for w, _ in SIGNS])
def test_a_sign_told_is_read_as_its_need(answerer: Answerer, written: str, need: str) -> None:
    assert need in standardized(answerer, written)


COUNTS = [
    ("我们几个朋友想知道宝鸡有几家社工机构", True),
    ("有几家社工机构 分别叫啥", True),
    ("未央区有多少社会组织", True),
    ("我和几个朋友都在上班 周末在家没事 不知道有没有人组织", False),
    ("我几个想成立个协会 办公场地", False),
]


@pytest.mark.parametrize(("text", "counts"), COUNTS, ids=[t for t, _ in COUNTS])
def test_what_is_counted_is_in_the_counting_clause(text: str, counts: bool) -> None:
    assert is_count_question(text) is counts


# The child inside a need the table wrote for the parent (吼娃 → 吼孩子, a family's need) is
# whom the story is about: it no longer finds children's services first. Inside a child's own
# need (爸妈…打工 → 留守儿童) the child is whom the service is for, and still counts.
WHOM = [
    ("最近老是忍不住吼娃，吼完又后悔", False),
    ("一着急就冲娃发火", False),
    ("小区有好多娃爸妈都在外地打工", True),
    ("我老吼孩子", True),  # written by the resident: read as written
]


@pytest.mark.parametrize(("question", "counted"), WHOM, ids=[q for q, _ in WHOM])
def test_a_child_inside_a_parents_need_is_whom_it_is_about(
    answerer: Answerer, question: str, counted: bool
) -> None:
    words = answerer.snapshot.matcher.match(question).words
    assert ("孩子" in words) is counted, words


def test_homework_named_beside_a_parents_temper_is_no_schooling_question(
    answerer: Answerer,
) -> None:
    answer = in_one_chat(answerer, ["娃放学回来我就控制不住吼他，心里也难受"])
    assert answer.refusal is None, answer.text


# Whom to go to, or a place heard of that can help, asks who serves (facts that only tell of
# a policy are weighed down against those who serve, weighing.py).
WHO_SERVES = [
    ("不知道找谁帮忙", True),
    ("听说街道有地方能帮忙孵化", True),
    ("有人可以教教我吗", True),
    ("未央区培育社区社会组织的政策", False),
]


@pytest.mark.parametrize(("text", "asks"), WHO_SERVES, ids=[t for t, _ in WHO_SERVES])
def test_whom_to_go_to_asks_who_serves(text: str, asks: bool) -> None:
    assert asks_who_serves(text) is asks


# A job named in the story's background, before the clause telling what the resident wants.
def test_a_job_looked_for_before_what_is_wanted_is_background(answerer: Answerer) -> None:
    story = (
        "我五十了，在未央住，以前在厂里上班，下岗后出去找工作人家都不要。"
        "我想学点手艺，也想找些老姐妹一起聊聊天解解闷"
    )
    assert Scope.from_catalog(answerer.catalog).refusal(story) is None


# A street asked about is in its city: an organization of another city counts as little as
# for a district asked about (张家堡 is 西安's; 智塔 is 宝鸡's).
def test_a_street_asked_weighs_down_another_citys_organization(answerer: Answerer) -> None:
    index = answerer.index
    zhita = index.doc("organization", "baoji-zhita-children")
    qiuwen = index.doc("organization", "weiyang-qiuwen-social-work")
    cities = districts_cities(index.docs)
    street = [("street", "张家堡街道")]
    assert place_factor(zhita, street, cities) == 0.3
    assert place_factor(qiuwen, street, cities) == 1.5


# Whom a story is about (孩子) beside a need of another topic (吵架, a family's): a record
# serving the need is not held to account for them; a person with no other need told, or with
# a need of their own topic (留守儿童), still counts.
WHOM_TOLD = [
    (["吵架", "孩子"], {"孩子"}),
    (["孩子", "户口"], set()),
    (["留守儿童", "孩子"], set()),
]


@pytest.mark.parametrize(("words", "whom"), WHOM_TOLD, ids=[" ".join(w) for w, _ in WHOM_TOLD])
def test_whom_a_story_is_about(answerer: Answerer, words: list[str], whom: set[str]) -> None:
    assert whom_told(words, answerer.index.expansions) == whom
