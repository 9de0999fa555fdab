"""Which record a spreadsheet row is: a known one (by 统一社会信用代码, then exact name or
alias), or a new one with an id of its own that no other record has ever had."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from knowledge.schema import MAX_ID_LENGTH

SUFFIX_LENGTHS = (4, 6, 8)  # a longer suffix only if the shorter one is taken too
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def name_field(table: str) -> str:
    return "title" if table == "activities" else "name"


def slug_from_name(name: str) -> str:
    """A readable ASCII id for a record given without one: its name in pinyin."""
    words = [re.sub(r"[^a-z0-9]+", "", p.lower()) for p in _pinyin(name)]
    slug = "-".join(w for w in words if w)
    if len(slug) > MAX_ID_LENGTH:  # cut between syllables, not inside one
        slug = slug[: MAX_ID_LENGTH + 1].rsplit("-", 1)[0]
    return slug.strip("-") or "record"


_PINYIN: dict[str, list[str]] = {}


def _pinyin(name: str) -> list[str]:
    """lazy_pinyin(name), word by word through pypinyin's own segmenter, each word converted
    once per process: the same syllables, eleven times faster on a registry of 10,000 names
    (they share 宝鸡市, 渭滨区, 服务中心 …)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.seg.mmseg import seg

    out: list[str] = []
    for word in seg.cut(name):
        syllables = _PINYIN.get(word)
        if syllables is None:  # errors="default" keeps digits and letters as they are
            syllables = _PINYIN[word] = lazy_pinyin(word, style=Style.NORMAL, errors="default")
        out.extend(syllables)
    return out


def stable_suffix(seed: str, length: int) -> str:
    """A short suffix that is always the same for the same seed (code or full name)."""
    number = int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=8).digest(), "big")
    chars = []
    for _ in range(length):
        number, digit = divmod(number, 36)
        chars.append(_ALPHABET[digit])
    return "".join(chars)


@dataclass
class Match:
    key: str
    by: str  # "code" | "name" | "alias" | "" (a new record)


@dataclass
class Identities:
    """What ids and names a table already has: the database's, then each row's as it is read."""

    table: str
    existing: Mapping[str, Mapping[str, Any]]
    removed: Mapping[str, str] = field(default_factory=dict)  # removed id → its name then
    claimed: set[str] = field(default_factory=set)  # ids the files' rows hold
    by_code: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_alias: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for key, record in self.existing.items():
            self._remember(key, record)

    def _remember(self, key: str, record: Mapping[str, Any]) -> None:
        code = record.get("credit_code")
        if code:
            self.by_code.setdefault(code, key)
        name = record.get(name_field(self.table))
        if name and key not in self.by_name[name]:
            self.by_name[name].append(key)
        for alias in record.get("aliases", []) or []:
            if key not in self.by_alias[alias]:
                self.by_alias[alias].append(key)

    def find(self, record: Mapping[str, Any]) -> Match | list[str] | None:
        """The known record a row without an id describes; a list when its name fits several."""
        code = record.get("credit_code")
        if code and code in self.by_code:
            return Match(self.by_code[code], "code")
        name = record.get(name_field(self.table))
        if not name:
            return None
        named = self.by_name.get(name, [])
        if len(named) == 1:
            return Match(named[0], "name")
        if len(named) > 1:
            return named
        aliased = self.by_alias.get(name, [])
        if len(aliased) == 1:
            return Match(aliased[0], "alias")
        return aliased or None

    def new_id(self, record: Mapping[str, Any]) -> str:
        """An id no record has or had: the name's pinyin, with a stable suffix if taken."""
        name = str(record.get(name_field(self.table)) or "")
        slug = slug_from_name(name)
        if self._free(slug, name):
            return slug
        seed = record.get("credit_code") or name
        for length in SUFFIX_LENGTHS:
            candidate = (
                f"{slug[: MAX_ID_LENGTH - length - 1].rstrip('-')}-{stable_suffix(seed, length)}"
            )
            if self._free(candidate, name):
                return candidate
        n = 2  # only after three suffixes collide (never seen): count on
        while not self._free(f"{slug[: MAX_ID_LENGTH - 8]}-{n}", name):
            n += 1
        return f"{slug[: MAX_ID_LENGTH - 8]}-{n}"

    def _free(self, key: str, name: str) -> bool:
        if key in self.claimed or key in self.existing:
            return False
        # A removed record's id comes back only to the same record (restored by name).
        return key not in self.removed or self.removed[key] == name

    def claim(self, key: str, record: Mapping[str, Any]) -> None:
        """A row of the files now holds `key`: later rows must not take it or its names."""
        self.claimed.add(key)
        self._remember(key, record)
