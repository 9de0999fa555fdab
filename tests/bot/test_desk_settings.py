"""The desk's settings: defaults, accepted forms, and a bad value named."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def settings(**env: str):
    return load_settings(env, dotenv=False, db_path=Path("x.db"))


def test_defaults() -> None:
    found = settings()
    assert found.desk_hours.describe() == "周一至周五 09:00–17:30"
    assert found.ticket_idle == timedelta(days=3)
    assert found.retention_days == 90
    assert found.kb_dir is None


def test_accepted_forms() -> None:
    found = settings(
        ORGBOT_DESK_HOURS="sat-sun 10:00-12:00",
        ORGBOT_TICKET_IDLE="12h",
        ORGBOT_RETENTION_DAYS="30",
        ORGBOT_KB_DIR="/srv/kb",
    )
    assert found.desk_hours.days == frozenset({5, 6}) and found.desk_hours.opens == time(10)
    assert found.ticket_idle == timedelta(hours=12)
    assert settings(ORGBOT_TICKET_IDLE="90m").ticket_idle == timedelta(minutes=90)
    assert found.retention_days == 30 and found.kb_dir == Path("/srv/kb")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ORGBOT_DESK_HOURS", "weekdays 9-5"),
        ("ORGBOT_DESK_HOURS", "mon-fri 18:00-09:00"),
        ("ORGBOT_TICKET_IDLE", "3 days"),
        ("ORGBOT_TICKET_IDLE", "0h"),
        ("ORGBOT_RETENTION_DAYS", "0"),
        ("ORGBOT_RETENTION_DAYS", "ninety"),
    ],
)
def test_a_bad_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        settings(**{name: value})
