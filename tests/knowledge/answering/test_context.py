"""Which questions follow up on the chat's context, and how long a chat remembers it."""

from __future__ import annotations

import re

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.context import (
    Conversations,
    FollowUp,
    Rewrite,
    Subject,
    follow_up,
    follow_up_intent,
)
from knowledge.answering.intent import Intent
from knowledge.answering.text import normalize
from knowledge.records import Kind
from tests.knowledge.answering.chat import in_one_chat

ZHITA = Subject(Kind.ORGANIZATION, "baoji-zhita-children", "宝鸡智塔儿童启能成长中心")
FARMLAND = Subject(Kind.PROJECT, "chencang-farmland", "关天美农——我在陈仓有块田")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("它的电话呢", Intent.CONTACT),
        ("那有什么项目", Intent.PROJECTS),
        ("在哪儿", Intent.ADDRESS),
        ("他们几点开门", Intent.HOURS),
        ("电话多少", Intent.CONTACT),
        ("请问这家的联系方式？", Intent.CONTACT),
        ("那个项目怎么参加", Intent.JOIN),
        ("这个月有什么活动呀", Intent.ACTIVITIES),
        ("它是做什么的", Intent.INTRODUCE),
        ("有多少志愿者", Intent.FIGURE),
        ("在哪个村", Intent.ADDRESS),  # a village, a town, a neighbourhood: where it is
        ("是哪个镇的", Intent.ADDRESS),
        ("那个地在哪个村子", None),  # 地: words of its own, matched with the subject named
        # A subject of its own, or no question a follow-up can ask:
        ("哪里有心理咨询", None),
        ("明明心理的电话呢", None),
        ("心理咨询在哪", None),
        ("未央区有多少家社会组织", None),
        ("其他组织的电话", None),
        ("你好", None),
        ("谢谢", None),
        ("它", None),
        ("", None),
    ],
)
def test_a_follow_up_is_a_question_with_no_subject_of_its_own(question, intent) -> None:
    assert follow_up_intent(normalize(question)) == intent


def test_a_project_answers_for_itself_its_organization_for_places(answerer: Answerer) -> None:
    catalog = answerer.catalog
    where = follow_up(normalize("它在哪"), FARMLAND, catalog)
    how = follow_up(normalize("怎么报名"), FARMLAND, catalog)
    assert isinstance(where, FollowUp) and isinstance(how, FollowUp)
    assert (where.record.id, where.intent) == ("chencang-sozo-center", Intent.ADDRESS)
    assert (how.record.id, how.intent) == ("chencang-farmland", Intent.JOIN)


def test_a_pointer_with_words_of_its_own_is_matched_again_with_the_subject_named(
    answerer: Answerer,
) -> None:
    rewrite = follow_up(normalize("他们收费吗"), ZHITA, answerer.catalog)
    assert isinstance(rewrite, Rewrite)
    assert rewrite.question == "宝鸡智塔儿童启能成长中心收费吗"
    assert not answerer.answer("他们收费吗", log_question=False).answered  # on its own
    answer = answerer.answer("他们收费吗", context=ZHITA, log_question=False)
    assert answer.context == ZHITA and answer.top is not None
    assert answer.top.organization_id == ZHITA.id
    # the records say nothing of fees: that is said, about 智塔, and nothing is invented
    assert "资料中没有写明宝鸡智塔儿童启能成长中心是否收费" in answer.text
    assert not re.search(r"\d", answer.text.split("来源")[0])


def test_a_question_answered_on_its_own_is_not_captured(answerer: Answerer) -> None:
    answer = answerer.answer("那明明心理呢", context=ZHITA, log_question=False)
    assert answer.context is None
    assert answer.subject is not None and answer.subject.id == "baoji-mingming-psychology"
    long = "我爸爸腿脚不好，他一个人在家，平时没人照顾，想找人上门看看他，哪里能帮忙"
    assert follow_up(normalize(long), ZHITA, answerer.catalog) is None


def test_no_context_or_a_removed_record_is_no_follow_up(answerer: Answerer) -> None:
    gone = Subject(Kind.ORGANIZATION, "no-such-org", "已删除的组织")
    assert follow_up(normalize("它的电话呢"), None, answerer.catalog) is None
    assert follow_up(normalize("它的电话呢"), gone, answerer.catalog) is None
    answer = answerer.answer("它的电话呢", context=gone, log_question=False)
    assert not answer.answered


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_context_expires_after_its_minutes_and_lives_on_with_each_follow_up(
    answerer: Answerer,
) -> None:
    clock = Clock()
    chats = Conversations(10, now=clock)
    chats.update(1, answerer.answer("智塔在哪", log_question=False))
    clock.now = 9 * 60
    follow = answerer.answer("它的电话呢", context=chats.get(1), log_question=False)
    assert follow.context == ZHITA
    chats.update(1, follow)
    clock.now = 18 * 60  # 9 minutes after the follow-up
    assert chats.get(1) == ZHITA
    clock.now = 28 * 60
    assert chats.get(1) is None
    assert len(chats) == 0  # an expired context is dropped, not kept


