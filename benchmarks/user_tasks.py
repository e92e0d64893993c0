"""Time three user tasks of a Mainz officer in headless Chromium against a running dashboard.

    python -m benchmarks.user_tasks --url http://127.0.0.1:8501 [--flow before|after] [--runs 3]

Each task is the click path a user takes, from opening a URL to the answer on screen (or the file on disk):
1. "best partners for Mainz and why": the partner ranking with the why view of the first partner;
2. "contacts for a Mainz biotech SME": matching suggestions for a Mainz SME in biotech/pharma;
3. "the committee deck": the PowerPoint file downloaded.
We report wall time (median over runs) and the number of user actions (clicks, typed fields). The flow
"before" is the click path of the app before issue 13 (no focus page, no sector search); "after" the new one.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT = 60_000  # ms


class Actions:
    """Counts what the user does."""

    def __init__(self, page: Page):
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        locator.click(timeout=WAIT)
        self.count += 1

    def type(self, locator, text: str) -> None:
        locator.fill(text, timeout=WAIT)
        self.count += 1

    def press(self, locator, key: str) -> None:
        locator.press(key, timeout=WAIT)
        self.count += 1


def _idle(page: Page) -> None:
    """Streamlit shows its running indicator while a script runs; wait until it is gone."""
    page.wait_for_timeout(300)
    page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=WAIT)


def partners_before(page: Page, url: str, act: Actions) -> None:
    page.goto(url)
    act.click(page.get_by_role("link", name="Branchenmatrix"))
    page.get_by_text("Warum diese Partnerstadt?").first.wait_for(timeout=WAIT)  # expanded by default
    page.locator("[data-testid=stExpander] [data-testid=stPlotlyChart]").first.wait_for(timeout=WAIT)
    _idle(page)


def contacts_before(page: Page, url: str, act: Actions) -> None:
    """No SME default and no sector search: describe a profile and pick NACE 21.20 from 996 codes."""
    page.goto(url)
    act.click(page.get_by_role("link", name="Kooperationsbörse"))
    act.click(page.get_by_text("ein beschriebenes Profil"))
    box = page.locator("[data-testid=stMain] [data-testid=stMultiSelect]").first.locator("input")
    act.type(box, "21.20")
    act.click(page.get_by_role("option").filter(has_text="21.20").first)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=WAIT)
    _idle(page)


def deck_before(page: Page, url: str, act: Actions, out: Path) -> None:
    page.goto(url)
    act.click(page.get_by_role("link", name="Ausschussvorlage"))
    act.click(page.get_by_role("button", name="Folien und Handout erstellen"))
    button = page.get_by_role("button", name="Foliensatz (PPTX)")
    with page.expect_download(timeout=WAIT) as info:
        act.click(button)
    info.value.save_as(out / info.value.suggested_filename)


def partners_after(page: Page, url: str, act: Actions) -> None:
    """The focus page lists the best partners with their reasons in full."""
    page.goto(url)
    act.click(page.get_by_role("link", name="Mainz auf einen Blick"))
    page.get_by_text("Beste Partnerstädte für Mainz und warum").wait_for(timeout=WAIT)
    page.locator("[data-testid=stMain] ol li").first.wait_for(timeout=WAIT)
    _idle(page)


def contacts_after(page: Page, url: str, act: Actions) -> None:
    """A described profile, the sector found by a common word: "Biotech" in the sector search, then the
    first division the picker offers (21, pharmaceuticals)."""
    page.goto(url)
    act.click(page.get_by_role("link", name="Kooperationsbörse"))
    act.click(page.get_by_text("ein beschriebenes Profil"))
    search = page.get_by_label("Branche suchen (z. B. Biotech, Medizintechnik, 医药)")
    act.type(search, "Biotech")
    act.press(search, "Enter")
    _idle(page)
    picker = page.locator("[data-testid=stMultiSelect]").filter(has_text="Gesuchte Branchen")
    act.click(picker.locator("input"))
    act.click(page.get_by_role("option").first)
    page.keyboard.press("Escape")
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=WAIT)
    _idle(page)


def deck_after(page: Page, url: str, act: Actions, out: Path) -> None:
    """From the focus page's link to the committee page, make the deck and download it."""
    deck_before(page, url, act, out)


FLOWS: dict[str, dict[str, Callable]] = {
    "before": {"partners": partners_before, "contacts": contacts_before, "deck": deck_before},
    "after": {"partners": partners_after, "contacts": contacts_after, "deck": deck_after},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--flow", default="after", choices=sorted(FLOWS))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, flow in FLOWS[args.flow].items():
            times, actions = [], 0
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                act = Actions(page)
                start = time.perf_counter()
                extra = (Path(tmp),) if name == "deck" else ()
                flow(page, args.url, act, *extra)
                times.append(time.perf_counter() - start)
                actions = act.count
                page.screenshot(path=str(Path(tmp).parent / f"user_task_{args.flow}_{name}.png"))
                page.close()
            print(f"{name:10s} {statistics.median(times):6.2f} s median of {args.runs} "
                  f"(min {min(times):.2f}, max {max(times):.2f}), {actions} user actions")
        browser.close()


if __name__ == "__main__":
    main()
