"""Building the database: round trip, all-or-nothing replacement, history, determinism."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from etl.build import build
from etl.contract.paths import SEED_DIR
from tests.factory import valid_tables, write_source

ROOT = Path(__file__).resolve().parent.parent
DATA_TABLES = ("cities", "city_sectors", "companies", "company_sectors", "projects", "project_companies",
               "memberships", "quality_notes")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in DATA_TABLES}


def test_seed_round_trip_known_values(tmp_path):
    db = tmp_path / "seed.duckdb"
    result = build(SEED_DIR, db)
    assert result.ok, [m.line() for m in result.errors]
    with duckdb.connect(str(db), read_only=True) as con:
        cities = con.execute("SELECT count(*) FROM cities").fetchall()[0][0]
        assert cities == result.row_counts["cities"] >= 20
        assert con.execute("SELECT name_zh FROM cities WHERE city_id = 'taizhou_zj'").fetchall() == [("台州市",)]
        assert con.execute("SELECT name_de, country FROM cities WHERE city_id = 'nuernberg'").fetchall() == [
            ("Nürnberg", "DE")]
        assert con.execute("SELECT lat, lon FROM cities WHERE city_id = 'mainz'").fetchall() == [(49.9819, 8.2801)]
        assert con.execute("SELECT status, member_since FROM v_membership_status WHERE city_id = 'mainz'"
                           ).fetchall()[0][0] == "member"


def test_failed_build_leaves_previous_database_byte_identical(tmp_path):
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "good"), db).ok
    before = digest(db)
    tables = valid_tables()
    tables["companies"]["rows"][0][6] = "lots"
    result = build(write_source(tmp_path / "bad", tables), db)
    assert not result.ok and not result.written
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alliance.duckdb", "bad", "good"]


def test_same_sources_twice_give_same_content_and_two_runs(tmp_path):
    db = tmp_path / "alliance.duckdb"
    source = write_source(tmp_path / "src")
    assert build(source, db).ok
    first = content(db)
    assert build(source, db).ok
    assert content(db) == first
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT run_id, files->'$[0].sha256', row_counts->>'$.cities' FROM etl_runs "
                           "ORDER BY run_id").fetchall()
    sha = hashlib.sha256((source / "cities.csv").read_bytes()).hexdigest()
    assert runs == [(1, f'"{sha}"', "3"), (2, f'"{sha}"', "3")]


def test_running_reader_keeps_old_data_until_it_reconnects(tmp_path):
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "a"), db).ok
    reader = duckdb.connect(str(db), read_only=True)
    tables = valid_tables()
    tables["cities"]["rows"][1][1] = "Mainz am Rhein"
    assert build(write_source(tmp_path / "b", tables), db).ok
    assert reader.execute("SELECT name_de FROM cities WHERE city_id = 'mainz'").fetchall() == [("Mainz",)]
    reader.close()
    with duckdb.connect(str(db), read_only=True) as fresh:
        assert fresh.execute("SELECT name_de FROM cities WHERE city_id = 'mainz'").fetchall() == [("Mainz am Rhein",)]


def test_kill_9_mid_load_leaves_database_untouched(tmp_path):
    """A load slow enough to be killed mid-way (200,000 companies); the target must not change."""
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "small"), db).ok
    before = digest(db)
    big = write_source(tmp_path / "big")
    header = valid_tables()["companies"]["header"]
    with (big / "companies.csv").open("w", encoding="utf-8") as fh:
        fh.write(",".join(header) + "\n")
        for i in range(200_000):
            fh.write(",".join([f"k{i}", f"Firma {i}", "", "mainz", "28.41", "", "12", "2001", "", "", "", "", "",
                               "true"]) + "\n")
    (big / "projects.csv").write_text(",".join(valid_tables()["projects"]["header"]) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "etl", "build", "--source", str(big), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".alliance.duckdb.tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert digest(db) == before
    # The next build cleans up the dead build's temp file and succeeds.
    assert build(write_source(tmp_path / "again"), db).ok
    assert not list(tmp_path.glob(".alliance.duckdb.tmp-*"))


def test_gbt_code_goes_through_the_crosswalk(tmp_path):
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "src"), db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        expected = con.execute("SELECT first(nace_division ORDER BY share DESC, nace_division) FROM "
                               "gbt_nace_crosswalk WHERE gbt_division = '36'").fetchall()[0][0]
        assert expected == "29"  # GB/T 36 motor vehicles -> NACE 29
        assert con.execute("SELECT sector, sector_gbt, nace_division FROM companies WHERE company_id = 'c2'"
                           ).fetchall() == [(None, "3670", "29")]


def test_code_lists_hold_each_code_once_with_the_main_code_first(tmp_path):
    """offer_codes: the main code (sector, or the GB/T code's main NACE division), then offer_sectors;
    seek_codes: seek_sectors; each once, blanks and empty items dropped, in the order delivered."""
    tables = valid_tables()
    header = tables["companies"]["header"]
    rows = tables["companies"]["rows"]
    rows[0][header.index("offer_sectors")] = "29.10;28.41;29.10;28"
    rows[0][header.index("seek_sectors")] = "46;46"
    rows[1][header.index("offer_sectors")] = " 29 ; ;28.41;29"
    rows[1][header.index("seek_sectors")] = ""
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "src", tables), db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        lists = con.execute("SELECT company_id, offer_codes, seek_codes FROM companies ORDER BY 1").fetchall()
    assert lists[0] == ("c1", ["28.41", "29.10", "28"], ["46"])
    assert lists[1][0] == "c2" and sorted(lists[1][1]) == ["28.41", "29"] and lists[1][2] == []


def test_views_size_class_and_membership_status(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"][0][6] = "9"
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "src", tables), db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT company_id, size_class, is_sme FROM v_companies ORDER BY 1").fetchall() == [
            ("c1", "micro", True), ("c2", "large", False)]
        assert con.execute("SELECT city_id, status, member_since FROM v_membership_status ORDER BY 1").fetchall() \
            == [("foshan", "member", __import__("datetime").date(2016, 4, 25)),
                ("koeln", "non_member", None),
                ("mainz", "member", __import__("datetime").date(2017, 4, 24))]
        assert con.execute("SELECT city_id, nace_division, companies, smes, employees FROM v_city_sector_matrix "
                           "ORDER BY 1").fetchall() == [("foshan", "29", 1, 0, 1200), ("mainz", "28", 1, 1, 9)]


def test_company_keys_and_city_references_hold_without_constraints(tmp_path):
    """companies has no PRIMARY/FOREIGN KEY (load speed); the ETL's checks must guarantee both."""
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "src"), db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) - count(DISTINCT company_id) FROM companies").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM companies WHERE city_id NOT IN (SELECT city_id FROM cities)"
                           ).fetchall()[0][0] == 0
    tables = valid_tables()
    tables["companies"]["rows"].append(list(tables["companies"]["rows"][0]))
    assert not build(write_source(tmp_path / "dup", tables), tmp_path / "dup.duckdb").ok


