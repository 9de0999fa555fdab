"""The `orgbot` command: ask questions, keep the knowledge base, run the bot.

Each command parses its arguments and calls the library; a domain error becomes a
click.ClickException only here, at the edge.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli_common import (
    announce_if_new,
    database_error,
    db_option,
    open_stores_for,
    settings_for,
)
from bot.cli_ops import db, doctor, notify
from bot.settings import SettingsError

if TYPE_CHECKING:  # imported lazily below: `orgbot ask` must start fast
    from knowledge.curation.dataset import Dataset


@click.group()
@click.version_option(package_name="orgbot")
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read settings from this file (default: .env in the working directory, if any).",
)
def main(env_file: Path | None) -> None:
    """orgbot: answers residents' questions about their city's social organizations."""


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@click.option(
    "--conversation",
    is_flag=True,
    help="Read the lines of standard input as one chat: a follow-up (“它的电话呢”) is about "
    "what the line before it was answered about.",
)
@db_option
def ask(question: str | None, as_json: bool, conversation: bool, db: Path | None) -> None:
    """Answer QUESTION, or one question per line from standard input."""
    from bot.logs import json_line
    from knowledge.answering.context import Conversations
    from knowledge.opening import open_answerer

    if question is not None and not _is_text(question):
        raise click.ClickException(
            "the question is not valid UTF-8 text (is the terminal set to UTF-8?)"
        )
    settings = settings_for(db)
    try:
        with announce_if_new(settings):
            answerer, _ = open_answerer(settings.db_path, settings.tz_name)
    except Exception as exc:
        raise database_error(settings, exc) from None
    skipped: list[int] = []
    questions = [question] if question is not None else _stdin_questions(skipped)
    chat = Conversations(settings.context_minutes)
    try:
        for text in questions:
            context = chat.get("cli") if conversation else None
            answer = answerer.answer(text, channel="cli", context=context)
            chat.update("cli", answer)
            if as_json:
                click.echo(json_line(answer.to_json()))
            else:
                click.echo(answer.text)
                if question is None:
                    click.echo("")
    finally:
        if answerer.questions is not None:
            answerer.questions.close()
    if skipped:
        raise click.ClickException(f"{len(skipped)} line(s) skipped: not valid UTF-8 text")


def _is_text(text: str) -> bool:
    """False for text holding lone surrogates (bytes that were not UTF-8, as Python keeps
    them from the command line); they cannot be stored, logged or shown."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _stdin_questions(skipped: list[int]) -> Iterator[str]:
    """One question per line of standard input; a line that is not UTF-8 is reported on
    stderr with its number, added to `skipped`, and the lines after it are still read."""
    for number, raw in enumerate(click.get_binary_stream("stdin"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            click.echo(f"line {number}: not valid UTF-8 text; skipped", err=True)
            skipped.append(number)
            continue
        yield line.rstrip("\r\n")


@main.group()
def kb() -> None:
    """Keep the knowledge base: validate, import, export, statistics."""


lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of problems and the report (中文 or English).",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings (an unrecognised column…) as errors."
)


def _echo_problems(dataset: Dataset, lang: str) -> None:
    from knowledge.curation.messages import Lang

    for problem in [*dataset.problems, *dataset.warnings]:
        click.echo(problem.text(Lang(lang)), err=True)


def _refused(count: int, lang: str, what: str) -> click.ClickException:
    if lang == "zh":
        tail = "没有导入任何内容" if what == "nothing imported" else "数据库没有改动"
        return click.ClickException(f"发现 {count} 个问题，{tail}")
    return click.ClickException(f"{count} problem(s) found; {what}")


@kb.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@lang_option
@strict_option
@db_option
def validate(paths: tuple[Path, ...], lang: str, strict: bool, db: Path | None) -> None:
    """Check knowledge files (YAML, CSV, .xlsx) and report every problem."""
    from knowledge.curation.apply import validate_files

    settings = settings_for(db)
    store, _ = open_stores_for(settings)
    dataset = validate_files(
        store,
        list(paths),
        default_tz=settings.tz_name,
        strict=strict,
        limits=settings.import_limits,
    )
    _echo_problems(dataset, lang)
    if dataset.problems:
        raise _refused(len(dataset.problems), lang, "nothing imported")
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
@click.option("--verbose", is_flag=True, help="List every record added, updated or removed.")
@lang_option
@strict_option
@db_option
def import_(
    paths: tuple[Path, ...],
    replace: bool,
    dry_run: bool,
    verbose: bool,
    lang: str,
    strict: bool,
    db: Path | None,
) -> None:
    """Validate, then import files all or nothing (audited)."""
    from knowledge.answering.cache import index_cache_path
    from knowledge.curation.apply import import_files
    from knowledge.curation.messages import Lang

    settings = settings_for(db)
    store, _ = open_stores_for(settings)
    try:
        report = import_files(
            store,
            list(paths),
            replace=replace,
            default_tz=settings.tz_name,
            dry_run=dry_run,
            strict=strict,
            index_cache=index_cache_path(settings.db_path),
            limits=settings.import_limits,
        )
    except (sqlite3.Error, OSError) as exc:  # a full disk: the transaction was rolled back
        raise database_error(settings, exc, "nothing was imported") from None
    _echo_problems(report.dataset, lang)
    if not report.ok:
        raise _refused(len(report.dataset.problems), lang, "the database was not changed")
    dry = ("（试运行，未写入）" if lang == "zh" else "(dry run) ") if dry_run else ""
    click.echo(dry + report.describe(verbose=verbose, lang=Lang(lang)))


@kb.command()
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv", "xlsx"]), default="yaml")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder (yaml, csv; default kb-export) or workbook file (xlsx; default kb-export.xlsx).",
)
@db_option
def export(fmt: str, out: Path | None, db: Path | None) -> None:
    """Write the knowledge base as files that `kb import` reads back."""
    from knowledge.curation.export import export_csv, export_xlsx, export_yaml

    store, _ = open_stores_for(settings_for(db))
    if fmt == "xlsx":
        written = export_xlsx(store, out or Path("kb-export.xlsx"))
    else:
        written = (export_yaml if fmt == "yaml" else export_csv)(store, out or Path("kb-export"))
    for path in written:
        click.echo(str(path))


