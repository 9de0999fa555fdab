"""`orgbot ask` with any text as its argument or any bytes on standard input: an answer or one
clear line, never a traceback (property-based, few examples: each opens the database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.cli import main
from knowledge.opening import open_stores
from tests.knowledge.answering.test_unicode_properties import questions

FEW = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same examples every run: CI never flakes on a new one
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ask") / "orgbot.db"
    open_stores(path)[0].close()
    return path


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


@FEW
@given(question=questions)
@example(question="\x85\u2028\u2029")  # found by this test: JSON leaves them raw, and
# str.splitlines() breaks a line there
def test_any_argument_gets_one_json_answer_or_one_clear_line(db: Path, question: str) -> None:
    result = CliRunner().invoke(main, ["ask", "--json", question, "--db", str(db)])
    if has_surrogate(question):  # bytes that were not UTF-8 on the command line
        assert result.exit_code == 1
        assert result.output.strip() == (
            "Error: the question is not valid UTF-8 text (is the terminal set to UTF-8?)"
        )
        return
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert json.loads(line)["reply"].strip()


@FEW
@given(lines=st.lists(st.binary(max_size=200), min_size=1, max_size=8))
def test_any_bytes_on_stdin_are_answered_line_by_line_or_skipped(
    db: Path, lines: list[bytes]
) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n"
    result = CliRunner().invoke(main, ["ask", "--json", "--db", str(db)], input=data)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    bad = 0
    for raw in data.split(b"\n")[:-1]:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
    answers = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(answers) == len(lines) - bad
    assert result.exit_code == (1 if bad else 0)
