"""Roles, the public database, the instance (versions, audit) and the circular answered in the app."""

from __future__ import annotations

import threading
from datetime import date

import duckdb
import pytest

from alliance import access, circular, membership
from alliance.db import connect
from alliance.instance import Instance
from etl.public import derive
from tests.apptest import open_page
from tests.factory import build_db, valid_tables, write_source
from tests.test_documented_only import downloads, file_texts

SECRET_NAME = "Geheime Entwicklung GmbH"
SECRET_MAIL = "anna.kontakt@example.org"


def confidential_tables() -> dict:
    tables = valid_tables()
    companies = tables["companies"]
    companies["header"] += ["confidential", "contact_person", "contact_email"]
    for row in companies["rows"]:
        row += ["false", "Anna Kontakt", SECRET_MAIL]
    companies["rows"].append(["c3", SECRET_NAME, "", "mainz", "28.41", "", "30", "2024", "company", "2000", "x",
                              "y", "", "", "", "false", "true", "", ""])
    return tables


def test_access_file_roles():
    rules = access.parse('secretariat = ["sek@isa.example"]\nviewers = ["@mainz.de"]\n'
                         '[editors]\nmainz = ["ed@mainz.de"]\nfoshan = ["@foshan.cn"]\n')
    assert rules.viewer("SEK@isa.example").role == access.SECRETARIAT
    editor = rules.viewer("ed@mainz.de")
    assert editor.role == access.EDITOR and editor.may_edit("mainz") and not editor.may_edit("foshan")
    assert not editor.sees_confidential
    assert rules.viewer("someone@mainz.de").role == access.VIEWER
    assert rules.viewer("x@other.example").role == access.NONE
    assert not access.Viewer(access.LOCAL, remote=True).may_write
    with pytest.raises(access.AccessFileError):
        access.parse("secretariat = 'not a list'")


def test_public_database_has_no_confidential_record_or_contact(tmp_path):
    full = build_db(tmp_path, confidential_tables())
    public = derive(full)
    con = duckdb.connect(str(public), read_only=True)
    names = [r[0] for r in con.execute("SELECT name FROM companies").fetchall()]
    assert SECRET_NAME not in names and len(names) == 2
    assert con.execute("SELECT count(contact_email) FROM companies").fetchall()[0][0] == 0
    assert con.execute("SELECT sum(companies) FROM city_sector_matrix").fetchall()[0][0] == 2
    con.close()


@pytest.fixture
def media(monkeypatch):
    """The media file managers of the AppTest runs (what the download buttons offer)."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.media_file_manager import MediaFileManager

    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return managers


def shown_text(at) -> str:
    return repr([frame.to_dict() for frame in (d.value for d in at.dataframe)]) + " ".join(
        m.value for m in at.markdown)


PAGES = ["app.py", "pages/0_focus.py", "pages/1_map.py", "pages/2_cities.py", "pages/3_sectors.py",
         "pages/4_matching.py", "pages/5_projects.py", "pages/6_membership.py", "pages/7_data.py"]


@pytest.mark.parametrize("page", PAGES)
def test_remote_visitor_in_local_mode_sees_no_confidential_record(tmp_path, monkeypatch, media, page):
    """Anyone reading the public database: every page's tables, texts and downloads (AppTest has no
    client address, so only the remote flag is set here; the browser test signs in for real)."""
    from pages.common import signin

    monkeypatch.setattr(signin, "_remote", lambda: True)
    at = open_page(monkeypatch, build_db(tmp_path, confidential_tables()), page, focus="mainz")
    assert not at.exception
    shown = shown_text(at)
    for name, content in downloads(at, media).items():
        shown += " ".join(file_texts(name, content))
    assert "Beispiel Maschinen" in shown or page != "pages/7_data.py"  # the check can see company names
    assert SECRET_NAME not in shown and SECRET_MAIL not in shown
    assert any("anderen Rechner" in w.value for w in at.warning)


def test_the_committee_deck_of_a_remote_visitor_has_no_confidential_record(tmp_path, monkeypatch, media):
    """The deck and handout are made from the public database too (slides, tables, notes, PDF pages)."""
    from pages.common import signin

    monkeypatch.setattr(signin, "_remote", lambda: True)
    at = open_page(monkeypatch, build_db(tmp_path, confidential_tables()), "pages/8_briefing.py", timeout=180,
                   focus="mainz", with_samples="1")
    at.button(key="make").click().run(timeout=180)
    assert not at.exception
    files = downloads(at, media)
    assert any(name.endswith(".pptx") for name in files) and any(name.endswith(".pdf") for name in files)
    texts = " ".join(text for name, content in files.items() for text in file_texts(name, content))
    assert "Beispiel Maschinen" in texts or "Mainz" in texts
    assert SECRET_NAME not in texts and SECRET_MAIL not in texts


def test_local_user_sees_confidential_record(tmp_path, monkeypatch):
    at = open_page(monkeypatch, build_db(tmp_path, confidential_tables()), "pages/7_data.py")
    assert not at.exception
    assert SECRET_NAME in shown_text(at)


def test_circular_answers_update_the_tally_and_two_writers_lose_nothing(tmp_path):
    tables = valid_tables()
    tables["memberships"]["rows"] += [["koeln", "applied", "2026-11-01", "", "", "", "false"],
                                      ["koeln", "circular_sent", "2026-11-02", "", "", "", "false"]]
    source = write_source(tmp_path / "seed", tables)
    db = tmp_path / "alliance.duckdb"
    instance = Instance(tmp_path / "instance", db)
    for path in source.iterdir():  # start the instance from the test's own source
        instance.add_file("sek", path.name, path.read_bytes(), "start")
    base = instance.source_folder()
    for stray in set(p.name for p in base.iterdir()) - set(p.name for p in source.iterdir()):
        (base / stray).unlink()
    instance.restore("sek", instance.current()["version_id"])
    con = connect(db)
    due = circular.due(con, ("mainz", "foshan"))
    assert sorted(due["member"]) == ["foshan", "mainz"]
    events = [circular.answer_event(con, "koeln", m, "consent", "ok", date.today()) for m in ("mainz", "foshan")]
    con.close()
    threads = [threading.Thread(target=instance.record_event, args=(f"{e['actor_city_id']}@x", e, "answer_recorded"))
               for e in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    con = connect(db)
    tally = membership.open_procedures(con).set_index("city_id").loc["koeln"]
    assert tally["consents"] == 2 and tally["outcome"] == "admissible"
    who = con.execute("SELECT recorded_by FROM memberships WHERE recorded_by IS NOT NULL ORDER BY 1").fetchall()
    assert [r[0] for r in who] == ["foshan@x", "mainz@x"]
    con.close()
    actions = [a["action"] for a in instance.audit_log()]
    assert actions.count("answer_recorded") == 2
    with pytest.raises(circular.RefusedEvent):
        circular.answer_event(connect(db), "koeln", "koeln", "consent")
