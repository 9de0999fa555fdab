"""Residents' questions under load: the real `orgbot run` process against the local Bot API.

    python benchmarks/bench_load.py                      # the issue's sizes (~2-3 min)
    python benchmarks/bench_load.py --questions 50000 --paced-seconds 300   # a longer run
    python benchmarks/bench_load.py --profile /tmp/bot.prof   # the bot under cProfile

The strict fake Bot API server runs in a process of its own (so that its CPU is not the
bot's) and `orgbot run` in another, with ORGBOT_SEND_RATE=off (no overall send limit: the
per-chat limit of one message a second and the flood guard's 20 questions a minute per
resident stay on, and the questions are spread so that neither is reached). Then:

(a) throughput: `--residents` distinct residents send `--questions` questions (a mix from
    tests/knowledge/answering/questions.yaml), `--window` of them waiting for an answer at
    any time: questions answered a second, the time from an update being available (pushed
    to the server) to the reply reaching the server (p50/p99), the bot's CPU seconds per
    question (utime+stime from /proc/<pid>/stat) and its peak RSS (VmHWM);
(b) paced: questions at `--rate` a second for `--paced-seconds`: p50/p99, and every reply
    slower than 100 ms with when it came;
and for both, that no question was left unanswered or answered twice.

Prints figures; asserts nothing. The machine is shared: run it more than once.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ROOT / "tests" / "knowledge" / "answering" / "questions.yaml"
STALL_SECONDS = 0.100
Push = tuple[int, float]  # (resident, when the update became available)
Reply = tuple[int, float]  # (chat, when the reply reached the server)


# --- the fake Bot API in a process of its own, which also plays the residents -------------


def _serve(connection: Any) -> None:
    from tests.support.fake_bot_api import FakeBotAPI

    class TimedAPI(FakeBotAPI):
        """Notes when each reply arrives, and tells the residents' thread."""

        def __init__(self) -> None:
            super().__init__()
            self.replies: list[Reply] = []
            self.arrived: queue.Queue[int] = queue.Queue()

        def _send_message(self, params: Any, bot_id: int) -> Any:
            arrived = time.monotonic()
            result = super()._send_message(params, bot_id)
            self.replies.append((result["chat"]["id"], arrived))
            self.arrived.put(result["chat"]["id"])
            return result

    with TimedAPI() as api:
        connection.send((api.token, api.base_url))
        while True:
            command, args = connection.recv()
            if command == "stop":
                return
            if command == "started":
                api.wait_for(lambda a: a.commands, timeout=300, what="setMyCommands")
                connection.send(None)
            elif command == "closed":
                connection.send(_closed_loop(api, *args))
            elif command == "paced":
                connection.send(_paced(api, *args))


def _drain(api: Any) -> None:
    while not api.arrived.empty():
        api.arrived.get_nowait()


def _closed_loop(api: Any, questions: list[tuple[int, str]], window: int) -> Any:
    """Keep `window` questions waiting for an answer; a new one each time a reply arrives."""
    _drain(api)
    first_reply = len(api.replies)
    pushes: list[Push] = []

    def ask() -> None:
        user, text = questions[len(pushes)]
        pushes.append((user, time.monotonic()))
        api.push_message(user, text)

    for _ in range(min(window, len(questions))):
        ask()
    answered = 0
    while answered < len(questions):
        try:
            api.arrived.get(timeout=30)
        except queue.Empty:
            break  # nothing for 30 s: the rest is lost
        answered += 1
        if len(pushes) < len(questions):
            ask()
    time.sleep(1.0)  # a late duplicate would arrive now
    return pushes, api.replies[first_reply:]


def _paced(api: Any, questions: list[tuple[int, str]], rate: float) -> Any:
    """One question every 1/rate seconds, whatever the bot does."""
    _drain(api)
    first_reply = len(api.replies)
    pushes: list[Push] = []
    start = time.monotonic()
    for n, (user, text) in enumerate(questions):
        delay = start + n / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        pushes.append((user, time.monotonic()))
        api.push_message(user, text)
    deadline = time.monotonic() + 30
    while len(api.replies) - first_reply < len(questions) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    return pushes, api.replies[first_reply:]


