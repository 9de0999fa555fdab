"""The notice settings: defaults, and a bad value stops with the variable's name."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings({}, dotenv=False)
    assert [lead.spec for lead in settings.reminders] == ["1d@09:00", "2h"]
    assert settings.quiet_hours is not None and settings.digest is not None
    assert (settings.broadcast_rate, settings.notify_interval) == (20.0, 60)
    assert settings.sender_lease == 30.0


def test_off_and_other_values() -> None:
    settings = load_settings(
        {
            "ORGBOT_REMINDERS": "3h",
            "ORGBOT_QUIET_HOURS": "off",
            "ORGBOT_DIGEST": "off",
            "ORGBOT_BROADCAST_RATE": "10.5",
            "ORGBOT_NOTIFY_INTERVAL": "15",
            "ORGBOT_SENDER_LEASE": "2.5",
        },
        dotenv=False,
    )
    assert [lead.spec for lead in settings.reminders] == ["3h"]
    assert settings.quiet_hours is None and settings.digest is None
    assert (settings.broadcast_rate, settings.notify_interval) == (10.5, 15)
    assert settings.sender_lease == 2.5


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ORGBOT_REMINDERS", "tomorrow"),
        ("ORGBOT_QUIET_HOURS", "22-8"),
        ("ORGBOT_DIGEST", "monday"),
        ("ORGBOT_BROADCAST_RATE", "0"),
        ("ORGBOT_BROADCAST_RATE", "fast"),
        ("ORGBOT_BROADCAST_RATE", "inf"),
        ("ORGBOT_NOTIFY_INTERVAL", "-5"),
        ("ORGBOT_NOTIFY_INTERVAL", "1.5"),
        ("ORGBOT_SENDER_LEASE", "0"),
        ("ORGBOT_SENDER_LEASE", "30s"),
    ],
)
def test_a_bad_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings({name: value}, dotenv=False)
