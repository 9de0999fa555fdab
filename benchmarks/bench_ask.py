"""Accuracy and speed of `orgbot ask`, printed (never asserted).

    python benchmarks/bench_ask.py [--synthetic N] [--skip-synthetic]
    python benchmarks/bench_ask.py --dump FILE   # only write every answer, one JSON line each

1. The project's matcher and a naive baseline (BM25 over jieba tokens of each organization's
   text) side by side on the question sets in tests/knowledge/: top-1 accuracy, out-of-scope
   questions wrongly answered, invented contacts, time per question.
2. Warm per-question latency (p50/p99) on the shipped knowledge base: the matcher alone, and
   the full `Answerer` path over a real database file with every question logged.
3. A cold `orgbot ask "…"` process, end to end.
4. A SYNTHETIC knowledge base of N organizations (default 100,000), generated here and never
   shipped: index build time, resident memory, per-question latency.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.answering.answer import Answerer  # noqa: E402
from knowledge.answering.context import subject_of  # noqa: E402
from knowledge.answering.index_builder import build_index  # noqa: E402
from knowledge.curation.apply import open_knowledge  # noqa: E402
from knowledge.opening import open_answerer  # noqa: E402
from knowledge.records import Kind  # noqa: E402
from knowledge.residents.store import ResidentsStore  # noqa: E402

QUESTION_SETS = ("questions.yaml", "questions_holdout.yaml")
PHONE_LIKE = re.compile(r"\d{7,}|\d{3,4}-\d{7,8}")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1)]


def load_questions(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((ROOT / "tests" / "knowledge" / "answering" / name).read_text("utf-8"))[
        "questions"
    ]


class BM25Baseline:
    """BM25 over jieba tokens of each organization's name, aliases, summary and services."""

    def __init__(self, orgs: dict[str, dict[str, Any]], k1: float = 1.5, b: float = 0.75) -> None:
        import jieba

        jieba.setLogLevel(60)
        self.cut = jieba.lcut
        self.ids = list(orgs)
        self.docs = [
            Counter(
                self._tokens(
                    " ".join(
                        [
                            o["name"],
                            *o.get("aliases", []),
                            o.get("summary", ""),
                            *o.get("services", []),
                        ]
                    )
                )
            )
            for o in orgs.values()
        ]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = sum(self.lengths) / len(self.lengths)
        df = Counter(t for d in self.docs for t in d)
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def _tokens(self, text: str) -> list[str]:
        return [t for t in self.cut(text) if t.strip() and len(t) > 1]

    def top(self, question: str) -> tuple[str, float]:
        best, best_score = "", 0.0
        terms = self._tokens(question)
        for i, doc in enumerate(self.docs):
            score = 0.0
            for t in terms:
                tf = doc.get(t, 0)
                if tf:
                    norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
                    score += self.idf[t] * tf * (self.k1 + 1) / norm
            if score > best_score:
                best, best_score = self.ids[i], score
        return best, best_score


def accuracy_section(answerer: Answerer, baseline: BM25Baseline) -> None:
    print("== 1. Accuracy on the question sets (top-1) ==")
    header = f"{'set':<10}{'system':<10}{'in-scope top-1':>18}{'out-of-scope answered':>24}{'invented contacts':>19}{'mean ms':>9}"
    print(header)
    for name in QUESTION_SETS:
        cases = load_questions(name)
        in_scope = [c for c in cases if c["expect"]]
        oos = [c for c in cases if not c["expect"]]
        label = name.removesuffix(".yaml").replace("questions_", "").replace("questions", "tuning")

        right = wrong_oos = invented = 0
        started = time.perf_counter()
        for c in cases:
            a = answerer.answer(c["q"], log_question=False)
            top = f"{a.results[0]['kind']}:{a.results[0]['id']}" if a.results else ""
            invented += bool(PHONE_LIKE.search(a.text))
            if c["expect"]:
                right += a.answered and top in c["expect"]
            else:
                wrong_oos += a.answered
        ms = (time.perf_counter() - started) * 1000 / len(cases)
        print(
            f"{label:<10}{'orgbot':<10}{f'{right}/{len(in_scope)} = {right / len(in_scope):.1%}':>18}"
            f"{f'{wrong_oos}/{len(oos)}':>24}{invented:>19}{ms:>9.3f}"
        )

        right = wrong_oos = 0
        started = time.perf_counter()
        for c in cases:
            org, score = baseline.top(c["q"])
            if c["expect"]:
                right += score > 0 and f"organization:{org}" in c["expect"]
            else:
                wrong_oos += score > 0
        ms = (time.perf_counter() - started) * 1000 / len(cases)
        print(
            f"{'':<10}{'BM25':<10}{f'{right}/{len(in_scope)} = {right / len(in_scope):.1%}':>18}"
            f"{f'{wrong_oos}/{len(oos)}':>24}{'-':>19}{ms:>9.3f}"
        )
    print(
        "(BM25 can only name organizations, so questions whose answer is a fact count against it;"
        " it answers whenever any word matches.)\n"
    )


