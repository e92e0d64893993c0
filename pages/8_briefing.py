"""Committee briefing: a slide deck (PPTX) and a PDF handout for the focus city, made on request, in
German, English or Chinese (for the partner side)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from alliance import briefing, cities, export
from alliance.i18n import LANGUAGES, t
from pages.common import shell

MAX_COMMITTEE = 200  # characters of the committee's name (the deck's title)

ctx = shell.page("nav.briefing")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    c1, c2, c3 = st.columns([2, 1, 1])
    committee = shell.bound(c1.text_input, t("briefing.committee", lang), key="committee",
                            value=t("briefing.committee_default", lang), max_chars=MAX_COMMITTEE)
    meeting = shell.bound(c2.date_input, t("briefing.meeting", lang), key="meeting", value=date.today(),
                          format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD")
    # The deck's language: by default the reader's; the options read the same in every language.
    deck_lang = shell.bound(c3.radio, t("briefing.language", lang), list(LANGUAGES), key="deck", horizontal=True,
                            index=list(LANGUAGES).index(lang), format_func=LANGUAGES.get)
    choices = cities.city_list(con, include_samples=ctx.filters.include_samples)
    others = choices[choices["city_id"] != ctx.focus]
    labels = {r["city_id"]: shell.city_label(r, lang) for _, r in others.iterrows()}
    partners = shell.bound(st.multiselect, t("briefing.partners", lang), list(labels), format_func=labels.get,
                           key="partners", placeholder=t("filters.all", lang))
    # Sections: none chosen means all of them, as "all" reads in every filter.
    sections = shell.bound(st.multiselect, t("briefing.sections", lang), list(briefing.SECTIONS), key="sections",
                           format_func=lambda s: t(f"section.{s}", lang), placeholder=t("filters.all", lang))
    # The deck rests on documented data unless asked; never with the global switch "documented data only".
    documented_only = ctx.filters.documented_only
    ticked = shell.bound(st.checkbox, t("briefing.include_samples", lang), value=False, key="with_samples",
                         disabled=documented_only,
                         help=t("briefing.include_samples_off" if documented_only else "briefing.include_samples_help",
                                lang))
    request = briefing.Briefing(committee=committee, meeting=meeting, focus=ctx.focus, partners=tuple(partners),
                                sections=tuple(sections) or briefing.SECTIONS, lang=deck_lang,
                                include_samples=bool(ticked) and not documented_only)
    if st.button(t("briefing.make", lang), type="primary", icon=":material/slideshow:", key="make"):
        with st.spinner(t("briefing.make", lang)):
            st.session_state["briefing"] = (request, *briefing.build_briefing(con, request))
    made = st.session_state.get("briefing")
    if made and made[0] == request:
        _, deck, handout, localised = made
        st.success(t("briefing.ready" if request.include_samples else "briefing.ready_documented", lang,
                     n=len(localised.slides) + 1))
        d1, d2 = st.columns(2)
        name = f"ausschussvorlage_{ctx.focus}_{meeting.isoformat()}_{deck_lang}"
        d1.download_button(t("briefing.pptx", lang), deck, export.file_name(name, "pptx"), icon=":material/download:",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key="pptx")
        d2.download_button(t("briefing.pdf", lang), handout, export.file_name(name, "pdf"), mime="application/pdf",
                           icon=":material/download:", key="pdf")
        for slide in localised.slides:  # a preview in the deck's language
            with st.expander(shell.md(slide.title)):
                for line in slide.lines:
                    st.markdown(f"- {shell.md(line)}")
                if slide.table is not None:
                    st.dataframe(slide.table, hide_index=True)
                if localised.sample_mark:
                    st.caption(shell.md(localised.sample_mark))
    shell.notice_ignored(lang)
