"""Which records hold a figure named without its organization (救援资金有多少, 2万人是哪家
的): read from one knowledge version's figures, as the sources write their labels and
numbers."""

from __future__ import annotations

from knowledge.answering.figure_questions import only_asks_for_it
from knowledge.catalog import Catalog
from knowledge.records import Kind, Organization, Project


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


class FigureHolders:
    """Which records hold a figure, by its label or its number as the sources write them
    ("救援资金", "共治行动", "2万人"): a figure question that names no organization (救援资金有多少)
    finds the one holding it, when only one organization's records do."""

    MIN_CHARS = 3  # 受益, 3个 say too little

    def __init__(self, catalog: Catalog) -> None:
        self._by: dict[str, set[tuple[Kind, str]]] = {}
        for record in (*catalog.organizations.values(), *catalog.projects.values()):
            for figure in record.figures:
                for key in {figure.label, figure.text}:
                    if len(key) >= self.MIN_CHARS:
                        self._by.setdefault(key, set()).add((record.KIND, record.id))
        self._longest = max(map(len, self._by), default=0)

    def holder(self, text: str, catalog: Catalog) -> Organization | Project | None:
        """The record holding the figures the text names (the project, when its organization
        holds them too); None when none, or several organizations', are named."""
        compact = text.replace(" ", "")
        found: set[tuple[Kind, str]] = set()
        keys: list[str] = []
        for size in range(min(self._longest, len(compact)), self.MIN_CHARS - 1, -1):
            for start in range(len(compact) - size + 1):
                hit = self._by.get(compact[start : start + size])
                if hit:
                    found |= hit
                    keys.append(compact[start : start + size])
        if not keys or not only_asks_for_it(_without(compact, keys)):
            return None  # 雁塔区服务群众有多少, 全国救援资金: someone else's
        records = [r for kind, key in sorted(found) if (r := catalog.record(kind, key))]
        held = [r for r in records if isinstance(r, Organization | Project)]
        if not held or len({r.organization_id for r in held}) != 1:
            return None
        projects = [r for r in held if isinstance(r, Project)]
        return projects[0] if len(projects) == 1 else held[0]
