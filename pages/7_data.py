"""Data and export: browse any table with filters, the data package, the data dictionary, the load
history, and a check of a city's file against the import contract (nothing is written)."""

from __future__ import annotations

import math
from datetime import date

import streamlit as st

from alliance import data, db, export
from alliance.i18n import format_date, format_number, t
from pages.common import shell

PAGE_ROWS = 500

ctx = shell.page("nav.data")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    tables = list(data.BROWSABLE)
    c1, c2, c3, c4 = st.columns([1, 2, 1, 1])
    table = c1.selectbox(t("data.table", lang), tables, index=tables.index(shell.param("table", "companies"))
                         if shell.param("table", "companies") in tables else 1, key="table")
    text = c2.text_input(t("data.search", lang), value=shell.param("text", ""), key="text")
    only_focus = c3.toggle(t("data.only_focus", lang), value=shell.param("mine", "0") == "1", key="mine")
    include_samples = c4.toggle(t("sectors.include_samples", lang), value=shell.param("samples", "1") == "1",
                                key="samples")
    for name, value, default in (("table", table, "companies"), ("text", text, ""),
                                 ("mine", "1" if only_focus else "0", "0"),
                                 ("samples", "1" if include_samples else "0", "1")):
        shell.set_param(name, value, default)
    cities = (ctx.focus,) if only_focus else ()
    f = ctx.filters
    scope = {"countries": f.countries, "branchen": f.branchen, "smes_only": f.smes_only}
    _, total = data.browse(con, data.Browse(table, cities, text, include_samples, limit=0, **scope))
    pages = max(1, math.ceil(total / PAGE_ROWS))
    page_no = int(shell.param("page", "1")) if shell.param("page", "1").isdigit() else 1
    page_no = min(max(page_no, 1), pages)
    if pages > 1:
        page_no = st.number_input(t("data.page", lang), 1, pages, page_no, key="page")
    shell.set_param("page", str(page_no), "1")
    rows, total = data.browse(con, data.Browse(table, cities, text, include_samples, limit=PAGE_ROWS,
                                               offset=(page_no - 1) * PAGE_ROWS, **scope))
    if "is_sample" in rows:
        shell.sample_badge(int(rows["is_sample"].sum()), lang)
    st.caption(t("data.rows", lang, shown=format_number(len(rows), lang), total=format_number(total, lang),
                 page=page_no, pages=pages))
    shell.table(rows, f"{table}_seite_{page_no}", lang, height=420)
    st.download_button(t("data.package", lang), lambda: data.data_package(db.session(con), cities, include_samples),
                       export.file_name(f"datenpaket_{ctx.focus if only_focus else 'allianz'}", "zip"),
                       mime="application/zip", help=t("data.package_help", lang), icon=":material/folder_zip:",
                       key="package")

    st.subheader(t("data.check", lang))
    upload = st.file_uploader(t("data.check", lang), type=["csv", "tsv", "txt", "xlsx", "xlsm"],
                              label_visibility="collapsed", max_upload_size=data.MAX_UPLOAD_BYTES // 2**20,
                              key="upload")
    if upload is not None:
        report = data.check_upload(upload.name, upload.getvalue())
        errors = int((report["level"] == "error").sum())
        if errors:
            st.error(t("data.check_errors", lang, n=errors))
        else:
            st.success(t("data.check_ok", lang))
        if not report.empty:
            shell.table(report, f"pruefung_{date.today().isoformat()}", lang)

    st.subheader(t("data.dictionary", lang))
    shell.table(data.data_dictionary(), "datenwoerterbuch", lang, height=300)
    st.subheader(t("data.history", lang))
    history = data.load_history(con)
    history["loaded"] = [format_date(v, lang, with_time=True) for v in history["loaded"]]
    shell.table(history, "ladeprotokoll", lang, height=300)
