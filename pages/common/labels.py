"""Text at the display edge: names in the reader's script, and data text made safe for Markdown and
Plotly (data is shown as text, never as markup: no link, image or HTML from a data file renders)."""

from __future__ import annotations

import html
import re

import pandas as pd

# Characters that Markdown (and Streamlit's extensions: $ for LaTeX, : for emoji/icons, ~ strike) read.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def md(text: object) -> str:
    """Data text for st.markdown/st.caption/labels: every Markdown character escaped, line breaks kept
    as spaces; "–" for a missing value. ``md("![x](http://host/a.png)")`` shows those characters."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return "–"
    flat = " ".join(str(text).split())
    return _MARKDOWN.sub(r"\\\1", flat)


def plot(text: object) -> str:
    """Data text for Plotly labels and hovers: Plotly renders a subset of HTML (<a>, <b>, <br>), so
    <, > and & become entities, which Plotly shows as the characters."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return "–"
    return html.escape(str(text), quote=False)


def bilingual(latin, chinese, lang: str) -> list[str]:
    """Names in their own script beside the transliteration ("Foshan 佛山市"); in Chinese only the Chinese."""
    return [(zh or la) if lang == "zh" else (f"{la} {zh}" if isinstance(zh, str) and zh else la)
            for la, zh in zip(latin, chinese, strict=True)]


def city_label(row, lang: str) -> str:
    """A city in its own script beside the transliteration: "Foshan 佛山市" / "Mainz 美因茨"."""
    name = row["name_de"] if lang == "de" else row["name_en"]
    return f"{name} {row['name_zh']}" if lang != "zh" and row["name_zh"] else (row["name_zh"] or name)


def city_name_column(lang: str) -> str:
    """The column of city_list() that names a city in ``lang``."""
    return {"de": "name_de", "en": "name_en", "zh": "name_zh"}[lang]


def link(source: str) -> str:
    """A source as a Markdown link when it is a URL, else as escaped text. The link text is escaped;
    the target is percent-encoded where Markdown would end it. Never an image."""
    if source.startswith(("http://", "https://")) and not any(c in source for c in "<>\"'\n\r\t"):
        target = source.translate(str.maketrans({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D", " ": "%20"}))
        return f"[{md(source)}]({target})"
    return md(source)


def contract_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table of the import contract with its columns named in ``lang`` ("Unternehmens-ID" for
    company_id); the data package keeps the contract's own names for files that go back into the ETL."""
    from alliance.i18n import CATALOGUE, t

    return frame.rename(columns={c: t(f"field.{c}", lang) for c in frame.columns if f"field.{c}" in CATALOGUE})
