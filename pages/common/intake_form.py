"""The data page's write part: a city editor uploads their city's rows, sees the preview and submits;
the secretariat (or the one local user) applies or refuses submissions, restores an earlier version
and reads the audit log (alliance/intake.py, alliance/instance.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import partial

import pandas as pd
import streamlit as st

from alliance import intake
from alliance.i18n import format_date, t
from pages.common import shell, signin, writes

TABLES = tuple(intake.CITY_COLUMNS)
LISTED_FINDINGS = 20


def finding_text(finding: intake.Finding, lang: str) -> str:
    """A finding in the reader's language: the catalogue's for tokens, the ETL's message otherwise."""
    return t(f"intake.refused.{finding.token}", lang, **finding.values) if finding.token else finding.text


def findings_frame(findings: list[intake.Finding], lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("check.level", lang): [t(f"check.level.{f.level}", lang) for f in findings],
        t("check.row", lang): [f.row or None for f in findings],
        t("dict.column", lang): [f.column for f in findings],
        t("check.message", lang): [finding_text(f, lang) for f in findings],
    })


def _when(iso: str, lang: str) -> str:
    """An instance time (ISO 8601, UTC) as the language writes dates, with hours and minutes."""
    return format_date(datetime.fromisoformat(iso), lang, with_time=True)


def _counts_line(counts: dict, warnings: int, lang: str) -> str:
    return t("intake.counts", lang, warnings=warnings,
             **{k: counts.get(k, 0) for k in ("new", "changed", "removed", "unchanged")})


def render(ctx: shell.Context) -> None:
    lang, viewer = ctx.lang, ctx.viewer
    st.subheader(t("intake.title", lang))
    writes.show_flash()
    if signin.refuse_write(viewer, lang):
        return
    st.caption(t("intake.help", lang))
    instance = writes.instance()
    names = shell.city_names(ctx)
    upload_form(ctx, instance, names)
    if viewer.is_secretariat:
        pending(ctx, instance, names)
        versions(ctx, instance)
        audit(ctx, instance)