def test_chats_never_mix_and_memory_is_bounded(answerer: Answerer) -> None:
    chats = Conversations(10, capacity=3, now=Clock())
    zhita = answerer.answer("智塔在哪", log_question=False)
    mingming = answerer.answer("明明心理的电话", log_question=False)
    chats.update("a", zhita)
    chats.update("b", mingming)
    assert chats.get("a") == ZHITA
    assert chats.get("b") is not None and chats.get("b") != ZHITA
    for chat in ("c", "d", "e"):
        chats.update(chat, zhita)
    assert len(chats) == 3
    assert chats.get("a") is None and chats.get("b") is None  # the least recently active
    chats.forget("e")
    assert chats.get("e") is None


def test_an_answer_about_nothing_in_particular_keeps_the_context(answerer: Answerer) -> None:
    chats = Conversations(10, now=Clock())
    chats.update(1, answerer.answer("智塔在哪", log_question=False))
    for question in ("你好", "明天西安天气怎么样"):
        chats.update(1, answerer.answer(question, log_question=False))
    assert chats.get(1) == ZHITA


def test_no_context_is_kept_when_follow_ups_are_off(answerer: Answerer) -> None:
    chats = Conversations(0, now=Clock())
    chats.update(1, answerer.answer("智塔在哪", log_question=False))
    assert chats.get(1) is None


def test_opening_hours_are_given_when_the_records_have_them_and_never_invented(
    store, tmp_path
) -> None:
    from knowledge.curation.apply import import_files

    staff = tmp_path / "hours.yaml"
    staff.write_text(
        "organizations:\n"
        "  - id: hours-test\n"
        "    name: 测试开放时间互助会\n"
        "    aliases: [开放互助会]\n"
        "    opening_hours: 周一至周五 9:00-17:00\n"
        "    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    assert import_files(store, [staff]).ok
    answerer = Answerer.from_store(store)
    chats = Conversations(10, now=Clock())
    chats.update(1, answerer.answer("测试开放时间互助会在哪", log_question=False))
    known = answerer.answer("他们几点开门", context=chats.get(1), log_question=False)
    assert "开放时间：周一至周五 9:00-17:00" in known.text
    chats.update(1, answerer.answer("智塔在哪", log_question=False))
    unknown = answerer.answer("他们几点开门", context=chats.get(1), log_question=False)
    assert "资料中没有宝鸡智塔儿童启能成长中心的开放时间" in unknown.text
    assert not any(ch.isdigit() for ch in unknown.text.split("来源")[0])


@pytest.mark.parametrize(
    ("turns", "says"),
    [
        (["安心小屋在哪"], "安心小屋（宝鸡信访+安心小屋+社会心理）：在市信访大厅设立“安心小屋”。"),
        (["我在陈仓有块田在哪个村"], "项目位于县功镇翟家村、虢镇街道西堡村。"),
        (["关天美农是谁搞的", "那个地在哪个村"], "项目位于县功镇翟家村、虢镇街道西堡村。"),
        (["我在陈仓有块田", "它在哪"], "项目位于县功镇翟家村、虢镇街道西堡村。"),
        # the organization's project asked for: its one project that says where it is
        (["陈仓区社会组织服务中心", "它的项目在哪"], "项目位于县功镇翟家村、虢镇街道西堡村。"),
        (["做乡村振兴的有哪些", "陈仓那个项目在哪个村"], "项目位于县功镇翟家村"),
    ],
)
def test_where_a_project_is_comes_from_its_description(
    answerer: Answerer, turns: list[str], says: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert answer.answered and answer.intent == Intent.ADDRESS, answer.text
    assert says in answer.text
    assert "我们不提供未经核实的联系方式" in answer.text  # the organization's address: none


def test_an_organization_has_no_project_place_line(answerer: Answerer) -> None:
    text = answerer.answer("智塔在哪", log_question=False).text
    assert "项目位于" not in text and "资料中没有宝鸡智塔儿童启能成长中心的地址" in text
