"""Values as staff really write them in Excel: dates, times, phones, yes/no, grades, codes.

Each reader returns the value in the one form the store keeps, or raises CheckError naming
what it could not read. Excel hands over numbers, datetimes and serial numbers as well as
text; full-width digits (１２３) and stray spaces are everywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from knowledge.curation.messages import CheckError, Msg

# Full-width digits and letters (１２３, ＡＢＣ) → half-width; full-width punctuation (，：)
# is Chinese text and stays, except inside numbers, dates and times (_NUMERIC).
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_HALF_WIDTH |= {code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)}
_HALF_WIDTH |= {code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)}
_NUMERIC = str.maketrans(
    {"－": "-", "：": ":", "．": ".", "／": "/", "＋": "+", "（": "(", "）": ")"}
)
_SPACES_RE = re.compile(r"[\s\u3000\xa0]+")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug kept)
_SERIAL_RANGE = (20000, 80000)  # 1954 … 2119: a number outside is not a date someone meant


def half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def clean_text(value: Any) -> str:
    """A cell as text: half-width digits and letters, single spaces, no spaces at the ends."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores every number as a float: 13912345678.0
    return _SPACES_RE.sub(" ", half_width(str(value))).strip()


def clean_number(value: Any) -> str:
    """A date, time, phone or code: clean_text, and its full-width － ： ． ／ ＋ （） as ASCII."""
    return clean_text(value).translate(_NUMERIC)


def clean_name(value: Any) -> str:
    """A name, place or code: as clean_text, and no space between two Chinese characters
    (宝鸡 明明心理 is 宝鸡明明心理)."""
    return _CJK_GAP_RE.sub("", clean_text(value))


# --- dates and times -----------------------------------------------------------------------

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.年]\s*)(?P<m>\d{1,2})\s*(?:[-/.月]\s*)(?P<d>\d{1,2})\s*[日号]?"
)
_COMPACT_DATE_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_CLOCK_RE = re.compile(r"^(?P<h>\d{1,2})\s*:\s*(?P<mi>\d{2})(?:\s*:\s*(?P<s>\d{2})(?:\.\d+)?)?$")
_SPOKEN_RE = re.compile(
    r"^(?P<part>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚)?\s*(?P<h>\d{1,2})\s*[点时]"
    r"\s*(?:(?P<half>半)|(?P<mi>\d{1,2})\s*分?)?$"
)
_AFTERNOON = ("下午", "傍晚", "晚上", "晚")
_DATE_RANGE_SPLIT_RE = re.compile(r"\s*(?:至|到|~|～|—|–|\s-\s)\s*")


def excel_serial_date(number: float) -> date:
    return EXCEL_EPOCH + timedelta(days=int(number))


