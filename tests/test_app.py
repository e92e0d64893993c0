"""The app shell with Streamlit's AppTest on a small fixture database (and on a missing one)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.factory import build_db, valid_tables

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(monkeypatch, db: Path, **params: str) -> AppTest:
    monkeypatch.setenv("ALLIANCE_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_overview_shows_counts_from_the_database(tmp_path, monkeypatch):
    at = run_app(monkeypatch, build_db(tmp_path))
    assert not at.exception
    assert at.title[0].value == "Chinesisch-Deutsche Industriestädteallianz"
    metrics = {m.label: m.value for m in at.metric}
    # c1 has 45 employees (SME), c2 1,200; p1 has a volume of 2.5 million EUR
    assert metrics == {"Mitgliedsstädte": "2", "Städte im Datenbestand": "3", "Unternehmen": "2", "davon KMU": "1",
                       "Projekte": "1", "Volumen (Mio. EUR)": "2,5"}
    documented = {m.label: m.proto.delta for m in at.metric}  # both companies and the project are samples
    assert documented["Unternehmen"] == "davon belegt: 0" and documented["Volumen (Mio. EUR)"] == "davon belegt: 0,0"
    table = at.dataframe[0].value
    assert table.to_dict("records") == [
        {"Land": "China", "Status": "Mitglied", "Städte": 1, "Beispiel": 0},
        {"Land": "Deutschland", "Status": "Mitglied", "Städte": 1, "Beispiel": 0},
        {"Land": "Deutschland", "Status": "Kein Mitglied", "Städte": 1, "Beispiel": 0},
    ]
    assert at.warning[0].value == "Beispieldatensätze darunter: 3 (fiktiv, gekennzeichnet)"  # 2 companies, 1 project


def test_language_from_the_link(tmp_path, monkeypatch):
    at = run_app(monkeypatch, build_db(tmp_path), lang="zh")
    assert not at.exception
    assert at.title[0].value == "中德工业城市联盟"
    assert at.dataframe[0].value.columns.tolist() == ["国家", "状态", "城市", "示例"]


def test_missing_database_is_built_from_the_seed(tmp_path, monkeypatch):
    db = tmp_path / "fresh" / "alliance.duckdb"
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert db.exists()
    assert int(at.metric[1].value) >= 20


def test_broken_database_file_shows_a_message_not_a_traceback(tmp_path, monkeypatch):
    db = tmp_path / "alliance.duckdb"
    db.write_bytes(b"not a database" * 100)
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert at.error[0].value.startswith("Die Datenbank kann nicht gelesen werden")


def test_sample_badge_absent_without_sample_records(tmp_path, monkeypatch):
    tables = valid_tables()
    for name in ("companies", "projects"):
        for row in tables[name]["rows"]:
            row[-1] = "false"
    at = run_app(monkeypatch, build_db(tmp_path, tables))
    assert not at.warning


def test_app_switches_to_a_rebuilt_database(tmp_path, monkeypatch):
    from etl.build import build
    from tests.factory import write_source

    db = build_db(tmp_path)
    at = run_app(monkeypatch, db)
    assert at.metric[2].value == "2"
    tables = valid_tables()
    tables["companies"]["rows"].append(["c3", "Neue Firma GmbH", "", "koeln", "29.10", "", "20", "", "", "", "", "",
                                        "", "", "", "false"])
    assert build(write_source(tmp_path / "new", tables), db).ok
    at.run()
    assert not at.exception
    assert at.metric[2].value == "3"


def _age(db: Path) -> None:
    """Pretend the file was built by an older version of the schema."""
    import duckdb

    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE schema_info SET version = 1")


def test_outdated_bundled_database_is_rebuilt(tmp_path, monkeypatch):
    from etl.build import build
    from etl.contract.paths import SEED_DIR

    db = tmp_path / "alliance.duckdb"
    assert build(SEED_DIR, db).ok
    _age(db)
    at = run_app(monkeypatch, db)
    assert not at.exception and not at.warning[1:]
    from alliance.db import is_outdated

    assert not is_outdated(db)


def test_outdated_own_data_is_reported_not_replaced(tmp_path, monkeypatch):
    db = build_db(tmp_path)
    _age(db)
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert any("älteren Programmversion" in w.value for w in at.warning)
    assert int(at.metric[1].value) == 3  # still the city's own 3 cities


def test_overview_data_status_shares(tmp_path, monkeypatch):
    at = run_app(monkeypatch, build_db(tmp_path))
    shares = at.dataframe[1].value.set_index("Tabelle")
    # the fixture: 2 companies, both samples; 1 sample project; 5 real membership events
    assert shares.loc["Unternehmen", "Beispielanteil (%)"] == 100.0
    assert shares.loc["Mitgliedschaftsereignisse", "davon Beispiele"] == 0
    assert shares.loc["Städte", "mit Quelle"] == 3


def test_sessions_are_separate_cursors_on_one_database(tmp_path):
    import threading

    from alliance import db as alliance_db

    con = alliance_db.connect(build_db(tmp_path))
    counts, errors = [], []

    def work():
        try:
            cursor = alliance_db.session(con)
            for _ in range(20):
                counts.append(cursor.execute("SELECT count(*) FROM companies").fetchall()[0][0])
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and counts == [2] * 80
