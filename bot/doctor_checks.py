"""One line of `orgbot doctor`: what was checked, what was found, how to fix a problem."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OK = "OK"
    PROBLEM = "问题/PROBLEM"


@dataclass(frozen=True)
class Check:
    """One thing checked: what, what was found, and for a problem how to fix it."""

    status: Status
    what: str
    found: str
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def line(self) -> str:
        fix = f" → {self.fix}" if self.fix else ""
        return f"{self.status} {self.what}: {self.found}{fix}"


def ok(what: str, found: str) -> Check:
    return Check(Status.OK, what, found)


def problem(what: str, found: str, fix: str) -> Check:
    return Check(Status.PROBLEM, what, found, fix)
