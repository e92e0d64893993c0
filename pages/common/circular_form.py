"""The membership page's write part: the secretariat records an application and sends the circular;
a member city's editor answers the open procedures of their city (alliance/circular.py)."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from alliance import circular
from alliance.i18n import format_date, t
from pages.common import shell, signin, writes


def render(ctx: shell.Context) -> None:
    lang, con, viewer = ctx.lang, ctx.con, ctx.viewer
    st.subheader(t("circular.title", lang))
    writes.show_flash()
    if signin.refuse_write(viewer, lang):
        return
    names = shell.city_names(ctx)
    instance = writes.instance()
    if viewer.is_secretariat:
        left, right = st.columns(2)
        with left.form("circular_apply"):
            st.markdown(f"**{t('circular.record_application', lang)}**")
            candidates = circular.may_apply(con)
            city = st.selectbox(t("col.city", lang), candidates, format_func=lambda c: names.get(c, c),
                                index=None, placeholder=t("circular.choose", lang))
            if st.form_submit_button(t("circular.record_application", lang)) and city:
                try:
                    event = circular.application_event(con, city)
                except circular.RefusedEvent as refused:
                    st.error(t(f"circular.refused.{refused.reason}", lang))
                else:
                    writes.run_write(lang, partial(instance.record_event, viewer.name, event, "application_recorded"),
                                     "circular.application_done", city=names.get(city, city))
        with right.form("circular_send"):
            st.markdown(f"**{t('circular.send', lang)}**")
            waiting = circular.awaiting_circular(con)
            city = st.selectbox(t("col.city", lang), waiting, format_func=lambda c: names.get(c, c), index=None,
                                placeholder=t("circular.choose", lang))
            if st.form_submit_button(t("circular.send", lang)) and city:
                try:
                    event = circular.circular_event(con, city)
                except circular.RefusedEvent as refused:
                    st.error(t(f"circular.refused.{refused.reason}", lang))
                else:
                    writes.run_write(lang, partial(instance.record_event, viewer.name, event, "circular_sent"),
                                     "circular.sent_done", city=names.get(city, city))
        member_ids = sorted(names)
        answering = st.selectbox(t("circular.answer_for", lang), member_ids, format_func=lambda c: names.get(c, c),
                                 index=member_ids.index(ctx.focus) if ctx.focus in member_ids else 0,
                                 key="_circular_member")
        cities = (answering,)
    else:
        cities = tuple(viewer.cities)
    due = circular.due(con, cities)
    if due.empty:
        st.info(t("circular.none_due", lang))
        return
    for row in due.itertuples():
        applicant, member = names.get(row.city_id, row.city_id), names.get(row.member, row.member)
        with st.form(f"answer_{row.city_id}_{row.member}"):
            st.markdown(t("circular.question", lang, applicant=shell.md(applicant), member=shell.md(member),
                          date=format_date(row.circular_on, lang)))
            if row.is_sample:
                st.caption(t("sample.badge", lang, n=1))
            if row.answer:
                st.caption(t("circular.answered", lang, answer=t(f"event.{row.answer}", lang)))
            answer = st.radio(t("circular.answer", lang), circular.ANSWERS, horizontal=True,
                              format_func=lambda a: t(f"event.{a}", lang), key=f"_answer_{row.city_id}_{row.member}")
            note = st.text_input(t("circular.note", lang), max_chars=circular.MAX_NOTE_CHARS,
                                 key=f"_note_{row.city_id}_{row.member}")
            if st.form_submit_button(t("circular.record", lang)):
                if not viewer.may_edit(row.member):  # asked again on the server, not only in the form
                    st.error(t("circular.refused.not_asked", lang))
                    continue
                try:
                    event = circular.answer_event(con, row.city_id, row.member, answer, note, date.today())
                except circular.RefusedEvent as refused:
                    st.error(t(f"circular.refused.{refused.reason}", lang))
                    continue
                writes.run_write(lang, partial(instance.record_event, viewer.name, event, "answer_recorded"),
                                 "circular.answer_done", applicant=applicant, answer=t(f"event.{answer}", lang))
