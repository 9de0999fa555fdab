"""`orgbot ask` when the bot is only fairly sure (issue 16): it says so in words and gives the
answer it proposes; --json says which decision it took."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.curation.apply import open_knowledge
from tests.bot.test_cli import ask

UNSURE = "最近心里头一直不美，晚上睡不着觉，跟谁都不想说话，宝鸡有没有能谝一谝、疏导疏导的地方"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "orgbot.db"
    open_knowledge(path).close()
    return path


def test_a_proposal_is_said_in_words_with_its_answer(kb: Path) -> None:
    out = ask(kb, UNSURE).stdout
    assert out.startswith("您是想问「宝鸡明明心理关爱中心」吗？\n我不太确定")
    assert "来源：" in out


@pytest.mark.parametrize(
    ("question", "decision", "answered"),
    [
        (UNSURE, "confirm", True),
        ("智塔在哪", "answer", True),
        ("社会组织服务中心", "choose", True),
        ("今天天气怎么样", "unknown", False),
    ],
)
def test_json_gives_the_decision(kb: Path, question: str, decision: str, answered: bool) -> None:
    data = json.loads(ask(kb, question, "--json").stdout)
    assert (data["decision"], data["answered"]) == (decision, answered)
    if answered:
        first = data["results"][0]
        assert first["name"] and first["kind"] in ("organization", "project", "fact", "activity")
        if "organization" in first:
            assert set(first["organization"]) == {"id", "name"}


def test_the_logged_question_keeps_the_decision(kb: Path) -> None:
    ask(kb, UNSURE)
    store = open_knowledge(kb)
    row = store.db.execute(
        "SELECT decision, answered FROM questions WHERE query = ? ORDER BY id DESC", [UNSURE]
    ).fetchone()
    assert tuple(row) == ("confirm", 1)
