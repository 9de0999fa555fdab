"""What matching found: the documents scored best first (`Scored`), the question as read and
the decision (`Match`), and which results are one answer rather than several."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.answering.gate import Decision
from knowledge.answering.index import Doc

BLANKED = "〇"  # a name mentioned, in Match.besides


@dataclass
class Scored:
    doc: Doc
    score: float
    coverage: float


@dataclass
class Match:
    query: str
    normalized: str
    intent: str
    results: list[Scored] = field(default_factory=list)
    decision: Decision = Decision.UNKNOWN
    places: list[tuple[str, str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    english: bool = False  # asked (partly) in English
    named: bool = False  # it names a record (an organization's or project's name or alias)
    reworded: bool = False  # residents' words (dialect, English …) were read in standard ones
    # the question with the records' names it mentions blanked (BLANKED; named_asks.py), and
    # the same in the resident's own words (管不管 before 管 is read as 照顾)
    besides: str = ""
    besides_plain: str = ""

    @property
    def top(self) -> Scored | None:
        return self.results[0] if self.results else None


def same_scored_family(a: Scored, b: Scored) -> bool:
    """Whether two results are one answer (the gate offers no choice between them)."""
    return _same_family(a.doc, b.doc)


def _same_family(a: Doc, b: Doc) -> bool:
    """A project and its organization are one answer, not two choices."""
    org_a = a.id if a.kind == "organization" else a.organization
    org_b = b.id if b.kind == "organization" else b.organization
    return bool(org_a) and org_a == org_b
