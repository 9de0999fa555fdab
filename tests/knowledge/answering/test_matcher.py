"""The matcher's individual behaviours, each as a resident would meet it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import detect_intent
from knowledge.answering.matcher import Match, Matcher
from knowledge.answering.text import normalize
from knowledge.residents.questions import QuestionLog
from knowledge.residents.store import ResidentsStore

HERE = Path(__file__).parent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＮＸＩＮ小屋　是干啥的？？", "anxin 小屋 是干啥的"),
        ("寶雞市公益慈善聯合會", "宝鸡市公益慈善联合会"),
        ("智塔😀😀在哪里！！！", "智塔 在哪里"),
        ("他沈默寡言，反覆問", "他沉默寡言 反复问"),  # phrases only their context converts
        ("孩子把玩具打坏了", "孩子把玩具打坏了"),  # simplified text is left alone (not 打坯)
        ("小孩几𡻕了", "小孩几岁了"),  # a traditional form outside the common ranges
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("智塔的电话是多少", "contact"),
        ("张家堡社会组织服务中心在哪", "address"),
        ("未央区有多少家社会组织", "figure"),
        ("怎么当益人行的志愿者", "join"),
        ("益人行志愿者协会是什么", "introduce"),  # 志愿者 is part of the name, not a wish to join
        ("你好", "greeting"),
        ("你能做什么", "greeting"),
    ],
)
def test_intent(answerer: Answerer, question: str, intent: str) -> None:
    assert answerer.answer(question, log_question=False).intent == intent


def test_intent_of_a_long_story_comes_from_its_last_clause() -> None:
    story = "我家孩子今年四岁了，" * 8 + "请问在哪里"
    assert detect_intent(normalize(story)) == "address"


@pytest.mark.parametrize(
    ("question", "expected_id"),
    [
        ("宝鸡哪里有心里咨询", "baoji-mingming-psychology"),  # 心里 for 心理
        ("磁善联合会是做什么的", "baoji-charity-federation"),  # 磁 for 慈
        ("wushu xiehui", "jintai-wushu"),
        ("mingming xinli", "baoji-mingming-psychology"),
        ("寶雞智塔兒童啟能成長中心", "baoji-zhita-children"),
    ],
)
def test_typos_pinyin_and_traditional_find_the_organization(
    answerer: Answerer, question: str, expected_id: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered
    ids = {answer.results[0]["id"], answer.results[0].get("organization")}
    assert expected_id in ids


def test_a_need_without_a_name_finds_who_serves_it(answerer: Answerer) -> None:
    answer = answerer.answer("我家孩子有自闭症，哪里可以做康复？", log_question=False)
    assert answer.answered
    assert "智塔" in answer.text
    assert answer.intent == "services"


def test_a_misspelt_name_late_in_a_long_message_is_found(answerer: Answerer) -> None:
    story = (
        "我家孩子今年八岁了，去年开始情绪一直不太好，在学校也不愿意和同学说话，老师建议我们找"
        "专业的社工服务机构看看，我们跑了好几家社区服务中心都说做不了，后来听邻居说西安市未央区"
        "秋闻社工服务中心专门做这个，想问问他们在哪"
    )
    assert story.index("秋闻") > 80
    answer = answerer.answer(story, log_question=False)
    assert answer.answered
    assert answer.results[0]["id"] == "weiyang-qiuwen-social-work"


def test_district_narrows_the_answer(answerer: Answerer) -> None:
    answer = answerer.answer("未央区有没有关注心理健康的社工机构", log_question=False)
    assert answer.results[0]["id"] in {"weiyang-qiuwen-social-work", "weiai-mama", "aiyu-action"}


def test_a_five_thousand_character_paste_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer("宝鸡明明心理关爱中心是做什么的？" + "啊" * 5000, log_question=False)
    assert answer.answered
    assert answer.results[0]["id"] == "baoji-mingming-psychology"


@pytest.mark.parametrize("question", ["", "   ", "？？？", "😀😀😀", "asdfghjkl", "1234567"])
def test_empty_or_gibberish_is_not_answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered
    assert "抱歉" in answer.text or "您好" in answer.text


def test_an_ambiguous_question_offers_choices(answerer: Answerer) -> None:
    answer = answerer.answer("社会组织服务中心", log_question=False)
    assert answer.answered
    assert 2 <= len(answer.choices) <= 5
    assert "您是想找哪一个" in answer.text


def test_a_figure_question_gets_the_figure_not_the_article(answerer: Answerer) -> None:
    answer = answerer.answer("武术进校园服务了多少学生", log_question=False)
    assert "1.68万人次" in answer.text
    assert len(answer.text) < 300


def test_results_carry_the_owning_organization(answerer: Answerer) -> None:
    answer = answerer.answer("安心小屋是什么", log_question=False)
    top = answer.results[0]
    assert (top["kind"], top["id"], top["organization"]) == (
        "project",
        "anxin-xiaowu",
        {"id": "baoji-mingming-psychology", "name": "宝鸡明明心理关爱中心"},
    )
    assert len(answer.results) <= 5


def test_every_reply_cites_its_source(answerer: Answerer) -> None:
    for question in ("智塔是做什么的", "未央区有多少家社会组织", "少年军校有多少孩子参加"):
        assert "来源：" in answer_text(answerer, question)


def answer_text(answerer: Answerer, question: str) -> str:
    return answerer.answer(question, log_question=False).text


def test_questions_are_logged_with_whether_they_were_answered(store, db_path) -> None:
    residents = ResidentsStore(store.db)
    questions = QuestionLog(store.db, db_path)
    answerer = Answerer.from_store(store, questions=questions)
    answerer.answer("智塔在哪里")
    answerer.answer("今天天气怎么样")
    questions.close()
    rows = {r["query"]: r["answered"] for r in residents.db["questions"].rows}
    assert rows == {"智塔在哪里": 1, "今天天气怎么样": 0}
    assert [r["query"] for r in residents.unanswered_questions()] == ["今天天气怎么样"]


def test_pinyin_next_to_chinese_and_pinyin_question_words(answerer: Answerer) -> None:
    for question in ("zhita的电话", "zhita dianhua"):
        answer = answerer.answer(question, log_question=False)
        assert answer.answered and answer.intent == "contact", question
        assert answer.results[0]["id"] == "baoji-zhita-children"


def test_a_number_the_sources_do_not_give_is_said_to_be_missing(answerer: Answerer) -> None:
    text = answerer.answer("智塔有多少个老师", log_question=False).text
    assert "资料中没有您问的这个数字" in text
    assert text.count("164名") == 1  # the organization's and its project's copy are one figure


def test_activity_times_are_shown_in_local_time(store, tmp_path) -> None:
    from knowledge.curation.apply import import_files

    staff = tmp_path / "a.yaml"
    staff.write_text(
        "activities:\n  - id: talk\n    title: 亲子心理讲座\n    organization: baoji-mingming-psychology\n"
        "    start: '2026-12-05T01:30:00Z'\n    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    assert import_files(store, [staff]).ok
    reply = Answerer.from_store(store).reply_for("activity", "talk")
    assert reply is not None and "2026年12月05日 09:30" in reply.text


def test_an_answer_does_not_depend_on_earlier_questions(answerer: Answerer) -> None:
    """A fresh matcher and one that has answered everything already answer alike."""
    questions = [
        case["q"]
        for name in ("questions.yaml", "questions_holdout.yaml")
        for case in yaml.safe_load((HERE / name).read_text("utf-8"))["questions"]
    ]

    def outcome(match: Match) -> tuple:
        return match.decision, match.intent, [(r.doc.id, r.score) for r in match.results]

    index = answerer.index
    fresh = [outcome(Matcher(index).match(q)) for q in questions]
    warm = Matcher(index)
    for q in questions:
        warm.match(q)
    assert [outcome(warm.match(q)) for q in questions] == fresh