@kb.command()
@click.option(
    "--inferred", is_flag=True, help="List the topics imports inferred, for staff to review."
)
@db_option
def stats(inferred: bool, db: Path | None) -> None:
    """Counts by table, by district and by topic."""
    from knowledge.curation.stats import inferred_topic_lines, knowledge_stats

    stores = open_stores_for(settings_for(db))
    lines = inferred_topic_lines(stores[0]) if inferred else knowledge_stats(*stores).lines()
    for line in lines:
        click.echo(line)


@kb.command()
@click.option("--limit", default=30, show_default=True, help="Groups shown in the terminal.")
@click.option(
    "--since", default=None, help="Only questions asked on or after this date (YYYY-MM-DD)."
)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default=None)
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@db_option
def unanswered(
    limit: int, since: str | None, fmt: str | None, out: Path | None, db: Path | None
) -> None:
    """Questions the bot answered badly or not at all (unanswered, 👎, 转人工, unsure),
    grouped by similar wording, most asked first; --format writes them all to a file."""
    from knowledge.curation.review_export import review_rows, since_utc, write_rows

    settings = settings_for(db)
    try:
        since_text = since_utc(since, settings.tz) if since else ""
    except ValueError:
        raise click.BadParameter("expected a date like 2026-12-01", param_hint="--since") from None
    store, residents = open_stores_for(settings)
    rows = review_rows(store, residents, settings.tz, since_text)
    if fmt or out:
        fmt = fmt or (out.suffix.lstrip(".") if out else "csv")
        if fmt not in ("csv", "xlsx"):
            raise click.BadParameter("use --format csv or xlsx", param_hint="--out")
        click.echo(str(write_rows(rows, out or Path(f"unanswered.{fmt}"), fmt)))
        return
    if not rows:
        click.echo("no unanswered questions")
    for row in rows[:limit]:
        click.echo(f"{row[1]:>4}  {row[2]}  {visible(row[0])}")


# Characters a terminal acts on or hides rather than shows: C0/C1 controls (ESC starts
# colour, cursor and title sequences), zero-width and direction marks, line separators,
# lone surrogates.
_UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def visible(text: str) -> str:
    """Residents' text made safe to print: each unshown character written as an escape."""
    return _UNSHOWN.sub(lambda m: ascii(m.group())[1:-1], text)


@main.command()
@click.option("--webhook-url", default=None, help="Run in webhook mode at this public URL.")
@click.option("--listen", default="127.0.0.1", show_default=True)
@click.option("--port", default=8443, show_default=True)
@click.option(
    "--health-port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Answer GET /health on this port (on the --listen address): 200 while the bot runs.",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON object per line (time, level, logger, message) for a log collector.",
)
@db_option
def run(
    webhook_url: str | None,
    listen: str,
    port: int,
    health_port: int | None,
    log_format: str,
    db: Path | None,
) -> None:
    """Run the Telegram bot (long polling, or a webhook with --webhook-url)."""
    from bot.app import run_bot
    from bot.logs import LogFormat

    settings = settings_for(db)
    try:
        settings.require_token()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    if webhook_url and not webhook_url.startswith("https://"):
        raise click.ClickException(
            "--webhook-url must start with https:// (Telegram calls only https)"
        )
    from bot.app import StartupError

    try:
        run_bot(
            settings,
            webhook_url=webhook_url,
            listen=listen,
            port=port,
            health_port=health_port,
            log_format=LogFormat(log_format),
        )
    except StartupError as exc:
        raise click.ClickException(settings.redact(str(exc))) from None
    except Exception:
        # Never Python's own traceback on stderr: it would show the token (in request URLs,
        # in PTB's InvalidToken). The log's formatter blanks the token out.
        logging.getLogger("orgbot").exception("orgbot stopped on an unexpected error")
        sys.exit(1)


for _command in (db, notify, doctor):  # bot/cli_ops.py
    main.add_command(_command)
