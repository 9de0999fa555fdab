"""Settings read once from the environment (and an optional .env file), validated up front."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Telegram tokens look like "123456789:AA...": digits, a colon, 35 URL-safe characters.
_TOKEN_RE = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def default_db_path() -> Path:
    """The database file in the user's data directory (never inside the source tree)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("orgbot", appauthor=False)) / "orgbot.db"


@dataclass(frozen=True)
class Settings:
    """Everything the bot and the CLI read from the environment."""

    db_path: Path
    tz_name: str = "Asia/Shanghai"
    token: str | None = field(default=None, repr=False)
    base_url: str | None = None
    staff_ids: frozenset[int] = frozenset()
    staff_chat_id: int | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    def require_token(self) -> str:
        """The bot token, or a SettingsError naming TELEGRAM_BOT_TOKEN."""
        if not self.token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        if not _TOKEN_RE.match(self.token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is malformed (expected <digits>:<35 characters>)"
            )
        return self.token

    def redact(self, text: str) -> str:
        """Text with the token blanked out, for logs and error messages."""
        if self.token:
            text = text.replace(self.token, "<TELEGRAM_BOT_TOKEN>")
        return text


def _int_list(name: str, raw: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in re.split(r"[,\s]+", raw.strip()) if part)
    except ValueError:
        raise SettingsError(f"{name} must be Telegram user ids separated by commas") from None


def load_settings(
    environ: Mapping[str, str] | None = None, *, dotenv: bool = True, db_path: Path | None = None
) -> Settings:
    """Read and validate settings; `.env` values never override the real environment."""
    if environ is None:
        if dotenv:
            from dotenv import load_dotenv

            load_dotenv(override=False)
        environ = os.environ
    env = {k: v for k, v in environ.items() if v != ""}

    tz_name = env.get("ORGBOT_TZ", "Asia/Shanghai")
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"ORGBOT_TZ: unknown time zone {tz_name!r}") from None

    base_url = env.get("TELEGRAM_BASE_URL")
    if base_url and not re.match(r"^https?://", base_url):
        raise SettingsError("TELEGRAM_BASE_URL must start with http:// or https://")

    staff_chat: int | None = None
    if "ORGBOT_STAFF_CHAT_ID" in env:
        try:
            staff_chat = int(env["ORGBOT_STAFF_CHAT_ID"])
        except ValueError:
            raise SettingsError("ORGBOT_STAFF_CHAT_ID must be a Telegram chat id") from None

    if db_path is None:
        db_path = Path(env["ORGBOT_DB"]).expanduser() if "ORGBOT_DB" in env else default_db_path()
    return Settings(
        db_path=db_path,
        tz_name=tz_name,
        token=env.get("TELEGRAM_BOT_TOKEN"),
        base_url=base_url,
        staff_ids=_int_list("ORGBOT_STAFF_IDS", env.get("ORGBOT_STAFF_IDS", "")),
        staff_chat_id=staff_chat,
    )
