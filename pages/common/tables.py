"""Tables as pages show them: numbers in the reader's language, "–" for missing values, and downloads of
exactly the rows and columns shown (XLSX for Excel, CSV, CSV for German Excel), made on click."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from alliance import export
from alliance.i18n import format_number, format_year, t

MAX_STYLED_ROWS = 2000  # formatting every cell in Python is fine for the tables pages show (paged, limited)
MISSING = "–"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_page = threading.local()  # Streamlit runs each session's script in a thread of its own


def describe_view(about: Sequence[tuple[str, str]], name_parts: Sequence[str]) -> None:
    """What every download of this script run states on its Info sheet (view, filters, data status) and
    names in its file name (the filter); set once per run by the page shell."""
    _page.about, _page.name_parts = tuple(about), tuple(name_parts)


def _formatter(values: pd.Series, lang: str):
    """How one numeric column's cells read: years as digits, other numbers with the column's decimals."""
    if export.is_year_column(values.name):
        return lambda v: format_year(v) or MISSING
    decimals = export.decimals(values)
    return lambda v: format_number(v, lang, decimals) or MISSING


def reset_keys() -> None:
    """Start the count of views anew; called once at the top of every script run."""
    _page.views = {}


def _download_key(view: str, suffix: str) -> str:
    """A widget key unique within the script run and the same in every run: the view's name, numbered
    when a view appears twice in one run (a city compared with itself)."""
    views = getattr(_page, "views", None)
    if views is None:
        views = _page.views = {}
    if suffix == "xlsx":  # the first of a table's three buttons
        views[view] = views.get(view, 0) + 1
    n = views.get(view, 1)
    return f"download_{view}_{suffix}" if n == 1 else f"download_{view}_{n}_{suffix}"


def sample_caption(is_sample: pd.Series | Sequence[bool], lang: str) -> None:
    """What a table that can mix documented and sample records holds, "12 belegt · 3 Beispieldaten",
    shown when it holds sample records (never with "documented data only": then it holds none)."""
    flags = pd.Series(is_sample, dtype="boolean").fillna(False).astype(bool)
    samples = int(flags.sum())
    if samples:
        st.caption(t("table.sample_mix", lang, n=format_number(len(flags) - samples, lang),
                     m=format_number(samples, lang)))


def table(frame: pd.DataFrame, view: str, lang: str, column_config: dict | None = None,
          height: int | None = None, about: Sequence[tuple[str, str]] = (), name_parts: Sequence[str] = (),
          samples: pd.Series | None = None, row_height: int | None = None) -> None:
    """Show ``frame`` and offer exactly it as XLSX, CSV and CSV for German Excel. ``about`` rows (label,
    value, in the reader's language: filters, data status) go on the workbook's second sheet;
    ``name_parts`` (the filter) go into the file name. Files are made only when a button is clicked.
    ``samples``: the rows' is_sample flags, for a table that can mix documented and sample records
    (see sample_caption). ``row_height`` (pixels): taller rows, in which long texts wrap (reasons read
    in full without scrolling sideways)."""
    if frame.empty:
        st.caption(t("table.empty", lang))
        return
    config = dict(column_config or {})
    numbers = [c for c in frame.columns if c not in config and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    texts = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
             and not pd.api.types.is_bool_dtype(frame[c]) and not pd.api.types.is_datetime64_any_dtype(frame[c])]
    shown = frame.fillna({c: MISSING for c in texts}) if texts else frame  # "–" rather than Streamlit's "None"
    if numbers and len(frame) <= MAX_STYLED_ROWS:  # numbers in the selected language (1.234,5 in German)
        shown = shown.style.format({c: _formatter(frame[c], lang) for c in numbers}, na_rep=MISSING)
    st.dataframe(shown, hide_index=True, column_config=config, height=height or "auto", placeholder=MISSING,
                 row_height=row_height)
    if samples is not None:
        sample_caption(samples, lang)
    yes_no = (t("export.yes", lang), t("export.no", lang))
    about = (*getattr(_page, "about", ()), *about, (t("export.about.rows", lang), format_number(len(frame), lang)))
    name_parts = (*getattr(_page, "name_parts", ()), *name_parts)
    downloads = (
        ("export.xlsx", lambda: export.to_xlsx(frame, about=about, yes_no=yes_no),
         export.file_name(view, "xlsx", parts=name_parts), XLSX_MIME, "xlsx"),
        ("export.csv", lambda: export.to_csv(frame), export.file_name(view, "csv", parts=name_parts), "text/csv",
         "csv"),
        ("export.excel_csv", lambda: export.to_excel_csv(frame, yes_no=yes_no),
         export.file_name(f"{view}_excel", "csv", parts=name_parts), "text/csv", "xcsv"),
    )
    with st.popover(t("export.download", lang), icon=":material/download:"):
        for label, make, name, mime, suffix in downloads:
            st.download_button(t(label, lang), make, name, mime=mime, key=_download_key(view, suffix),
                               icon=":material/download:", width="stretch")
