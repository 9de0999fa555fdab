"""How one record's fields are checked and normalized as staff files are read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from knowledge.schema import MAX_ID_LENGTH, SLUG_TABLES, FieldSpec, FieldType, TableSpec

_SLUG_RE = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}$")
_LIST_SPLIT_RE = re.compile(r"\s*[、;；,，\n]\s*")
_MOBILE = r"1[3-9]\d{9}"
_LANDLINE = r"(?:\(?0\d{2,3}\)?[- ]?)?[2-9]\d{6,7}(?:-\d{1,6})?"
_SERVICE = r"[48]00-?\d{3}-?\d{4}"
_PHONE_RE = re.compile(rf"^(?:\+?86[- ]?)?(?:{_MOBILE}|{_SERVICE}|{_LANDLINE})$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL_RE = re.compile(r"^https?://[^\s]+\.[^\s]+$")
_AS_OF_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def split_list(value: Any) -> list[str]:
    """A list field from YAML (a list) or a spreadsheet cell ("a、b；c", or a JSON array)."""
    if value is None or value == "":
        return []
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        import contextlib
        import json

        with contextlib.suppress(ValueError):
            value = json.loads(value)
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [part for part in _LIST_SPLIT_RE.split(str(value).strip()) if part]


def split_phones(value: str) -> list[str]:
    return [p for p in re.split(r"\s*[、;；,，/]\s*", value.strip()) if p]


def parse_datetime(value: Any, tz_name: str) -> datetime:
    """An aware datetime from ISO text or a YAML/Excel datetime; naive means `tz_name`."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip().replace("/", "-")
        dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(tz_name))
    return dt


def is_valid_id(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


class RecordChecker:
    """Checks one raw record of a table and returns it normalized, collecting problems."""

    def __init__(self, default_tz: str = "Asia/Shanghai") -> None:
        self.default_tz = default_tz

    def check(
        self,
        spec: TableSpec,
        raw: dict[str, Any],
        where: tuple[str, int],
        field_lines: dict[str, int],
    ) -> tuple[dict[str, Any], list[Problem]]:
        file, line = where
        problems: list[Problem] = []
        out: dict[str, Any] = {}

        def problem(field_name: str, message: str) -> None:
            problems.append(Problem(file, field_lines.get(field_name, line), field_name, message))

        known = {f.name for f in spec.fields}
        for name in raw:
            if name not in known:
                problem(str(name), f"unknown field (expected one of: {', '.join(sorted(known))})")

        tz_name = str(raw.get("timezone") or self.default_tz)
        try:
            ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            tz_name = self.default_tz  # the bad zone is reported once, on its own field
        for fs in spec.fields:
            value = raw.get(fs.name)
            empty = value is None or value == "" or value == []
            if empty:
                if fs.required:
                    problem(fs.name, "missing (required)")
                out[fs.name] = _empty(fs.kind)
                continue
            try:
                out[fs.name] = self._normalize(fs, value, tz_name)
            except ValueError as exc:
                problem(fs.name, str(exc))
                out[fs.name] = _empty(fs.kind)

        if spec.name in SLUG_TABLES and out.get("id") and not is_valid_id(out["id"]):
            problem(
                "id",
                f"{out['id']!r} is not an ASCII slug of at most {MAX_ID_LENGTH} characters (a-z, 0-9 and '-')",
            )
        if spec.name == "activities":
            start, end = out.get("start"), out.get("end")
            if start and end and end < start:
                problem("end", "ends before it starts")
            out["status"] = out.get("status") or "scheduled"
        return out, problems

    def _normalize(self, fs: FieldSpec, value: Any, tz_name: str) -> Any:
        kind = fs.kind
        if kind is FieldType.LIST:
            return split_list(value)
        if kind is FieldType.FIGURES:
            return _figures(value)
        if kind is FieldType.SOURCE:
            return _source(value)
        if kind is FieldType.DATETIME:
            try:
                return parse_datetime(value, tz_name).isoformat()
            except (ValueError, ZoneInfoNotFoundError):
                raise ValueError(
                    f"bad date/time {value!s:.40}: use e.g. 2026-12-05T09:30:00+08:00"
                ) from None
        if isinstance(value, datetime | date) and kind is FieldType.DATE:
            return value.strftime("%Y-%m-%d")
        text = str(value).strip()
        if kind is FieldType.TIMEZONE:
            try:
                ZoneInfo(text)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {text!r} (use e.g. Asia/Shanghai)") from None
        elif kind is FieldType.PHONE:
            bad = [p for p in split_phones(text) if not _PHONE_RE.match(p.replace(" ", ""))]
            if bad:
                raise ValueError(f"malformed phone number {bad[0]!r}")
        elif kind is FieldType.EMAIL and not _EMAIL_RE.match(text):
            raise ValueError(f"malformed email address {text!r}")
        elif kind is FieldType.URL and not _URL_RE.match(text):
            raise ValueError(
                f"malformed web address {text!r} (must start with http:// or https://)"
            )
        elif kind is FieldType.DATE:
            try:
                date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"bad date {text!r} (use YYYY-MM-DD)") from None
        if fs.choices and text not in fs.choices:
            raise ValueError(f"{text!r} is not one of: {' / '.join(fs.choices)}")
        return text


def _empty(kind: FieldType) -> Any:
    if kind in (FieldType.LIST, FieldType.FIGURES):
        return []
    if kind is FieldType.SOURCE:
        return {}
    return ""


def _source(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        document = str(value.get("document") or "").strip()
        quote = str(value.get("quote") or "").strip()
    else:
        # A spreadsheet cell: "document｜quote" or just a free-text document.
        document, _, quote = str(value).strip().partition("｜")
        document, quote = document.strip(), quote.strip()
    if not document:
        raise ValueError("source needs a document (which article or who verified it)")
    return {"document": document, "quote": quote}


def _figures(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        import json

        try:
            value = json.loads(value)
        except ValueError:
            raise ValueError("figures must be a list of {label, text, as_of, quote}") from None
    if not isinstance(value, list):
        raise ValueError("figures must be a list of {label, text, as_of, quote}")
    figures = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict) or not item.get("label") or not item.get("text"):
            raise ValueError(f"figure #{i} needs a label and a text")
        as_of = str(item.get("as_of") or "").strip()
        if as_of and not _AS_OF_RE.match(as_of):
            raise ValueError(f"figure #{i}: bad as_of {as_of!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        fig: dict[str, Any] = {
            "label": str(item["label"]).strip(),
            "text": str(item["text"]).strip(),
            "as_of": as_of,
            "quote": str(item.get("quote") or "").strip(),
        }
        if item.get("value") not in (None, ""):
            try:
                fig["value"] = float(item["value"])
            except (TypeError, ValueError):
                raise ValueError(f"figure #{i}: value {item['value']!r} is not a number") from None
        if item.get("unit"):
            fig["unit"] = str(item["unit"]).strip()
        figures.append(fig)
    return figures
