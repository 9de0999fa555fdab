"""What the knowledge base holds and how residents use it, counted for `orgbot kb stats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from knowledge.residents.store import ResidentsStore
from knowledge.schema import TABLE_ORDER
from knowledge.store import KnowledgeStore

TOPIC_TABLES = ("organizations", "projects", "activities")


@dataclass(frozen=True)
class KnowledgeStats:
    records: dict[str, int]  # table → count
    districts: list[tuple[str, int]]  # organizations by city and district, most first
    topics: list[tuple[str, int]]  # records by topic, most first
    asked: int
    unanswered: int

    def lines(self) -> list[str]:
        out = ["records:", *(f"  {table}: {n}" for table, n in self.records.items())]
        out.append("organizations by district:")
        out.extend(f"  {name}: {n}" for name, n in self.districts)
        out.append("records by topic:")
        out.extend(f"  {name}: {n}" for name, n in self.topics)
        if self.asked:
            out.append(f"questions asked: {self.asked}, unanswered: {self.unanswered}")
        return out


def knowledge_stats(knowledge: KnowledgeStore, residents: ResidentsStore) -> KnowledgeStats:
    orgs = knowledge.records("organizations").values()
    by_district = Counter(f"{o['city']}{o['district']}" or "(未注明)" for o in orgs)
    by_topic: Counter[str] = Counter()
    for table in TOPIC_TABLES:
        for record in knowledge.records(table).values():
            by_topic.update(record.get("topics", []))
    asked, unanswered = residents.question_counts()
    return KnowledgeStats(
        {table: knowledge.count(table) for table in TABLE_ORDER},
        by_district.most_common(),
        by_topic.most_common(),
        asked,
        unanswered,
    )


def inferred_topic_lines(knowledge: KnowledgeStore) -> list[str]:
    """Organizations whose topics an import inferred from 业务范围 and 名称, for review: to
    confirm or correct them, import a 主题 column for those rows."""
    orgs = [o for o in knowledge.records("organizations").values() if o.get("inferred_topics")]
    by_topic = Counter(t for o in orgs for t in o["inferred_topics"])
    out = [f"推断主题的组织：{len(orgs)}（请核对；在「主题」一列写明即为确认）"]
    out.extend(f"  {topic}: {n}" for topic, n in by_topic.most_common())
    out.extend(
        f"{o['id']}  {o['name']}：{'、'.join(o['inferred_topics'])}"
        for o in sorted(orgs, key=lambda o: o["id"])
    )
    return out
