"""`orgbot doctor` against a real database file and the strict fake Bot API."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.doctor import VARIABLES
from knowledge.opening import open_answerer
from tests.support.fake_bot_api import FakeBotAPI

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
STAFF_GROUP = -1001234567890


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture(scope="module")
def opened_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("opened") / "orgbot.db"
    answerer, _ = open_answerer(path, "Asia/Shanghai")  # as the bot opens it: index cached
    answerer.questions.close()
    answerer.store.close()
    return path


@pytest.fixture
def db(opened_once: Path, tmp_path: Path) -> Path:
    """A database file and its index cache as the bot leaves them, the test's own copy
    (seeding and building the index for each test took 1.5-2.5 s)."""
    for source in opened_once.parent.iterdir():  # orgbot.db, orgbot.db.index
        shutil.copyfile(source, tmp_path / source.name)
    return tmp_path / opened_once.name


def doctor(env: dict[str, str], *args: str, home: Path | None = None) -> Result:
    blank: dict[str, str | None] = dict.fromkeys(VARIABLES)
    if home is not None:  # where platformdirs puts the per-user data on Linux
        blank["XDG_DATA_HOME"] = str(home)
    return CliRunner().invoke(main, ["doctor", *args], env={**blank, **env})


def healthy_env(api: FakeBotAPI, db: Path) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": api.base_url,
        "ORGBOT_DB": str(db),
        "ORGBOT_STAFF_IDS": "1001,1002",
        "ORGBOT_STAFF_CHAT_ID": str(STAFF_GROUP),
    }


def line_for(result: Result, what: str) -> str:
    [line] = [line for line in result.output.splitlines() if line.split(": ")[0].endswith(what)]
    return line


def test_a_healthy_install_is_all_ok_and_asks_telegram_without_showing_the_token(
    api: FakeBotAPI, db: Path
) -> None:
    result = doctor(healthy_env(api, db))
    assert result.exit_code == 0, result.output
    assert all(line.startswith("OK ") for line in result.output.splitlines())
    assert line_for(result, "database") == f"OK database: {db} (from ORGBOT_DB)"
    assert "integrity_check ok" in line_for(result, "integrity")
    assert "up to date" in line_for(result, "schema (knowledge)")
    assert "up to date" in line_for(result, "schema (residents)")
    assert "organizations 18" in line_for(result, "knowledge")
    assert line_for(result, "knowledge files").endswith("valid")
    assert "fresh" in line_for(result, "index cache")
    assert line_for(result, "TELEGRAM_BOT_TOKEN") == "OK TELEGRAM_BOT_TOKEN: set (not shown)"
    assert "getMe: @" in line_for(result, "Telegram")
    assert "long-polls" in line_for(result, "webhook")
    staff_chat = [line for line in result.output.splitlines() if " staff chat: " in line]
    assert staff_chat[-1].startswith("OK staff chat: reachable")
    assert api.token.split(":")[1] not in result.output
    asked = {method for method, _ in api.calls()}
    assert {"getMe", "getWebhookInfo", "getChat"} <= asked


def test_every_setting_is_named_with_its_own_error_and_the_exit_status_is_1(
    db: Path, tmp_path: Path
) -> None:
    env = {
        "ORGBOT_DB": str(db),
        "ORGBOT_TZ": "Mars/Olympus",
        "ORGBOT_STAFF_CHAT_ID": "the staff group",
        "TELEGRAM_BOT_TOKEN": "123:not-a-token-secret",
    }
    result = doctor(env, "--offline")
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if line.startswith("问题/PROBLEM")]
    assert any("ORGBOT_TZ: unknown time zone 'Mars/Olympus'" in line for line in problems)
    assert any(line.startswith("问题/PROBLEM ORGBOT_STAFF_CHAT_ID:") for line in problems)
    assert any("TELEGRAM_BOT_TOKEN is malformed" in line for line in problems)
    assert all("→" in line for line in problems)  # each says how to fix it
    assert "not-a-token-secret" not in result.output
    # The database is still checked, with the sound settings.
    assert "integrity_check ok" in line_for(result, "integrity")


def test_the_per_user_default_database_is_printed(tmp_path: Path) -> None:
    result = doctor({}, "--offline", home=tmp_path)
    default = tmp_path / "orgbot" / "orgbot.db"
    assert f"no file at {default} (the per-user default" in line_for(result, "database")
    assert "orgbot kb stats" in line_for(result, "database")
    assert result.exit_code == 1


def test_a_database_of_release_0_1_0_shows_its_pending_migrations_and_is_not_changed(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "release-0.1.0.db", db)
    before = db.read_bytes()
    result = doctor({"ORGBOT_DB": str(db)}, "--offline")
    assert result.exit_code == 1
    schema = line_for(result, "schema (residents)")
    assert schema.startswith("问题/PROBLEM") and "pending: " in schema
    assert "orgbot db backup" in schema
    assert db.read_bytes() == before  # read-only: no migration applied by the doctor


def test_a_corrupt_database_fails_its_integrity_check(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = doctor({"ORGBOT_DB": str(db)}, "--offline")
    assert result.exit_code == 1
    assert "orgbot db restore" in line_for(result, "integrity")


def test_a_stale_index_cache_is_said_to_be_rebuilt_at_the_next_start(db: Path) -> None:
    cache = db.with_name(db.name + ".index")
    cache.write_bytes(b'{"format":1,"version":"old","sha256":"x"}\n{}')
    result = doctor({"ORGBOT_DB": str(db)}, "--offline")
    assert "is stale: the next start rebuilds it" in line_for(result, "index cache")
    cache.write_bytes(b"garbage")
    result = doctor({"ORGBOT_DB": str(db)}, "--offline")
    assert "is damaged: the next start rebuilds it" in line_for(result, "index cache")


def test_a_revoked_token_is_a_problem_naming_botfather(api: FakeBotAPI, db: Path) -> None:
    api.revoke_token(api.token)
    result = doctor(healthy_env(api, db))
    assert result.exit_code == 1
    assert "@BotFather" in line_for(result, "Telegram")
    assert api.token.split(":")[1] not in result.output


def test_telegram_unreachable_is_a_problem_naming_the_base_url(db: Path) -> None:
    with FakeBotAPI() as api:  # started for its settings, then stopped: nothing listens
        env = healthy_env(api, db)
    result = doctor(env)
    assert result.exit_code == 1
    assert "TELEGRAM_BASE_URL" in line_for(result, "Telegram")


def test_a_staff_chat_the_bot_cannot_see_is_a_problem(db: Path) -> None:
    with FakeBotAPI(require_known_chats=True) as api:
        result = doctor(healthy_env(api, db))
    assert result.exit_code == 1
    line = [line for line in result.output.splitlines() if " staff chat: " in line][-1]
    assert line.startswith("问题/PROBLEM staff chat: getChat") and "-100" in line


def test_a_webhook_is_shown_by_its_host_only(api: FakeBotAPI, db: Path) -> None:
    import asyncio

    from telegram import Bot

    async def set_webhook() -> None:
        async with Bot(api.token, base_url=api.base_url) as bot:
            await bot.set_webhook("https://orgbot.example.org/secretpath123")

    asyncio.run(set_webhook())
    result = doctor(healthy_env(api, db))
    webhook = line_for(result, "webhook")
    assert webhook.startswith("OK webhook: https://orgbot.example.org/…")
    assert "secretpath123" not in result.output


def test_the_doctor_knows_every_variable_the_settings_read() -> None:
    source = (Path(__file__).resolve().parents[2] / "bot" / "settings.py").read_text()
    read = set(re.findall(r'"((?:ORGBOT|TELEGRAM)_[A-Z_]+)"', source))
    assert read <= set(VARIABLES)


def test_the_curated_files_of_orgbot_kb_dir_are_validated(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "organizations.yaml").write_text(
        "organizations:\n  - id: x\n    source: {document: 民政局核实}\n", encoding="utf-8"
    )  # no name
    result = doctor({"ORGBOT_DB": str(db), "ORGBOT_KB_DIR": str(folder)}, "--offline")
    line = line_for(result, "knowledge files")
    assert line.startswith(f"问题/PROBLEM knowledge files: {folder}: 1 problem(s)")
    assert "orgbot kb validate" in line
    assert result.exit_code == 1
