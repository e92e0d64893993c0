"""Committee briefing: a slide deck (PPTX) and a PDF handout for the focus city, made on request, in
German, English or Chinese (for the partner side)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from alliance import briefing, cities, contacts, export
from alliance.i18n import LANGUAGES, t
from pages.common import shell

MAX_COMMITTEE = 200  # characters of the committee's name (the deck's title)


def template_problem(exc: briefing.TemplateError, lang: str) -> str:
    """Why a template is not used, and that the standard layout is used instead."""
    return " ".join((t(f"briefing.template_error.{exc.token}", lang, mb=briefing.MAX_TEMPLATE_MB),
                     t("briefing.template_fallback", lang)))


def deck_template(lang: str) -> briefing.Template | None:
    """The city's template: uploaded here, else the configured one ($ALLIANCE_DECK_TEMPLATE); a file that
    cannot be used is named in one message and the deck is made in the standard layout."""
    upload = st.file_uploader(t("briefing.template", lang), type=["pptx", "potx"], key="template",
                              help=t("briefing.template_help", lang, mb=briefing.MAX_TEMPLATE_MB),
                              max_upload_size=briefing.MAX_TEMPLATE_MB)
    shell.localise_uploader(lang)
    try:
        template = (briefing.load_template(upload.getvalue(), upload.name) if upload is not None
                    else briefing.configured_template())
    except briefing.TemplateError as exc:
        st.error(template_problem(exc, lang), icon=":material/warning:")
        return None
    if template is not None:
        st.caption(t("briefing.template_in_use", lang, name=template.name, master=template.master))
    return template


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
    include_samples = bool(ticked) and not documented_only
    # Contact proposals: the matching page's shortlist travels in the link (?shortlist=id,id).
    shortlist = contacts.parse_shortlist(con, ",".join(shell._raw("shortlist")), include_samples=include_samples)
    st.caption(t("briefing.shortlist_in_use", lang, n=len(shortlist)) if shortlist else
               t("briefing.shortlist_empty", lang))
    template = deck_template(lang)
    request = briefing.Briefing(committee=committee, meeting=meeting, focus=ctx.focus, partners=tuple(partners),
                                sections=tuple(sections) or briefing.SECTIONS, lang=deck_lang,
                                include_samples=include_samples, shortlist=shortlist)
    wanted = (request, template.name if template else "", hash(template.data) if template else 0)
    if st.button(t("briefing.make", lang), type="primary", icon=":material/slideshow:", key="make"):
        with st.spinner(t("briefing.make", lang)):
            try:
                made = briefing.build_briefing(con, request, template)
            except briefing.TemplateError as exc:  # a template python-pptx opens but cannot draw on
                st.error(template_problem(exc, lang), icon=":material/warning:")
                made = briefing.build_briefing(con, request)
            st.session_state["briefing"] = (wanted, *made)
    made = st.session_state.get("briefing")
    if made and made[0] == wanted:
        _, deck, handout, localised = made
        st.success(t("briefing.ready" if request.include_samples else "briefing.ready_documented", lang,
                     n=len(localised.slides) + 1))
        d1, d2 = st.columns(2)
        name = f"ausschussvorlage_{ctx.focus}_{deck_lang}"  # the meeting's date once, at the end
        d1.download_button(t("briefing.pptx", lang), deck, export.file_name(name, "pptx", when=meeting),
                           icon=":material/download:", key="pptx",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
        d2.download_button(t("briefing.pdf", lang), handout, export.file_name(name, "pdf", when=meeting),
                           mime="application/pdf", icon=":material/download:", key="pdf")
        for slide in localised.slides:  # a preview in the deck's language
            with st.expander(shell.md(slide.title)):
                for line in slide.lines:
                    st.markdown(f"- {shell.md(line)}")
                if slide.table is not None:
                    st.dataframe(slide.table, hide_index=True)
                if localised.sample_mark:
                    st.caption(shell.md(localised.sample_mark))
    shell.notice_ignored(lang)
