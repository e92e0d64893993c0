"""Sign-in through Streamlit's OpenID Connect (``st.login``) and the viewer of a page run.

Sign-in is on when ``.streamlit/secrets.toml`` (or a file named by ``secrets.files``) has an ``[auth]``
section; the access file (alliance/access.py) gives the signed-in user a role. Without ``[auth]`` the
app is in local mode: one user on this machine who may do everything; reached from another address
(``st.context.ip_address`` is set for every non-loopback client) it reads the public data and refuses
every write with a message.
"""

from __future__ import annotations

import logging

import streamlit as st

from alliance import access
from alliance.i18n import t

log = logging.getLogger(__name__)


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all: local mode
        return False


def _remote() -> bool:
    """True when the browser is not on this machine. Streamlit gives None for loopback clients and the
    client's address otherwise (AppTest has no client: a mock object, not an address)."""
    return isinstance(st.context.ip_address, str)


def current_viewer() -> access.Viewer:
    """Who runs this page: the local user, an anonymous visitor, or a signed-in user with a role."""
    if not sign_in_configured():
        return access.Viewer(access.LOCAL, remote=_remote())
    if not st.user.is_logged_in:
        return access.Viewer(access.ANONYMOUS)
    email = st.user.get("email")
    if not email:
        log.warning("a signed-in user without an e-mail claim gets no role")
        return access.Viewer(access.NONE, "")
    try:
        return access.load().viewer(str(email))
    except access.AccessFileError as exc:
        log.error("the access file cannot be read, nobody gets a role: %s", exc)
        st.session_state["_access_broken"] = True
        return access.Viewer(access.NONE, str(email).lower())


def sidebar(viewer: access.Viewer, lang: str) -> None:
    """Who is signed in (or that the app runs in local mode), with the sign-in or sign-out button."""
    box = st.sidebar.container(border=True)
    if viewer.role == access.LOCAL:
        if viewer.remote:
            box.warning(t("auth.local_remote", lang), icon=":material/lock:")
        else:
            box.caption(t("auth.local", lang))
        return
    if st.session_state.pop("_access_broken", False):
        box.error(t("auth.access_broken", lang))
    if not viewer.signed_in:
        box.caption(t("auth.anonymous", lang))
        if box.button(t("auth.sign_in", lang), icon=":material/login:", key="_sign_in"):
            st.login()
        return
    role = t(f"role.{viewer.role}", lang)
    if viewer.cities:
        role += " · " + ", ".join(viewer.cities)
    box.caption(t("auth.signed_in", lang, email=viewer.email, role=role))
    if box.button(t("auth.sign_out", lang), icon=":material/logout:", key="_sign_out"):
        st.logout()


def refuse_write(viewer: access.Viewer, lang: str) -> bool:
    """True (with a message saying why) when ``viewer`` may not write at all."""
    if viewer.may_write:
        return False
    if viewer.role == access.LOCAL and viewer.remote:
        st.error(t("auth.write_refused_remote", lang), icon=":material/lock:")
    elif not viewer.signed_in:
        st.info(t("auth.write_sign_in", lang), icon=":material/login:")
    else:
        st.info(t("auth.write_no_role", lang), icon=":material/lock:")
    return True
