"""How one record's fields are checked and normalized as staff files are read."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from knowledge.curation.creditcode import read_credit_code
from knowledge.curation.limits import MAX_CELL_CHARS
from knowledge.curation.messages import CheckError, Msg, Problem, Severity, TypeName
from knowledge.curation.places import normalize_place
from knowledge.curation.raw import RawRecord
from knowledge.curation.values import (
    clean_name,
    clean_text,
    read_bool,
    read_date,
    read_date_or_range_end,
    read_datetime,
    read_money,
    read_phones,
    read_rating,
)
from knowledge.schema import (
    MAX_ID_LENGTH,
    SLUG_TABLES,
    STATUS_WORDS,
    ActivityStatus,
    FieldSpec,
    FieldType,
    TableSpec,
)

__all__ = ["Problem", "RecordChecker", "is_valid_id", "split_list"]

_SLUG_RE = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}$")
_LIST_SEPARATORS = "、;；,，"
_BRACKETS = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】", "「": "」", "[": "]"}
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL_RE = re.compile(r"^https?://[^\s]+\.[^\s]+$")
_AS_OF_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Fields that name or locate something: a space between two Chinese characters is a slip.
_NAME_LIKE = {"name", "title", "aliases", "city", "district", "street", "organization"}
_STATUS_OF = {
    **{word: status for status, word in STATUS_WORDS.items()},
    **{status.value: status for status in ActivityStatus},
    "取消": ActivityStatus.CANCELLED,
    "已经取消": ActivityStatus.CANCELLED,
    "正常": ActivityStatus.SCHEDULED,
    "安排": ActivityStatus.SCHEDULED,
    "进行中": ActivityStatus.SCHEDULED,
}
_LEGAL_FORM_OF = {
    "民非": "民办非企业单位",
    "民办非企业": "民办非企业单位",
    "社会服务机构": "民办非企业单位",
    "社团": "社会团体",
}
_SCALAR_KINDS = (str, int, float, date, time)


def split_list(value: Any) -> list[str]:
    """A list field from YAML (a list) or a spreadsheet cell: one item per line, or items
    separated by 、；; ,， outside brackets (心理咨询（个体、团体）、养老 is two items)."""
    if value is None or value == "":
        return []
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        with contextlib.suppress(ValueError):  # release 0.1.0's exports wrote JSON lists
            value = json.loads(value)
    if isinstance(value, list | tuple):
        return [clean_text(v) for v in value if v is not None and clean_text(v)]
    text = str(value).strip()
    if "\n" in text:
        return [clean_text(line) for line in text.splitlines() if clean_text(line)]
    items, current, closing = [], [], []
    for char in text:
        if char in _BRACKETS:
            closing.append(_BRACKETS[char])
        elif closing and char == closing[-1]:
            closing.pop()
        elif char in _LIST_SEPARATORS and not closing:
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    items.append("".join(current))
    return [clean_text(item) for item in items if clean_text(item)]


def is_valid_id(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, set | frozenset):
        return "set"
    if isinstance(value, bytes | bytearray):
        return "binary"
    return "scalar"


def _expected_types(kind: FieldType) -> tuple[str, ...]:
    """What a YAML value may be for a field of this kind (the first is named in a problem)."""
    if kind is FieldType.LIST:
        return ("list", "scalar")
    if kind in (FieldType.FIGURES,):
        return ("list", "scalar")
    if kind in (FieldType.SOURCE, FieldType.FIELD_SOURCES):
        return ("mapping", "scalar")
    if kind is FieldType.BOOL:
        return ("bool", "scalar")
    return ("text", "scalar")


class RecordChecker:
    """Checks one raw record of a table and returns it normalized, collecting problems."""

    def __init__(
        self, default_tz: str = "Asia/Shanghai", home_provinces: frozenset[str] = frozenset()
    ) -> None:
        self.default_tz = default_tz
        self.home_provinces = home_provinces

    def check(self, spec: TableSpec, raw: RawRecord) -> tuple[dict[str, Any], list[Problem]]:
        problems: list[Problem] = []
        out: dict[str, Any] = {}
        data = raw.data

        def problem(name: str, err: CheckError | Msg, severity: Severity = Severity.ERROR) -> None:
            msg, values = (err, ()) if isinstance(err, Msg) else (err.msg, err.values)
            fs = spec.field(name)
            problems.append(
                Problem(
                    raw.file,
                    raw.field_lines.get(name, raw.line),
                    name,
                    msg,
                    values,
                    column=raw.column(name),
                    severity=severity,
                    label=fs.label if fs else "",
                )
            )

        known = {f.name for f in spec.fields}
        extra = {"date"} if spec.name == "activities" else set()
        for name in data:
            if name not in known and name not in extra:
                expected = tuple(sorted(known))
                problem(str(name), CheckError(Msg.UNKNOWN_FIELD, expected=expected))

        tz_name = clean_text(data.get("timezone") or self.default_tz)
        try:
            ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            tz_name = self.default_tz  # the bad zone is reported once, on its own field
        day = self._day(data.get("date"), problem) if "date" in extra else None
        # A time read against a date the staff wrote but that could not be read is not a second
        # problem of the row: the date's message says what to mend.
        unread_day = day is None and "date" in extra and data.get("date") not in (None, "")
        for fs in spec.fields:
            value = data.get(fs.name)
            if isinstance(value, str) and not value.strip():
                value = ""
            if value is None or value == "" or value == []:
                # A row without an id gets one from validation (its record's, or a new one).
                if fs.required and not (fs.name == "id" and spec.name in SLUG_TABLES):
                    problem(fs.name, Msg.REQUIRED)
                out[fs.name] = _empty(fs.kind)
                continue
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:  # as a cell can hold
                error = CheckError(Msg.CELL_TOO_LONG, length=len(value), max=MAX_CELL_CHARS)
                problem(fs.name, error)
                out[fs.name] = _empty(fs.kind)
                continue
            got = _type_of(value)
            if fs.kind is FieldType.LIST and got == "list" and not _all_scalars(value):
                got = "nested"
            if got not in _expected_types(fs.kind):
                expected = TypeName(_expected_types(fs.kind)[0])
                problem(fs.name, CheckError(Msg.WRONG_TYPE, expected=expected, got=TypeName(got)))
                out[fs.name] = _empty(fs.kind)
                continue
            try:
                out[fs.name] = self._normalize(fs, value, tz_name, raw.units.get(fs.name, ""), day)
            except CheckError as exc:
                if not (unread_day and fs.name in ("start", "end")):
                    problem(fs.name, exc)
                out[fs.name] = _empty(fs.kind)

        if spec.name in SLUG_TABLES and out.get("id") and not is_valid_id(out["id"]):
            problem("id", CheckError(Msg.BAD_SLUG, value=out["id"], max=MAX_ID_LENGTH))
        if spec.name == "activities":
            start, end = out.get("start"), out.get("end")
            if start and end and end < start:
                problem("end", Msg.ENDS_BEFORE_START)
            out["status"] = out.get("status") or ActivityStatus.SCHEDULED.value
        if "city" in known and (out.get("city") or out.get("district")):
            self._place(out, problem)
        return out, problems

    def _day(self, value: Any, problem: Any) -> date | None:
        if value in (None, ""):
            return None
        try:
            return read_date(value)
        except CheckError as exc:
            problem("date", exc)
            return None

    def _place(self, out: dict[str, Any], problem: Any) -> None:
        place = normalize_place(out["city"], out["district"], self.home_provinces)
        out["city"], out["district"] = place.city, place.district
        if place.ambiguous:
            error = CheckError(Msg.PLACE_AMBIGUOUS, value=place.district, cities=place.ambiguous)
            problem("district", error, Severity.WARNING)
        elif place.mismatch:
            error = CheckError(Msg.PLACE_MISMATCH, district=place.district, city=place.city)
            problem("district", error, Severity.WARNING)

    def _normalize(
        self, fs: FieldSpec, value: Any, tz_name: str, unit: str, day: date | None
    ) -> Any:
        kind = fs.kind
        if kind is FieldType.LIST:
            return split_list(value)
        if kind is FieldType.FIGURES:
            return read_figures(value)
        if kind is FieldType.SOURCE:
            return read_source(value)
        if kind is FieldType.FIELD_SOURCES:
            return read_field_sources(value)
        if kind is FieldType.DATETIME:
            return self._datetime(value, tz_name, day).isoformat()
        if kind is FieldType.DATE:
            reader = read_date_or_range_end if fs.name == "certificate_valid_until" else read_date
            return reader(value).isoformat()
        if kind is FieldType.BOOL:
            return read_bool(value)
        if kind is FieldType.CREDIT_CODE:
            return read_credit_code(value)
        if kind is FieldType.RATING:
            return read_rating(value)
        if kind is FieldType.MONEY:
            return read_money(value, unit)
        if kind is FieldType.PHONE:
            return read_phones(value)
        text = clean_name(value) if fs.name in _NAME_LIKE else clean_text(value)
        if isinstance(value, str) and "\n" in value and fs.name not in _NAME_LIKE:
            text = "\n".join(clean_text(line) for line in value.strip().splitlines())
        if kind is FieldType.TIMEZONE:
            try:
                ZoneInfo(text)
            except (ZoneInfoNotFoundError, ValueError):
                raise CheckError(Msg.UNKNOWN_TZ, value=text) from None
        elif kind is FieldType.EMAIL and not _EMAIL_RE.match(text):
            raise CheckError(Msg.BAD_EMAIL, value=text)
        elif kind is FieldType.URL and not _URL_RE.match(text):
            raise CheckError(Msg.BAD_URL, value=text)
        if fs.name == "status":
            status = _STATUS_OF.get(text)
            if status is None:
                raise CheckError(Msg.BAD_CHOICE, value=text, choices=tuple(STATUS_WORDS.values()))
            return status.value
        if fs.name == "legal_form":
            text = _LEGAL_FORM_OF.get(text, text)
        if fs.choices and text not in fs.choices:
            raise CheckError(Msg.BAD_CHOICE, value=text, choices=fs.choices)
        return text

    def _datetime(self, value: Any, tz_name: str, day: date | None) -> datetime:
        try:
            dt = read_datetime(value, day=day)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=ZoneInfo(tz_name))
            return dt
        except CheckError as exc:
            if exc.msg is Msg.NO_TIME:
                raise
            raise CheckError(Msg.BAD_DATETIME, value=f"{clean_text(value):.40}") from None
        except (ValueError, ZoneInfoNotFoundError):
            raise CheckError(Msg.BAD_DATETIME, value=f"{clean_text(value):.40}") from None


def _all_scalars(items: Any) -> bool:
    return all(isinstance(item, _SCALAR_KINDS) and not isinstance(item, bool) for item in items)


def _empty(kind: FieldType) -> Any:
    if kind in (FieldType.LIST, FieldType.FIGURES):
        return []
    if kind in (FieldType.SOURCE, FieldType.FIELD_SOURCES):
        return {}
    return ""


def read_source(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        document = clean_text(value.get("document") or "")
        quote = str(value.get("quote") or "").strip()
    else:
        # A spreadsheet cell: "document｜quote" or just a free-text document.
        document, _, quote = str(value).strip().partition("｜")
        document, quote = clean_text(document), quote.strip()
    if not document:
        raise CheckError(Msg.NO_SOURCE_DOCUMENT)
    return {"document": document, "quote": quote}


def read_field_sources(value: Any) -> dict[str, dict[str, str]]:
    """{field: source}: from YAML a mapping; from a cell one "字段：来源｜原文" per line."""
    from knowledge.curation.columns import field_for_label

    if isinstance(value, dict):
        items = list(value.items())
    else:
        items = [line.partition("：")[::2] for line in str(value).strip().splitlines()]
    out: dict[str, dict[str, str]] = {}
    for name, source in items:
        key = field_for_label(clean_text(name))
        if not key:
            raise CheckError(Msg.UNKNOWN_FIELD, expected=(clean_text(name),))
        out[key] = read_source(source)
    return out


def read_figures(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise CheckError(Msg.BAD_FIGURES) from None
    if not isinstance(value, list):
        raise CheckError(Msg.BAD_FIGURES)
    figures = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or not item.get("label") or not item.get("text"):
            raise CheckError(Msg.FIGURE_INCOMPLETE, n=n)
        as_of = clean_text(item.get("as_of") or "")
        if as_of and not _AS_OF_RE.match(as_of):
            raise CheckError(Msg.FIGURE_AS_OF, n=n, value=as_of)
        fig: dict[str, Any] = {
            "label": clean_text(item["label"]),
            "text": clean_text(item["text"]),
            "as_of": as_of,
            "quote": str(item.get("quote") or "").strip(),
        }
        if item.get("value") not in (None, ""):
            try:
                fig["value"] = float(clean_text(item["value"]))
            except (TypeError, ValueError):
                raise CheckError(Msg.FIGURE_VALUE, n=n, value=item["value"]) from None
        if item.get("unit"):
            fig["unit"] = clean_text(item["unit"])
        figures.append(fig)
    return figures