def upload_form(ctx: shell.Context, instance, names: dict[str, str]) -> None:
    lang, viewer = ctx.lang, ctx.viewer
    cities = sorted(names) if viewer.is_secretariat else [c for c in viewer.cities if c in names]
    if not cities:
        st.info(t("auth.write_no_role", lang))
        return
    c1, c2 = st.columns(2)
    city = c1.selectbox(t("intake.city", lang), cities, format_func=lambda c: names.get(c, c), key="_intake_city",
                        index=cities.index(ctx.focus) if ctx.focus in cities else 0)
    table = c2.selectbox(t("intake.table", lang), TABLES, format_func=lambda name: t(f"table.{name}", lang),
                         key="_intake_table", index=TABLES.index("companies"))
    upload = st.file_uploader(t("intake.file", lang), type=[s.lstrip(".") for s in intake.UPLOAD_SUFFIXES],
                              max_upload_size=intake.MAX_UPLOAD_BYTES // 2**20, key="_intake_file")
    shell.localise_uploader(lang)
    if upload is None:
        return
    content = upload.getvalue()
    key = (city, table, upload.name, hashlib.sha256(content).hexdigest())
    cached = st.session_state.get("_intake_preview")
    if cached is None or cached[0] != key:
        with st.spinner(t("intake.checking", lang)):
            cached = (key, intake.preview(instance.db_path, instance.source_folder(), city, table, upload.name,
                                          content))
        st.session_state["_intake_preview"] = cached
    preview = cached[1]
    if preview.errors:
        st.error(t("intake.errors", lang, n=len(preview.errors)))
    else:
        st.success(t("intake.ok", lang))
        m = st.columns(4)
        for column, kind in zip(m, ("new", "changed", "removed", "unchanged"), strict=True):
            column.metric(t(f"intake.{kind}", lang), preview.counts.get(kind, 0))
        if preview.counts.get("removed_samples"):
            st.caption(t("intake.removed_samples", lang, n=preview.counts["removed_samples"]))
        for kind, keys in preview.examples.items():
            if keys:
                st.caption(t("intake.examples", lang, kind=t(f"intake.{kind}", lang), keys=", ".join(keys)))
    for finding in preview.findings[:LISTED_FINDINGS]:  # in full: a grid cell would cut the reason
        where = ", ".join(part for part in (t("intake.at_row", lang, row=finding.row) if finding.row else "",
                                            finding.column) if part)
        line = f"{t(f'check.level.{finding.level}', lang)}{f' ({where})' if where else ''}: " \
               f"{shell.md(finding_text(finding, lang))}"
        st.markdown(f"- {line}")
    if len(preview.findings) > LISTED_FINDINGS:  # all of them, to download
        shell.table(findings_frame(preview.findings, lang), f"vorschau_{preview.target}", lang)
    if st.button(t("intake.submit", lang), type="primary", disabled=not preview.ok, key="_intake_submit",
                 icon=":material/send:"):
        if not viewer.may_edit(city):  # asked again on the server, not only by the choice offered
            st.error(t("auth.write_no_role", lang))
            return
        number = instance.submit(viewer.name, city, preview.target, content, preview.summary())
        st.session_state.pop("_intake_preview", None)
        writes.flash("success", t("intake.submitted", lang, n=number))
        st.rerun()


def pending(ctx: shell.Context, instance, names: dict[str, str]) -> None:
    lang, viewer = ctx.lang, ctx.viewer
    st.markdown(f"**{t('intake.pending', lang)}**")
    waiting = instance.submissions("submitted")
    if not waiting:
        st.caption(t("intake.none_pending", lang))
    for s in waiting:
        number = s["submission_id"]
        box = st.container(border=True)
        table = s["preview"].get("table") or ""
        box.markdown(shell.md(t("intake.submission", lang, n=number, city=names.get(s["city_id"], s["city_id"]),
                                table=t(f"table.{table}", lang) if table else "–", file=s["file_name"],
                                user=s["user"], at=_when(s["created_at"], lang))))
        box.caption(_counts_line(s["preview"].get("counts", {}), s["preview"].get("warnings", 0), lang))
        b1, b2 = box.columns([1, 5])
        if b1.button(t("intake.apply", lang), key=f"_apply_{number}", type="primary"):
            try:
                writes.run_write(lang, partial(instance.apply, viewer.name, number), "intake.applied")
            except KeyError:
                box.warning(t("intake.gone", lang))
            except intake.RowsRefused as refused:
                box.error(t("intake.rows_refused", lang, n=len(refused.findings)))
        if b2.button(t("intake.refuse", lang), key=f"_refuse_{number}"):
            try:
                instance.refuse(viewer.name, number)
            except KeyError:
                box.warning(t("intake.gone", lang))
            else:
                writes.flash("success", t("intake.refused_done", lang, n=number))
                st.rerun()


def versions(ctx: shell.Context, instance) -> None:
    lang, viewer = ctx.lang, ctx.viewer
    st.markdown(f"**{t('intake.versions', lang)}**")
    every = instance.versions()
    if not every:
        st.caption(t("intake.no_versions", lang))
        return
    frame = pd.DataFrame({
        t("intake.col.version", lang): [v["version_id"] for v in every],
        t("intake.col.at", lang): [_when(v["created_at"], lang) for v in every],
        t("intake.col.user", lang): [v["user"] for v in every],
        t("intake.col.reason", lang): [v["reason"] for v in every],
        t("intake.col.status", lang): [t(f"intake.status.{v['status']}", lang) for v in every],
        t("intake.col.files", lang): [", ".join(f["name"] for f in v["files"]) for v in every],
    })
    shell.table(frame, "versionen", lang, height=240)
    current = instance.current()
    earlier = [v["version_id"] for v in every if v["status"] == "built" and v != current]
    if not earlier:
        return
    c1, c2 = st.columns([2, 1])
    chosen = c1.selectbox(t("intake.restore_pick", lang), earlier, key="_restore_version",
                          format_func=lambda n: f"v{n}")
    c2.write("")
    if c2.button(t("intake.restore", lang), key="_restore", icon=":material/history:"):
        writes.run_write(lang, partial(instance.restore, viewer.name, int(chosen)), "intake.restored")


def audit(ctx: shell.Context, instance) -> None:
    lang = ctx.lang
    st.markdown(f"**{t('intake.audit', lang)}**")
    events = instance.audit_log()
    frame = pd.DataFrame({
        t("intake.col.at", lang): [_when(e["at"], lang) for e in events],
        t("intake.col.user", lang): [e["user"] for e in events],
        t("intake.col.action", lang): [t(f"intake.action.{e['action']}", lang) for e in events],
        t("intake.col.detail", lang): [json.dumps(e["detail"], ensure_ascii=False) for e in events],
    })
    shell.table(frame, "aenderungsprotokoll", lang, height=240)
