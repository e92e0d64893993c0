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


def test_progress_bar_shows_only_on_slow_loads_on_a_terminal(capsys):
    from etl.__main__ import TextProgress

    quick = TextProgress(delay=60, enabled=True)
    quick(0.5, "validating")
    quick(1.0, "done")
    assert capsys.readouterr().err == ""
    slow = TextProgress(delay=0, enabled=True)
    slow(0.5, "validating")
    slow(1.0, "done")
    err = capsys.readouterr().err
    assert "[###############...............]  50% validating" in err
    assert err.endswith("\n") and "100% done" in err
    piped = TextProgress(delay=0)  # pytest's captured stderr is no terminal, like a CI log
    piped(0.5, "validating")
    assert capsys.readouterr().err == ""


def test_a_failure_after_the_bar_starts_its_own_line(capsys):
    from etl.__main__ import TextProgress

    bar = TextProgress(delay=0, enabled=True)
    bar(0.6, "loading")
    bar.end_line()
    bar.end_line()
    err = capsys.readouterr().err
    assert err.endswith("loading" + " " * 29 + "\n") and err.count("\n") == 1


def test_target_that_is_not_a_database_is_refused_unless_forced(tmp_path):
    source = write_source(tmp_path / "src")
    target = tmp_path / "x.duckdb"
    target.write_text("hello\n")
    proc = run_etl("build", "--source", str(source), "--db", str(target))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"BUILD FAILED: {target} exists and is not a DuckDB database; it was left "
                                        "alone. Choose another --db, or pass --force to replace it"]
    assert target.read_text() == "hello\n"
    proc = run_etl("build", "--source", str(source), "--db", str(target), "--force")
    assert proc.returncode == 0, proc.stderr
    assert "replacing" in proc.stderr and "forced" in proc.stderr  # the one warning logged to stderr


def test_read_only_target_folder_exits_2_with_one_line(tmp_path):
    import pytest

    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; tests/test_build.py injects the refusal instead")
    source = write_source(tmp_path / "src")
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "alliance.duckdb"
    assert run_etl("build", "--source", str(source), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    folder.chmod(0o555)
    try:
        proc = run_etl("build", "--source", str(source), "--db", str(db))
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("BUILD FAILED: ") and "writable" in proc.stderr
    assert db.read_bytes() == before


def test_faults_end_in_one_line_never_a_traceback(tmp_path, monkeypatch, capsys):
    import errno

    from etl import build as build_module
    from etl.__main__ import main

    source = write_source(tmp_path / "src")
    db = tmp_path / "alliance.duckdb"

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(build_module, "_open_temp_database", full)
    assert main(["build", "--source", str(source), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"BUILD FAILED: cannot write the new database {db}: the disk is full")

    def bug(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(build_module, "validate_and_load", bug)  # the entry of every check
    assert main(["check", "--source", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ["INTERNAL ERROR: KeyError: 'surprise'; nothing was written (--verbose shows the "
                                "traceback)"]
    assert not db.exists()


def test_verbose_logs_each_step_quiet_by_default(tmp_path):
    source = write_source(tmp_path / "src")
    quiet = run_etl("check", "--source", str(source))
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run_etl("check", "--source", str(source), "--verbose")
    assert loud.returncode == 0 and f"etl.build: INFO: checked {source}: 0 error(s)" in loud.stderr


REAL_FAULTS = """
set -u
mount -t tmpfs -o size=12m tmpfs "$1" || exit 77
cd "$2"
python -m etl build --source "$3" --db "$1/alliance.duckdb" > /dev/null 2>&1 || exit 78
sha256sum "$1/alliance.duckdb"
python -m etl build --source "$4" --db "$1/alliance.duckdb"; echo "exit $?"
sha256sum "$1/alliance.duckdb"; ls -a "$1"
mount -o remount,ro "$1"
python -m etl build --source "$3" --db "$1/alliance.duckdb"; echo "exit $?"
sha256sum "$1/alliance.duckdb"
"""


def test_real_full_disk_and_read_only_folder(tmp_path):
    """The real faults, in a private mount namespace (needs root): a 12 MB tmpfs that a build of 100,000
    companies fills, then the same folder remounted read-only. Each ends in one line, exit 2, and the
    previous database stays as it was."""
    import shutil

    import pytest

    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) for a private tmpfs")
    small = write_source(tmp_path / "small")
    tables = valid_tables()
    tables["companies"]["rows"] = [[f"k{i}", *tables["companies"]["rows"][0][1:]] for i in range(100_000)]
    tables["projects"]["rows"] = []
    big = write_source(tmp_path / "big", tables)
    mount = tmp_path / "mnt"
    mount.mkdir()
    proc = subprocess.run(["unshare", "-m", "sh", "-c", REAL_FAULTS, "sh", str(mount), str(ROOT), str(small), str(big)],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode in (77, 1) and "exit" not in proc.stdout:
        pytest.skip(f"no private tmpfs here: {proc.stderr.strip()[:200]}")
    out = proc.stdout.splitlines()
    digests = [line.split()[0] for line in out if line.endswith("/alliance.duckdb")]
    assert len(digests) == 3 and len(set(digests)) == 1, proc.stdout
    assert out.count("exit 2") == 2, proc.stdout + proc.stderr
    errors = proc.stderr.splitlines()
    assert len(errors) == 2, proc.stderr
    assert errors[0].startswith(f"BUILD FAILED: cannot write the new database {mount}/alliance.duckdb: the disk "
                                "is full")
    assert errors[1].startswith(f"BUILD FAILED: cannot create the build lock {mount}/alliance.duckdb.lock "
                                "(Read-only file system)")
    assert [name for name in out if name.startswith(".") and name not in (".", "..")] == []  # no temp file left
