"""`orgbot doctor`: everything an operator should check, one line each, with how to fix it.

The database is only read (opened read-only, no migration applied, no lock taken), so the
doctor can run next to a running bot. Nothing it prints holds the token.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from collections.abc import Mapping
from pathlib import Path

import sqlite_utils

from bot.doctor_checks import Check, ok, problem
from bot.doctor_telegram import check_telegram
from bot.settings import Settings, SettingsError, load_settings

# Every variable load_settings reads (a test keeps this list complete).
VARIABLES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BASE_URL",
    "ORGBOT_DB",
    "ORGBOT_TZ",
    "ORGBOT_STAFF_IDS",
    "ORGBOT_STAFF_CHAT_ID",
    "ORGBOT_SEND_RETRY_SECONDS",
    "ORGBOT_REMINDERS",
    "ORGBOT_QUIET_HOURS",
    "ORGBOT_DIGEST",
    "ORGBOT_BROADCAST_RATE",
    "ORGBOT_NOTIFY_INTERVAL",
    "ORGBOT_SENDER_LEASE",
    # Read by the staff desk and follow-ups (issue 13, 16); checked here once they are merged.
    "ORGBOT_KB_DIR",
    "ORGBOT_DESK_HOURS",
    "ORGBOT_TICKET_IDLE",
    "ORGBOT_RETENTION_DAYS",
    "ORGBOT_CONTEXT_MINUTES",
    "ORGBOT_SEND_RATE",
    "ORGBOT_IMPORT_MAX_ROWS",
    "ORGBOT_IMPORT_MAX_MB",
)
LOW_DISK_BYTES = 200 * 1024 * 1024  # below this, a backup or a large import may not fit


def diagnose(
    environ: Mapping[str, str], *, db_path: Path | None = None, telegram: bool = True
) -> list[Check]:
    """Every check, in the order an operator would fix things; redacted of the token."""
    checks, settings = check_settings(environ, db_path)
    checks += check_database(settings, environ, db_path)
    checks += check_staff(settings)
    reachable = all(c.ok for c in checks if c.what in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL"))
    if telegram and settings.token and reachable:
        checks += asyncio.run(check_telegram(settings))
    return [
        Check(c.status, c.what, settings.redact(c.found), settings.redact(c.fix)) for c in checks
    ]


# --- settings -------------------------------------------------------------------------------


def check_settings(
    environ: Mapping[str, str], db_path: Path | None
) -> tuple[list[Check], Settings]:
    """Each variable on its own (so every mistake is named, not only the first), and the
    settings made of the sound ones (a broken one falls back to its default)."""
    env = {name: value for name, value in environ.items() if value != ""}
    checks: list[Check] = []
    broken: set[str] = set()
    for name in VARIABLES:
        if name not in env:
            checks.append(ok(name, "not set (the default)"))
            continue
        try:
            alone = load_settings({name: env[name]}, dotenv=False)
            if name == "TELEGRAM_BOT_TOKEN":
                alone.require_token()
        except SettingsError as exc:
            broken.add(name)
            said = str(exc).removeprefix(f"{name}: ")
            checks.append(problem(name, said, f"correct {name} in the environment or .env"))
            continue
        shown = "set (not shown)" if name == "TELEGRAM_BOT_TOKEN" else repr(env[name])
        checks.append(ok(name, shown))
    if "TELEGRAM_BOT_TOKEN" not in env:
        checks[0] = problem(
            "TELEGRAM_BOT_TOKEN",
            "not set: `orgbot run` cannot start",
            "get a token from @BotFather and set TELEGRAM_BOT_TOKEN",
        )
    sound = {name: value for name, value in env.items() if name not in broken}
    try:
        return checks, load_settings(sound, dotenv=False, db_path=db_path)
    except SettingsError as exc:  # a setting added to load_settings but not to VARIABLES
        checks.append(problem("settings", str(exc), "correct it in the environment or .env"))
        known = {name: value for name, value in sound.items() if name in VARIABLES}
        return checks, load_settings(known, dotenv=False, db_path=db_path)


# --- the database ---------------------------------------------------------------------------


def check_database(
    settings: Settings, environ: Mapping[str, str], db_path: Path | None
) -> list[Check]:
    path = settings.db_path
    if db_path is not None:
        where = "from --db"
    elif environ.get("ORGBOT_DB"):
        where = "from ORGBOT_DB"
    else:
        where = "the per-user default; set ORGBOT_DB to choose another"
    if not path.exists():
        return [
            problem(
                "database",
                f"no file at {path} ({where})",
                "check ORGBOT_DB; a new install creates and seeds it with `orgbot kb stats`",
            )
        ]
    if not path.is_file():
        return [problem("database", f"{path} is not a file ({where})", "point ORGBOT_DB at a file")]
    checks = [ok("database", f"{path} ({where})")]
    checks.append(_integrity(path))
    if not checks[-1].ok:
        return checks
    db = sqlite_utils.Database(sqlite3.connect(path.as_uri() + "?mode=ro", uri=True))
    try:
        checks += _schema(db)
        checks.append(_size(path))
        kb_dir = environ.get("ORGBOT_KB_DIR")
        checks += _knowledge(db, path, Path(kb_dir).expanduser() if kb_dir else None)
    finally:
        db.close()
    return checks


def _integrity(path: Path) -> Check:
    from knowledge.backup import integrity_problems

    problems = integrity_problems(path)
    if problems:
        return problem(
            "integrity",
            f"PRAGMA integrity_check: {problems[0]}",
            "stop the bot and `orgbot db restore` the latest backup",
        )
    return ok("integrity", "PRAGMA integrity_check ok")


def _schema(db: sqlite_utils.Database) -> list[Check]:
    from knowledge.residents.migrations import migrations as residents
    from knowledge.store import migrations as knowledge

    checks = []
    for label, migrations in (("knowledge", knowledge), ("residents", residents)):
        what = f"schema ({label})"
        code = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]
        applied = [m.name for m in migrations.applied(db)]
        unknown = [name for name in applied if name not in code]
        pending = [name for name in code if name not in applied]
        if unknown:
            checks.append(
                problem(
                    what,
                    f"made by a newer orgbot (migrations {', '.join(unknown)} unknown here)",
                    "run the release that made it, or restore a backup made by this one",
                )
            )
        elif pending:
            checks.append(
                problem(
                    what,
                    f"{len(applied)}/{len(code)} migrations applied; pending: {', '.join(pending)}",
                    "take `orgbot db backup`, then (re)start `orgbot run`: it upgrades in place",
                )
            )
        else:
            checks.append(ok(what, f"{len(applied)}/{len(code)} migrations applied, up to date"))
    return checks


def _size(path: Path) -> Check:
    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    free = shutil.disk_usage(path.parent).free
    found = f"{_mb(size)} (with its WAL), {_mb(free)} free on its disk"
    if free < LOW_DISK_BYTES:
        return problem("size", found, "free disk space: backups and imports need room")
    return ok("size", found)


def _mb(size: int) -> str:
    mb = size / 1024 / 1024
    return f"{mb / 1024:,.1f} GB" if mb >= 1024 else f"{mb:,.1f} MB"


def _knowledge(db: sqlite_utils.Database, path: Path, environ_kb_dir: Path | None) -> list[Check]:
    from knowledge.answering.cache import CacheState, cache_state, index_cache_path
    from knowledge.schema import TABLE_ORDER
    from knowledge.store import KnowledgeStore

    store = KnowledgeStore(db, migrate=False)
    try:
        counts = {table: len(store.records(table)) for table in TABLE_ORDER}
    except Exception as exc:  # a row the code cannot read
        return [
            problem(
                "knowledge",
                f"cannot read the knowledge base: {exc}",
                "`orgbot kb export` what is readable, fix it and `orgbot kb import --replace`",
            )
        ]
    shown = ", ".join(f"{table} {n}" for table, n in counts.items() if table != "sources")
    checks = [ok("knowledge", f"version {store.version[:12]}: {shown}")]
    checks.append(_knowledge_files(environ_kb_dir))
    cache = index_cache_path(path)
    state = cache_state(cache, store.version)
    writable = os.access(cache.parent, os.W_OK)
    if state is CacheState.FRESH:
        checks.append(ok("index cache", f"{cache} is fresh"))
    elif not writable:
        checks.append(
            problem(
                "index cache",
                f"{cache} is {state} and its folder is read-only: every start rebuilds the index",
                f"let the bot's user write to {cache.parent}",
            )
        )
    else:
        checks.append(ok("index cache", f"{cache} is {state}: the next start rebuilds it"))
    return checks


def _knowledge_files(kb_dir: Path | None) -> Check:
    """The curated files /reload imports (ORGBOT_KB_DIR), else those installed with orgbot
    (which seed a new database): would they import?"""
    from knowledge.curation.apply import SHIPPED_DATA, validate_files

    folder = kb_dir or SHIPPED_DATA
    if kb_dir is not None and not kb_dir.is_dir():
        return problem(
            "knowledge files",
            f"ORGBOT_KB_DIR {kb_dir} is not a folder",
            "point ORGBOT_KB_DIR at the folder of the curated files",
        )
    try:
        dataset = validate_files(None, [folder])
    except Exception as exc:  # unreadable: no permission, a broken workbook
        dataset, error = None, str(exc)
    if dataset is None or dataset.problems:
        first = (
            error
            if dataset is None
            else f"{len(dataset.problems)} problem(s), first: {dataset.problems[0]}"
        )
        fix = (
            "`orgbot kb validate` the folder and correct what it says"
            if kb_dir is not None
            else "reinstall orgbot: the installed files were changed"
        )
        return problem("knowledge files", f"{folder}: {first}", fix)
    return ok("knowledge files", f"{folder} valid")


# --- staff ----------------------------------------------------------------------------------


def check_staff(settings: Settings) -> list[Check]:
    checks = []
    if settings.staff_ids:
        checks.append(ok("staff", f"{len(settings.staff_ids)} staff id(s) in ORGBOT_STAFF_IDS"))
    else:
        checks.append(
            problem(
                "staff",
                "ORGBOT_STAFF_IDS is empty: nobody can use the staff commands (/reload…)",
                "set ORGBOT_STAFF_IDS to the staff's Telegram user ids, comma separated",
            )
        )
    if settings.staff_chat_id is None:
        checks.append(
            problem(
                "staff chat",
                "ORGBOT_STAFF_CHAT_ID is not set: residents' hand-offs have nowhere to go",
                "add the bot to the staff group and set ORGBOT_STAFF_CHAT_ID to its id",
            )
        )
    else:
        checks.append(ok("staff chat", f"ORGBOT_STAFF_CHAT_ID {settings.staff_chat_id}"))
    return checks
