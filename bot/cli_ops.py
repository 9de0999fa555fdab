"""The `orgbot` commands of operations: back up and restore the database, send notices
from cron, check an installation (`doctor`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli_common import db_option, open_stores_for, settings_for
from bot.settings import SettingsError


@click.group()
def db() -> None:
    """Back up and restore the database file."""


@db.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--db", "db_file", type=click.Path(dir_okay=False, path_type=Path), default=None)
def backup(dest: Path, db_file: Path | None) -> None:
    """Copy the database to DEST (a file or a folder), safely while the bot runs; verified."""
    from knowledge.backup import BackupError, backup

    settings = settings_for(db_file)
    try:
        size = backup(settings.db_path, dest)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backed up {settings.db_path} to {dest} ({size:,} bytes, integrity ok)")


@db.command()
@click.argument("src", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", "db_file", type=click.Path(dir_okay=False, path_type=Path), default=None)
def restore(src: Path, db_file: Path | None) -> None:
    """Replace the database with the backup SRC (refused while the bot runs)."""
    from knowledge.backup import BackupError, restore

    settings = settings_for(db_file)
    try:
        restore(src, settings.db_path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {settings.db_path} from {src}")


@click.command()
@click.option(
    "--dry-run", "mode", flag_value="dry-run", help="Print what is due now; send nothing."
)
@click.option("--once", "mode", flag_value="once", help="Send what is due now, then exit (cron).")
@click.option("--status", "mode", flag_value="status", help="The outbox by status; last errors.")
@db_option
def notify(mode: str | None, db: Path | None) -> None:
    """Activity notices: what is due now, send it once, or the state of the outbox."""
    if mode is None:
        raise click.UsageError("choose one of --dry-run, --once or --status")
    settings = settings_for(db)
    if mode == "once":
        try:
            settings.require_token()
        except SettingsError as exc:
            raise click.ClickException(str(exc)) from None
    _, residents = open_stores_for(settings)
    if mode == "status":
        from jobs.notifier import describe_status

        for line in describe_status(residents.db):
            click.echo(line)
    elif mode == "dry-run":
        from datetime import UTC, datetime

        from jobs.notifier import describe_plan, plan_and_store, policy_of

        now = datetime.now(UTC)
        report = plan_and_store(residents.db, now, policy_of(settings), write=False)
        for line in describe_plan(report.plan, settings.tz):
            click.echo(line)
    else:
        import asyncio

        from bot.app import build_notice_bot
        from jobs.notifier import send_once

        residents.db.close()
        stats = asyncio.run(send_once(settings, build_notice_bot(settings)))
        if stats.held_by:  # not an error: the bot (or another run) is sending; exit 0
            click.echo(
                f"另一个发送程序（{stats.held_by}）正在发送通知，本次没有发送；"
                f"它发完或停止（最迟 {stats.held_until}）后，下一次运行会发送。"
            )
            click.echo(
                f"another sender ({stats.held_by}) holds the right to send until "
                f"{stats.held_until}: nothing sent; the next run sends what is due then"
            )
        click.echo(stats.line())


@click.command()
@click.option("--offline", is_flag=True, help="Skip the checks that ask Telegram.")
@db_option
def doctor(offline: bool, db: Path | None) -> None:
    """Check settings, database, knowledge and Telegram; one line each; exit 1 on a problem."""
    import os

    from bot.doctor import diagnose
    from bot.settings import _load_env_file

    env_file = click.get_current_context().find_root().params.get("env_file")
    try:
        _load_env_file(env_file)  # as every command reads it, without validating it all
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    checks = diagnose(os.environ, db_path=db, telegram=not offline)
    for check in checks:
        click.echo(check.line())
    if not all(check.ok for check in checks):
        sys.exit(1)
