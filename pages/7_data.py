"""Data and export: browse any table with filters, the data package, the data dictionary, the load
history, and a check of a city's file against the import contract (nothing is written)."""

from __future__ import annotations

import math
from datetime import date

import streamlit as st

from alliance import data, db, export
from alliance.i18n import CATALOGUE, format_date, format_number, t
from pages.common import intake_form, shell

PAGE_ROWS = 500
MAX_SEARCH_CHARS = 200  # a search is a few words; longer text in a link is cut

ctx = shell.page("nav.data")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    tables = list(data.BROWSABLE)
    c1, c2, c3 = st.columns([1, 2, 1])
    table = shell.bound(c1.selectbox, t("data.table", lang), tables, key="table", index=tables.index("companies"),
                        format_func=lambda name: t(f"table.{name}", lang))
    text = shell.bound(c2.text_input, t("data.search", lang), value="", key="text", max_chars=MAX_SEARCH_CHARS)
    only_focus = shell.bound(c3.toggle, t("data.only_focus", lang), value=False, key="mine")
    include_samples = ctx.filters.include_samples  # the global switch "documented data only"
    cities = (ctx.focus,) if only_focus else ()
    f = ctx.filters
    scope = {"countries": f.countries, "branchen": f.branchen, "smes_only": f.smes_only}
    _, total = data.browse(con, data.Browse(table, cities, text, include_samples, limit=0, **scope))
    pages = max(1, math.ceil(total / PAGE_ROWS))
    page_no = 1
    if pages > 1:
        page_no = int(shell.bound(st.number_input, t("data.page", lang), 1, pages, 1, key="page", step=1))
    rows, total = data.browse(con, data.Browse(table, cities, text, include_samples, limit=PAGE_ROWS,
                                               offset=(page_no - 1) * PAGE_ROWS, **scope))
    if "is_sample" in rows:
        shell.sample_badge(int(rows["is_sample"].sum()), lang)
    st.caption(t("data.rows", lang, shown=format_number(len(rows), lang), total=format_number(total, lang),
                 page=page_no, pages=pages))
    shell.table(shell.contract_labels(rows, lang), f"{table}_seite_{page_no}", lang, height=420,
                samples=rows["is_sample"] if "is_sample" in rows else None)
    st.download_button(t("data.package", lang), lambda: data.data_package(db.session(con), cities, include_samples),
                       export.file_name(f"datenpaket_{ctx.focus if only_focus else 'allianz'}", "zip",
                                        parts=[] if include_samples else ["belegt"]),
                       mime="application/zip", help=t("data.package_help", lang), icon=":material/folder_zip:",
                       key="package")

    st.subheader(t("data.check", lang))
    st.caption(t("data.check_help", lang, mb=data.MAX_UPLOAD_BYTES // 2**20))
    upload = st.file_uploader(t("data.check", lang), type=["csv", "tsv", "txt", "xlsx", "xlsm"],
                              label_visibility="collapsed", max_upload_size=data.MAX_UPLOAD_BYTES // 2**20,
                              key="upload")
    shell.localise_uploader(lang)
    if upload is not None:
        with st.spinner(t("data.checking", lang)):
            report = data.check_upload(con, upload.name, upload.getvalue(), should_stop=shell.session_ended())
        errors = int((report["level"] == "error").sum())
        if errors:
            st.error(t("data.check_errors", lang, n=errors))
        else:
            st.success(t("data.check_ok", lang))
        if not report.empty:
            report = report.assign(level=[t(f"check.level.{v}", lang) for v in report["level"]])
            shell.table(report.rename(columns={"level": t("check.level", lang), "file": t("history.file", lang),
                                               "row": t("check.row", lang), "column": t("dict.column", lang),
                                               "message": t("check.message", lang)}),
                        f"pruefung_{date.today().isoformat()}", lang)

    intake_form.render(ctx)

    st.subheader(t("data.dictionary", lang))
    dictionary = data.data_dictionary()
    dictionary = dictionary.assign(
        label=[t(f"field.{c}", lang) for c in dictionary["column"]],
        table=[t(f"table.{name}", lang) for name in dictionary["table"]],
        format=[t(f"format.{k}" if f"format.{k}" in CATALOGUE else "format.text", lang) for k in dictionary["kind"]],
        kind=[t(f"kind.{k}", lang) for k in dictionary["kind"]],
    )[["table", "column", "label", "kind", "required", "key", "allowed", "format"]]
    shell.table(dictionary.rename(columns={c: t(f"dict.{c}", lang) for c in dictionary.columns}), "datenwoerterbuch",
                lang, height=300)
    st.subheader(t("data.history", lang))
    history = data.load_history(con)
    history = history.assign(loaded=[format_date(v, lang, with_time=True) for v in history["loaded"]],
                             table=[t(f"table.{name}", lang) for name in history["table"]])
    shell.table(history.rename(columns={"table": t("dict.table", lang), **{
        c: t(f"history.{c}", lang) for c in history.columns if c != "table"}}), "ladeprotokoll", lang, height=300)
    shell.notice_ignored(lang)
