"""One build per database at a time: concurrent builds queue, both loads are recorded, the lock and
temp files never leak."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.lock import BuildLockTimeout, build_lock, lock_path
from tests.factory import valid_tables, write_source

ROOT = Path(__file__).resolve().parent.parent


def runs(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM cities").fetchall() == [(3,)]  # a valid database
        return con.execute("SELECT run_id, source_dir FROM etl_runs ORDER BY run_id").fetchall()


def bigger_source(folder: Path, companies: int = 20_000) -> Path:
    """A source slow enough to load (about a second) that two builds overlap."""
    tables = valid_tables()
    template = tables["companies"]["rows"][0]
    tables["companies"]["rows"] = [[f"k{i}", *template[1:]] for i in range(companies)]
    tables["projects"]["rows"] = []
    return write_source(folder, tables)


def etl(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "etl", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_threads_building_the_same_target_both_succeed(tmp_path):
    db = tmp_path / "alliance.duckdb"
    sources = [bigger_source(tmp_path / "a"), write_source(tmp_path / "b")]
    results, errors = {}, []

    def run(source: Path) -> None:
        try:
            results[source.name] = build(source, db)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(source,)) for source in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert all(r.ok and r.written for r in results.values())
    assert [run_id for run_id, _ in runs(db)] == [1, 2]
    assert {Path(s).name for _, s in runs(db)} == {"a", "b"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "alliance.duckdb", "b"]  # no lock or temp file


def test_two_processes_building_the_same_target_both_succeed(tmp_path):
    db = tmp_path / "alliance.duckdb"
    first = etl("build", "--source", str(bigger_source(tmp_path / "a")), "--db", str(db))
    second = etl("build", "--source", str(bigger_source(tmp_path / "b")), "--db", str(db))
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    assert [run_id for run_id, _ in runs(db)] == [1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "alliance.duckdb", "b"]


def test_cli_says_it_waits_for_another_build(tmp_path):
    db = tmp_path / "alliance.duckdb"
    with build_lock(db):
        proc = etl("build", "--source", str(write_source(tmp_path / "src")), "--db", str(db))
        line = proc.stderr.readline()
        assert line.startswith(f"waiting for another build of {db}")
        time.sleep(0.2)
        assert proc.poll() is None and not db.exists()  # still waiting
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert runs(db) == [(1, str(tmp_path / "src"))]


def test_lock_timeout_and_no_wait_fail_clearly(tmp_path):
    db = tmp_path / "alliance.duckdb"
    with build_lock(db) as held:
        assert held == lock_path(db) and held.exists()
        with pytest.raises(BuildLockTimeout, match="another build of alliance.duckdb is running"):
            with build_lock(db, wait=False):
                pass
        started = time.monotonic()
        with pytest.raises(BuildLockTimeout, match=r"still runs after 0.3 s"):
            build(write_source(tmp_path / "src"), db, lock_timeout=0.3)
        assert 0.3 <= time.monotonic() - started < 15  # waited for the timeout, then gave up
        # the caller that holds the lock builds with lock_held=True
        assert build(tmp_path / "src", db, lock_held=True).written
    assert not lock_path(db).exists()


def test_the_lock_of_a_killed_holder_does_not_block(tmp_path):
    """The kernel drops a dead process's lock; its lock file stays behind and is reused, then removed."""
    db = tmp_path / "alliance.duckdb"
    code = ("import sys, time; from pathlib import Path; from etl.lock import build_lock\n"
            "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait()
    assert lock_path(db).exists()
    assert build(write_source(tmp_path / "src"), db, lock_timeout=10).written
    assert not lock_path(db).exists()


def test_waiter_on_a_deleted_lock_file_retries_on_the_new_one(tmp_path):
    """The holder deletes the lock file before releasing it; a waiter then must not run beside a third
    build that locked a fresh file of the same name."""
    db = tmp_path / "alliance.duckdb"
    inside, order = threading.Lock(), []

    def worker(name: str) -> None:
        with build_lock(db, timeout=30):
            assert inside.acquire(blocking=False), "two holders at once"
            order.append(name)
            time.sleep(0.05)
            inside.release()

    threads = [threading.Thread(target=worker, args=(str(i),)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(order) == [str(i) for i in range(6)]
    assert not lock_path(db).exists()


def test_stale_temp_files_are_removed_and_temp_names_are_unique(tmp_path, monkeypatch):
    from etl import build as build_module

    db = tmp_path / "alliance.duckdb"
    stale = [tmp_path / ".alliance.duckdb.tmp-999999", tmp_path / ".alliance.duckdb.tmp-1-2-abcd.wal"]
    for path in stale:
        path.write_bytes(b"left by a killed build")
    opened = []
    real = build_module._open_temp_database
    monkeypatch.setattr(build_module, "_open_temp_database", lambda path: opened.append(path) or real(path))
    assert build(write_source(tmp_path / "src"), db).written
    assert build(tmp_path / "src", db).written
    assert not any(path.exists() for path in stale)
    assert len(set(opened)) == 2
    assert opened[0].name.startswith(f".alliance.duckdb.tmp-{os.getpid()}-{threading.get_ident()}-")
