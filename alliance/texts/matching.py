"""UI texts of the matching page (Kooperationsbörse): shortlist, contact proposals, sector search, notes."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "field.note_source": {"de": "Hinweis: Quelle", "en": "Note: source", "zh": "说明：来源"},
    "field.note_date": {"de": "Hinweis: Stand", "en": "Note: as of", "zh": "说明：日期"},
    "matching.branche_pick": {"de": "Branche", "en": "Sector group", "zh": "行业大类"},
    "matching.all_branchen": {"de": "alle Branchen", "en": "all sector groups", "zh": "全部行业大类"},
    "matching.sector_search": {
        "de": "Branche suchen (z. B. Biotech, Medizintechnik, 医药)",
        "en": "Find a sector (e.g. biotech, medical devices, 医药)",
        "zh": "搜索行业（例如 生物医药、医疗器械、Biotech）",
    },
    "matching.sector_none": {
        "de": "Keine NACE-Abteilung passt zu diesem Suchbegriff.", "en": "No NACE division fits this search.",
        "zh": "没有与该搜索词匹配的NACE大类。",
    },
    "matching.smes_first": {
        "de": "KMU der Fokusstadt zuerst", "en": "the focus city's SMEs first", "zh": "焦点城市的中小企业优先",
    },
    "col.figure": {"de": "Beschäftigte (Jahr, Bezug)", "en": "Employees (year, scope)", "zh": "员工（年份、口径）"},
    "col.website": {"de": "Website", "en": "Website", "zh": "网站"},
    "col.best_partner": {"de": "Bester Partner", "en": "Best partner", "zh": "最佳伙伴"},
    "matching.shortlist": {
        "de": "Kontaktliste (bis 20 Unternehmen; bleibt im Link)",
        "en": "Contact shortlist (up to 20 companies; kept in the link)",
        "zh": "联系名单（最多20家企业；保存在链接中）",
    },
    "matching.proposals": {"de": "Kontaktvorschläge", "en": "Contact proposals", "zh": "联系建议"},
    "matching.proposals_help": {
        "de": "Unternehmen aus den Ergebnissen auf die Kontaktliste setzen: Sie erscheinen hier mit Zahl, Website, "
              "Quelle, Hinweis und bestem Partner in {city}, zum Herunterladen und in der Ausschussvorlage.",
        "en": "Put companies from the results on the shortlist: they appear here with figure, website, source, note "
              "and best partner in {city}, for download and in the committee deck.",
        "zh": "将结果中的企业加入联系名单：此处显示其员工数、网站、来源、说明以及在{city}的最佳伙伴，"
              "可下载，也会进入委员会汇报材料。",
    },
    "matching.note_flag": {"de": "Hinweis", "en": "note", "zh": "注意"},
}
