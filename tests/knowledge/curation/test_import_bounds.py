"""How much one import may take (issue 15): a 50 MB CSV is refused at once naming the limit;
a city's 10,000-row registry imports within bounded time and memory — each measured on the
real `orgbot kb import` process (peak RSS from RUSAGE_CHILDREN of a fresh parent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.settings import SettingsError, load_settings
from knowledge.curation.limits import MB, ImportLimits
from tests.knowledge.curation.measured import kb_import, write_registry

# Measured on the shared 2-core machine (benchmarks/bench_import_bounds.py): 10,000 rows
# 10–11 s of CPU and 300 MB at the peak; a refused 50 MB file under 1 s of CPU and 51 MB.
TEN_THOUSAND_CPU = 30.0
TEN_THOUSAND_MB = 450
REFUSED_CPU = 5.0
REFUSED_MB = 150


def test_a_50_mb_csv_is_refused_at_once_naming_the_limit(tmp_path: Path) -> None:
    path = write_registry(tmp_path / "province.csv", size=50 * MB)
    measured = kb_import(tmp_path / "orgbot.db", path)
    assert measured.code == 1
    assert measured.stderr.splitlines() == [
        f"{path}：file：文件有 50.0 MB，超过导入上限 10.0 MB（ORGBOT_IMPORT_MAX_MB）：请只导入要更新的部分",
        "Error: 发现 1 个问题，数据库没有改动",
    ]
    assert measured.cpu < REFUSED_CPU and measured.peak_mb < REFUSED_MB, measured.line()


def test_a_10000_row_registry_imports_within_bounded_time_and_memory(tmp_path: Path) -> None:
    path = write_registry(tmp_path / "city.csv", rows=10_000)
    measured = kb_import(tmp_path / "orgbot.db", path)
    assert measured.code == 0, measured.stderr
    assert measured.stdout.startswith("组织：新增 10000，更新 0，未变 0，删除 0")
    assert measured.cpu < TEN_THOUSAND_CPU and measured.peak_mb < TEN_THOUSAND_MB, measured.line()


def test_the_row_limit_is_a_setting_and_refuses_before_anything_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_registry(tmp_path / "city.csv", rows=12, encoding="utf-8")
    monkeypatch.setenv("ORGBOT_IMPORT_MAX_ROWS", "10")
    result = CliRunner().invoke(main, ["kb", "import", str(path), "--db", str(tmp_path / "o.db")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}：file：这次导入超过 10 行（ORGBOT_IMPORT_MAX_ROWS），没有读完：请分批导入",
        "Error: 发现 1 个问题，数据库没有改动",
    ]
    monkeypatch.setenv("ORGBOT_IMPORT_MAX_ROWS", "12")
    result = CliRunner().invoke(main, ["kb", "import", str(path), "--db", str(tmp_path / "o.db")])
    assert result.exit_code == 0, result.output


def test_the_rows_of_all_files_of_one_import_count_together(tmp_path: Path) -> None:
    from knowledge.curation.readers import read_files

    first = write_registry(tmp_path / "a.csv", rows=6, encoding="utf-8")
    second = write_registry(tmp_path / "b.csv", rows=6, encoding="utf-8")
    read = read_files([first, second], ImportLimits(max_rows=10))
    assert [str(p) for p in read.problems] == [
        f"{second}：file：这次导入超过 10 行（ORGBOT_IMPORT_MAX_ROWS），没有读完：请分批导入"
    ]
    assert len(read.records) == 6  # nothing of the second file


@pytest.mark.parametrize("name", ["ORGBOT_IMPORT_MAX_ROWS", "ORGBOT_IMPORT_MAX_MB"])
@pytest.mark.parametrize("value", ["0", "-5", "ten", "1.5"])
def test_a_bad_import_limit_names_its_variable(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"^{name} must be a positive number"):
        load_settings({name: value, "ORGBOT_DB": str(tmp_path / "o.db")}, dotenv=False)


def test_import_limits_default_to_a_city_registry(tmp_path: Path) -> None:
    settings = load_settings({"ORGBOT_DB": str(tmp_path / "o.db")}, dotenv=False)
    assert (settings.import_max_rows, settings.import_max_mb) == (30_000, 10)
