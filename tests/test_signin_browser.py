"""The real sign-in flow in headless Chromium against a real OpenID Connect provider on localhost
(oidc-provider-mock), never a patched st.user: anonymous visitors and viewers see no confidential
record; a Mainz editor uploads, previews and submits, and cannot change a Foshan row; the secretariat
applies and restores; every write is in the audit log."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request

import duckdb
import pytest

from tests.browser import StreamlitServer, free_port, full_page_screenshot
from tests.conftest import needs_chromium
from tests.factory import HEADERS, csv_text, write_source
from tests.test_access import SECRET_MAIL, SECRET_NAME, confidential_tables

pytestmark = needs_chromium

ACCESS = """secretariat = ["sek@isa.example"]
viewers = ["@viewer.example"]
[editors]
mainz = ["ed@mainz.de"]
foshan = ["ed@foshan.cn"]
"""
NEW_COMPANY = "Rheinhessen Sensorik GmbH"


def _provider(port: int) -> subprocess.Popen:
    exe = shutil.which("oidc-provider-mock")
    command = [exe] if exe else [sys.executable, "-m", "oidc_provider_mock"]
    proc = subprocess.Popen([*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/.well-known/openid-configuration", timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the OIDC provider did not start within 30 s")


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory):
    """The app with sign-in on: a provider, secrets naming it, an access file, an instance folder, and a
    served database with a confidential company and contact e-mails."""
    root = tmp_path_factory.mktemp("signin")
    source = write_source(root / "source", confidential_tables())
    db = root / "alliance.duckdb"
    from etl.build import build

    assert build(source, db).ok
    instance = root / "instance"
    instance.mkdir()
    (instance / "access.toml").write_text(ACCESS, encoding="utf-8")
    idp_port, app_port = free_port(), free_port()
    secrets = root / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-of-some-length"\n'
        'client_id = "alliance-dashboard"\nclient_secret = "test-secret"\n'
        f'server_metadata_url = "http://127.0.0.1:{idp_port}/.well-known/openid-configuration"\n',
        encoding="utf-8")
    provider = _provider(idp_port)
    server = StreamlitServer(db, env={"ALLIANCE_INSTANCE": str(instance), "ALLIANCE_ACCESS": ""},
                             args=("--secrets.files", str(secrets)), port=app_port)
    yield server, db, instance, root
    server.stop()
    provider.terminate()
    provider.wait(timeout=10)


def open_as(browser, server, email: str | None, path: str = "data"):
    """A fresh browser context (own cookies), signed in as ``email`` through the provider's page."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server.url}/{path}")
    page.get_by_text("Nicht angemeldet").first.wait_for(timeout=30_000)
    if email:
        page.get_by_role("button", name="Anmelden").click()
        page.locator("input[name=sub]").wait_for(timeout=30_000)
        page.fill("input[name=sub]", email)
        page.get_by_role("button", name="Authorize").click()
        page.get_by_text(f"Angemeldet: {email}").first.wait_for(timeout=30_000)
        if path:
            page.goto(f"{server.url}/{path}")
            page.get_by_text(f"Angemeldet: {email}").first.wait_for(timeout=30_000)
    page.get_by_test_id("stMain").first.wait_for()
    page.wait_for_timeout(1500)
    return context, page


def page_text(page) -> str:
    """The page's text and every table cell (the grids draw on a canvas; their cells are in the DOM)."""
    cells = [cell.text_content() or "" for cell in page.locator("td[role=gridcell]").all()]
    return page.locator("body").inner_text() + "\n" + "\n".join(cells)


def mainz_file(tmp, *extra_rows: list[str]) -> str:
    rows = confidential_tables()["companies"]
    header = rows["header"]
    mine = [r for r in rows["rows"] if r[header.index("city_id")] == "mainz"]
    new = list(mine[0])
    new[header.index("company_id")], new[header.index("name")] = "c9", NEW_COMPANY
    path = tmp / f"firmen_{len(extra_rows)}.csv"
    path.write_text(csv_text(header, [*mine, new, *extra_rows]), encoding="utf-8")
    return str(path)


