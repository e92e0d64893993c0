"""Open a page of the app with Streamlit's AppTest on a test database, as a deep link does."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def open_page(monkeypatch, db: Path, page: str = "app.py", timeout: float = 60, **params: str) -> AppTest:
    """Run ``page`` once with the link's ``params``; the page's first run sees them, as a shared link's does."""
    monkeypatch.setenv("ALLIANCE_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "app.py":
        at.switch_page(page)
    return at.run()
