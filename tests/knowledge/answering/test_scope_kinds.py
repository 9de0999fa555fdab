"""`AnyOf` finds a pattern exactly where one of its branches, searched alone, would: the
joined plain branches, the cores searched first (guards) and the characters a pattern must
start with (firsts) change the speed, never the outcome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.answering import scope_asks, scope_unrecorded, urgent_words
from knowledge.answering.scope_kinds import (
    AnyOf,
    _branches,
    _compiled_core,
    _first_characters,
    any_of,
)
from knowledge.answering.scope_rules import RULES
from tests.knowledge.answering.chat import cases

TABLES: list[AnyOf] = [
    *(rule.asks for rule in RULES),
    *(
        value
        for module in (urgent_words, scope_asks, scope_unrecorded)
        for value in vars(module).values()
        if isinstance(value, AnyOf)
    ),
]


def _texts() -> list[str]:
    """Residents' questions, lower-cased as the rules read them, and texts at the edges of
    the look-arounds the guards skip."""
    here = Path(__file__).parent
    names = ["questions.yaml", "questions_holdout.yaml", "questions_gate.yaml"]
    names += sorted(path.name for path in here.glob("questions_dev_*.yaml"))
    asked = [
        turn.lower()
        for name in names
        for case in cases(name)
        for turn in case.get("conversation") or [case["q"]]
    ]
    edges = [
        "拍视频",
        "有没有视频",
        "一个月能挣多少",
        "挣多少",
        "能便宜点吗",
        "便宜点",
        "帮我写一首诗",
        "写一首诗",
        "生意撑不下去了",
        "我撑不下去了",
        "累得想死",
        "我想死",
        "can i donate here",
        "pay now",
        "",
    ]
    return asked + edges


TEXTS = _texts()


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.patterns[0].pattern[:24])
def test_a_table_finds_what_its_branches_alone_find(table: AnyOf) -> None:
    branches = [re.compile(p.pattern) for p in table.patterns]
    for text in TEXTS:
        alone = any(branch.search(text) for branch in branches)
        assert (table.search(text) is not None) == alone, text
        assert {p.pattern for p in table.possible(text) if p.search(text)} == {
            b.pattern for b in branches if b.search(text)
        }, text


@pytest.mark.parametrize(
    ("branch", "core"),
    [
        (r"(?<![拍剪])(视频|录像)", "(视频|录像)"),
        (r"(一个月|每月)?(能)?(挣|赚)多少", "(挣|赚)多少"),
        (r"\b(donat\w*|pay) (here|now)\b", r"(donat\w*|pay) (here|now)\b"),
        (r"(^|帮我)(写|作)", "(写|作)"),
        (r"(?:^|(?<=[，。]))(?:(?!公司)[^，。]){0,12}(撑|熬)不下去", "(撑|熬)不下去"),
        ("(老师|教练)们?打", None),  # it skips ahead already
        ("[张王]老师", None),  # it skips ahead already
        ("(^|查)[张王]老师", "[张王]老师"),
        ("(^|查)[^张]老师(们)", None),  # no plain start to skip to
    ],
)
def test_a_branch_is_searched_first_by_what_it_cannot_match_without(
    branch: str, core: str | None
) -> None:
    found = _compiled_core(branch)
    assert (found.pattern if found else None) == core


def test_plain_branches_are_one_pattern_and_the_others_their_own() -> None:
    table = any_of("视频|照片", "(?<!拍)录像|(老师|教练)打")
    assert [p.pattern for p in table.patterns] == ["视频|照片", "(?<!拍)录像", "(老师|教练)打"]
    assert _branches("a|(b|c)|[|]") == ["a", "(b|c)", "[|]"]
    assert table.search("拍录像") is None
    assert table.search("看录像") is not None


@pytest.mark.parametrize(
    ("pattern", "firsts"),
    [
        ("视频", "视"),
        ("(视频|照片)打", "视照"),
        ("(?:老师|教练)打", "老教"),
        ("(老师|教练)?打", None),  # may start with 打
        ("[你我]们", "你我"),
        ("[^你]们", None),
        ("[a-z]们", None),
        ("[你我]?们", None),
        ("[你我]们|视频", "你我视"),
        ("[你我]们|.视频", None),
        (".{0,3}打", None),
        ("\\d+块", None),
    ],
)
def test_a_pattern_starts_with_one_of_few_characters_or_any(
    pattern: str, firsts: str | None
) -> None:
    assert _first_characters(pattern) == (frozenset(firsts) if firsts is not None else None)


def test_a_text_without_the_characters_a_pattern_starts_with_is_not_searched() -> None:
    table = any_of("视频|照片", "(?<!拍)录像|(老师|教练)打")
    assert table.firsts == (frozenset("视照"), frozenset("录"), frozenset("老教"))
    assert table.search("频道和片子") is None
    assert table.search("教练打人") is not None
