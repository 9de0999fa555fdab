"""Top-1 on the residents' held-out sets (tests/knowledge/answering/questions_residents*.yaml).

Each set was written by a separate helper from the two seed articles and the records' ids
only, without seeing the project's synonyms, knowledge files or other question sets. The
first (242 questions) has been measured after every merge since 2026-12-04 afternoon; the
second (v2, 257 questions, written 2026-12-04 22:06 UTC) was the honest figure until three of
its questions were read on 2026-12-05; the third (v3, 293 questions, 75 must-refuse, written
2026-12-05 00:52 UTC) was measured after every merge of that night's session; the fourth (v4,
300 questions, 80 must-refuse, written 2026-12-05 03:14 UTC) was measured three times that
morning and once after the next session; the fifth (v5, 300 questions, 80 must-refuse, written
2026-12-05 05:52 UTC) was the honest figure until the sixth (v6, 300 questions, 80 must-refuse,
written 2026-12-05 08:21 UTC), which is the honest figure from then on.

    python benchmarks/eval_residents.py [--failures] [--set PATH]

Without `--set` the six held-out sets are evaluated; `--set` evaluates another file of the same
format (a team's own dev set) the same way.

A question counts as right when:
- `expect` / `expect_any`: the bot answers (answer, confirm or choose) and its first result is
  the record, the record's organization, or one of the organization's projects;
- `figure`: also, the reply contains that text;
- `expect_all` (lists): the reply names every one of those records;
- `expect: none`: the bot does not answer;
- `conversation`: the last turn is judged; turns go through one chat (as a follow-up would).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_ask import BM25Baseline  # noqa: E402

from knowledge.answering.answer import Answer, Answerer  # noqa: E402
from knowledge.answering.context import Conversations  # noqa: E402
from knowledge.answering.index_builder import build_index  # noqa: E402
from knowledge.curation.apply import open_knowledge  # noqa: E402

SETS = (
    ROOT / "tests" / "knowledge" / "answering" / "questions_residents.yaml",
    ROOT / "tests" / "knowledge" / "answering" / "questions_residents_v2.yaml",
    ROOT / "tests" / "knowledge" / "answering" / "questions_residents_v3.yaml",
    ROOT / "tests" / "knowledge" / "answering" / "questions_residents_v4.yaml",
    ROOT / "tests" / "knowledge" / "answering" / "questions_residents_v5.yaml",
    ROOT / "tests" / "knowledge" / "answering" / "questions_residents_v6.yaml",
)
PHONE_LIKE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def family(records: dict[str, dict[str, Any]], key: str) -> set[str]:
    """A record, its organization and the organization's projects: each is a right answer."""
    found = {key}
    owner = records.get(key, {}).get("organization") or (key if key in records else "")
    if owner:
        found.add(owner)
        found.update(k for k, r in records.items() if r.get("organization") == owner)
    return found


def judge(case: dict[str, Any], answer: Answer, records: dict[str, dict[str, Any]]) -> bool:
    if case.get("expect") == "none":
        return not answer.answered
    if not answer.answered:
        return False
    if "expect_all" in case:
        names = [records[k].get("name") or records[k].get("title", "") for k in case["expect_all"]]
        # a list's own `figure` is what it must also say (资料没有给出…总数)
        named = all(name in answer.text for name in names)
        return named and str(case.get("figure", "")) in answer.text
    wanted = case.get("expect_any") or [case["expect"]]
    right = set().union(*(family(records, k) for k in wanted))
    top = answer.results[0]["id"] if answer.results else ""
    if top not in right:
        return False
    return str(case.get("figure", "")) in answer.text


def ask(answerer: Answerer, case: dict[str, Any]) -> Answer:
    turns = case.get("conversation") or [case["q"]]
    answer = None
    chat = Conversations()  # one chat per case: a follow-up reads the turns before it
    for turn in turns:
        answer = answerer.answer(turn, log_question=False, context=chat.get(0))
        chat.update(0, answer)
    assert answer is not None
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list the questions missed")
    parser.add_argument("--set", type=Path, help="the questions (default: the six held-out sets)")
    args = parser.parse_args()

    store = open_knowledge()
    records: dict[str, dict[str, Any]] = {}
    for table in ("organizations", "projects", "facts", "activities"):
        records.update(store.records(table))
    answerer = Answerer(store, build_index(store.all_records(), store.version))
    baseline = BM25Baseline(store.records("organizations"))
    for path in [args.set] if args.set else SETS:
        print(f"== {path.name}")
        evaluate(path, answerer, baseline, records, failures=args.failures)


def evaluate(
    path: Path,
    answerer: Answerer,
    baseline: BM25Baseline,
    records: dict[str, dict[str, Any]],
    *,
    failures: bool,
) -> None:
    cases = yaml.safe_load(path.read_text("utf-8"))["questions"]

    right: Counter[str] = Counter()
    bm25: Counter[str] = Counter()
    total: Counter[str] = Counter()
    invented = 0
    missed: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        kind = case["kind"]
        total[kind] += 1
        answer = ask(answerer, case)
        invented += bool(PHONE_LIKE.search(answer.text))
        if judge(case, answer, records):
            right[kind] += 1
        else:
            top = answer.results[0]["id"] if answer.answered and answer.results else "-"
            missed[kind].append(f"{(case.get('q') or ' / '.join(case['conversation']))}  → {top}")
        last = (case.get("conversation") or [case.get("q")])[-1]
        org, score = baseline.top(last)
        if case.get("expect") == "none":
            bm25[kind] += score == 0
        elif "expect_all" not in case and score > 0:
            wanted = case.get("expect_any") or [case["expect"]]
            bm25[kind] += org in set().union(*(family(records, k) for k in wanted))

    print(f"{'kind':<13}{'orgbot':>16}{'BM25':>16}")
    for kind in total:
        n = total[kind]
        print(
            f"{kind:<13}{f'{right[kind]}/{n} = {right[kind] / n:.0%}':>16}{f'{bm25[kind]}/{n}':>16}"
        )
    n, r, b = sum(total.values()), sum(right.values()), sum(bm25.values())
    refuse = total["refuse"] + total["adversarial"]
    refused = right["refuse"] + right["adversarial"]
    print(f"{'all':<13}{f'{r}/{n} = {r / n:.1%}':>16}{f'{b}/{n} = {b / n:.1%}':>16}")
    share = f"{refused}/{refuse} = {refused / refuse:.1%}" if refuse else "none in the set"
    print(f"must-refuse refused: {share}; invented contacts: {invented}")
    if failures:
        for kind, lines in missed.items():
            print(f"\n-- missed {kind} --")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
