"""Validate raw records as a whole: every field, which record each row is, references.

A spreadsheet row without an 编号 is matched to the record it describes (统一社会信用代码,
then exact name, then alias) or given a new id that no record ever had; figures rows join
their records; organizations without topics get them inferred. Warnings (an unknown column)
do not stop an import unless `strict`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.curation.checks import RecordChecker, is_valid_id
from knowledge.curation.dataset import Dataset, Existing
from knowledge.curation.figure_rows import attach_figures
from knowledge.curation.identity import Identities, Match, name_field
from knowledge.curation.inference import TopicReader
from knowledge.curation.messages import (
    DATABASE,
    Msg,
    Problem,
    Severity,
    sorted_problems,
)
from knowledge.curation.places import names_without_place, province_of
from knowledge.curation.raw import RawRecord, ReadResult
from knowledge.curation.readers import read_files
from knowledge.curation.wording import check_wording
from knowledge.schema import SLUG_TABLES, TABLE_ORDER, TABLES

# What a reply cites for a staff spreadsheet row that gives no 来源 (the file and the date
# stand in the quote, and in the audit trail).
DEFAULT_DOCUMENTS = {"organizations": "民政局登记信息"}
DEFAULT_DOCUMENT = "民政局工作人员导入"
_CONTENT_TABLES = ("organizations", "projects", "facts", "activities")


def default_source(table: str, file: str, today: date) -> dict[str, str]:
    name = Path(file.split("[", 1)[0]).name
    document = DEFAULT_DOCUMENTS.get(table, DEFAULT_DOCUMENT)
    return {"document": document, "quote": f"{name}，{today.isoformat()} 导入"}


def load_dataset(
    paths: list[Path],
    existing: Existing | None = None,
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
) -> Dataset:
    """Read and validate files against what the database already holds (`existing`)."""
    return validate_read(read_files(paths), existing, replace=replace, default_tz=default_tz)


def validate_read(
    read: ReadResult,
    existing: Existing | None = None,
    *,
    replace: bool = False,
    default_tz: str = "Asia/Shanghai",
    removed: Mapping[str, Mapping[str, str]] | None = None,
    strict: bool = False,
    today: date | None = None,
) -> Dataset:
    """Validate records read from files or typed in a chat, against what the database holds
    (`existing`) and the ids it once had (`removed`: table → id → name)."""
    existing = existing or {}
    dataset = Dataset()
    found = list(read.problems)
    checker = RecordChecker(default_tz, _home_provinces(existing, read.records))
    identities = {
        t: Identities(t, existing.get(t, {}), (removed or {}).get(t, {})) for t in SLUG_TABLES
    }
    today = today or date.today()
    for raw in sorted(read.records, key=lambda r: TABLE_ORDER.index(r.table)):
        found.extend(_add_record(dataset, checker, raw, identities.get(raw.table), today))
    found.extend(attach_figures(dataset, read.figures, existing))
    _infer_topics(dataset, existing, replace)
    _place_free_aliases(dataset, existing)
    found.extend(_check_references(dataset, existing, replace))
    found.extend(check_wording(dataset.records, dataset.rows, existing, replace))
    for problem in found:
        if problem.severity is Severity.WARNING and not strict:
            dataset.warnings.append(problem)
        else:
            dataset.problems.append(problem)
    dataset.problems = sorted_problems(dataset.problems)
    dataset.warnings = sorted_problems(list(dict.fromkeys(dataset.warnings)))
    return dataset


def _home_provinces(existing: Existing, rows: list[RawRecord]) -> frozenset[str]:
    cities = {
        r.get("city")
        for t in ("organizations", "facts", "activities")
        for r in existing.get(t, {}).values()
    }
    cities |= {str(raw.data.get("city") or "") for raw in rows}
    return frozenset(p for p in map(province_of, filter(None, cities)) if p)


def _problem(raw: RawRecord, field_name: str, msg: Msg, /, **values: Any) -> Problem:
    fs = TABLES[raw.table].field(field_name) if raw.table in TABLES else None
    return Problem(
        raw.file,
        raw.field_lines.get(field_name, raw.line),
        field_name,
        msg,
        tuple(values.items()),
        column=raw.column(field_name),
        label=fs.label if fs else "",
    )


def _add_record(
    dataset: Dataset,
    checker: RecordChecker,
    raw: RawRecord,
    ids: Identities | None,
    today: date,
) -> list[Problem]:
    spec = TABLES[raw.table]
    data = dict(raw.data)
    given_source = data.get("source") not in (None, "", {})
    if raw.spreadsheet and not given_source and spec.field("source"):
        data["source"] = default_source(raw.table, raw.file, today)
    record, problems = checker.check(spec, dataclasses.replace(raw, data=data))
    key = str(record.get(spec.key) or "")
    match: Match | None = None
    if ids is not None and not key:
        if not record.get(name_field(raw.table)):
            return problems  # its name is missing: reported already
        found = ids.find(record)
        if isinstance(found, list):
            name = record[name_field(raw.table)]
            ids_text = tuple(found)
            problems.append(
                _problem(raw, name_field(raw.table), Msg.AMBIGUOUS_MATCH, value=name, ids=ids_text)
            )
            return problems
        match = found
        key = found.key if found else ids.new_id(record)
        record["id"] = key
    elif ids is not None:
        problems.extend(_check_given_id(raw, record, key, ids))
    if not key or (raw.table in SLUG_TABLES and not is_valid_id(key)):
        return problems
    given = {str(k) for k, v in raw.data.items() if not raw.spreadsheet or v not in (None, "")}
    known = ids.existing.get(key) if ids is not None else None
    if known is not None:  # an update: what the record has need not be given again
        problems = [
            p
            for p in problems
            if not (p.msg is Msg.REQUIRED and p.field not in given and known.get(p.field))
        ]
    if key in dataset.records[raw.table]:
        first = dataset.origins[(raw.table, key)]
        if match is not None:  # two rows of the files describe one record
            reason = "统一社会信用代码相同" if match.by == "code" else "名称相同"
            problems.append(
                _problem(raw, name_field(raw.table), Msg.DUPLICATE_ROW, first=first, reason=reason)
            )
        else:
            problems.append(_problem(raw, spec.key, Msg.DUPLICATE_ID, value=key, first=first))
        dataset.duplicates.append((raw.table, record, raw))  # its references are checked too
        return problems
    if ids is not None:
        ids.claim(key, record)
    where = (raw.table, key)
    dataset.records[raw.table][key] = record
    dataset.rows[where] = raw
    dataset.origins[where] = f"{raw.file}:{raw.line}"
    if not given_source:
        given.discard("source")
    if match is not None and match.by == "alias":
        given.discard("name")  # the row names its record by an alias
    dataset.present[where] = given | {spec.key}
    dataset.row_sources[where] = record.get("source") or {}
    dataset.matched[where] = match.by if match else ""
    return problems


def _check_given_id(
    raw: RawRecord, record: dict[str, Any], key: str, ids: Identities
) -> list[Problem]:
    problems = []
    name = record.get(name_field(raw.table), "")
    if key in ids.removed and key not in ids.existing and ids.removed[key] != name:
        problems.append(_problem(raw, "id", Msg.ID_REUSED, value=key, name=ids.removed[key]))
    code = record.get("credit_code")
    holder = ids.by_code.get(code) if code else None
    if holder is not None and holder != key:
        holder_name = ids.existing.get(holder, {}).get("name", holder)
        problems.append(
            _problem(
                raw, "credit_code", Msg.CODE_ELSEWHERE, value=code, name=holder_name, id=holder
            )
        )
    return problems


def _infer_topics(dataset: Dataset, existing: Existing, replace: bool) -> None:
    orgs = dataset.records["organizations"]
    if not orgs:
        return
    topics = dict(dataset.records["topics"])
    if not (replace and topics):
        topics = {**existing.get("topics", {}), **topics}
    reader: TopicReader | None = None
    for key, record in orgs.items():
        present = dataset.present[("organizations", key)]
        before = existing.get("organizations", {}).get(key)
        if "topics" in present:
            if "inferred_topics" not in present:  # staff chose these topics themselves
                record["inferred_topics"] = []
                present.add("inferred_topics")
            continue
        if before is not None and not set(before.get("topics", [])) <= set(
            before.get("inferred_topics", [])
        ):
            continue  # curated topics stay
        merged = {**(before or {}), **{k: v for k, v in record.items() if k in present}}
        reader = reader or TopicReader(topics)
        inferred = reader.topics(
            [merged.get("name", ""), merged.get("business_scope", ""), *merged.get("services", [])]
        )
        record["topics"] = record["inferred_topics"] = inferred
        present.update(("topics", "inferred_topics"))


def _place_free_aliases(dataset: Dataset, existing: Existing) -> None:
    """A new organization named with its place (宝鸡市渭滨区夕阳红老年服务中心) given no 简称
    gets the names residents use without the place, as the registry never lists them."""
    known = existing.get("organizations", {})
    for key, record in dataset.records["organizations"].items():
        present = dataset.present[("organizations", key)]
        if key in known or "aliases" in present:
            continue
        record["aliases"] = names_without_place(record["name"], record["city"], record["district"])
        present.add("aliases")


def _check_references(dataset: Dataset, existing: Existing, replace: bool) -> list[Problem]:
    problems: list[Problem] = []

    def known(table: str) -> Mapping[str, Mapping[str, Any]]:
        merged: dict[str, Mapping[str, Any]] = {}
        if not (replace and dataset.records[table]):
            merged.update(existing.get(table, {}))
        merged.update(dataset.records[table])
        return merged

    topics = known("topics")
    orgs = known("organizations")
    names_to_org: dict[str, str] = {}
    for org_id, org in orgs.items():
        for name in [org.get("name"), *org.get("aliases", [])]:
            if name:
                names_to_org.setdefault(str(name), org_id)

    checked = [
        (t, r, dataset.rows[(t, k)])
        for t in _CONTENT_TABLES
        for k, r in dataset.records[t].items()
        if (t, k) in dataset.rows
    ]
    checked += [(t, r, raw) for t, r, raw in dataset.duplicates if t in _CONTENT_TABLES]
    for table, record, raw in checked:
        for topic in record.get("topics", []):
            if topic not in topics:
                problems.append(_problem(raw, "topics", Msg.UNKNOWN_TOPIC, value=topic))
        org_ref = record.get("organization")
        if table == "organizations" or not org_ref:
            continue
        if org_ref not in orgs and org_ref in names_to_org:
            record["organization"] = names_to_org[org_ref]  # spreadsheets may give the name
        elif org_ref not in orgs:
            problems.append(_problem(raw, "organization", Msg.NO_ORGANIZATION, value=org_ref))

    if replace and dataset.records["topics"]:
        # Replacing topics must not leave records that stay with topics that are gone.
        for table in _CONTENT_TABLES:
            staying = existing.get(table, {}) if not dataset.records[table] else {}
            for key, record in staying.items():
                for topic in record.get("topics", []):
                    if topic not in topics:
                        problems.append(
                            Problem(
                                DATABASE,
                                0,
                                f"{table}.{key}",
                                Msg.REPLACE_TOPIC,
                                (("value", topic),),
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
                    problems.append(
                        Problem(
                            DATABASE, 0, f"{table}.{key}", Msg.REPLACE_ORPHANS, (("value", ref),)
                        )
                    )
    return problems
