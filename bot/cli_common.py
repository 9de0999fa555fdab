"""What every `orgbot` command shares: its settings, the database opened, the --db option,
and a database error in one line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.settings import Settings, SettingsError, created_database_line, load_settings

if TYPE_CHECKING:  # imported lazily below: `orgbot ask` must start fast
    from knowledge.residents.store import ResidentsStore
    from knowledge.store import KnowledgeStore


def settings_for(db: Path | None) -> Settings:
    env_file = click.get_current_context().find_root().params.get("env_file")
    try:
        return load_settings(db_path=db, env_file=env_file)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def open_stores_for(settings: Settings) -> tuple[KnowledgeStore, ResidentsStore]:
    from knowledge.opening import open_stores

    try:
        with announce_if_new(settings):
            return open_stores(settings.db_path)
    except Exception as exc:  # a locked, corrupt or unwritable file: say which
        raise database_error(settings, exc) from None


def database_error(settings: Settings, error: Exception, outcome: str = "") -> click.ClickException:
    from knowledge.db import describe

    what = f"cannot open the database {settings.db_path}"
    if outcome:
        what = f"cannot write the database {settings.db_path} ({outcome})"
    return click.ClickException(f"{what}: {describe(settings.db_path, error)}")


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite database file (default: $ORGBOT_DB or the user data directory).",
)


@contextmanager
def announce_if_new(settings: Settings) -> Iterator[None]:
    """On stderr, where the per-user default database was just created (on first use)."""
    new = settings.db_is_default and not settings.db_path.exists()
    yield
    if new and settings.db_path.exists():
        click.echo(created_database_line(settings.db_path), err=True)
