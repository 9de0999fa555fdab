"""Activities staff add, move and cancel in a chat: records typed in Telegram, applied through
`apply_records` (the same validation and audit as a file import; the origin names the staff
member). The bot's handlers call these; nothing here knows Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from knowledge.curation.apply import apply_records
from knowledge.curation.identity import slug_from_name
from knowledge.curation.messages import Problem
from knowledge.curation.when import When
from knowledge.schema import MAX_ID_LENGTH, ActivityStatus
from knowledge.store import KnowledgeStore

# What a reply cites for an activity staff typed in a chat (never a made-up article).
DOCUMENT = "民政局工作人员录入"
TABLE = "activities"


@dataclass(frozen=True)
class Draft:
    """An activity as the /addactivity conversation collected it."""

    title: str
    when: When
    organization: str = ""  # an organization id, or none
    place: str = ""
    topics: tuple[str, ...] = ()
    registration: str = ""


@dataclass(frozen=True)
class Saved:
    """What applying a change did: the activity's id, or the problems (Chinese) that stopped it."""

    id: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Upcoming:
    """An upcoming activity as staff pick it from a list."""

    id: str
    title: str
    start: datetime
    end: datetime | None
    place: str

    @property
    def when(self) -> When:
        return When(self.start, self.end)


def source(today: date) -> dict[str, str]:
    return {"document": DOCUMENT, "quote": f"Telegram 录入，{today.isoformat()}"}


def new_id(store: KnowledgeStore, title: str, start: datetime) -> str:
    """A readable id no activity has or had: the day and the title in pinyin (20261205-qin-zi…)."""
    taken = set(store.records(TABLE)) | set(store.removed_ids(TABLE))
    base = f"{start:%Y%m%d}-{slug_from_name(title)}"[: MAX_ID_LENGTH - 3].rstrip("-")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def add_activity(
    store: KnowledgeStore, draft: Draft, *, origin: str, today: date, default_tz: str
) -> Saved:
    """Add the drafted activity (scheduled), validated and audited as an import."""
    key = new_id(store, draft.title, draft.when.start)
    record: dict[str, Any] = {
        "id": key,
        "title": draft.title,
        "organization": draft.organization,
        "topics": list(draft.topics),
        "start": draft.when.start.isoformat(),
        "end": draft.when.end.isoformat() if draft.when.end else "",
        "place": draft.place,
        "registration": draft.registration,
        "status": str(ActivityStatus.SCHEDULED),
        "source": source(today),
    }
    return _apply(store, record, origin, default_tz)


def upcoming(store: KnowledgeStore, now: datetime) -> list[Upcoming]:
    """Activities not cancelled that have not begun, soonest first, in now's time zone (read
    from the database, so an import made elsewhere is in the list at once)."""
    found = []
    for key, record in store.records(TABLE).items():
        if record.get("status") == ActivityStatus.CANCELLED:
            continue
        start = datetime.fromisoformat(record["start"]).astimezone(now.tzinfo)
        if start > now:
            end = record.get("end")
            end = datetime.fromisoformat(end).astimezone(now.tzinfo) if end else None
            found.append(Upcoming(key, record["title"], start, end, record.get("place") or ""))
    return sorted(found, key=lambda a: (a.start, a.id))


def find_upcoming(store: KnowledgeStore, key: str, now: datetime) -> Upcoming | None:
    """The upcoming activity with this id (a pressed button's id is trusted only if found)."""
    return next((a for a in upcoming(store, now) if a.id == key), None)


def cancel_activity(
    store: KnowledgeStore, key: str, *, origin: str, today: date, default_tz: str
) -> Saved:
    """Mark the activity cancelled; subscribers already reminded are told by the planner."""
    record = {"id": key, "status": str(ActivityStatus.CANCELLED), "source": source(today)}
    return _apply(store, record, origin, default_tz)


def change_activity(
    store: KnowledgeStore,
    key: str,
    *,
    when: When | None = None,
    place: str | None = None,
    origin: str,
    today: date,
    default_tz: str,
) -> Saved:
    """Move the activity to another time, or another place (the fields given, the rest kept)."""
    record: dict[str, Any] = {"id": key, "source": source(today)}
    if when is not None:
        record["start"] = when.start.isoformat()
        # A new time without an end clears the old end, which belonged to the old time.
        record["end"] = when.end.isoformat() if when.end else ""
    if place is not None:
        record["place"] = place
    return _apply(store, record, origin, default_tz)


def _apply(store: KnowledgeStore, record: dict[str, Any], origin: str, default_tz: str) -> Saved:
    report = apply_records(store, [(TABLE, record)], origin=origin, default_tz=default_tz)
    return Saved(record["id"], [_chinese(p) for p in report.dataset.problems])


def _chinese(problem: Problem) -> str:
    """A problem without the file and line an import would name: staff typed one record."""
    name = problem.label or problem.column or problem.field
    return f"{name}：{problem.message()}" if name else problem.message()
