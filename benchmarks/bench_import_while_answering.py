"""Does a staff import stall the bot? Figures printed, never asserted.

    python benchmarks/bench_import_while_answering.py [--orgs 20000] [--rate 4] [--calm 10]

A real `orgbot run` process answers residents through the strict fake Bot API (in this
process) while `orgbot kb import` of N SYNTHETIC organizations (generated in a temporary
folder, clearly marked, never shipped) runs in another process on the same database file.
Questions arrive at a steady rate, each from a new resident (so no per-chat limit applies);
an answer's time runs from the moment the update is queued to the moment the fake server
records the bot's sendMessage. Printed: answer-time percentiles before, during and after the
import (after includes the bot loading the new knowledge), the import's own time, and
whether every question reached the question log. Target: answers within 200 ms during the
import, no question lost from the log.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

QUESTIONS = [
    "哪里有心理咨询",
    "我家孩子有自闭症，哪里可以做康复？",
    "未央区有多少家社会组织",
    "智塔是做什么的",
    "宝鸡有哪些养老服务",
    "我想当志愿者",
    "法律咨询去哪里",
    "渭滨区有什么社区组织",
]
CITIES = {
    "宝鸡市": ["渭滨区", "金台区", "陈仓区", "凤翔区", "岐山县", "扶风县", "眉县", "陇县"],
    "西安市": ["未央区", "雁塔区", "碑林区", "莲湖区", "新城区", "灞桥区", "长安区", "临潼区"],
}
PREFIXES = ["阳光", "爱心", "幸福", "同心", "春晖", "明德", "启航", "暖阳", "益民", "向善"]
CORES = [
    ("助老", "养老助老", "上门助老、日间照料"),
    ("康复", "残障康复", "残疾儿童康复训练"),
    ("心理", "心理健康", "心理咨询、情绪疏导"),
    ("青少年", "儿童青少年", "课后托管、成长辅导"),
    ("法律", "法律服务", "法律咨询、纠纷调解"),
    ("志愿", "志愿服务", "志愿者招募与培训"),
]
SUFFIXES = ["协会", "服务中心", "促进会", "联合会", "发展中心", "互助会", "服务社", "工作室"]


def write_synthetic_csv(path: Path, n: int, seed: int = 20261204) -> None:
    """N organizations in a staff CSV, every one marked synthetic in its id, summary and
    source."""
    rng = random.Random(seed)
    names: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["编号", "名称", "城市", "区县", "简介", "服务", "主题", "来源"])
        while len(names) < n:
            city = rng.choice(list(CITIES))
            district = rng.choice(CITIES[city])
            core, topic, services = rng.choice(CORES)
            suffix = rng.choice(SUFFIXES)
            name = f"{district}{rng.choice(PREFIXES)}{rng.choice(PREFIXES)}{core}{suffix}"
            name += f"第{len(names) + 1}号"  # unique, and plainly not a real organization
            names.add(name)
            writer.writerow(
                [
                    f"synthetic-import-{len(names):06d}",
                    name,
                    city,
                    district,
                    f"（合成数据）{name}在{city}{district}提供{services}等服务。",
                    services,
                    topic,
                    "SYNTHETIC — benchmarks/bench_import_while_answering.py",
                ]
            )


@dataclass
class Asked:
    chat: int
    at: float
    phase: str


@dataclass
class Run:
    asked: list[Asked] = field(default_factory=list)
    phase: str = "before"


def orgbot(*args: str) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


def environment(api: FakeBotAPI, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=api.base_url,
        ORGBOT_DB=str(db),
        PYTHONPATH=str(ROOT),
    )
    return env


def ask_steadily(api: FakeBotAPI, run: Run, rate: float, stop: threading.Event) -> None:
    """One question every 1/rate seconds, each from a new resident, until stopped."""
    chat = 900_000
    next_at = time.monotonic()
    while not stop.is_set():
        chat += 1
        api.push_message(chat, QUESTIONS[chat % len(QUESTIONS)])
        run.asked.append(Asked(chat, time.monotonic(), run.phase))
        next_at += 1 / rate
        stop.wait(max(0.0, next_at - time.monotonic()))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(pct / 100 * len(ordered)) - 1))]


def report(api: FakeBotAPI, run: Run) -> None:
    first_reply: dict[int, float] = {}
    for message in api.sent():
        first_reply.setdefault(message["chat_id"], message["at"])
    print(f"{'phase':<8} {'asked':>6} {'answered':>9} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'max ms':>8} {'≤200 ms':>8}")  # fmt: skip
    for phase in ("before", "during", "after"):
        asked = [a for a in run.asked if a.phase == phase]
        times = [(first_reply[a.chat] - a.at) * 1000 for a in asked if a.chat in first_reply]
        if not times:
            print(f"{phase:<8} {len(asked):>6} {0:>9}")
            continue
        within = sum(t <= 200 for t in times) / len(times)
        print(
            f"{phase:<8} {len(asked):>6} {len(times):>9} {percentile(times, 50):>8.0f} "
            f"{percentile(times, 95):>8.0f} {percentile(times, 99):>8.0f} {max(times):>8.0f} "
            f"{within:>8.1%}"
        )


def timeline(api: FakeBotAPI, run: Run, start: float) -> None:
    """Each question's time of asking (s from the start) and its answer time (ms)."""
    first_reply: dict[int, float] = {}
    for message in api.sent():
        first_reply.setdefault(message["chat_id"], message["at"])
    for a in run.asked:
        answered = first_reply.get(a.chat)
        took = f"{(answered - a.at) * 1000:8.0f}" if answered else "       -"
        print(f"  {a.at - start:7.2f} s  {a.phase:<7} {took} ms")


