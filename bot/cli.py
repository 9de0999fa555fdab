"""The `orgbot` command: ask questions, keep the knowledge base, run the bot."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from bot.settings import Settings, SettingsError, load_settings


def _settings(db: Path | None) -> Settings:
    try:
        return load_settings(db_path=db)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def _open_store(settings: Settings):  # -> KnowledgeStore (imported lazily for a fast `ask`)
    from knowledge.store import KnowledgeStore

    try:
        return KnowledgeStore.open(settings.db_path)
    except Exception as exc:  # a locked, corrupt or unwritable file: say which
        raise click.ClickException(f"cannot open the database {settings.db_path}: {exc}") from None


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite database file (default: $ORGBOT_DB or the user data directory).",
)


@click.group()
@click.version_option(package_name="orgbot")
def main() -> None:
    """orgbot: answers residents' questions about their city's social organizations."""


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@db_option
def ask(question: str | None, as_json: bool, db: Path | None) -> None:
    """Answer QUESTION, or one question per line from standard input."""
    from knowledge.answer import Answerer

    settings = _settings(db)
    answerer = Answerer.from_store(_open_store(settings), tz_name=settings.tz_name)
    questions = [question] if question is not None else (line.rstrip("\n") for line in sys.stdin)
    for text in questions:
        answer = answerer.answer(text, channel="cli")
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            click.echo(answer.text)
            if question is None:
                click.echo("")


@main.group()
def kb() -> None:
    """Keep the knowledge base: validate, import, export, statistics."""


@kb.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
def validate(paths: tuple[Path, ...], db: Path | None) -> None:
    """Check knowledge files (YAML, CSV, .xlsx) and report every problem."""
    from knowledge.importer import validate_files

    settings = _settings(db)
    dataset = validate_files(_open_store(settings), list(paths), default_tz=settings.tz_name)
    for problem in dataset.problems:
        click.echo(str(problem), err=True)
    if dataset.problems:
        raise click.ClickException(f"{len(dataset.problems)} problem(s) found; nothing imported")
    counts = ", ".join(f"{t} {len(dataset.records[t])}" for t in dataset.tables)
    click.echo(f"ok: {counts or 'no records'}")


@kb.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Remove records of the imported tables that the files no longer hold.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@db_option
def import_(paths: tuple[Path, ...], replace: bool, dry_run: bool, db: Path | None) -> None:
    """Validate, then import files all or nothing (audited)."""
    from knowledge.importer import import_files

    settings = _settings(db)
    store = _open_store(settings)
    report = import_files(
        store,
        list(paths),
        replace=replace,
        default_tz=settings.tz_name,
        dry_run=dry_run,
    )
    if not report.ok:
        for problem in report.dataset.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(report.dataset.problems)} problem(s) found; the database was not changed"
        )
    click.echo(("(dry run) " if dry_run else "") + report.describe())
    if not dry_run:
        # Rebuild the search index now, so a running bot picks up the cache instead of
        # rebuilding it in its event loop.
        from knowledge.answer import index_cache_path, load_or_build_index

        load_or_build_index(store, index_cache_path(settings.db_path))


@kb.command()
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv"]), default="yaml")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("kb-export"))
@db_option
def export(fmt: str, out: Path, db: Path | None) -> None:
    """Write the knowledge base as files that `kb import` reads back."""
    from knowledge.importer import export_csv, export_yaml

    store = _open_store(_settings(db))
    written = (export_yaml if fmt == "yaml" else export_csv)(store, out)
    for path in written:
        click.echo(str(path))


@kb.command()
@db_option
def stats(db: Path | None) -> None:
    """Counts by table, by district and by topic."""
    from knowledge.schema import TABLE_ORDER

    store = _open_store(_settings(db))
    click.echo("records:")
    for table in TABLE_ORDER:
        click.echo(f"  {table}: {store.count(table)}")
    orgs = store.records("organizations").values()
    by_district = Counter(f"{o['city']}{o['district']}" or "(未注明)" for o in orgs)
    by_topic: Counter[str] = Counter()
    for table in ("organizations", "projects", "activities"):
        for record in store.records(table).values():
            by_topic.update(record.get("topics", []))
    click.echo("organizations by district:")
    for name, count in by_district.most_common():
        click.echo(f"  {name}: {count}")
    click.echo("records by topic:")
    for name, count in by_topic.most_common():
        click.echo(f"  {name}: {count}")
    asked = store.db["questions"].count
    if asked:
        unanswered = store.db.execute(
            "SELECT COUNT(*) FROM questions WHERE answered = 0"
        ).fetchone()[0]
        click.echo(f"questions asked: {asked}, unanswered: {unanswered}")


@kb.command()
@click.option("--limit", default=30, show_default=True)
@db_option
def unanswered(limit: int, db: Path | None) -> None:
    """What residents asked that the bot could not answer, most frequent first."""
    store = _open_store(_settings(db))
    rows = store.unanswered_questions(limit)
    if not rows:
        click.echo("no unanswered questions")
    for row in rows:
        click.echo(f"{row['times']:>4}  {row['last_asked']}  {row['query']}")


@main.command()
@click.option("--webhook-url", default=None, help="Run in webhook mode at this public URL.")
@click.option("--listen", default="127.0.0.1", show_default=True)
@click.option("--port", default=8443, show_default=True)
@db_option
def run(webhook_url: str | None, listen: str, port: int, db: Path | None) -> None:
    """Run the Telegram bot (long polling, or a webhook with --webhook-url)."""
    from bot.app import run_bot

    settings = _settings(db)
    try:
        settings.require_token()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    if webhook_url and not webhook_url.startswith("https://"):
        raise click.ClickException(
            "--webhook-url must start with https:// (Telegram calls only https)"
        )
    run_bot(settings, webhook_url=webhook_url, listen=listen, port=port)
