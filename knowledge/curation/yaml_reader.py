"""Read a YAML knowledge file into raw records that remember the line of every field.

The loader is PyYAML's safe loader, stricter still: an alias (*name) is refused, so a file
of nested aliases cannot expand into billions of items; tagged sets and the like are
loaded as what they are, and the checker refuses the wrong type with its line.
"""

from __future__ import annotations

from typing import Any

import yaml

from knowledge.curation.encoding import decode
from knowledge.curation.limits import MAX_YAML_DEPTH
from knowledge.curation.messages import CheckError, Msg, Problem
from knowledge.curation.raw import RawRecord, ReadResult
from knowledge.schema import TABLES

_MAP_TAG = "tag:yaml.org,2002:map"


class _AliasRefused(yaml.YAMLError):
    def __init__(self, alias: str, line: int) -> None:
        super().__init__(alias)
        self.alias = alias
        self.line = line


class _TooDeep(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _LineLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases and deep nesting, and records the line of every
    mapping and key. PyYAML composes and constructs a node by recursion: 10,000 nested [
    would end in RecursionError (or, on a small stack, a crash); a limit is met long before."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(str(event.anchor), event.start_mark.line + 1)
        if self.depth >= MAX_YAML_DEPTH:
            raise _TooDeep(self.peek_event().start_mark.line + 1)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        if node.tag == _MAP_TAG:  # not a !!set, which is built from a mapping too
            mapping["__line__"] = node.start_mark.line + 1
            mapping["__lines__"] = {
                key.value: key.start_mark.line + 1
                for key, _ in node.value
                if isinstance(key, yaml.ScalarNode)
            }
        return mapping


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """An impossible date (2026-13-45) stays text, so the checker reports it with its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _strip_marks(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_marks(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_marks(v) for v in value]
    return value


def read_yaml(name: str, raw_bytes: bytes, result: ReadResult) -> None:
    try:
        text = decode(raw_bytes)
    except CheckError as exc:
        line = dict(exc.values).get("line", 1)  # where another encoding begins
        result.problems.append(Problem(name, line, "encoding", exc.msg, exc.values))
        return
    try:
        doc = yaml.load(text, Loader=_LineLoader)
    except _AliasRefused as exc:
        result.problems.append(
            Problem(name, exc.line, "yaml", Msg.YAML_ALIAS, (("alias", exc.alias),))
        )
        return
    except _TooDeep as exc:
        values = (("max", MAX_YAML_DEPTH),)
        result.problems.append(Problem(name, exc.line, "yaml", Msg.YAML_TOO_DEEP, values))
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        reason = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        result.problems.append(Problem(name, line, "yaml", Msg.YAML_INVALID, (("reason", reason),)))
        return
    if doc is None:
        return
    tables = tuple(TABLES)
    if not isinstance(doc, dict) or "__line__" not in doc:
        result.problems.append(Problem(name, 1, "file", Msg.YAML_TOP, (("tables", tables),)))
        return
    lines = doc.get("__lines__", {})
    for table, items in doc.items():
        if table in ("__line__", "__lines__"):
            continue
        where = lines.get(table, 1)
        if table not in TABLES:
            result.problems.append(
                Problem(name, where, str(table), Msg.UNKNOWN_TABLE, (("tables", tables),))
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            result.problems.append(Problem(name, where, table, Msg.NOT_A_LIST))
            continue
        for item in items:
            _add_item(name, table, item, where, result)


def _add_item(name: str, table: str, item: Any, where: int, result: ReadResult) -> None:
    if table == "synonyms" and isinstance(item, list):  # a group of words on its own
        words = [str(w) for w in item]
        data = {"id": words[0] if words else "", "words": words}
        result.records.append(RawRecord(table, data, name, where))
    elif isinstance(item, dict) and "__line__" in item:
        data = _strip_marks(item)
        columns = {str(k): str(k) for k in data}
        result.records.append(
            RawRecord(table, data, name, item["__line__"], item["__lines__"], columns)
        )
    else:
        result.problems.append(Problem(name, where, table, Msg.NOT_A_MAPPING))
