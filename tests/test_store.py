"""alliance.store: one owner of the database file; concurrent first starts (threads and processes) build
once and all get a database; a damaged file is reported once as damaged; readers reconnect after a rebuild."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from alliance import store
from etl.build import build
from tests.factory import build_db, valid_tables, write_source

ROOT = Path(__file__).resolve().parent.parent


def test_missing_file_is_missing_then_ready_after_ensure(tmp_path):
    owner = store.Store(tmp_path / "alliance.duckdb")
    assert owner.status().state == store.MISSING
    result = owner.ensure()
    assert result is not None and result.ok and result.written
    status = owner.status()
    assert status.state == store.READY and status.bundled
    assert owner.ensure() is None  # current: nothing to build


def test_concurrent_first_starts_in_threads_build_once(tmp_path):
    path = tmp_path / "alliance.duckdb"
    results, errors = [], []

    def first_visit():
        try:
            results.append(store.Store(path).ensure())  # each session as a fresh owner: the lock decides
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=first_visit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    built = [r for r in results if r is not None]
    assert len(built) == 1 and built[0].ok
    assert store.Store(path).status().state == store.READY
    assert not list(tmp_path.glob(".alliance.duckdb.tmp-*"))  # no temporary file left behind


def test_concurrent_first_starts_in_two_processes_build_once(tmp_path):
    path = tmp_path / "alliance.duckdb"
    script = ("import sys; from alliance.store import Store; r = Store(sys.argv[1]).ensure(); "
              "print('built' if r is not None and r.ok else ('failed' if r is not None else 'waited'))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    assert sorted(out.strip() for out, _ in outputs) == ["built", "waited"]
    assert store.Store(path).status().state == store.READY


def test_a_file_that_is_no_database_is_corrupt_and_only_that(tmp_path):
    path = tmp_path / "alliance.duckdb"
    path.write_bytes(b"not a database" * 100)
    status = store.Store(path).status()
    assert status.state == store.CORRUPT and status.detail
    assert store.Store(path).ensure() is None  # never replaced behind the user's back


def test_a_database_with_damaged_blocks_is_corrupt(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"] = [[f"c{i}", f"Company number {i} with a long name", "", "foshan", "28", "", str(i),
                                    "", "", "", "", "", "", "", "", "false"] for i in range(3000)]
    tables["projects"]["rows"] = []
    path = build_db(tmp_path, tables)
    data = bytearray(path.read_bytes())
    for offset in range(len(data) // 3, len(data) - 4096, 4096):  # scribble over every block after the header
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    status = store.Store(path).status()
    assert status.state == store.CORRUPT, status


def test_the_app_on_a_damaged_file_shows_one_clear_message(tmp_path, monkeypatch):
    path = tmp_path / "alliance.duckdb"
    path.write_bytes(b"\x00garbage" * 1000)
    monkeypatch.setenv("ALLIANCE_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and "beschädigt" in at.error[0].value
    assert not at.warning  # not also "built by an older program version"


def test_readers_reconnect_after_a_rebuild(tmp_path):
    db = build_db(tmp_path)
    owner = store.Store(db)
    before = owner.cursor().execute("SELECT count(*) FROM cities").fetchall()[0][0]
    tables = valid_tables()
    tables["cities"]["rows"].append(["x", "X", "X", "", "DE", "Hessen", "50.0", "8.5", "", "", "",
                                     "https://example.org/x"])
    assert build(write_source(tmp_path / "new", tables), db).ok
    after = owner.cursor().execute("SELECT count(*) FROM cities").fetchall()[0][0]
    assert after == before + 1


def test_a_read_only_connection_cannot_write(tmp_path):
    owner = store.Store(build_db(tmp_path))
    cursor = owner.cursor()
    try:
        cursor.execute("DELETE FROM cities")
        raised = False
    except duckdb.Error:
        raised = True
    assert raised
