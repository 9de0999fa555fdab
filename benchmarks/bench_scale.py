"""How the search index grows with the knowledge base, printed (never asserted): the figures
docs/SCALING.md extrapolates from towards the national registry (~900,000 organizations).

    python benchmarks/bench_scale.py [--sizes 25000 50000 100000 200000]

Each size runs in fresh processes (peak memory is per process): SYNTHETIC organizations
(bench_ask.py's generator, never shipped), then the index build time and peak resident memory,
the cache file's size, a cold load of that cache (what a bot's start pays) and warm matcher
latency. The generator's vocabulary is small (a few hundred districts, prefixes and
services), so the index's distinct words grow more slowly than a real registry's would.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BUILD = """
import gc, json, resource, statistics, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from bench_ask import synthetic_records
from knowledge.answering.index_builder import build_index
from knowledge.answering.cache import save_index
from knowledge.answering.matcher import Matcher
from pathlib import Path
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
records, questions = synthetic_records({n})
before = rss()
t, c = time.perf_counter(), time.process_time()
index = build_index(records, "scale")
build, build_cpu = time.perf_counter() - t, time.process_time() - c
peak = rss()
save_index(index, Path({cache!r}))
matcher = Matcher(index); gc.collect(); gc.freeze()
for q in questions: matcher.match(q)  # the first pass lays out common words once
times = []
for q in questions:
    t = time.perf_counter(); matcher.match(q); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({{"build_s": build, "build_cpu_s": build_cpu, "peak_mb": peak, "before_mb": before,
    "terms": len(index.postings), "p50_ms": statistics.median(times),
    "p99_ms": times[int(len(times) * 0.99) - 1]}}))
"""

LOAD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from knowledge.answering.cache import load_index
from pathlib import Path
t, c = time.perf_counter(), time.process_time()
index = load_index(Path({cache!r}), "scale")
load, load_cpu = time.perf_counter() - t, time.process_time() - c
assert index is not None
print(json.dumps({{"load_s": load, "load_cpu_s": load_cpu, "load_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        cache = str(Path(folder) / "scale.index")
        values = {"root": str(ROOT), "bench": str(ROOT / "benchmarks"), "n": n, "cache": cache}
        built = subprocess.run(
            [sys.executable, "-c", BUILD.format(**values)], capture_output=True, text=True
        )
        if built.returncode:
            raise SystemExit(built.stderr)
        result = json.loads(built.stdout.splitlines()[-1])
        result["cache_mb"] = Path(cache).stat().st_size / 1024 / 1024
        loaded = subprocess.run(
            [sys.executable, "-c", LOAD.format(**values)], capture_output=True, text=True
        )
        if loaded.returncode:
            raise SystemExit(loaded.stderr)
        result.update(json.loads(loaded.stdout))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args()
    print("SYNTHETIC organizations; each size in fresh processes; s = wall (CPU) seconds")
    print(
        f"{'orgs':>8} {'build s':>12} {'peak MB':>8} {'terms':>8} {'cache MB':>9} "
        f"{'load s':>11} {'load MB':>8} {'p50 ms':>7} {'p99 ms':>7}"
    )
    for n in args.sizes:
        r = measure(n)
        print(
            f"{n:>8,} {r['build_s']:>5.1f} ({r['build_cpu_s']:>4.1f}) {r['peak_mb']:>8.0f} "
            f"{r['terms']:>8,} {r['cache_mb']:>9.0f} {r['load_s']:>4.1f} ({r['load_cpu_s']:>4.1f}) "
            f"{r['load_peak_mb']:>8.0f} "
            f"{r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
