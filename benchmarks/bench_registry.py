"""A city's registry imported and asked about: speed and findability, printed (never asserted).

    python benchmarks/bench_registry.py [--sizes 5000 50000] [--runs 3] [--sample 200]

Uses SYNTHETIC registries (tests/knowledge/curation/synthetic_registry.py: made-up
organizations over 陕西省's real districts, every row sourced 合成测试数据（非真实）), never
shipped. For each size it prints:

1. import time of the registry file (GBK CSV and .xlsx, as Excel writes them), into a
   database seeded with the shipped knowledge; and, apart, 10,000 rows (target ≤ 5 s),
   CSV and xlsx interleaved over --runs runs;
2. index build time;
3. a cold `orgbot ask` process (the index cache in place), and its resident memory;
4. warm answer times (p50, p99) over the sampled questions;
5. findability of --sample organizations: by full name, by short name (the name without
   its city and district; several districts share one, so the reply may ask which), by
   district + short name, by a need from its 业务范围 plus its district (several meet it:
   "best" counts a best answer in that district offering that need, "listed" this one
   organization among the results), and its phone from the file in "…的电话";
6. the project's question sets (tests/knowledge/answering) over the shipped knowledge with
   the registry in it, beside the shipped knowledge alone.

The machine is shared: each timing is a range over runs, and another tenant only adds time.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.answering.answer import Answerer  # noqa: E402
from knowledge.answering.cache import index_cache_path, save_index  # noqa: E402
from knowledge.answering.index_builder import build_index  # noqa: E402
from knowledge.curation.apply import import_files, open_knowledge  # noqa: E402
from tests.knowledge.curation.synthetic_registry import (  # noqa: E402
    SyntheticOrg,
    organizations,
    write_csv,
    write_xlsx,
)

QUESTIONS = ROOT / "tests" / "knowledge" / "answering"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1)]


def span(values: list[float], unit: str = "s", digits: int = 2) -> str:
    low, high = min(values), max(values)
    return (
        f"{low:.{digits}f}{unit}"
        if len(values) == 1
        else f"{low:.{digits}f}–{high:.{digits}f}{unit}"
    )


def timed_import(path: Path, db: Path) -> tuple[float, str]:
    store = open_knowledge(db)
    started = time.perf_counter()
    report = import_files(store, [path])
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, report.describe().splitlines()[0]


def ten_thousand_rows(work: Path, runs: int) -> None:
    orgs = list(organizations(10_000, seed=10))
    files = {
        "csv (GBK)": write_csv(work / "r10k.csv", orgs),
        "xlsx": write_xlsx(work / "r10k.xlsx", orgs),
    }
    times: dict[str, list[float]] = {name: [] for name in files}
    for run in range(runs):
        for name, path in files.items():  # interleaved: csv, xlsx, csv, xlsx …
            elapsed, _ = timed_import(path, work / f"r10k-{name[:3]}-{run}.db")
            times[name].append(elapsed)
    for name, values in times.items():
        print(f"  import 10,000 rows, {name:9}: {span(values)} over {runs} runs (target ≤ 5 s)")


def cold_asks(db: Path, question: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", question, "--db", str(db)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def questions_for(org: SyntheticOrg) -> dict[str, str]:
    return {
        "full name": org.name,
        "short name": org.short,
        "district + short name": f"{org.district}{org.short}",
        "need + district": f"{org.district}哪里有{org.need}",
        "phone": f"{org.name}的电话",
    }


def found(
    answer: Any, org_id: str, kind: str, org: SyntheticOrg, records: dict[str, Any]
) -> tuple[bool, bool]:
    """(the best answer is it, it is among the answer's results or choices). For a need and
    a district, which several organizations meet: (the best answer is one of them, it is)."""
    top = answer.top is not None and answer.top.id == org_id and answer.answered
    listed = any(r["id"] == org_id for r in answer.results) or any(
        c.id == org_id for c in answer.choices
    )
    if kind == "phone":
        top = org.phone in answer.text and "合成测试数据" in answer.text
        listed = top
    if kind == "need + district" and answer.top is not None and answer.answered:
        best = records.get(answer.top.id, {})
        top = best.get("district") == org.district and org.need in best.get("business_scope", "")
    return top, top or listed


def evaluate_question_sets(answerer: Answerer) -> str:
    out = []
    for name in ("questions.yaml", "questions_holdout.yaml"):
        cases = yaml.safe_load((QUESTIONS / name).read_text(encoding="utf-8"))["questions"]
        right = 0
        for case in cases:
            answer = answerer.answer(case["q"], log_question=False)
            if not case["expect"]:
                right += not answer.answered
            elif answer.answered and answer.results:
                right += f"{answer.results[0]['kind']}:{answer.results[0]['id']}" in case["expect"]
        out.append(f"{name} {right}/{len(cases)} ({right / len(cases):.1%})")
    return ", ".join(out)


def one_size(size: int, work: Path, runs: int, sample: int) -> None:
    print(f"\n== {size:,} synthetic registry organizations (+ the shipped 18) ==")
    orgs = list(organizations(size))
    csv_path = write_csv(work / f"registry-{size}.csv", orgs)
    db = work / f"registry-{size}.db"
    elapsed, summary = timed_import(csv_path, db)
    print(f"  import, csv (GBK): {elapsed:.2f}s  [{summary}]")
    if size <= 10_000:
        xlsx_path = write_xlsx(work / f"registry-{size}.xlsx", orgs)
        elapsed, _ = timed_import(xlsx_path, work / f"registry-{size}-xlsx.db")
        print(f"  import, xlsx:      {elapsed:.2f}s")

    store = open_knowledge(db)
    records = store.all_records()
    builds = []
    for _ in range(max(1, runs - 1)):
        started = time.perf_counter()
        index = build_index(records, store.version)
        builds.append(time.perf_counter() - started)
    save_index(index, index_cache_path(db))
    print(f"  index build: {span(builds)}")

    rng = random.Random(size)
    chosen = rng.sample(orgs, min(sample, len(orgs)))
    cold = cold_asks(db, chosen[0].name + "的电话", runs)
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  cold `orgbot ask`: {span(cold)} over {runs} runs; resident memory {rss_mb:.0f} MB")

    answerer = Answerer.from_store(store)
    orgs_stored = records["organizations"]
    ids = {r["name"]: key for key, r in orgs_stored.items()}
    hits: dict[str, list[int]] = {}
    latencies: list[float] = []
    for run in range(3):
        for org in chosen:
            for kind, question in questions_for(org).items():
                started = time.perf_counter()
                answer = answerer.answer(question, log_question=False)
                latencies.append(time.perf_counter() - started)
                if run == 0:
                    top, listed = found(answer, ids[org.name], kind, org, orgs_stored)
                    counts = hits.setdefault(kind, [0, 0])
                    counts[0] += top
                    counts[1] += listed
    ms = [t * 1000 for t in latencies]
    print(
        f"  warm answer: p50 {percentile(ms, 50):.2f} ms, p99 {percentile(ms, 99):.2f} ms, "
        f"max {max(ms):.1f} ms ({len(ms)} answers, 3 passes)"
    )
    for kind, (top, listed) in hits.items():
        print(
            f"  found by {kind:21}: best answer {top}/{len(chosen)}, listed {listed}/{len(chosen)}"
        )
    shared = sum(1 for org in chosen if sum(o.short == org.short for o in orgs) > 1)
    print(f"  ({shared} of the {len(chosen)} short names are shared by several organizations)")
    print(f"  question sets with the registry: {evaluate_question_sets(answerer)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as tmp:
        work = Path(tmp)
        shipped = open_knowledge()
        baseline = Answerer(shipped, build_index(shipped.all_records(), shipped.version))
        print(f"question sets, shipped knowledge alone: {evaluate_question_sets(baseline)}")
        ten_thousand_rows(work, args.runs)
        for size in sorted(args.sizes):
            one_size(size, work, args.runs, args.sample)
    print("\nranges are min–max over runs")


if __name__ == "__main__":
    main()
