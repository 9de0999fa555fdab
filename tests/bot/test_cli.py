"""The `orgbot` command as staff and residents use it (click's CliRunner, real SQLite files)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.logs import LogFormat
from knowledge.curation.apply import SHIPPED_DATA, open_knowledge
from knowledge.store import KnowledgeStore

ENV_VARS = (
    "ORGBOT_DB",
    "ORGBOT_TZ",
    "ORGBOT_STAFF_IDS",
    "ORGBOT_STAFF_CHAT_ID",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BASE_URL",
)
VALID_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No setting leaks in from the shell or a developer's .env file; the bot never starts."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("dotenv.load_dotenv", lambda *args, **kwargs: False)

    def no_network(*args, **kwargs):
        raise AssertionError("run_bot was called: the test would have contacted Telegram")

    monkeypatch.setattr("bot.app.run_bot", no_network)


@pytest.fixture(scope="module")
def kb_db(tmp_path_factory) -> Path:
    """A database seeded from the shipped knowledge, shared by tests that only read answers."""
    path = tmp_path_factory.mktemp("kb") / "orgbot.db"
    open_knowledge(path)
    return path


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def ask(db: Path, *args: str, input: str | None = None):
    result = invoke("ask", *args, "--db", str(db), input=input)
    assert result.exit_code == 0, result.output
    return result


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


# --- ask ----------------------------------------------------------------------------------


def test_ask_names_the_psychology_centre(kb_db):
    result = ask(kb_db, "哪里有心理咨询")
    assert "宝鸡明明心理关爱中心" in result.stdout
    assert "来源：" in result.stdout


def test_ask_reads_the_database_from_orgbot_db(kb_db):
    result = invoke("ask", "哪里有心理咨询", env={"ORGBOT_DB": str(kb_db)})
    assert result.exit_code == 0, result.output
    assert "宝鸡明明心理关爱中心" in result.stdout


def test_ask_json_prints_one_object_with_ranked_results(kb_db):
    result = ask(kb_db, "哪里有心理咨询", "--json")
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert set(answer) == {"query", "answered", "decision", "intent", "results", "reply"}
    assert answer["query"] == "哪里有心理咨询"
    assert answer["answered"] is True
    assert answer["decision"] == "answer"
    assert isinstance(answer["intent"], str) and answer["intent"]
    assert 1 <= len(answer["results"]) <= 5
    for item in answer["results"]:
        assert {"kind", "id", "name", "score"} <= set(item)
        assert isinstance(item["score"], int | float)
    assert answer["results"][0]["id"] == "baoji-mingming-psychology"
    assert answer["results"][0]["name"] == "宝鸡明明心理关爱中心"
    scores = [item["score"] for item in answer["results"]]
    assert scores == sorted(scores, reverse=True)
    assert "宝鸡明明心理关爱中心" in answer["reply"]


def test_the_same_question_gets_the_same_answer_in_every_process(tmp_path):
    """Python salts string hashes per process; no ranking may depend on set order.

    屋一 sounds like both 武艺 and (through a rare reading of 台) 舞台: which one a process
    picked used to depend on that salt.
    """
    questions = [
        "安心小屋一年值班多少次",
        "心里咨询在哪",
        "wushu xiehui",
        "我想问一下河南抗看救灾一共多少人",  # sound-alikes used to be tried in set order
        "它工服子学了",
        "我想问一下餁领土地哪里有",
    ]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "ORGBOT_DB": str(tmp_path / seed / "o.db")}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        done = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--json"],
            input="\n".join(questions) + "\n",
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        )
        outputs.append(json_lines(done.stdout))
    assert len(outputs[0]) == len(questions)
    assert outputs[0] == outputs[1]


def test_ask_from_stdin_answers_each_line_in_order(kb_db):
    questions = ["哪里有心理咨询", "今天天气怎么样", "未央区有多少家社会组织"]
    result = ask(kb_db, "--json", input="\n".join(questions) + "\n")
    answers = json_lines(result.stdout)
    assert [a["query"] for a in answers] == questions
    assert [a["answered"] for a in answers] == [True, False, True]
    assert "281" in answers[2]["reply"]


def test_ask_from_stdin_in_plain_text_separates_replies(kb_db):
    result = ask(kb_db, input="哪里有心理咨询\n未央区有多少家社会组织\n")
    first, second = result.stdout.strip().split("\n\n")
    assert "宝鸡明明心理关爱中心" in first
    assert "281" in second and "宝鸡明明心理关爱中心" not in second


def test_an_out_of_scope_question_is_not_answered(kb_db):
    answer = json.loads(ask(kb_db, "今天天气怎么样", "--json").stdout)
    assert answer["answered"] is False
    assert "没有找到" in answer["reply"]
    assert "民政局" in answer["reply"]


@pytest.mark.parametrize(
    "question",
    [
        "宝鸡明明心理关爱中心的电话是多少",
        "益人行志愿者协会怎么联系",
        "张家堡街道社会组织服务中心地址在哪",
    ],
)
def test_a_contact_question_gives_no_number_and_points_to_civil_affairs(kb_db, question):
    result = ask(kb_db, question)
    assert re.search(r"\d{7,}", result.stdout) is None
    assert re.search(r"\d{3,4}-\d{7,8}", result.stdout) is None
    assert "民政局" in result.stdout


def test_every_question_is_logged_with_its_answered_flag(db_path):
    ask(db_path, "哪里有心理咨询")
    ask(db_path, "今天天气怎么样", "--json")
    ask(db_path, "--json", input="未央区有多少家社会组织\n")

    store = KnowledgeStore.open(db_path)
    rows = list(store.db["questions"].rows_where(order_by="id"))
    assert [(r["query"], r["answered"], r["channel"]) for r in rows] == [
        ("哪里有心理咨询", 1, "cli"),
        ("今天天气怎么样", 0, "cli"),
        ("未央区有多少家社会组织", 1, "cli"),
    ]
    assert rows[0]["top_id"] == "baoji-mingming-psychology"


def test_unanswered_lists_the_out_of_scope_question(db_path):
    assert "no unanswered questions" in invoke("kb", "unanswered", "--db", str(db_path)).stdout
    ask(db_path, "今天天气怎么样")
    ask(db_path, "今天天气怎么样")
    ask(db_path, "哪里有心理咨询")

    result = invoke("kb", "unanswered", "--db", str(db_path))

    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "今天天气怎么样" in lines[0]
    assert lines[0].split()[0] == "2"  # asked twice
    assert "哪里有心理咨询" not in result.stdout


def test_a_question_that_is_not_utf8_gets_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env["ORGBOT_DB"] = str(tmp_path / "o.db")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", b"\xff"],  # orgbot ask $'\xff'
        env=env,
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "Error: the question is not valid UTF-8 text (is the terminal set to UTF-8?)"
    ]


def test_a_stdin_line_that_is_not_utf8_is_skipped_and_the_others_answered(db_path):
    batch = "哪里有心理咨询\n".encode() + b"\xff\xfe\n" + b"\xed\xa0\x80\n"  # a lone surrogate
    batch += "未央区有多少家社会组织\n".encode()
    result = CliRunner().invoke(main, ["ask", "--json", "--db", str(db_path)], input=batch)
    assert result.exit_code == 1
    answers = json_lines(result.stdout)
    assert [a["query"] for a in answers] == ["哪里有心理咨询", "未央区有多少家社会组织"]
    assert result.stderr.splitlines() == [
        "line 2: not valid UTF-8 text; skipped",
        "line 3: not valid UTF-8 text; skipped",
        "Error: 2 line(s) skipped: not valid UTF-8 text",
    ]


def test_unanswered_shows_terminal_escape_codes_as_text(db_path):
    """A resident's question must not clear the staff's screen or retitle their terminal."""
    question = "怎么\x1b[2J\x1b]0;owned\x07报名\u202e天气"
    ask(db_path, question)
    ask(db_path, question)
    result = invoke("kb", "unanswered", "--db", str(db_path))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    [line] = [line for line in result.stdout.splitlines() if line.strip()]
    assert line.endswith("怎么\\x1b[2J\\x1b]0;owned\\x07报名\\u202e天气")


def test_env_file_option_names_the_settings_file(tmp_path):
    settings_file = tmp_path / "orgbot.env"
    settings_file.write_text(f"ORGBOT_DB={tmp_path / 'chosen.db'}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    base = [sys.executable, "-m", "bot", "--env-file"]
    done = subprocess.run(
        [*base, str(settings_file), "ask", "哪里有心理咨询"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "chosen.db").exists()
    missing = subprocess.run(
        [*base, str(tmp_path / "nope.env"), "ask", "哪里有心理咨询"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert missing.returncode != 0
    assert "--env-file" in missing.stderr and "Traceback" not in missing.stderr


# --- kb validate ----------------------------------------------------------------------------


def test_validate_reports_every_problem_on_stderr_and_fails(db_path, tmp_path):
    path = tmp_path / "orgs.yaml"
    path.write_text(
        textwrap.dedent("""\
        organizations:
          - id: test-nameless-org
            source: {document: 民政局2026年走访核实}
          - id: test-phone-org
            name: 测试电话组织
            phone: 12345
            topics: [火星移民]
            source: {document: 民政局2026年走访核实}
        """),
        encoding="utf-8",
    )

    result = invoke("kb", "validate", str(path), "--lang", "en", "--db", str(db_path))

    assert result.exit_code != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert problems == [
        f"{path}:2: name: missing (required)",
        f"{path}:6: phone: malformed phone number '12345'",
        f"{path}:7: topics: unknown topic '火星移民'",
    ]
    assert "3 problem(s)" in result.stderr
    assert str(path) not in result.stdout
    assert KnowledgeStore.open(db_path).get("organizations", "test-phone-org") is None


def test_validate_good_files_exits_zero(db_path, tmp_path):
    path = tmp_path / "orgs.yaml"
    path.write_text(
        textwrap.dedent("""\
        organizations:
          - id: test-good-org
            name: 测试好组织
            phone: 0917-3261234
            topics: [养老助老]
            source: {document: 民政局2026年走访核实}
        """),
        encoding="utf-8",
    )

    result = invoke("kb", "validate", str(path), "--db", str(db_path))

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "ok: organizations 1" in result.stdout
    # validating imports nothing
    assert KnowledgeStore.open(db_path).get("organizations", "test-good-org") is None


def test_validate_the_shipped_files_exits_zero(db_path):
    result = invoke("kb", "validate", str(SHIPPED_DATA), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")


# --- kb stats -------------------------------------------------------------------------------


def test_stats_prints_counts_by_table_and_district(kb_db):
    result = invoke("kb", "stats", "--db", str(kb_db))
    assert result.exit_code == 0, result.output

    store = KnowledgeStore.open(kb_db)
    lines = result.stdout.splitlines()
    assert f"  organizations: {store.count('organizations')}" in lines
    assert f"  projects: {store.count('projects')}" in lines
    weiyang = sum(1 for o in store.records("organizations").values() if o["district"] == "未央区")
    assert weiyang > 0
    assert f"  西安市未央区: {weiyang}" in lines
    assert "organizations by district:" in lines


# --- run ------------------------------------------------------------------------------------


@pytest.mark.parametrize("env", [{}, {"TELEGRAM_BOT_TOKEN": ""}], ids=["unset", "empty"])
def test_run_without_a_token_exits_naming_the_variable(db_path, env):
    result = invoke("run", "--db", str(db_path), env=env)
    assert result.exit_code != 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr


@pytest.mark.parametrize(
    "token",
    [
        "12345:short-token-value",
        "not-a-token-at-all-but-secret-xyz",
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1 ",  # a stray space pasted along
    ],
)
def test_run_with_a_malformed_token_exits_without_showing_it(db_path, token):
    result = invoke("run", "--db", str(db_path), env={"TELEGRAM_BOT_TOKEN": token})
    assert result.exit_code != 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert token.strip() not in result.output
    assert "short-token-value" not in result.output
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1" not in result.output


def test_run_with_a_valid_token_starts_the_bot(db_path, monkeypatch):
    started = {}

    def fake_run_bot(settings, **kwargs):
        started["token"] = settings.token
        started["db"] = settings.db_path
        started.update(kwargs)

    monkeypatch.setattr("bot.app.run_bot", fake_run_bot)
    result = invoke("run", "--db", str(db_path), env={"TELEGRAM_BOT_TOKEN": VALID_TOKEN})
    assert result.exit_code == 0, result.output
    assert started == {
        "token": VALID_TOKEN,
        "db": db_path,
        "webhook_url": None,
        "listen": "127.0.0.1",
        "port": 8443,
        "health_port": None,
        "log_format": LogFormat.TEXT,
    }