def timed_passes(
    ways: dict[str, Callable[[str], object]], questions: list[str], passes: int = 5
) -> dict[str, tuple[list[float], dict[str, list[float]]]]:
    """Milliseconds per question for each way of answering: a first pass (memos and layouts
    still being filled), then `passes` warm ones. The ways take turns pass by pass (which goes
    first rotates), so a shared machine's slow moments fall on all of them alike; a whole pass
    each, as a question asked twice in a row would find its data in the CPU's caches."""
    questions = list(dict.fromkeys(questions))
    first: dict[str, list[float]] = {name: [] for name in ways}
    per_question = {name: {q: [] for q in questions} for name in ways}
    names = list(ways)
    for n in range(passes + 1):
        for name in names[n % len(names) :] + names[: n % len(names)]:
            ask = ways[name]
            for q in questions:
                started = time.perf_counter()
                ask(q)
                elapsed = (time.perf_counter() - started) * 1000
                if n == 0:
                    first[name].append(elapsed)
                else:
                    per_question[name][q].append(elapsed)
    return {name: (first[name], per_question[name]) for name in ways}


def print_latency(
    first: list[float], per_question: dict[str, list[float]], target_ms: float
) -> None:
    pooled = [t for ts in per_question.values() for t in ts]
    passes = len(next(iter(per_question.values())))
    pass_p99 = [percentile([ts[n] for ts in per_question.values()], 99) for n in range(passes)]
    medians = [statistics.median(ts) for ts in per_question.values()]
    print(
        f"{len(pooled)} answers ({passes} warm passes over {len(per_question)} questions):"
        f" p50 {percentile(pooled, 50):.3f} ms, p99 {percentile(pooled, 99):.3f} ms,"
        f" max {max(pooled):.3f} ms (target p99 <= {target_ms:g} ms)"
    )
    print("p99 of each warm pass: " + ", ".join(f"{v:.3f}" for v in pass_p99) + " ms")
    print(
        f"each question's median over the warm passes (steadier on a shared machine):"
        f" p50 {percentile(medians, 50):.3f} ms, p99 {percentile(medians, 99):.3f} ms"
    )
    # Another tenant of a shared machine only ever adds time, as timeit's docs say of noise.
    best = [min(ts) for ts in per_question.values()]
    print(
        f"each question's best warm pass (what the code costs when nothing else runs):"
        f" p50 {percentile(best, 50):.3f} ms, p99 {percentile(best, 99):.3f} ms"
    )
    print(
        f"first pass, memos still filling: p50 {percentile(first, 50):.3f} ms,"
        f" p99 {percentile(first, 99):.3f} ms"
    )


# What each way of answering is held to (p99, milliseconds).
LATENCY_TARGETS = {
    "matcher alone": 1.0,
    "answer, logging off": 1.0,
    "answer, logging on": 1.5,
    "answer, chat context": 1.5,  # logged, every question read as a follow-up of 智塔
}


