"""Foreign and mixed-language residents get the same answers (issue 16, cause 7): English,
Chinese mixed with English, pinyin, and names written in translation or in pinyin reach the
same organizations, figures and lists as Chinese; English asks for what is not ours are
refused as the Chinese are; the reply says once, in English, that its details are Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.answering.answer import Answer, Answerer
from knowledge.answering.confirm import ENGLISH_NOTE, confirm_reply, in_words, with_english_note
from knowledge.answering.intent import Intent
from knowledge.curation.apply import open_knowledge
from knowledge.reply import Reply
from tests.bot.test_cli import ask
from tests.knowledge.answering.chat import in_one_chat, standardized


def organization(answer: Answer) -> str:
    top = answer.results[0]
    return top["organization"]["id"] if "organization" in top else top["id"]


# (question, the organization or project answered about, a text the reply must hold)
FOUND = [
    # pinyin of whole names and of the words names are made of, derived from the names
    ("jintai wushu xiehui goes to how many kindergartens?", "jintai-wushu", "15"),
    ("jiedao shehui zuzhi fuwu zhongxin shi gan shenme de", "what-is-sozo-service-center", ""),
    ("where is the anxin xiaowu?", "anxin-xiaowu", ""),
    ("qinnvzi xiangmu shi shenme", "qinnvzi", ""),  # 女 typed nv, as phones' keyboards do
    # names in translation, everyday English, British spelling and misspellings
    ("The 'I have a field in Chencang' project, how many plots?", "chencang-farmland", "162"),
    (
        "I feel stressed and want to talk with a psycholgist in Baoji",
        "baoji-mingming-psychology",
        "",
    ),
    ("any social organisation for the eldery in the hi-tech zone?", "baoji-hitech-charity", ""),
    ("how many social orgs does weiyang have", "weiyang-org-stats", "281"),
    ("rent a vegetable field in Chencang, how does it work?", "chencang-sozo-center", "有块田"),
    ("Ivy social work in Weiyang", "changqingteng-social-work", ""),
    ("I feel down, anyone to talk to in Baoji?", "baoji-mingming-psychology", ""),
    ("the Chencang farmland project, how much does one plot cost?", "chencang-sozo-center", "1000"),
    # Chinese and English mixed
    ("weiyang 有多少 social organisations", "weiyang-org-stats", "281"),
]


@pytest.mark.parametrize(("question", "org", "figure"), FOUND, ids=[q[:32] for q, _, _ in FOUND])
def test_english_and_pinyin_find_the_right_record(
    answerer: Answerer, question: str, org: str, figure: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    assert org in (answer.results[0]["id"], organization(answer)), answer.text
    assert figure in answer.text


def test_an_english_list_asked_last_is_a_list(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Baoji organisations that do things for children, list please", log_question=False
    )
    assert answer.answered
    assert {o.id for o in answer.listed} >= {
        "baoji-zhita-children",
        "baoji-national-defense-education",
        "jintai-wushu",
    }


def test_a_follow_up_in_pinyin_after_english(answerer: Answerer) -> None:
    answer = in_one_chat(
        answerer, ["Tell me about Mingming psychology center", "where is their anxin xiaowu?"]
    )
    assert answer.answered
    assert answer.results[0]["id"] == "anxin-xiaowu"


@pytest.mark.parametrize(
    "question",
    [
        "waiguoren juliu xuke zai weiyang qu nali ban?",  # pinyin: a residence permit
        "Is the director of Mingming psychological center married?",
        "My autistic son has seizures, what dose of medicine should he take?",
        "I need a lawyer for my divorce",
        "is the zhita director a good person?",
        "any gossip about the Qiuwen social workers?",
    ],
)
def test_what_is_not_ours_is_refused_in_english_too(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text
    assert answer.text.endswith(ENGLISH_NOTE) or question.startswith("waiguoren")


@pytest.mark.parametrize(
    "question",
    [
        "Is there an organization that helps farmers sell vegetables in Chencang?",
        "autism therapy center in Baoji",
        "free legal advice in Weiyang",
    ],
)
def test_a_service_asked_in_english_is_not_refused(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.intent != Intent.OUT_OF_SCOPE, answer.text


def test_the_english_note_is_said_once_under_a_proposal() -> None:
    question = with_english_note(confirm_reply("宝鸡智塔儿童启能成长中心"))
    proposal = with_english_note(Reply("宝鸡智塔儿童启能成长中心", ["宝鸡市"]))
    text = in_words(question, proposal)
    assert text.count(ENGLISH_NOTE) == 1
    assert text.endswith(ENGLISH_NOTE)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "orgbot.db"
    open_knowledge(path).close()
    return path


def test_orgbot_ask_json_answers_pinyin_with_the_figure(kb: Path) -> None:
    data = json.loads(
        ask(kb, "jintai wushu xiehui goes to how many kindergartens?", "--json").stdout
    )
    assert data["answered"]
    assert data["results"][0]["id"] == "jintai-wushu"
    assert "15所幼儿园" in data["reply"]
    assert data["reply"].endswith(ENGLISH_NOTE)


def test_names_pinyin_is_derived_from_the_names(answerer: Answerer) -> None:
    typed = answerer.index.pinyin_words
    assert typed["jintaiquwushuxiehui"] == "金台区武术协会"  # a whole name, as it is read
    assert typed["xiehui"] == "协会"  # a word names are made of
    assert typed["shehuituanti"] == "社会团体"  # a legal form
    assert typed["qinnvzi"] == typed["qinnuzi"] == "秦女子"  # ü typed v or u


def test_how_many_are_there_is_a_count_not_a_list(answerer: Answerer) -> None:
    answer = answerer.answer(
        "how many social organizations are there in Weiyang district", log_question=False
    )
    assert answer.answered
    assert answer.results[0]["id"] == "weiyang-org-stats"
    assert "281" in answer.text


def test_an_english_follow_up_picks_from_the_choice_shown(answerer: Answerer) -> None:
    first = answerer.answer("which social work agencies are in weiyang", log_question=False)
    assert len(first.choices) >= 2 or len(first.listed) >= 2, first.text
    shown = first.choices or first.listed
    turns = ["which social work agencies are in weiyang", "the second one"]
    answer = in_one_chat(answerer, turns)
    assert answer.answered
    assert answer.results[0]["id"] == shown[1].id


def test_a_plural_in_ies_is_the_glossary_word(answerer: Answerer) -> None:
    assert standardized(answerer, "weiyang policies") == "未央区 政策"


@pytest.mark.parametrize(
    ("question", "org"),
    [
        ("I lost my job and I am depressed", "baoji-mingming-psychology"),  # no vacancy asked
        ("children left behind in villages, Baoji high tech zone", "baoji-hitech-charity"),
    ],
)
def test_a_need_told_in_english_is_not_taken_for_something_else(
    answerer: Answerer, question: str, org: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    assert organization(answer) == org


def test_asked_what_the_bot_does_in_english_it_says_so(answerer: Answerer) -> None:
    answer = answerer.answer("do you speak english?", log_question=False)
    assert answer.intent == Intent.GREETING
    assert answer.text.endswith(ENGLISH_NOTE)


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("organizations for the disabled in baoji, which ones?", "baoji-zhita-children"),
        ("show me the organizations in Jintai district", "jintai-wushu"),
        ("list the projects in Weiyang", "weiai-mama"),
    ],
)
def test_an_english_list_is_asked_in_chinese_order(
    answerer: Answerer, question: str, listed: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    names = [o.name for o in answer.listed] or [answerer.catalog.projects[listed].name]
    assert len(answer.text.splitlines()) > 3  # a list, not one record's card
    assert any(name in answer.text for name in names)


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("weiyang qu you jijia shegong jigou", "changqingteng-social-work"),
        ("baoji you naxie shehui zuzhi", "baoji-zhita-children"),
    ],
)
def test_a_list_asked_in_pinyin_is_a_list(answerer: Answerer, question: str, listed: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    assert listed in {o.id for o in answer.listed}
