"""Edited and stale links: every page, with every one of its URL parameters set to garbage, an unknown id,
60 kB of text, HTML and SQL, renders without an error; choices, flags, numbers and dates fall back to
their defaults, and a short notice names what was ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.common import shell
from tests.apptest import open_page
from tests.factory import analytics_tables, build_db

HOSTILE = {
    "garbage": "x²✗",
    "unknown id": "no-such-city-0",
    "60 kB": "A" * 60_000,
    "html": '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)"><a href="http://evil">x</a>',
    "sql": "'; DROP TABLE cities; --",
}
CHECKED = ("selectbox", "radio", "multiselect", "toggle", "checkbox", "number_input", "date_input", "slider")
TEXTS = ("text_input", "text_area")
VARIANTS = {"pages/4_matching.py": ({}, {"mode": "profile"})}  # the profile form has parameters of its own


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("links"), analytics_tables())


def run(monkeypatch, db: Path, page: str, params: dict[str, str]) -> AppTest:
    return open_page(monkeypatch, db, page, **params)


def widgets(at: AppTest) -> dict[str, tuple[str, object]]:
    """key -> (kind, value) of every keyed input widget on the page (downloads and buttons aside; keys
    starting with "_" belong to forms that write, whose values live in the session, not the link)."""
    found = {}
    for kind in (*CHECKED, *TEXTS):
        for element in getattr(at, kind):
            if element.key and not element.key.startswith(("download_", "_")):
                found[element.key] = (kind, element.value)
    return found


CASES = [(page, variant, name) for page, *_ in shell.PAGES for variant in VARIANTS.get(page, ({},))
         for name in HOSTILE]


@pytest.mark.parametrize(("page", "variant", "case"), CASES,
                         ids=[f"{p.split('/')[-1]}-{'-'.join(v.values()) or 'default'}-{c}" for p, v, c in CASES])
def test_every_parameter_of_every_page_survives_a_hostile_value(monkeypatch, db, page, variant, case):
    clean = run(monkeypatch, db, page, variant)
    assert not clean.exception, clean.exception
    defaults = widgets(clean)
    assert "lang" in defaults and "focus" in defaults
    # One parameter at a time for the long value: Streamlit ignores a whole query string above 512 Ki characters.
    rounds = [[key] for key in defaults] if case == "60 kB" else [list(defaults)]
    for keys in rounds:
        hostile = {key: HOSTILE[case] for key in keys if key not in variant}
        if not hostile:
            continue
        at = run(monkeypatch, db, page, {**variant, **hostile})
        assert not at.exception, at.exception
        assert at.title, "the page rendered its title"
        after = widgets(at)
        for key, (kind, value) in defaults.items():
            if key in variant or key not in after:
                continue
            if kind in TEXTS:  # text is text: kept, but never longer than the field allows
                assert len(after[key][1]) <= 1_000, key
            else:
                assert after[key][1] == value, f"{key} did not fall back to its default"
        if any(defaults[key][0] not in TEXTS for key in hostile):
            assert at.toast and "Link" in at.toast[0].value, hostile.keys()  # a short notice, once
        shown = " ".join(m.value for m in (*at.markdown, *at.caption))
        assert "<img" not in shown and "<a href" not in shown


def test_a_valid_link_is_kept_and_no_notice_is_shown(monkeypatch, db):
    at = run(monkeypatch, db, "pages/3_sectors.py", {"lang": "en", "focus": "a", "level": "division"})
    assert not at.exception
    assert at.selectbox(key="focus").value == "a" and at.radio(key="level").value == "division"
    assert at.title[0].value == "Sector matrix"
    assert not at.toast


def test_a_city_compared_with_itself(monkeypatch, db):
    at = run(monkeypatch, db, "pages/2_cities.py", {"city": "mainz", "compare": "mainz"})
    assert not at.exception
    assert len(at.header) == 2  # both columns, and every download button has a key of its own
    keys = [b.key for b in at.get("download_button")]
    assert len(keys) == len(set(keys))
