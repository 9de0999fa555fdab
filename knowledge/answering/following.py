"""What a resident can follow (/subscribe): the topics, districts and organizations the
knowledge base actually has, and organizations found by a typed name.

Targets are what the notices' planner matches an activity against (jobs/planner.py): a topic's
name, a district's name as records give it (未央区, not 西安市未央区), an organization's id.
"""

from __future__ import annotations

from knowledge.answering.answer import Answerer
from knowledge.catalog import Catalog

NAME_RESULTS = 8  # organizations offered for one typed name


def topics(catalog: Catalog) -> list[str]:
    """The topics some organization or activity has, in the order staff keep them."""
    used = {t for o in catalog.organizations.values() for t in o.topics}
    used.update(t for a in catalog.activities.values() for t in a.topics)
    return [t for t in catalog.topics if t in used]


def districts(catalog: Catalog) -> list[str]:
    """The districts organizations and activities name, sorted."""
    found = {o.district for o in catalog.organizations.values()}
    found.update(a.district for a in catalog.activities.values())
    found.discard("")
    return sorted(found)


def organizations_of(catalog: Catalog, topic: str) -> list[tuple[str, str]]:
    """(id, name) of the organizations with this topic, by name."""
    found = [(o.id, o.name) for o in catalog.organizations.values() if topic in o.topics]
    return sorted(found, key=lambda pair: pair[1])


def organizations_named(answerer: Answerer, text: str) -> list[tuple[str, str]]:
    """(id, name) of the organizations a typed name may mean, best first (the matcher's
    spelling and alias tolerance included; nothing is logged as a question)."""
    if not text.strip():
        return []
    organizations = answerer.catalog.organizations
    found = answerer.search_organizations(text, limit=NAME_RESULTS)
    return [(org, organizations[org].name) for org in found if org in organizations]
