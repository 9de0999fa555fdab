"""Validate raw records as a whole: every field, duplicate ids, references between tables."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.curation.checks import Problem, RecordChecker, is_valid_id
from knowledge.curation.readers import RawRecord, ReadResult, read_files
from knowledge.schema import MAX_ID_LENGTH, SLUG_TABLES, TABLE_ORDER, TABLES

Records = dict[str, dict[str, dict[str, Any]]]  # table → key → record


@dataclass
class Dataset:
    """Validated records from a set of files, each remembering where it came from."""

    records: Records = field(default_factory=lambda: {t: {} for t in TABLE_ORDER})
    origins: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, key) → "file:line"
    # The fields each record's file gave; an update keeps the others as they were.
    present: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    generated_ids: dict[tuple[str, str], str] = field(default_factory=dict)  # → the name
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def tables(self) -> list[str]:
        return [t for t in TABLE_ORDER if self.records[t]]


def slug_from_name(name: str) -> str:
    """A stable ASCII id for a record given without one (spreadsheets): its name in pinyin."""
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.NORMAL, errors="default")  # keep digits and letters
    words = [re.sub(r"[^a-z0-9]+", "", p.lower()) for p in parts]
    slug = "-".join(w for w in words if w)
    return slug[:MAX_ID_LENGTH].strip("-") or "record"


def load_dataset(
    paths: list[Path],
    existing: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None,
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
) -> Dataset:
    """Read and validate files against what the database already holds (`existing`)."""
    return validate_read(read_files(paths), existing, replace=replace, default_tz=default_tz)


def validate_read(
    read: ReadResult,
    existing: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None,
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
) -> Dataset:
    """Validate records read from files or typed in a chat, against what the database holds."""
    dataset = Dataset(problems=list(read.problems))
    checker = RecordChecker(default_tz)
    for raw in sorted(read.records, key=lambda r: TABLE_ORDER.index(r.table)):
        _add_record(dataset, checker, raw)
    _check_references(dataset, existing or {}, replace)
    dataset.problems.sort()
    return dataset


def _add_record(dataset: Dataset, checker: RecordChecker, raw: RawRecord) -> None:
    spec = TABLES[raw.table]
    data = dict(raw.data)
    generated = spec.key == "id" and not data.get("id") and bool(data.get(_name_field(raw.table)))
    if generated:
        data["id"] = slug_from_name(str(data[_name_field(raw.table)]))
    record, problems = checker.check(spec, data, (raw.file, raw.line), raw.field_lines)
    dataset.problems.extend(problems)
    key = str(record.get(spec.key) or "")
    if not key or (raw.table in SLUG_TABLES and not is_valid_id(key)):
        return
    where = f"{raw.file}:{raw.line}"
    if key in dataset.records[raw.table]:
        first = dataset.origins[(raw.table, key)]
        line = raw.field_lines.get(spec.key, raw.line)
        dataset.problems.append(
            Problem(raw.file, line, spec.key, f"duplicate {spec.key} {key!r} (first at {first})")
        )
        # Still check its references, so one pass reports everything wrong with it.
        record["_where"] = (raw.file, raw.line, raw.field_lines)
        dataset.duplicates.append((raw.table, record))
        return
    record["_where"] = (raw.file, raw.line, raw.field_lines)
    dataset.records[raw.table][key] = record
    dataset.origins[(raw.table, key)] = where
    dataset.present[(raw.table, key)] = frozenset(str(k) for k in raw.data) | {spec.key}
    if generated:
        dataset.generated_ids[(raw.table, key)] = str(data[_name_field(raw.table)])


def _name_field(table: str) -> str:
    return "title" if table == "activities" else "name"


def _check_references(
    dataset: Dataset, existing: Mapping[str, Mapping[str, Mapping[str, Any]]], replace: bool
) -> None:
    def known(table: str) -> Mapping[str, Mapping[str, Any]]:
        merged: dict[str, Mapping[str, Any]] = {}
        if not (replace and dataset.records[table]):
            merged.update(existing.get(table, {}))
        merged.update(dataset.records[table])
        return merged

    topics = known("topics")
    orgs = known("organizations")
    names_to_org = {}
    for org_id, org in orgs.items():
        for name in [org.get("name"), *org.get("aliases", [])]:
            if name:
                names_to_org.setdefault(str(name), org_id)

    checked = [
        (t, r)
        for t in ("organizations", "projects", "facts", "activities")
        for r in dataset.records[t].values()
    ]
    checked += [
        (t, r)
        for t, r in dataset.duplicates
        if t in ("organizations", "projects", "facts", "activities")
    ]
    for table, record in checked:
        file, line, lines = record.pop("_where")
        for topic in record.get("topics", []):
            if topic not in topics:
                dataset.problems.append(
                    Problem(file, lines.get("topics", line), "topics", f"unknown topic {topic!r}")
                )
        org_ref = record.get("organization")
        if table == "organizations" or not org_ref:
            continue
        if org_ref not in orgs and org_ref in names_to_org:
            record["organization"] = names_to_org[org_ref]  # spreadsheets may give the name
        elif org_ref not in orgs:
            dataset.problems.append(
                Problem(
                    file,
                    lines.get("organization", line),
                    "organization",
                    f"no organization {org_ref!r} in the knowledge base or these files",
                )
            )
    for table in ("sources", "topics", "synonyms"):
        for record in dataset.records[table].values():
            record.pop("_where", None)

    # An id made from a name must not silently take over a different record (阳光1号/阳光2号).
    for (table, key), name in dataset.generated_ids.items():
        current = existing.get(table, {}).get(key)
        if current is not None and current.get(_name_field(table)) != name:
            file, _, line = dataset.origins[(table, key)].rpartition(":")
            dataset.problems.append(
                Problem(
                    file,
                    int(line),
                    "id",
                    f"the id {key!r} made from the name belongs to {current.get(_name_field(table))!r}; "
                    "give this row its own 编号",
                )
            )

    if replace and dataset.records["topics"]:
        # Replacing topics must not leave records that stay with topics that are gone.
        for table in ("organizations", "projects", "facts", "activities"):
            staying = existing.get(table, {}) if not dataset.records[table] else {}
            for key, record in staying.items():
                for topic in record.get("topics", []):
                    if topic not in topics:
                        dataset.problems.append(
                            Problem(
                                "(database)",
                                0,
                                f"{table}.{key}",
                                f"uses topic {topic!r}, which --replace would remove",
                            )
                        )

    if replace and dataset.records["organizations"]:
        # Replacing organizations must not orphan what stays behind and points at them.
        for table in ("projects", "facts", "activities"):
            if dataset.records[table]:
                continue
            for key, record in existing.get(table, {}).items():
                ref = record.get("organization")
                if ref and ref not in orgs:
                    dataset.problems.append(
                        Problem(
                            "(database)",
                            0,
                            f"{table}.{key}",
                            f"refers to organization {ref!r}, which --replace would remove",
                        )
                    )
