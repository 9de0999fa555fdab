"""`orgbot ask --json` shows a list and a refusal for what they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.curation.apply import open_knowledge


@pytest.fixture(autouse=True)
def no_dotenv(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting leaks in from a developer's .env file."""
    monkeypatch.setattr("dotenv.load_dotenv", lambda *args, **kwargs: False)


@pytest.fixture(scope="module")
def kb_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "orgbot.db"
    open_knowledge(path)
    return path


def ask_json(db: Path, lines: list[str]) -> list[dict]:
    result = CliRunner().invoke(
        main, ["ask", "--json", "--db", str(db)], input="\n".join(lines) + "\n", env={}
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_a_list_and_a_refusal_in_json(kb_db: Path) -> None:
    listed, refused, personal = ask_json(
        kb_db, ["未央区有哪些社工机构", "离婚财产怎么分", "张三的电话多少"]
    )
    assert listed["intent"] == "list" and listed["answered"] is True
    assert [r["id"] for r in listed["results"]] == [
        "weiyang-qiuwen-social-work",
        "zhonghai-social-work",
        "changqingteng-social-work",
    ]
    assert "共 3 家" in listed["reply"]
    assert (refused["answered"], refused["intent"], refused["refusal"]) == (
        False,
        "out_of_scope",
        "legal",
    )
    assert refused["results"] == []
    assert personal["refusal"] == "personal_data"
    assert "不能提供个人信息" in personal["reply"]


def test_a_danger_and_a_report_in_json(kb_db: Path) -> None:
    danger, report = ask_json(kb_db, ["我爸晕倒了怎么办", "听说智塔的老师虐待孩子"])
    assert {k: danger[k] for k in ("answered", "decision", "intent", "refusal", "danger")} == {
        "answered": False,
        "decision": "unknown",
        "intent": "out_of_scope",
        "refusal": "danger",
        "danger": "medical",
    }
    assert danger["reply"].startswith("请马上拨打 120") and danger["results"] == []
    assert (report["answered"], report["decision"], report["refusal"]) == (
        False,
        "unknown",
        "report",
    )
    assert "danger" not in report and report["reply"].startswith("这类情况我无法核实。")
