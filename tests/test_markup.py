"""Text that carries markup stays text: Markdown in a city's fields and notes is escaped on the city
profile, HTML in a Chinese name is escaped in Plotly labels and hovers (sector and membership charts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.common import labels
from tests.apptest import open_page
from tests.factory import analytics_tables, build_db

IMAGE = "![x](http://127.0.0.1:9/pixel.png)"
LINK = '<a href="http://127.0.0.1:9/">klick</a>'


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tables = analytics_tables()
    header = tables["cities"]["header"]
    for column in ("characteristics", "name_zh"):
        if column not in header:
            header.append(column)
            for row in tables["cities"]["rows"]:
                row.append("")
    for row in tables["cities"]["rows"]:
        if row[header.index("city_id")] == "mainz":
            row[header.index("region")] = f"Rheinland-Pfalz {IMAGE}"
            row[header.index("characteristics")] = f"Medien {IMAGE} **fett**"
            row[header.index("name_zh")] = LINK
    return build_db(tmp_path_factory.mktemp("markup"), tables)


def run(monkeypatch, db: Path, page: str, **params: str) -> AppTest:
    return open_page(monkeypatch, db, page, **params)


def test_markdown_in_city_fields_is_escaped(monkeypatch, db):
    at = run(monkeypatch, db, "pages/2_cities.py", city="mainz")
    assert not at.exception
    shown = [m.value for m in (*at.markdown, *at.caption, *at.header)]
    assert any("pixel" in text for text in shown)  # the text is there ...
    assert not any("![x]" in text or "](http://127.0.0.1:9" in text for text in shown)  # ... never as an image
    assert not any(LINK in text for text in shown)


def chart_texts(at: AppTest) -> str:
    return " ".join(json.dumps(json.loads(chart.proto.spec)["data"], ensure_ascii=False)
                    for chart in at.get("plotly_chart"))


@pytest.mark.parametrize("page", ["pages/3_sectors.py", "pages/6_membership.py"])
def test_html_in_a_name_is_escaped_in_chart_labels(monkeypatch, db, page):
    at = run(monkeypatch, db, page)
    assert not at.exception
    texts = chart_texts(at)
    assert "&lt;a href" in texts and "<a href" not in texts


def test_the_escaping_functions():
    assert labels.md(IMAGE) == r"\!\[x\]\(http\://127\.0\.0\.1\:9/pixel\.png\)"
    assert labels.plot(LINK) == '&lt;a href="http://127.0.0.1:9/"&gt;klick&lt;/a&gt;'
    assert labels.md(None) == "–" and labels.md("a\nb") == "a b"
    assert labels.link("https://example.org/a b") == r"[https\://example\.org/a b](https://example.org/a%20b)"
    assert labels.link("javascript:alert(1)") == r"javascript\:alert\(1\)"
