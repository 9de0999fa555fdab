"""What an import costs at its bounds, on the real `orgbot kb import` process (printed, never
asserted; tests/knowledge/curation/test_import_bounds.py asserts the bounds):

    python benchmarks/bench_import_bounds.py [--skip-30k]

For each file: exit code, wall and CPU seconds, and the process's peak resident memory
(ru_maxrss of RUSAGE_CHILDREN under a fresh parent). Files are SYNTHETIC registries
(tests/knowledge/curation/synthetic_registry.py, 合成测试数据（非真实）), GBK as Excel in
China saves them, each into a new database (seeded with the shipped knowledge):

1. 10,000 rows as CSV and as .xlsx (a city's registry);
2. 30,000 rows as CSV (ORGBOT_IMPORT_MAX_ROWS, the default limit);
3. 50 MB of CSV (about 260,000 rows): refused by ORGBOT_IMPORT_MAX_MB before it is read;
   and with that raised to 60, refused by the row limit once 30,001 rows are read;
4. a workbook of two cells, A1 and XFD1048576 (before the survey, the reader allocated
   512 GB for it and aborted the process): refused before it is read.

The machine is shared: wall time includes other tenants' work; CPU time and memory do not.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.curation.limits import MB  # noqa: E402
from tests.knowledge.curation.measured import kb_import, write_registry  # noqa: E402
from tests.knowledge.curation.synthetic_registry import (  # noqa: E402
    organizations,
    write_xlsx,
)


def two_cell_bomb(folder: Path) -> Path:
    good = write_xlsx(folder / "good.xlsx", list(organizations(3)))
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                    b"</row></sheetData>",
                )
            dst.writestr(item.filename, data)
    return bomb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-30k", action="store_true", help="leave out the 30,000 rows")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, Path, dict[str, str]]] = [
            ("10,000 rows, CSV", write_registry(folder / "r10k.csv", rows=10_000), {}),
            (
                "10,000 rows, xlsx",
                write_xlsx(folder / "r10k.xlsx", list(organizations(10_000))),
                {},
            ),
        ]
        if not args.skip_30k:
            cases.append(("30,000 rows, CSV", write_registry(folder / "r30k.csv", rows=30_000), {}))
        big = write_registry(folder / "r50mb.csv", size=50 * MB)
        cases += [
            (f"{big.stat().st_size / MB:.0f} MB CSV", big, {}),
            (
                f"{big.stat().st_size / MB:.0f} MB CSV, MAX_MB=60",
                big,
                {"ORGBOT_IMPORT_MAX_MB": "60"},
            ),
            ("two-cell xlsx to XFD1048576", two_cell_bomb(folder), {}),
        ]
        for n, (label, path, env) in enumerate(cases):
            measured = kb_import(folder / f"db{n}.db", path, **env)
            said = (measured.stdout or measured.stderr).strip().splitlines()[0][-70:]
            print(f"{label:32} {measured.line():55} {said}")


if __name__ == "__main__":
    main()
