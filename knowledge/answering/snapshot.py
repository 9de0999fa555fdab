"""One version of the knowledge, ready to answer from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from knowledge.answering.browse import Browser
from knowledge.answering.compose import Composer
from knowledge.answering.figure_holders import FigureHolders
from knowledge.answering.index import Index
from knowledge.answering.lists import Lister
from knowledge.answering.matcher import Matcher
from knowledge.answering.scope import Scope
from knowledge.catalog import Catalog
from knowledge.store import Records


@dataclass(frozen=True)
class Snapshot:
    """One version of the knowledge, ready to answer from; replaced whole when staff change it,
    so a reply is never composed from one version's index and another's records."""

    index: Index
    matcher: Matcher
    catalog: Catalog
    composer: Composer
    browser: Browser
    scope: Scope
    lister: Lister
    holders: FigureHolders  # who holds a figure named without its organization

    @classmethod
    def build(cls, index: Index, records: Records, tz: tzinfo) -> Snapshot:
        catalog = Catalog.from_records(records)
        composer, browser = Composer(catalog, tz), Browser(catalog, tz)
        scope = Scope.from_catalog(catalog, records, index.char_pinyin, index.segmenter.everyday)
        lister = Lister(catalog, records.get("divisions", {}))
        holders = FigureHolders(catalog)
        return cls(index, Matcher(index), catalog, composer, browser, scope, lister, holders)

    @property
    def version(self) -> str:
        return self.index.version