def logged_questions(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM questions WHERE channel = 'telegram'").fetchone()[
            0
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, default=20_000, help="synthetic organizations")
    parser.add_argument("--rate", type=float, default=4.0, help="questions a second")
    parser.add_argument("--calm", type=float, default=10.0, help="seconds before and after")
    parser.add_argument("--timeline", action="store_true", help="print every answer's time")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="orgbot-bench-") as folder, FakeBotAPI() as api:
        work = Path(folder)
        db, staff_file, log = work / "orgbot.db", work / "synthetic-orgs.csv", work / "bot.log"
        write_synthetic_csv(staff_file, args.orgs)
        env = environment(api, db)
        with log.open("ab") as log_out:
            bot = subprocess.Popen(
                orgbot("run"), env=env, cwd=work, stdout=log_out, stderr=subprocess.STDOUT
            )
        try:
            api.wait_for(lambda a: a.commands, timeout=120, what="the bot to start")
            run, stop = Run(), threading.Event()
            begun = time.monotonic()
            asker = threading.Thread(target=ask_steadily, args=(api, run, args.rate, stop))
            asker.start()
            time.sleep(args.calm)
            run.phase = "during"
            started = time.monotonic()
            imported = subprocess.run(
                orgbot("kb", "import", str(staff_file)),
                env=env,
                cwd=work,
                capture_output=True,
                text=True,
            )
            import_seconds = time.monotonic() - started
            run.phase = "after"
            time.sleep(args.calm)
            stop.set()
            asker.join()
            api.wait_for(
                lambda a: len({m["chat_id"] for m in a.sent()}) >= len(run.asked),
                timeout=60,
                what="every question answered",
            )
        finally:
            bot.send_signal(signal.SIGTERM)
            code = bot.wait(timeout=60)
        print(f"{args.orgs:,} synthetic organizations imported in {import_seconds:.1f} s "
              f"(exit {imported.returncode}): {imported.stdout.strip()[:120]}")  # fmt: skip
        if imported.returncode:
            print(imported.stderr.strip()[-2000:])
        print(f"bot asked {len(run.asked)} questions at {args.rate:g}/s; stopped with exit {code}")
        report(api, run)
        if args.timeline:
            print(
                f"import from {started - begun:.2f} s to {started - begun + import_seconds:.2f} s"
            )
            timeline(api, run, begun)
        logged = logged_questions(db)
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        problems = [line for line in lines if "WARNING" in line or "ERROR" in line]
        print(f"questions logged: {logged} of {len(run.asked)} "
              f"({'none lost' if logged == len(run.asked) else 'SOME LOST'})")  # fmt: skip
        print(f"bot log: {len(lines)} lines, {len(problems)} warnings or errors")
        for line in problems[:10]:
            print("  " + line[:200])


if __name__ == "__main__":
    main()
