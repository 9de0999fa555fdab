"""One version of the curated knowledge as typed records, with what replies look up in it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from knowledge.records import (
    Activity,
    Fact,
    Kind,
    Organization,
    Project,
    Record,
    Stored,
    StoredRecords,
)


@dataclass(frozen=True)
class Catalog:
    """One version of the curated knowledge, typed: what replies and cards are made from."""

    organizations: Mapping[str, Organization]
    projects: Mapping[str, Project]
    facts: Mapping[str, Fact]
    activities: Mapping[str, Activity]
    topics: tuple[str, ...]  # topic names, in the order staff keep them
    citations: Mapping[str, str]  # `sources` id → how a reply names it
    _projects_of: Mapping[str, tuple[Project, ...]]

    @classmethod
    def from_records(cls, records: StoredRecords) -> Catalog:
        """The typed view of records as `KnowledgeStore.all_records()` returns them."""

        def rows(table: str) -> Mapping[str, Stored]:
            return records.get(table, {})

        projects = {key: Project.from_stored(row) for key, row in rows(Project.TABLE).items()}
        projects_of: dict[str, list[Project]] = {}
        for project in projects.values():
            projects_of.setdefault(project.organization, []).append(project)
        organizations = rows(Organization.TABLE)
        return cls(
            organizations={k: Organization.from_stored(r) for k, r in organizations.items()},
            projects=projects,
            facts={key: Fact.from_stored(row) for key, row in rows(Fact.TABLE).items()},
            activities={k: Activity.from_stored(r) for k, r in rows(Activity.TABLE).items()},
            topics=tuple(rows("topics")),
            citations={
                key: source.get("short") or source.get("title") or ""
                for key, source in rows("sources").items()
            },
            _projects_of={org: tuple(found) for org, found in projects_of.items()},
        )

    def table(self, kind: Kind) -> Mapping[str, Record]:
        tables: dict[Kind, Mapping[str, Record]] = {
            Kind.ORGANIZATION: self.organizations,
            Kind.PROJECT: self.projects,
            Kind.FACT: self.facts,
            Kind.ACTIVITY: self.activities,
        }
        return tables[kind]

    def record(self, kind: Kind | str, key: str) -> Record | None:
        return self.table(Kind(kind)).get(key)

    def organization_of(self, record: Record) -> Organization | None:
        """The organization a record is about or belongs to (an organization's is itself)."""
        return self.organizations.get(record.organization_id)

    def projects_of(self, organization_id: str) -> tuple[Project, ...]:
        return self._projects_of.get(organization_id, ())

    def cite(self, record: Record, shown: Iterable[str]) -> str:
        """The source line under a reply showing the fields `shown` of `record` (those it
        leaves empty are not shown), e.g. 来源：宝鸡市民政局2021年度社会组织典型事例；民政局登记信息.

        Each shown field is cited as its own source: a phone the registry added as the
        registry, the article's summary as the article. The record's own source comes first,
        and alone when the reply shows none of its fields."""
        sources = [record.source_of(name) for name in shown if getattr(record, name, None)]
        sources.sort(key=lambda source: source != record.source)  # stable: the others in order
        documents = [source.document for source in sources or [record.source]]
        names = dict.fromkeys(self.citations.get(document, document) for document in documents)
        return "来源：" + "；".join(names)

    def cite_all(self, records: Iterable[Record], shown: Iterable[str] = ()) -> str:
        """One source line under a reply about several records: each source once, in the
        order the records give them."""
        fields = list(shown)
        names = dict.fromkeys(
            name
            for record in records
            for name in self.cite(record, fields).removeprefix("来源：").split("；")
        )
        return "来源：" + "；".join(names)
