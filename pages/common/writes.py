"""What a write shares on every page: the instance, the message after a rerun, the build's outcome."""

from __future__ import annotations

import logging

import streamlit as st

from alliance.i18n import t
from alliance.instance import Applied, Instance
from etl.messages import BuildFault

log = logging.getLogger(__name__)


def instance() -> Instance:
    return Instance()


def flash(kind: str, text: str) -> None:
    """A message shown after the rerun that follows a write (the page then reads the new data)."""
    st.session_state["_flash"] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop("_flash", (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def run_write(lang: str, action, done_key: str, **values) -> Applied | None:
    """Run a data-changing write (``action()`` returns Applied), flash its outcome and rerun so the
    page shows the new data; a build that finds errors leaves the served data as it was and says so."""
    try:
        with st.spinner(t("write.building", lang)):
            applied = action()
    except BuildFault as exc:  # another build holds the lock too long, a read-only folder, a full disk
        log.error("a write could not be built: %s", exc)
        st.error(t("write.failed", lang, cause=str(exc)))
        return None
    if applied.ok:
        flash("success", t(done_key, lang, version=applied.version_id, **values))
    else:
        first = applied.result.errors[0].line() if applied.result.errors else ""
        flash("error", t("write.build_errors", lang, version=applied.version_id, first=first))
    st.rerun()
    return applied
