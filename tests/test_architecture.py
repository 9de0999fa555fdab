"""The package boundaries docs/ARCHITECTURE.md describes, checked on every import statement."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "jobs", "knowledge")

# What each package may import from the project (a prefix match on the module name).
ALLOWED: dict[str, tuple[str, ...]] = {
    "knowledge": (),  # the package itself imports nothing: `orgbot ask` loads only what it needs
    "knowledge.schema": (),
    "knowledge.db": (),
    "knowledge.store": ("knowledge.schema", "knowledge.db"),
    "knowledge.reply": (),
    "knowledge.record_parts": (),
    "knowledge.records": (
        "knowledge.schema",
        "knowledge.reply",
        "knowledge.catalog",
        "knowledge.record_parts",
    ),
    "knowledge.catalog": ("knowledge.records",),
    "knowledge.residents": ("knowledge.db", "knowledge.residents"),
    "knowledge.answering": (
        "knowledge.answering",
        "knowledge.schema",
        "knowledge.store",
        "knowledge.records",
        "knowledge.catalog",
        "knowledge.reply",
        "knowledge.db",
        "knowledge.residents.questions",
    ),
    "knowledge.curation": (
        "knowledge.curation",
        "knowledge.schema",
        "knowledge.store",
        "knowledge.records",
        "knowledge.db",
        "knowledge.answering.cache",
        "knowledge.answering.text",
        "knowledge.residents",
    ),
    "knowledge.opening": ("knowledge",),
    "jobs": ("jobs", "knowledge", "bot.settings"),
    "handlers": ("handlers", "knowledge", "jobs", "bot.services", "bot.settings", "bot.throttle"),
    "bot": ("bot", "handlers", "jobs", "knowledge"),
}
# Handlers parse, call and reply: no database and no matching of their own.
FORBIDDEN_IN_HANDLERS = ("sqlite3", "sqlite_utils", "rapidfuzz", "jieba")


def _modules() -> list[tuple[str, Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found.append((name, path))
    return found


def _imports(path: Path, module: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")[: -node.level or None]
                names.add(".".join([*base, node.module or ""]).strip("."))
            elif node.module:
                names.add(node.module)
    return names


def _rule(module: str) -> tuple[str, ...]:
    best = max((key for key in ALLOWED if module == key or module.startswith(key + ".")), key=len)
    return ALLOWED[best]


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda v: str(v))
def test_each_module_imports_only_what_its_package_may(module: str, path: Path) -> None:
    own = [name for name in _imports(path, module) if name.split(".")[0] in PACKAGES]
    allowed = _rule(module)
    wrong = [
        name
        for name in own
        if not any(name == prefix or name.startswith(prefix + ".") for prefix in allowed)
    ]
    assert not wrong, f"{module} may not import {wrong} (allowed: {allowed})"
    if module.startswith("handlers"):
        used = {name.split(".")[0] for name in _imports(path, module)}
        assert not used & set(FORBIDDEN_IN_HANDLERS), f"{module} does its own SQL or matching"
