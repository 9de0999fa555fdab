"""The review queue: what residents got no good answer to, grouped by wording."""

from __future__ import annotations

from knowledge.curation.review import Reason, group_questions
from knowledge.residents.questions import AskedQuestion, QuestionLog
from knowledge.residents.store import Feedback, ResidentsStore


def test_weak_answers_are_grouped_by_similar_wording(tmp_path) -> None:
    residents = ResidentsStore.open(tmp_path / "orgbot.db")
    log = QuestionLog(residents.db, None)

    def ask(query: str, at: str, answered: bool = False, **extra) -> AskedQuestion:
        question = AskedQuestion("telegram", "1", query, answered, "services", at=at, **extra)
        log.record(question)
        return question

    ask("哪里能学开挖掘机", "2026-12-01T01:00:00+00:00")
    ask("哪里能学开挖掘机？", "2026-12-02T01:00:00+00:00")
    ask("哪儿能学开挖掘机呀", "2026-12-03T01:00:00+00:00")
    ask("老人摔倒了谁管", "2026-12-02T02:00:00+00:00")
    liked = ask(
        "智塔在哪", "2026-12-03T03:00:00+00:00", answered=True, top_kind="organization", top_id="z"
    )
    disliked = ask(
        "智塔电话", "2026-12-03T04:00:00+00:00", answered=True, top_kind="organization", top_id="z"
    )
    ask("明明在哪", "2026-12-03T05:00:00+00:00", answered=True, decision="confirm")
    assert residents.set_feedback(liked.ref, Feedback.UP)
    assert residents.set_feedback(disliked.ref, Feedback.DOWN)
    assert not residents.set_feedback("no-such-ref", Feedback.DOWN)

    groups = group_questions(residents.review_queue())
    assert [(g.wording, g.count) for g in groups] == [
        ("哪儿能学开挖掘机呀", 3),  # the newest wording stands for the group
        ("明明在哪", 1),
        ("智塔电话", 1),
        ("老人摔倒了谁管", 1),
    ]
    assert groups[0].last_asked == "2026-12-03T01:00:00+00:00"
    assert groups[0].reasons == {Reason.UNANSWERED: 3}
    assert groups[1].reasons == {Reason.UNSURE: 1}
    assert groups[2].reasons == {Reason.DISLIKED: 1}
    assert groups[2].answered_with == {"organization:z": 1}
    assert all(g.wording != "智塔在哪" for g in groups)  # a liked answer needs no review


def test_hand_offs_ambiguous_answers_and_dislikes_all_enter_the_queue(tmp_path) -> None:
    residents = ResidentsStore.open(tmp_path / "orgbot.db")
    log = QuestionLog(residents.db, None)

    def ask(query: str, **extra) -> AskedQuestion:
        question = AskedQuestion("telegram", "", query, True, "introduce", **extra)
        log.record(question)
        return question

    handed = ask("智塔的地址", decision="answer")
    ask("社会组织服务中心", decision="choose")
    disliked_greeting = AskedQuestion("telegram", "", "你好", True, "greeting", decision="answer")
    log.record(disliked_greeting)
    ask("明明心理在哪", decision="answer")  # answered well: not for review
    assert residents.mark_handed_off(handed.ref)
    assert residents.set_feedback(disliked_greeting.ref, Feedback.DOWN)

    groups = {g.wording: g.reasons for g in group_questions(residents.review_queue())}
    assert groups == {
        "智塔的地址": {Reason.HANDED_OFF: 1},
        "社会组织服务中心": {Reason.UNSURE: 1},
        "你好": {Reason.DISLIKED: 1},
    }
    residents.mark_reviewed([handed.ref])
    assert "智塔的地址" not in {g.wording for g in group_questions(residents.review_queue())}