def latency_section() -> None:
    """The matcher alone, and the full path a resident waits on: `open_answerer` over a real
    database file, every question logged as the bot logs it."""
    print("== 2. Warm latency on the shipped knowledge base ==")
    questions = [c["q"] for name in QUESTION_SETS for c in load_questions(name)]
    with tempfile.TemporaryDirectory() as tmp:
        answerer, _ = open_answerer(Path(tmp) / "orgbot.db", "Asia/Shanghai")
        matcher = answerer.snapshot.matcher
        catalog = answerer.catalog
        zhita = subject_of(catalog.record(Kind.ORGANIZATION, "baoji-zhita-children"), catalog)
        ways: dict[str, Callable[[str], object]] = {
            "matcher alone": matcher.match,
            "answer, logging off": lambda q: answerer.answer(q, log_question=False),
            "answer, logging on": lambda q: answerer.answer(q, channel="bench"),
            "answer, chat context": lambda q: answerer.answer(q, channel="bench", context=zhita),
        }
        timings = timed_passes(ways, questions)
        assert answerer.questions is not None
        answerer.questions.close()  # writes what is still queued
        logged, _ = ResidentsStore(answerer.store.db).question_counts()
        answerer.store.close()
    print(f"{'':<22}{'p50':>8}{'p99':>8}{'max':>8}{'best p99':>10}{'first p99':>11}{'target':>8}")
    for name, (first, per_question) in timings.items():
        pooled = [t for ts in per_question.values() for t in ts]
        best = [min(ts) for ts in per_question.values()]
        print(
            f"{name:<22}{percentile(pooled, 50):>8.3f}{percentile(pooled, 99):>8.3f}"
            f"{max(pooled):>8.3f}{percentile(best, 99):>10.3f}{percentile(first, 99):>11.3f}"
            f"{LATENCY_TARGETS[name]:>8g}"
        )
    print(
        f"(milliseconds; {len(timings['matcher alone'][1])} distinct questions, 5 warm passes"
        f" each, the ways taking turns pass by pass; best p99 = p99 of each"
        f" question's fastest warm pass; {logged} questions logged)"
    )
    per_question = timings["answer, logging on"][1]
    longest = max(per_question, key=len)
    print(
        f"the longest question ({len(longest)} characters), logging on:"
        f" median {statistics.median(per_question[longest]):.3f} ms\n"
    )


def cold_start_section() -> None:
    print("== 3. Cold `orgbot ask` process ==")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ORGBOT_DB": str(Path(tmp) / "orgbot.db")}
        command = [sys.executable, "-m", "bot", "ask", "哪里有心理咨询"]
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
        first = time.perf_counter() - started
        runs = []
        for _ in range(7):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
            runs.append(time.perf_counter() - started)
    print(f"first run (creates the database and the index cache): {first:.2f} s")
    print(
        f"cold runs after that: median {statistics.median(runs):.3f} s, min {min(runs):.3f} s,"
        f" max {max(runs):.3f} s (target <= 1.0 s)\n"
    )


# --- synthetic knowledge base ------------------------------------------------------------

CITIES = {
    "宝鸡市": ["渭滨区", "金台区", "陈仓区", "凤翔区", "岐山县", "扶风县", "眉县", "陇县"],
    "西安市": ["未央区", "雁塔区", "碑林区", "莲湖区", "新城区", "灞桥区", "长安区", "临潼区"],
    "咸阳市": ["秦都区", "渭城区", "三原县", "泾阳县", "乾县", "礼泉县", "兴平市", "彬州市"],
}
PREFIXES = ["阳光", "爱心", "幸福", "同心", "春晖", "明德", "启航", "暖阳", "益民", "向善", "和谐", "安康", "博爱", "晨曦", "新苗", "长青", "乐龄", "同行", "心桥", "德馨"]  # fmt: skip
CORES = [
    ("助老", "养老助老", "上门助老、日间照料"),
    ("康复", "残障康复", "残疾儿童康复训练"),
    ("心理", "心理健康", "心理咨询、情绪疏导"),
    ("青少年", "儿童青少年", "课后托管、成长辅导"),
    ("法律", "法律服务", "法律咨询、纠纷调解"),
    ("文艺", "文化文艺", "文艺演出、合唱排练"),
    ("体育", "体育健身", "全民健身、武术培训"),
    ("慈善", "慈善救灾", "募捐、救灾物资发放"),
    ("志愿", "志愿服务", "志愿者招募与培训"),
    ("妇女", "妇女家庭", "家庭教育、妇女维权"),
    ("社区", "社区治理", "老旧小区治理、居民议事"),
    ("农业", "乡村振兴", "农产品电商、助农增收"),
]
SUFFIXES = ["协会", "服务中心", "社会工作服务中心", "志愿者协会", "促进会", "联合会", "发展中心", "互助会"]  # fmt: skip


