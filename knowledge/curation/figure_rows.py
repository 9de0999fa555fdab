"""Figure rows (a 数据 sheet: table, record, label, text…) joined to the records they name."""

from __future__ import annotations

from typing import Any

from knowledge.curation.checks import read_figures
from knowledge.curation.dataset import Dataset, Existing, Key
from knowledge.curation.messages import CheckError, Msg, Problem
from knowledge.curation.raw import RawRecord

FIGURE_OWNERS = {"组织": "organizations", "项目": "projects"}


def attach_figures(dataset: Dataset, rows: list[RawRecord], existing: Existing) -> list[Problem]:
    """Figure rows (a 数据 sheet) become the figures of the records they name."""
    problems: list[Problem] = []
    grouped: dict[Key, list[dict[str, Any]]] = {}
    for raw in rows:
        owner_table = FIGURE_OWNERS.get(
            str(raw.data.get("table", "")).strip(), str(raw.data.get("table", "")).strip()
        )
        if owner_table not in FIGURE_OWNERS.values():
            problems.append(_figure_problem(raw, "table", Msg.BAD_FIGURE_TABLE, value=owner_table))
            continue
        owner = _figure_owner(
            dataset, existing, owner_table, str(raw.data.get("record", "")).strip()
        )
        if owner is None:
            table_label = "组织" if owner_table == "organizations" else "项目"
            problems.append(
                _figure_problem(
                    raw,
                    "record",
                    Msg.NO_FIGURE_OWNER,
                    table=table_label,
                    value=raw.data.get("record", ""),
                )
            )
            continue
        try:
            [figure] = read_figures([raw.data])
        except CheckError as exc:
            problems.append(_figure_problem(raw, "label", exc.msg, **dict(exc.values)))
            continue
        grouped.setdefault((owner_table, owner), []).append(figure)
        if owner not in dataset.records[owner_table]:
            record = dict(existing[owner_table][owner])
            dataset.records[owner_table][owner] = record
            dataset.origins[(owner_table, owner)] = f"{raw.file}:{raw.line}"
            dataset.present[(owner_table, owner)] = {"id"}
            dataset.row_sources[(owner_table, owner)] = record.get("source") or {}
            dataset.matched[(owner_table, owner)] = ""
    for (table, key), figures in grouped.items():
        dataset.records[table][key]["figures"] = figures
        dataset.present[(table, key)].add("figures")
    return problems


def _figure_problem(raw: RawRecord, name: str, msg: Msg, /, **values: Any) -> Problem:
    return Problem(
        raw.file, raw.line, name, msg, tuple(values.items()), column=raw.columns.get(name, "")
    )


def _figure_owner(dataset: Dataset, existing: Existing, table: str, ref: str) -> str | None:
    for records in (dataset.records[table], existing.get(table, {})):
        if ref in records:
            return ref
        named = [k for k, r in records.items() if r.get("name") == ref]
        if len(named) == 1:
            return named[0]
    return None
