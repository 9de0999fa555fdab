"""How much one import may read: files, rows, cells, nesting — refused at once past these.

A city's registry is a few thousand organizations (the largest cities about 20,000). Measured
on the real `orgbot kb import` (benchmarks/bench_import_bounds.py): 10,000 rows peak at about
300 MB and 10 s of CPU, 30,000 at about 575 MB and 31 s, so the default keeps a small
server's import well under 1 GB. A file ten times larger than any
registry is a mistake (a wrong export, a whole province) and is refused before it is read,
with the limit named, instead of an import that takes minutes and gigabytes to say so.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
DEFAULT_MAX_ROWS = 30_000
DEFAULT_MAX_MB = 10
# A workbook is zipped XML: unpacked, it is 4–5 times the same rows as CSV (10,000 registry
# rows: 2.0 MB of CSV, 8.7 MB of XML in a 0.9 MB .xlsx).
XLSX_UNPACKED_FACTOR = 5
# Excel's own limit for one cell; anything longer was not typed by a person.
MAX_CELL_CHARS = 32_767
# Columns of a registry sheet: about 30 fields; a sheet reaching column 200 is not one.
MAX_COLUMNS = 200
# Levels of nesting in a YAML file: a record's figures are three deep (table, record,
# figure); past this it is a mistake or an attack (PyYAML recurses once per level).
MAX_YAML_DEPTH = 20


@dataclass(frozen=True)
class ImportLimits:
    """What one import reads at most (`orgbot kb import` takes them from the settings)."""

    max_rows: int = DEFAULT_MAX_ROWS  # records and spreadsheet rows of all its files
    max_bytes: int = DEFAULT_MAX_MB * MB  # one CSV or YAML file; a workbook's, unpacked, ×5

    @property
    def max_unpacked(self) -> int:
        return self.max_bytes * XLSX_UNPACKED_FACTOR


def size_text(size: int) -> str:
    """A file size as staff read it: 52.4 MB, 830 KB."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
