"""Committee briefing: a slide deck (PPTX) and a PDF handout for the focus city, made on request."""

from __future__ import annotations

from datetime import date

import streamlit as st

from alliance import briefing, cities, export
from alliance.i18n import t
from pages.common import shell

ctx = shell.page("nav.briefing")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    c1, c2, c3 = st.columns([2, 1, 1])
    committee = c1.text_input(t("briefing.committee", lang), value=shell.param("committee", "Wirtschaftsausschuss"),
                              key="committee")
    try:
        meeting = date.fromisoformat(shell.param("meeting", date.today().isoformat()))
    except ValueError:
        meeting = date.today()
    meeting = c2.date_input(t("briefing.meeting", lang), value=meeting,
                            format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD", key="meeting")
    deck_lang = c3.radio(t("briefing.language", lang), ("de", "en"), horizontal=True,
                         index=0 if shell.param("deck", "de") == "de" else 1,
                         format_func={"de": "Deutsch", "en": "English"}.get, key="deck")
    choices = cities.city_list(con)
    others = choices[choices["city_id"] != ctx.focus]
    labels = {r["city_id"]: shell.city_label(r, lang) for _, r in others.iterrows()}
    partners = st.multiselect(t("briefing.partners", lang), list(labels), format_func=labels.get,
                              default=[c for c in shell.list_param("partners") if c in labels], key="partners",
                              placeholder=t("filters.all", lang))
    sections = st.multiselect(t("briefing.sections", lang), briefing.SECTIONS,
                              default=[s for s in shell.list_param("sections") if s in briefing.SECTIONS]
                              or list(briefing.SECTIONS),
                              format_func=lambda s: t(f"section.{s}", lang), key="sections")
    shell.set_param("committee", committee, "Wirtschaftsausschuss")
    shell.set_param("meeting", meeting.isoformat(), date.today().isoformat())
    shell.set_param("deck", deck_lang, "de")
    shell.set_list_param("partners", partners)
    shell.set_list_param("sections", [] if sections == list(briefing.SECTIONS) else sections)

    request = briefing.Briefing(committee=committee, meeting=meeting, focus=ctx.focus, partners=tuple(partners),
                                sections=tuple(sections), lang=deck_lang)
    if st.button(t("briefing.make", lang), type="primary", icon=":material/slideshow:", key="make"):
        with st.spinner(t("briefing.make", lang)):
            st.session_state["briefing"] = (request, *briefing.build_briefing(con, request))
    made = st.session_state.get("briefing")
    if made and made[0] == request:
        _, deck, handout, content = made
        st.success(t("briefing.ready", lang, n=len(content.slides) + 1))
        d1, d2 = st.columns(2)
        name = f"ausschussvorlage_{ctx.focus}_{meeting.isoformat()}"
        d1.download_button(t("briefing.pptx", lang), deck, export.file_name(name, "pptx"), icon=":material/download:",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key="pptx")
        d2.download_button(t("briefing.pdf", lang), handout, export.file_name(name, "pdf"), mime="application/pdf",
                           icon=":material/download:", key="pdf")
        for slide in content.slides:
            with st.expander(slide.title):
                for line in slide.lines:
                    st.markdown(f"- {line}")
                if slide.table is not None:
                    st.dataframe(slide.table, hide_index=True)
