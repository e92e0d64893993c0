"""The app in real headless Chromium: it builds its database, renders, and its screenshot is saved."""

import os

import pytest

from tests.browser import CHROMIUM, full_page_screenshot

pytestmark = [
    pytest.mark.browser,
    # On a developer's machine without Debian's chromium the browser tests skip; in CI they must run.
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                       reason="needs /usr/bin/chromium (apt-get install chromium); .ci/run installs it"),
]


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)


def test_overview_renders_on_the_bundled_data(page, app_server):
    page.goto(app_server.url)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Chinesisch-Deutsche Industriestädteallianz"
    assert page.locator("[data-testid=stException]").count() == 0
    members = page.locator("[data-testid=stMetricValue]").first.inner_text()
    assert int(members.replace(".", "")) >= 20
    full_page_screenshot(page, "overview_de")


def test_language_link_restores_chinese_view(page, app_server):
    page.goto(f"{app_server.url}/?lang=zh")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "中德工业城市联盟"
    assert page.locator("[data-testid=stException]").count() == 0
    full_page_screenshot(page, "overview_zh")
