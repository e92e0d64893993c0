"""The command line's contract: exit codes, one line per error naming file, row and column."""

import os
import subprocess
import sys
from pathlib import Path

from tests.factory import valid_tables, write_source

ROOT = Path(__file__).resolve().parent.parent


def run_etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_build_valid_source_exits_0_and_writes_db(tmp_path):
    source = write_source(tmp_path / "src")
    db = tmp_path / "out.duckdb"
    proc = run_etl("build", "--source", str(source), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert db.exists()
    assert "cities 3" in proc.stdout


def test_data_error_exits_1_with_file_row_column(tmp_path):
    tables = valid_tables()
    tables["cities"]["rows"][1][6] = "north"  # lat of mainz, row 3
    source = write_source(tmp_path / "src", tables)
    db = tmp_path / "out.duckdb"
    proc = run_etl("build", "--source", str(source), "--db", str(db))
    assert proc.returncode == 1
    assert "ERROR: cities.csv, row 3, column lat: 'north' is not a number" in proc.stderr
    assert not db.exists()


def test_missing_folder_exits_2(tmp_path):
    proc = run_etl("build", "--source", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb"))
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr


def test_unreadable_file_exits_2(tmp_path):
    source = write_source(tmp_path / "src")
    (source / "companies_extra.xlsx").write_bytes(b"this is not a zip file")
    proc = run_etl("check", "--source", str(source))
    assert proc.returncode == 2
    assert "companies_extra.xlsx" in proc.stderr and "XLSX" in proc.stderr


def test_bad_arguments_exit_2():
    assert run_etl("frobnicate").returncode == 2


def test_check_writes_nothing(tmp_path):
    source = write_source(tmp_path / "src")
    db = tmp_path / "never.duckdb"
    proc = run_etl("check", "--source", str(source), env={"ALLIANCE_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    assert "nothing written" in proc.stdout
    assert not db.exists()


def test_db_flag_wins_over_environment(tmp_path):
    source = write_source(tmp_path / "src")
    env_db, flag_db = tmp_path / "env.duckdb", tmp_path / "flag.duckdb"
    assert run_etl("build", "--source", str(source), env={"ALLIANCE_DB": str(env_db)}).returncode == 0
    assert env_db.exists()
    assert run_etl("build", "--source", str(source), "--db", str(flag_db),
                   env={"ALLIANCE_DB": str(env_db)}).returncode == 0
    assert flag_db.exists()


def test_seed_builds_with_exit_0(tmp_path):
    proc = run_etl("build", "--db", str(tmp_path / "seed.duckdb"))
    assert proc.returncode == 0, proc.stderr
    assert "ERROR" not in proc.stderr


def test_progress_bar_shows_only_on_slow_loads(capsys):
    from etl.__main__ import TextProgress

    quick = TextProgress(delay=60)
    quick(0.5, "validating")
    quick(1.0, "done")
    assert capsys.readouterr().err == ""
    slow = TextProgress(delay=0)
    slow(0.5, "validating")
    slow(1.0, "done")
    err = capsys.readouterr().err
    assert "[###############...............]  50% validating" in err
    assert err.endswith("\n") and "100% done" in err