def synthetic_records(
    n: int, seed: int = 20261122
) -> tuple[dict[str, dict[str, dict[str, Any]]], list[str]]:
    """N synthetic organizations (clearly marked), plus questions about some of them."""
    rng = random.Random(seed)
    shipped = open_knowledge().all_records()
    orgs: dict[str, dict[str, Any]] = {}
    names: set[str] = set()
    questions: list[str] = []
    i = 0
    while len(orgs) < n:
        city = rng.choice(list(CITIES))
        district = rng.choice(CITIES[city])
        core, topic, services = rng.choice(CORES)
        name = f"{district}{rng.choice(PREFIXES)}{rng.choice(PREFIXES)}{core}{rng.choice(SUFFIXES)}"
        if name in names:
            continue
        names.add(name)
        i += 1
        org_id = f"synthetic-{i:06d}"
        orgs[org_id] = {
            "id": org_id,
            "name": name,
            "aliases": [],
            "legal_form": "",
            "city": city,
            "district": district,
            "street": "",
            "address": "",
            "phone": "",
            "email": "",
            "website": "",
            "opening_hours": "",
            "summary": f"（合成数据）{name}在{city}{district}提供{services}等服务。",
            "services": services.split("、"),
            "topics": [topic],
            "figures": [],
            "source": {"document": "SYNTHETIC — generated by benchmarks/bench_ask.py", "quote": ""},
            "updated_at": "",
        }
        if rng.random() < 0.002:
            questions.append(f"{name}在哪里")
            questions.append(f"{district}哪里有{services.split('、')[0]}")
    questions = list(dict.fromkeys(questions))  # each asked once per pass
    records = {**shipped, "organizations": orgs, "projects": {}, "facts": {}, "activities": {}}
    return records, questions[:400]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_section(n: int) -> None:
    print(f"== 4. SYNTHETIC knowledge base of {n:,} organizations (generated, never shipped) ==")
    records, questions = synthetic_records(n)
    before = rss_mb()
    started = time.perf_counter()
    index = build_index(records, "synthetic")
    build = time.perf_counter() - started
    from knowledge.answering.matcher import Matcher

    matcher = Matcher(index)
    import gc

    gc.collect()
    gc.freeze()  # as Answerer does for the index it serves
    first, per_question = timed_passes({"matcher": matcher.match}, questions)["matcher"]
    named_right = named = 0
    for q in questions:
        if q.endswith("在哪里"):
            top = matcher.match(q).top
            named += 1
            named_right += bool(top) and top.doc.name == q.removesuffix("在哪里")
    print(
        f"index build {build:.1f} s (target <= 20 s); peak resident memory {rss_mb():.0f} MB"
        f" (was {before:.0f} MB before the build; target <= 1024 MB)"
    )
    print_latency(first, per_question, target_ms=5)
    print(f"questions naming an organization found it first: {named_right}/{named}\n")


def dump_answers(answerer: Answerer, path: Path) -> None:
    """One JSON line per question of every set (out-of-scope ones included), in file order, so
    two dumps compared byte for byte show whether a change altered any answer."""
    with path.open("w", encoding="utf-8") as out:
        for name in QUESTION_SETS:
            for case in load_questions(name):
                answer = answerer.answer(case["q"], log_question=False)
                out.write(json.dumps(answer.to_json(), ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write every answer and stop")
    args = parser.parse_args()
    store = open_knowledge()
    answerer = Answerer(store, build_index(store.all_records(), store.version))
    if args.dump:
        dump_answers(answerer, args.dump)
        return
    accuracy_section(answerer, BM25Baseline(store.records("organizations")))
    latency_section()
    cold_start_section()
    if not args.skip_synthetic:
        synthetic_section(args.synthetic)


if __name__ == "__main__":
    main()