def _is_serial(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return _SERIAL_RANGE[0] <= value < _SERIAL_RANGE[1]


def read_date(value: Any) -> date:
    """A calendar date from 2026-12-05, 2026/12/5, 2026.12.5, 2026年12月5日, 20261205, an
    Excel serial number (46361) or a spreadsheet date; a time of day after it is ignored."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_serial(value):
        return excel_serial_date(value)
    text = clean_number(value)
    if re.fullmatch(r"\d{5}(\.\d+)?", text) and _is_serial(float(text)):
        return excel_serial_date(float(text))
    found = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if found:
        try:
            return date(int(found["y"]), int(found["m"]), int(found["d"]))
        except ValueError:
            pass
    raise CheckError(Msg.BAD_DATE, value=text)


def read_date_or_range_end(value: Any) -> date:
    """A date, or the last date of a range (证书有效期 2021-03-05至2026-03-04)."""
    if isinstance(value, str):
        parts = [p for p in _DATE_RANGE_SPLIT_RE.split(clean_number(value)) if p]
        if len(parts) == 2:
            return read_date(parts[1])
    return read_date(value)


def read_time(value: Any) -> time:
    """A time of day from 9:30, 09:30:00, 9点半, 上午9点半, 下午3点15分, 9时30分, an Excel time
    (a fraction of a day) or a spreadsheet time."""
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    text = clean_number(value)
    found = _CLOCK_RE.match(text)
    if found:
        hour, minute = int(found["h"]), int(found["mi"])
    else:
        found = _SPOKEN_RE.match(text)
        if not found:
            raise CheckError(Msg.BAD_DATETIME, value=text)
        hour = int(found["h"])
        minute = 30 if found["half"] else int(found["mi"] or 0)
        if (found["part"] in _AFTERNOON and hour < 12) or (found["part"] == "中午" and hour < 6):
            hour += 12
    if hour > 23 or minute > 59:
        raise CheckError(Msg.BAD_DATETIME, value=text)
    return time(hour, minute)


def read_datetime(value: Any, *, day: date | None = None) -> datetime:
    """A naive date and time: ISO text, 2026/12/5 9:30, 2026年12月5日 上午9点半, an Excel serial
    with its fraction (46361.395833), a spreadsheet datetime; or only a time on `day`."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        raise CheckError(Msg.NO_TIME, value=value.isoformat())
    if isinstance(value, time) or (isinstance(value, float) and 0 <= value < 1):
        if day is None:
            raise CheckError(Msg.BAD_DATETIME, value=clean_text(value))
        return datetime.combine(day, read_time(value))
    if _is_serial(value):
        whole = excel_serial_date(value)
        fraction = float(value) - int(value)
        if fraction == 0:
            raise CheckError(Msg.NO_TIME, value=whole.isoformat())
        return datetime.combine(whole, read_time(fraction))
    text = clean_number(value)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        if ":" not in text:  # 2026-12-05 alone reads as midnight: a time nobody gave
            raise CheckError(Msg.NO_TIME, value=text)
        return parsed
    found = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if not found:
        if day is not None:
            return datetime.combine(day, read_time(text))
        raise CheckError(Msg.BAD_DATETIME, value=text)
    try:
        the_day = date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        raise CheckError(Msg.BAD_DATETIME, value=text) from None
    rest = text[found.end() :].strip().lstrip("T").strip()
    if not rest:
        raise CheckError(Msg.NO_TIME, value=text)
    try:
        return datetime.combine(the_day, read_time(rest))
    except CheckError:
        raise CheckError(Msg.BAD_DATETIME, value=text) from None


# --- phones, yes/no, grades, money -----------------------------------------------------------

_MOBILE = r"1[3-9]\d{9}"
_LANDLINE = r"(?:\(?0\d{2,3}\)?[- ]?)?[2-9]\d{6,7}(?:-\d{1,6})?"
_SERVICE = r"[48]00-?\d{3}-?\d{4}"
_PHONE_RE = re.compile(rf"^(?:\+?86[- ]?)?(?:{_MOBILE}|{_SERVICE}|{_LANDLINE})$")
_PHONE_SPLIT_RE = re.compile(r"\s*[、;；,，/]\s*|\s+或\s*")
_EXTENSION_RE = re.compile(r"^(?P<main>.+?)\s*(?:转|分机|ext\.?|x)\s*(?P<ext>\d{1,6})$", re.I)


def _one_phone(text: str) -> str | None:
    """One number (with an extension: 0917-3261234转801) in its stored form, or None."""
    found = _EXTENSION_RE.match(text)
    main, ext = (found["main"], found["ext"]) if found else (text, "")
    if not _PHONE_RE.match(main.replace(" ", "")):
        return None
    return main + (f"转{ext}" if ext else "")


def read_phones(value: Any) -> str:
    """One or several phone numbers (、，；/ or spaces between them), joined with 、."""
    text = clean_number(value)
    numbers: list[str] = []
    for part in (p for p in _PHONE_SPLIT_RE.split(text) if p):
        one = _one_phone(part)
        if one is None and " " in part:  # "0917-3261234 13912345678": two numbers
            pieces = [_one_phone(p) for p in part.split()]
            if all(pieces):
                numbers.extend(p for p in pieces if p)
                continue
        if one is None:
            raise CheckError(Msg.BAD_PHONE, value=part)
        numbers.append(one)
    return "、".join(numbers)


_YES = {"是", "y", "yes", "true", "1", "√", "✓", "已认定", "认定", "有"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "未认定", "不是", "无"}


def read_bool(value: Any) -> str:
    """是 or 否, from 是/否, Y/N, yes/no, TRUE/FALSE, 1/0, √/×, 已认定/未认定."""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = clean_text(value).lower()
    if text in _YES:
        return "是"
    if text in _NO:
        return "否"
    raise CheckError(Msg.BAD_BOOL, value=clean_text(value))


_RATING_RE = re.compile(r"^(?:([1-5])\s*A|(A{1,5}))\s*级?$", re.I)
_CHINESE_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}
NOT_RATED = "未评估"


def read_rating(value: Any) -> str:
    """An assessment grade as 1A … 5A (from 5A, AAAAA, 5A级, 五A), or 未评估."""
    text = clean_text(value)
    if text in (NOT_RATED, "未参加评估", "未评", "无"):
        return NOT_RATED
    text = "".join(_CHINESE_DIGITS.get(c, c) for c in text)
    found = _RATING_RE.match(text)
    if not found:
        raise CheckError(Msg.BAD_RATING, value=clean_text(value))
    return f"{found[1] or len(found[2])}A"


_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")


def read_money(value: Any, unit: str = "") -> str:
    """Registered capital as written; a bare number gets the unit its header names
    (注册资金（万元） with 3 → 3万元), never a guessed one."""
    text = clean_text(value)
    if unit and _NUMBER_RE.match(text):
        return text + unit
    return text
