"""The matching page in headless Chromium: typing "Pharma" and Enter in the sector picker picks one
division (21, pharmaceutical manufacturing), never "Select N matches"; the shortlist stays in the link."""

from __future__ import annotations

import pytest

from tests.browser import full_page_screenshot
from tests.conftest import needs_chromium
from tests.test_browser import wait_for_app

pytestmark = [pytest.mark.browser, needs_chromium]


def test_pharma_and_enter_picks_pharmaceutical_manufacturing_only(page, app_server):
    page.goto(f"{app_server.url}/matching?mode=profile")
    wait_for_app(page)
    picker = page.locator("[data-testid=stMultiSelect]").filter(has_text="Gesuchte Branchen")
    picker.locator("input").click()
    page.keyboard.type("Pharma")
    page.wait_for_timeout(500)
    options = page.locator("[role=option]")
    assert options.first.inner_text().startswith("21 Herstellung von pharmazeutischen Erzeugnissen")
    assert page.get_by_text("Select all").count() == 0 and page.locator("text=/matches/").count() == 0
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    assert "seek=21" in page.url and "seek=21%2C" not in page.url and "seek=21," not in page.url
    chosen = picker.inner_text()
    assert "21 Herstellung von pharmazeutischen Erzeugnissen" in chosen and "46 " not in chosen
    assert page.locator("[data-testid=stException]").count() == 0
    full_page_screenshot(page, "matching_profile_pharma")


def test_a_shortlist_link_shows_contact_proposals(page, app_server):
    page.goto(f"{app_server.url}/matching?company=de_mainz_biontech&shortlist=cn_jieyang_kangmei,de_mainz_biontech")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Kontaktvorschläge").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    assert "shortlist=cn_jieyang_kangmei" in page.url
    full_page_screenshot(page, "matching_shortlist")
