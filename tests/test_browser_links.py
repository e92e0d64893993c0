"""The URL in real Chromium: choices land in the address bar as codes, survive a language switch and a
reload, travel with the navigation; and no page asks any host but the app's own for anything."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import full_page_screenshot
from tests.conftest import needs_chromium
from tests.test_browser import PAGES, wait_for_app

pytestmark = [pytest.mark.browser, needs_chromium]


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_choice_is_kept_as_a_code_across_a_language_switch_and_a_reload(page, app_server):
    page.goto(f"{app_server.url}/sectors")
    wait_for_app(page)
    page.get_by_text("NACE-Abteilungen", exact=True).click()
    wait_for_app(page)
    assert params(page)["level"] == ["division"]
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="English").click()
    wait_for_app(page)
    assert params(page)["lang"] == ["en"] and params(page)["level"] == ["division"]
    page.reload()
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Sector matrix"
    assert page.get_by_role("radio", name="NACE divisions").is_checked()


def test_typed_search_and_global_filters_travel_in_the_url(page, app_server):
    page.goto(f"{app_server.url}/data?countries=DE")
    wait_for_app(page)
    search = page.get_by_label("Suche in allen Spalten")
    search.fill("pharma")
    search.press("Enter")
    wait_for_app(page)
    assert params(page)["text"] == ["pharma"]
    link = page.locator("[data-testid=stSidebar] a", has_text="Projekte")
    assert "countries=DE" in link.get_attribute("href")
    link.click()
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Projekte"
    assert params(page)["countries"] == ["DE"]


def test_no_page_asks_another_host(page, app_server):
    own = urlparse(app_server.url).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlparse(request.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(request.url).netloc != own else None)
    for path, _ in PAGES:
        page.goto(f"{app_server.url}/{path}")
        wait_for_app(page)
    assert foreign == []


def test_hostile_link_on_every_page_shows_the_page_and_a_notice(page, app_server):
    for path, name in PAGES:
        page.goto(f"{app_server.url}/{path}?lang=%3Cb%3Ex&focus=%27%3B%20DROP%20TABLE%20cities&level=x&by=month"
                  "&rule=unanimity&page=%C2%B2&emp=abc&measure=x&size=x&years=abc")
        wait_for_app(page)
        assert page.locator("[data-testid=stException]").count() == 0, path
        assert page.locator("h1").count() >= 1, path
        if name == "sectors":
            full_page_screenshot(page, "hostile_link_sectors")