def test_project_keys_and_references_hold_without_constraints(tmp_path):
    """projects and project_companies have no PRIMARY/FOREIGN KEY (load speed); the ETL's checks must
    guarantee them: project_id unique, both cities in cities, one row per project and company."""
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "src"), db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) - count(DISTINCT project_id) FROM projects").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM projects WHERE cn_city_id NOT IN (SELECT city_id FROM cities) "
                           "OR de_city_id NOT IN (SELECT city_id FROM cities)").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) - count(DISTINCT (project_id, company_id)) FROM project_companies"
                           ).fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM project_companies WHERE project_id NOT IN "
                           "(SELECT project_id FROM projects)").fetchall()[0][0] == 0
    tables = valid_tables()
    tables["projects"]["rows"].append(list(tables["projects"]["rows"][0]))
    assert not build(write_source(tmp_path / "dup", tables), tmp_path / "dup.duckdb").ok


# -- faults: one clear error, the previous database intact ---------------------------------------------
def _built(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "alliance.duckdb"
    assert build(write_source(tmp_path / "good"), db).ok
    return db, digest(db)


def _assert_untouched(tmp_path: Path, db: Path, before: str) -> None:
    assert digest(db) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or p.name.endswith(".lock")]


def test_full_disk_when_creating_the_temp_file(tmp_path, monkeypatch):
    import errno

    import pytest

    from etl import build as build_module
    from etl.messages import BuildFault

    db, before = _built(tmp_path)

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(build_module, "_open_temp_database", full)
    with pytest.raises(BuildFault) as fault:
        build(tmp_path / "good", db)
    assert str(fault.value).startswith(f"cannot write the new database {db}: the disk is full (No space left on device")
    assert str(fault.value).endswith("the previous database is unchanged")
    _assert_untouched(tmp_path, db, before)


