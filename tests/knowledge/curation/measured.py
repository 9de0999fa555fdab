"""`orgbot kb import` as a real process, measured: exit code, wall and CPU seconds, peak
memory. Each runs under a fresh parent, so RUSAGE_CHILDREN holds that import alone."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.knowledge.curation.synthetic_registry import HEADERS, organizations

REPO = Path(__file__).resolve().parents[3]
_PARENT = """\
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = used.ru_utime + used.ru_stime
wall = time.perf_counter() - started
sys.stdout.write(f"{done.returncode} {wall:.3f} {cpu:.3f} {used.ru_maxrss // 1024}\\n")
sys.stdout.write(done.stdout + "\\0" + done.stderr)
"""


@dataclass(frozen=True)
class Measured:
    code: int
    wall: float  # seconds
    cpu: float  # seconds of the import process
    peak_mb: int  # its peak resident memory
    stdout: str
    stderr: str

    def line(self) -> str:
        return f"exit {self.code}, {self.wall:.1f} s, {self.cpu:.1f} s CPU, {self.peak_mb} MB peak"


def kb_import(db: Path, path: Path, *options: str, **env: str) -> Measured:
    command = [sys.executable, "-m", "bot", "kb", "import", str(path), "--db", str(db), *options]
    environment = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(db.parent)}
    done = subprocess.run(
        [sys.executable, "-c", _PARENT, *command],
        capture_output=True,
        text=True,
        env={**environment, **env},
        cwd=REPO,
        timeout=600,
    )
    first, _, rest = done.stdout.partition("\n")
    code, wall, cpu, peak = first.split()
    out, _, err = rest.partition("\0")
    return Measured(int(code), float(wall), float(cpu), int(peak), out, err)


def registry_lines(count: int) -> Iterator[str]:
    """CSV lines of `count` SYNTHETIC organizations (more than the distinct ones repeat with
    a number in the name), the header first."""
    yield ",".join(HEADERS)
    distinct = list(organizations(min(count, 20_000)))
    for n in range(count):
        org = distinct[n % len(distinct)]
        row = [str(c) for c in org.row]
        if n >= len(distinct):
            row[0] = f"{row[0]}{n}"
            row[1] = ""  # a credit code names one organization
        yield ",".join(row)


def write_registry(path: Path, *, rows: int = 0, size: int = 0, encoding: str = "gbk") -> Path:
    """A registry CSV of `rows` rows, or of rows enough to reach `size` bytes."""
    with path.open("w", encoding=encoding, newline="\r\n") as fh:
        written = 0
        for n, line in enumerate(registry_lines(rows or 10**7)):
            fh.write(line + "\n")
            written += len(line) * 2
            if size and written >= size and fh.tell() >= size:
                break
            if rows and n >= rows:
                break
    return path