def served_names(db) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT name FROM companies").fetchall()}
    finally:
        con.close()


@pytest.mark.parametrize("email", [None, "leser@viewer.example"])
def test_anonymous_and_viewers_see_no_confidential_record(browser, signed_app, email):
    server, *_ = signed_app
    context, page = open_as(browser, server, email, "data?table=companies")
    cell = page.locator("td[role=gridcell]").filter(has_text="Beispiel Maschinen GmbH").first
    cell.wait_for(state="attached", timeout=30_000)  # in the DOM; the grid draws it on a canvas
    text = page_text(page)
    assert "Beispiel Maschinen GmbH" in text
    assert SECRET_NAME not in text and SECRET_MAIL not in text
    why = "Ihr Konto darf hier nichts ändern" if email else "Zum Ändern bitte anmelden."
    assert "Daten Ihrer Stadt laden" in text and why in text and "Einreichen" not in text
    context.close()


def test_editor_submits_then_secretariat_applies_and_restores(browser, signed_app):
    server, db, instance, root = signed_app
    foshan_row = list(confidential_tables()["companies"]["rows"][1])  # c2, a Foshan company
    foshan_row[HEADERS["companies"].index("name")] = "Foshan verändert"

    context, page = open_as(browser, server, "ed@mainz.de")
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput").last
    uploader.set_input_files(mainz_file(root, foshan_row))
    page.get_by_text("Sie können nur Zeilen Ihrer Stadt").first.wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Einreichen").is_disabled()
    uploader.set_input_files(mainz_file(root))
    page.get_by_text("Die Datei kann eingereicht werden.").wait_for(timeout=60_000)
    full_page_screenshot(page, "signin_editor_preview")
    page.get_by_role("button", name="Einreichen").click()
    page.get_by_text("Eingereicht als Nr. 1").wait_for(timeout=30_000)
    assert "Eingereichte Dateien" not in page_text(page)  # an editor does not apply
    context.close()
    assert NEW_COMPANY not in served_names(db)

    context, page = open_as(browser, server, "sek@isa.example")
    page.get_by_text("Nr. 1 · Mainz").wait_for(timeout=30_000)
    assert SECRET_NAME in page_text(page)  # the secretariat reads the full data
    page.get_by_role("button", name="Übernehmen").click()
    page.get_by_text("Übernommen: Version 2").wait_for(timeout=60_000)
    assert NEW_COMPANY in served_names(db)
    page.get_by_role("button", name="Wiederherstellen").click()
    page.get_by_text("Wiederhergestellt als Version 3").wait_for(timeout=60_000)
    assert NEW_COMPANY not in served_names(db)
    full_page_screenshot(page, "signin_secretariat_versions")
    context.close()

    audit = sqlite_audit(instance)
    assert [(user, action) for user, action, _ in audit] == [
        ("ed@mainz.de", "upload_submitted"), ("sek@isa.example", "upload_applied"),
        ("sek@isa.example", "version_restored")]
    assert json.loads(audit[2][2])["restored"] == 1


def sqlite_audit(instance) -> list[tuple]:
    import sqlite3

    con = sqlite3.connect(instance / "instance.sqlite")
    try:
        return con.execute("SELECT user, action, detail FROM audit ORDER BY event_id").fetchall()
    finally:
        con.close()


def test_a_signed_in_user_without_a_role_reads_public_data_and_is_told_why_nothing_can_be_changed(browser, signed_app):
    server, *_ = signed_app
    context, page = open_as(browser, server, "fremd@other.example")
    text = page_text(page)
    assert SECRET_NAME not in text and "Einreichen" not in text
    assert "Ihr Konto darf hier nichts ändern" in text
    context.close()