def test_full_disk_while_writing_or_syncing(tmp_path, monkeypatch):
    import errno

    import pytest

    from etl import build as build_module
    from etl.messages import BuildFault

    db, before = _built(tmp_path)

    def record_fails(*args):
        raise duckdb.IOException('IO Error: Could not write file "x.tmp": No space left on device')

    monkeypatch.setattr(build_module, "_record_run", record_fails)
    with pytest.raises(BuildFault, match="the disk is full"):
        build(tmp_path / "good", db)
    _assert_untouched(tmp_path, db, before)
    monkeypatch.undo()

    def sync_fails(path, directory=False):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_module, "_fsync", sync_fails)
    with pytest.raises(BuildFault, match="the disk is full"):
        build(tmp_path / "good", db)
    _assert_untouched(tmp_path, db, before)


def test_read_only_target_folder_is_one_clear_line(tmp_path, monkeypatch):
    """As root a chmod does not stop writing, so the refusal of the OS is injected (tests/test_etl_cli.py
    has the real thing for other users)."""
    import pytest

    from etl import build as build_module
    from etl.messages import BuildFault

    db, before = _built(tmp_path)

    def denied(path):
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')

    monkeypatch.setattr(build_module, "_open_temp_database", denied)
    with pytest.raises(BuildFault, match=f"the folder {tmp_path} is not writable"):
        build(tmp_path / "good", db)
    _assert_untouched(tmp_path, db, before)


def test_target_that_is_not_our_database_is_refused_unless_forced(tmp_path):
    import pytest

    from etl.messages import BuildFault

    source = write_source(tmp_path / "src")
    text = tmp_path / "x.duckdb"
    text.write_text("hello\n")
    with pytest.raises(BuildFault, match=r"x.duckdb exists and is not a DuckDB database; it was left alone.*--force"):
        build(source, text)
    assert text.read_text() == "hello\n"
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(BuildFault, match="a DuckDB database without the tables schema_info and etl_runs"):
        build(source, other)
    assert build(source, text, force=True).written
    assert content(text)["cities"]
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    assert build(source, empty).written  # an empty file holds nothing to lose


def test_no_silent_except_in_the_etl():
    import re

    for path in (ROOT / "etl").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"except[^\n]*:\s*\n\s*pass\b", text), path.name


def test_each_build_logs_one_line(tmp_path, caplog):
    db = tmp_path / "alliance.duckdb"
    with caplog.at_level("INFO", logger="etl"):
        assert build(write_source(tmp_path / "src"), db).written
        tables = valid_tables()
        tables["companies"]["rows"][0][6] = "lots"
        assert not build(write_source(tmp_path / "bad", tables), db).written
    lines = [r.getMessage() for r in caplog.records if r.name == "etl.build"]
    assert lines[0].startswith(f"built {db} from {tmp_path / 'src'}: 0 error(s), 0 warning(s); cities 3")
    assert lines[1].startswith(f"build of {db} from {tmp_path / 'bad'}: 1 error(s)")
    assert lines[1].endswith("nothing was written")
