"""Settings come from the environment once, are checked up front and never show the token."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, default_db_path, load_settings

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


def load(**environ: str) -> Settings:
    return load_settings(environ=environ, dotenv=False)


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    settings = load()
    assert settings.tz_name == "Asia/Shanghai"
    assert str(settings.tz) == "Asia/Shanghai"
    assert settings.token is None
    assert settings.base_url is None
    assert settings.staff_ids == frozenset()
    assert settings.staff_chat_id is None
    assert settings.db_path == default_db_path()
    if sys.platform.startswith("linux"):  # platformdirs follows XDG_DATA_HOME on Linux
        assert settings.db_path == tmp_path / "data-home" / "orgbot" / "orgbot.db"


def test_default_database_is_in_the_user_data_dir_not_the_repository():
    path = load().db_path
    assert path == default_db_path()
    assert path.is_absolute()
    assert path.name == "orgbot.db"
    assert REPO not in path.resolve().parents


def test_orgbot_db_is_respected(tmp_path):
    assert load(ORGBOT_DB=str(tmp_path / "kb.db")).db_path == tmp_path / "kb.db"


def test_orgbot_db_expands_the_home_directory():
    assert load(ORGBOT_DB="~/orgbot/kb.db").db_path == Path.home() / "orgbot" / "kb.db"


def test_an_explicit_db_path_wins_over_orgbot_db(tmp_path):
    settings = load_settings(
        environ={"ORGBOT_DB": str(tmp_path / "env.db")}, dotenv=False, db_path=tmp_path / "flag.db"
    )
    assert settings.db_path == tmp_path / "flag.db"


def test_empty_values_count_as_unset(tmp_path):
    settings = load(
        ORGBOT_TZ="",
        ORGBOT_STAFF_CHAT_ID="",
        TELEGRAM_BOT_TOKEN="",
        ORGBOT_DB=str(tmp_path / "kb.db"),
    )
    assert settings.tz_name == "Asia/Shanghai"
    assert settings.staff_chat_id is None
    assert settings.token is None


def test_valid_values_are_read():
    settings = load(
        ORGBOT_TZ="Europe/Berlin",
        ORGBOT_STAFF_IDS="123, 456 789",
        ORGBOT_STAFF_CHAT_ID="-1001234567890",
        TELEGRAM_BASE_URL="http://localhost:8081/bot",
        TELEGRAM_BOT_TOKEN=TOKEN,
    )
    assert settings.tz_name == "Europe/Berlin"
    assert settings.staff_ids == frozenset({123, 456, 789})
    assert settings.staff_chat_id == -1001234567890
    assert settings.base_url == "http://localhost:8081/bot"
    assert settings.require_token() == TOKEN


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ORGBOT_TZ", "Asia/Shangai"),
        ("ORGBOT_TZ", "Mars/Olympus_Mons"),
        ("ORGBOT_STAFF_IDS", "123, abc"),
        ("ORGBOT_STAFF_IDS", "@staff_member"),
        ("ORGBOT_STAFF_CHAT_ID", "staff-room"),
        ("ORGBOT_STAFF_CHAT_ID", "12.5"),
        ("TELEGRAM_BASE_URL", "api.telegram.org/bot"),
        ("TELEGRAM_BASE_URL", "ftp://example.org/bot"),
    ],
)
def test_a_bad_value_raises_settings_error_naming_the_variable(variable, value):
    with pytest.raises(SettingsError) as caught:
        load(**{variable: value})
    assert variable in str(caught.value)


def test_settings_error_is_a_value_error():
    assert issubclass(SettingsError, ValueError)


def test_the_token_never_shows_in_repr_or_str():
    settings = load(TELEGRAM_BOT_TOKEN=TOKEN)
    assert settings.token == TOKEN
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1" not in repr(settings)


def test_require_token_errors_name_the_variable_not_the_value():
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        load().require_token()
    bad = "12345:secret-but-short"
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN") as caught:
        load(TELEGRAM_BOT_TOKEN=bad).require_token()
    assert bad not in str(caught.value)
    assert "secret-but-short" not in str(caught.value)


def test_redact_blanks_the_token_out():
    settings = load(TELEGRAM_BOT_TOKEN=TOKEN)
    text = settings.redact(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    assert TOKEN not in text
    assert "<TELEGRAM_BOT_TOKEN>" in text


def test_settings_are_frozen(tmp_path):
    settings = load(ORGBOT_DB=str(tmp_path / "kb.db"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.token = TOKEN  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.db_path = tmp_path / "other.db"  # type: ignore[misc]
    assert settings.token is None


def test_environ_given_means_os_environ_is_not_read(monkeypatch):
    monkeypatch.setenv("ORGBOT_TZ", "Not/AZone")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    settings = load()
    assert settings.tz_name == "Asia/Shanghai"
    assert settings.token is None


def test_the_real_environment_is_read_when_no_environ_is_given(monkeypatch, tmp_path):
    monkeypatch.setattr("dotenv.load_dotenv", lambda *args, **kwargs: False)
    monkeypatch.setenv("ORGBOT_DB", str(tmp_path / "kb.db"))
    monkeypatch.setenv("ORGBOT_TZ", "Asia/Urumqi")
    settings = load_settings(dotenv=False)
    assert settings.db_path == tmp_path / "kb.db"
    assert settings.tz_name == "Asia/Urumqi"


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n", " "])
def test_a_token_with_a_line_break_or_space_around_it_is_refused_by_name(ending):
    settings = load(TELEGRAM_BOT_TOKEN=TOKEN + ending)
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN has spaces or a line break"):
        settings.require_token()


def test_a_base_url_with_a_line_break_is_refused_by_name():
    with pytest.raises(SettingsError, match="TELEGRAM_BASE_URL"):
        load(TELEGRAM_BASE_URL="http://127.0.0.1:8081/bot\n")


def test_redact_also_blanks_the_secret_half_out():
    """A URL may carry the colon percent-encoded; what follows it is the secret."""
    settings = load(TELEGRAM_BOT_TOKEN=TOKEN)
    secret = TOKEN.split(":")[1]
    text = settings.redact(f"GET /bot123456789%3A{secret}/getMe")
    assert secret not in text


def test_send_retry_seconds_defaults_to_a_minute_and_is_checked():
    assert load().send_retry_seconds == 60.0
    assert load(ORGBOT_SEND_RETRY_SECONDS="2.5").send_retry_seconds == 2.5
    for bad in ("soon", "-1", "nan", "99999"):
        with pytest.raises(SettingsError, match="ORGBOT_SEND_RETRY_SECONDS"):
            load(ORGBOT_SEND_RETRY_SECONDS=bad)


def test_send_rate_defaults_to_telegrams_limit_and_can_be_raised_or_turned_off():
    assert load().send_rate == 30.0
    assert load(ORGBOT_SEND_RATE="1000").send_rate == 1000.0
    assert load(ORGBOT_SEND_RATE="off").send_rate is None
    for bad in ("fast", "0", "-5", "inf"):
        with pytest.raises(SettingsError, match="ORGBOT_SEND_RATE"):
            load(ORGBOT_SEND_RATE=bad)


# --- .env -----------------------------------------------------------------------------------


def _real_environment(monkeypatch, tmp_path):
    """load_settings() as `orgbot` runs it, in an empty working directory of its own."""
    for name in ("ORGBOT_TZ", "ORGBOT_DB", "TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL"):
        # Set, then deleted: monkeypatch records only what it changes, and a variable it never
        # saw would keep what the `.env` put in os.environ for every later test (ORGBOT_TZ=
        # Asia/Urumqi moved the import tests' activities to +06:00).
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_the_env_file_in_the_working_directory_is_read(monkeypatch, tmp_path):
    work = _real_environment(monkeypatch, tmp_path)
    (work / ".env").write_text("ORGBOT_TZ=Asia/Urumqi\n", encoding="utf-8")
    assert load_settings().tz_name == "Asia/Urumqi"


def test_the_real_environment_wins_over_the_env_file(monkeypatch, tmp_path):
    work = _real_environment(monkeypatch, tmp_path)
    (work / ".env").write_text("ORGBOT_TZ=Asia/Urumqi\n", encoding="utf-8")
    monkeypatch.setenv("ORGBOT_TZ", "Europe/Berlin")
    assert load_settings().tz_name == "Europe/Berlin"


def test_an_env_file_in_a_parent_folder_is_not_read(monkeypatch, tmp_path):
    work = _real_environment(monkeypatch, tmp_path)
    (tmp_path / ".env").write_text("ORGBOT_TZ=Asia/Urumqi\n", encoding="utf-8")
    assert (work / ".env").exists() is False
    assert load_settings(dotenv=True).tz_name == "Asia/Shanghai"


def test_an_explicit_env_file_is_read_and_a_missing_one_named(monkeypatch, tmp_path):
    _real_environment(monkeypatch, tmp_path)
    chosen = tmp_path / "bot.env"
    chosen.write_text("ORGBOT_TZ=Asia/Urumqi\n", encoding="utf-8")
    assert load_settings(env_file=chosen).tz_name == "Asia/Urumqi"
    with pytest.raises(SettingsError, match="--env-file"):
        load_settings(env_file=tmp_path / "missing.env")


def test_an_env_file_beside_the_installed_package_is_not_read(tmp_path):
    """python-dotenv's own search walks up from the calling module: a `.env` in any parent
    folder of the package (here the repository) used to be read, and could send every
    request, token included, to another TELEGRAM_BASE_URL."""
    planted = REPO / ".env"
    if planted.exists():
        pytest.skip("the repository has a .env of its own")
    planted.write_text("TELEGRAM_BASE_URL=http://attacker.invalid/bot\n", encoding="utf-8")
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
        env["PYTHONPATH"] = str(REPO)
        script = tmp_path / "show_base_url.py"  # a file, as `orgbot` is (`-c` reads the cwd)
        script.write_text(
            "from bot.settings import load_settings\nprint(load_settings().base_url)\n"
        )
        done = subprocess.run(
            [sys.executable, str(script)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        planted.unlink()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"


def test_context_minutes_default_to_ten_and_are_checked():
    assert load().context_minutes == 10
    assert load(ORGBOT_CONTEXT_MINUTES="3").context_minutes == 3
    assert load(ORGBOT_CONTEXT_MINUTES="0").context_minutes == 0  # follow-ups off
    for bad in ("soon", "-1", "2.5", "99999"):
        with pytest.raises(SettingsError, match="ORGBOT_CONTEXT_MINUTES"):
            load(ORGBOT_CONTEXT_MINUTES=bad)