class Server:
    """The fake Bot API and the residents, in a child process, driven over a pipe."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        self.token, self.base_url = self._pipe.recv()

    def call(self, command: str, *args: Any) -> Any:
        self._pipe.send((command, args))
        return self._pipe.recv()

    @property
    def pid(self) -> int:
        return self._process.pid or 0

    def stop(self) -> None:
        self._pipe.send(("stop", ()))
        self._process.join(timeout=10)


# --- the bot process ----------------------------------------------------------------------


def start_bot(server: Server, folder: Path, profile: Path | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=server.token,
        TELEGRAM_BASE_URL=server.base_url,
        ORGBOT_DB=str(folder / "orgbot.db"),
        ORGBOT_SEND_RATE="off",
        PYTHONPATH=str(ROOT),
    )
    code = "from bot.cli import main; main()"
    if profile is not None:  # cProfile writes the file when `main` exits on SIGTERM
        code = (
            "import cProfile, sys; from bot.cli import main; sys.argv = ['orgbot', 'run'];"
            f" cProfile.run('main()', {str(profile)!r})"
        )
    return subprocess.Popen(
        [sys.executable, "-c", code, "run"],
        env=env,
        stdout=(folder / "bot.log").open("ab"),
        stderr=subprocess.STDOUT,
        cwd=folder,
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- questions and figures ----------------------------------------------------------------


def question_mix(count: int, residents: int, first_user: int, seed: int) -> list[tuple[int, str]]:
    """`count` questions from `residents` residents in turn (each asks again only after all
    the others asked: far from the per-chat and flood limits)."""
    texts = [entry["q"] for entry in yaml.safe_load(QUESTIONS.read_text("utf-8"))["questions"]]
    rng = random.Random(seed)
    return [(first_user + n % residents, rng.choice(texts)) for n in range(count)]


def matched(pushes: list[Push], replies: list[Reply]) -> tuple[list[tuple[float, float]], int, int]:
    """(pushed at, seconds to the reply) of each answered question, and how many questions
    got no reply or more than one (a reply belongs to the resident's latest question before
    it: each resident waits for an answer before asking again)."""
    asked: dict[int, list[float]] = defaultdict(list)
    for user, at in pushes:
        asked[user].append(at)
    answers: dict[int, list[float]] = defaultdict(list)
    for chat, at in replies:
        answers[chat].append(at)
    waits, lost, twice = [], 0, 0
    for user, times in asked.items():
        got = sorted(answers.get(user, []))
        for n, at in enumerate(times):
            before = times[n + 1] if n + 1 < len(times) else float("inf")
            mine = [r for r in got if at <= r < before]
            if not mine:
                lost += 1
                continue
            twice += len(mine) > 1
            waits.append((at, mine[0] - at))
    twice += sum(1 for chat in answers if chat not in asked)
    return waits, lost, twice


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def describe(waits: list[tuple[float, float]], lost: int, twice: int) -> str:
    seconds = [w for _, w in waits]
    return (
        f"p50 {statistics.median(seconds) * 1000:.1f} ms, p99 {percentile(seconds, 0.99) * 1000:.1f}"
        f" ms, max {max(seconds) * 1000:.0f} ms; unanswered {lost}, answered twice {twice}"
    )


def throughput(server: Server, bot: subprocess.Popen, args: argparse.Namespace) -> None:
    questions = question_mix(args.questions, args.residents, 1_000_000, seed=15)
    before, server_before = cpu_seconds(bot.pid), cpu_seconds(server.pid)
    pushes, replies = server.call("closed", questions, args.window)
    cpu = cpu_seconds(bot.pid) - before
    server_cpu = cpu_seconds(server.pid) - server_before
    waits, lost, twice = matched(pushes, replies)
    elapsed = max(at for _, at in replies) - pushes[0][1]
    print(
        f"(a) throughput, ORGBOT_SEND_RATE=off, {args.residents:,} residents, {len(pushes):,}"
        f" questions, {args.window} waiting at a time: {len(waits) / elapsed:,.0f} answered/s"
        f" (target >= 200)\n    update -> reply: {describe(waits, lost, twice)}\n"
        f"    bot CPU {cpu:.1f} s = {cpu / len(pushes) * 1000:.2f} ms a question (target <= 3);"
        f" peak RSS {peak_rss_mb(bot.pid):.0f} MB\n"
        f"    the fake server and residents (the same 2 cores): CPU {server_cpu / elapsed:.2f}"
        f" cores, {server_cpu / len(pushes) * 1000:.2f} ms a question; the bot"
        f" {cpu / elapsed:.2f} cores"
    )


def paced(server: Server, bot: subprocess.Popen, args: argparse.Namespace) -> None:
    count = int(args.rate * args.paced_seconds)
    questions = question_mix(count, args.residents, 3_000_000, seed=25)
    before = cpu_seconds(bot.pid)
    pushes, replies = server.call("paced", questions, args.rate)
    cpu = cpu_seconds(bot.pid) - before
    waits, lost, twice = matched(pushes, replies)
    start = pushes[0][1]
    stalls = [(at - start, wait) for at, wait in waits if wait > STALL_SECONDS]
    print(
        f"(b) paced at {args.rate:g} questions/s for {args.paced_seconds:g} s ({count:,}"
        f" questions): {describe(waits, lost, twice)} (target p99 <= 50 ms);"
        f" bot CPU {cpu / count * 1000:.2f} ms a question"
    )
    listed = ", ".join(f"{wait * 1000:.0f} ms at {t:.1f} s" for t, wait in stalls[:20])
    more = f" and {len(stalls) - 20} more" if len(stalls) > 20 else ""
    print(f"    replies over 100 ms: {len(stalls)}{': ' + listed + more if stalls else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=1_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=64, help="questions waiting at a time")
    parser.add_argument("--rate", type=float, default=25.0, help="paced questions a second")
    parser.add_argument("--paced-seconds", type=float, default=40.0)
    parser.add_argument("--warm-up", type=int, default=300, help="questions before measuring")
    parser.add_argument("--profile", type=Path, help="run the bot under cProfile, stats here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        server = Server()
        bot = start_bot(server, folder, args.profile)
        try:
            started = time.monotonic()
            server.call("started")
            print(f"bot started in {time.monotonic() - started:.1f} s (pid {bot.pid})")
            warm = question_mix(args.warm_up, args.warm_up, 2_000_000, seed=1)
            server.call("closed", warm, args.window)
            throughput(server, bot, args)
            paced(server, bot, args)
        finally:
            bot.send_signal(signal.SIGTERM)
            code = bot.wait(timeout=60)
            server.stop()
            if code != 0:
                print((folder / "bot.log").read_text("utf-8", errors="replace")[-3000:])
    if args.profile is not None:
        import pstats

        pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
