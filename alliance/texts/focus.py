"""UI texts of the focus-city page (pages/0_focus.py, alliance/focus.py) and of the map's focus view."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nav.focus": {"de": "{city} auf einen Blick", "en": "{city} at a glance", "zh": "{city}概览"},
    "focus.status.since": {"de": "seit {since}", "en": "since {since}", "zh": "自{since}起"},
    "focus.kpi.status": {"de": "Status in der Allianz", "en": "Status in the alliance", "zh": "联盟中的身份"},
    "focus.kpi.projects": {"de": "Belegte Projekte", "en": "Documented projects", "zh": "有据项目"},
    "focus.kpi.companies": {"de": "Belegte Unternehmen", "en": "Documented companies", "zh": "有据企业"},
    "focus.kpi.to_answer": {"de": "Offene Antworten", "en": "Answers due", "zh": "待答复"},
    "focus.kpi.samples": {
        "de": "dazu {n} Beispieldatensätze", "en": "plus {n} sample records", "zh": "另有 {n} 条示例记录",
    },
    "focus.partners": {
        "de": "Beste Partnerstädte für {city} und warum", "en": "Best partner cities for {city} and why",
        "zh": "{city}的最佳伙伴城市及理由",
    },
    "focus.partners.basis": {
        "de": "Rangfolge auf der Basis „{basis}“ ({level}); Punkte 0–100 aus Ähnlichkeit, Ergänzung, "
              "gemeinsamen Stärken und belegten Projekten.",
        "en": "Ranked on the basis “{basis}” ({level}); score 0–100 from similarity, complement, shared strengths and "
              "documented projects.",
        "zh": "依据“{basis}”（{level}）排名；得分 0–100，由相似度、互补、共同优势和有据项目构成。",
    },
    "focus.partners.samples": {
        "de": "Die Rangfolge zählt die Beispiel-Unternehmen (fiktiv) mit; mit „Nur belegte Daten“ ohne sie.",
        "en": "The ranking counts the sample companies (fictitious); with “documented data only” it does not.",
        "zh": "排名计入示例企业（虚构）；选择“仅显示有来源的数据”后不计入。",
    },
    "focus.partners.none": {
        "de": "Für {city} lässt sich keine Partnerstadt berechnen.",
        "en": "No partner city can be computed for {city}.",
        "zh": "无法为{city}计算伙伴城市。",
    },
    "focus.overlaps": {
        "de": "Branchen für KMU aus {city}", "en": "Sectors for SMEs from {city}", "zh": "{city}中小企业的行业机会",
    },
    "focus.overlaps.help": {
        "de": "Branchen, in denen {city} KMU hat und Städte des anderen Landes stark sind (erklärte Stärke oder "
              "LQ ≥ 1,25).",
        "en": "Sectors in which {city} has SMEs and cities of the other country are strong (declared strength or "
              "LQ ≥ 1.25).",
        "zh": "{city}拥有中小企业且对方国家城市具有优势（申报优势或区位商 ≥ 1.25）的行业。",
    },
    "focus.overlaps.none": {
        "de": "Keine: für {city} sind keine KMU erfasst.", "en": "None: no SMEs of {city} are in the data.",
        "zh": "无：数据中没有{city}的中小企业。",
    },
    "focus.overlap.row": {
        "de": "{sector} · {n} KMU – stark: {partners} (LQ bis {lq})",
        "en": "{sector} · {n} SMEs – strong: {partners} (LQ up to {lq})",
        "zh": "{sector} · {n} 家中小企业 – 优势城市：{partners}（区位商最高 {lq}）",
    },
    "focus.col.documented": {"de": "davon belegt", "en": "documented", "zh": "其中有据"},
    "focus.membership": {"de": "Mitgliedschaft", "en": "Membership", "zh": "成员资格"},
    "focus.projects": {"de": "Projekte und Partner", "en": "Projects and partners", "zh": "项目与伙伴"},
    "focus.projects.none": {
        "de": "Keine Projekte von {city} in den Daten.", "en": "No projects of {city} in the data.",
        "zh": "数据中没有{city}的项目。",
    },
    "focus.to_answer": {
        "de": "Offene Aufnahmeverfahren, auf die {city} antworten muss",
        "en": "Open admission procedures {city} must answer", "zh": "{city}须答复的入盟程序",
    },
    "focus.to_answer.none": {
        "de": "Keine: {city} hat auf jedes offene Verfahren geantwortet ({n} offen).",
        "en": "None: {city} has answered every open procedure ({n} open).",
        "zh": "无：{city}已答复所有待决程序（共 {n} 个）。",
    },
    "focus.to_answer.row": {
        "de": "{applicant}: Rundschreiben vom {date}, {consents} von {members} Zustimmungen",
        "en": "{applicant}: circular of {date}, {consents} of {members} consents",
        "zh": "{applicant}：{date}通函，{members} 个成员中 {consents} 个已同意",
    },
    "focus.coverage": {"de": "Was die Daten über {city} sagen", "en": "What the data covers for {city}",
                       "zh": "数据对{city}的覆盖"},
    "focus.coverage.official": {
        "de": "Amtliche Struktur: {measure} {year}, {sectors} Wirtschaftsabschnitte ({scope})",
        "en": "Official structure: {measure} {year}, {sectors} NACE sections ({scope})",
        "zh": "官方结构：{year}年{measure}，{sectors} 个行业门类（{scope}）",
    },
    "focus.coverage.no_official": {
        "de": "Amtliche Struktur: keine", "en": "Official structure: none", "zh": "官方结构：无",
    },
    "focus.coverage.companies": {
        "de": "Unternehmen: {n} belegt (davon {smes} KMU, {with_year} mit Jahr der Beschäftigtenzahl, {web} mit "
              "Website)",
        "en": "Companies: {n} documented ({smes} SMEs, {with_year} with the year of the employee figure, {web} with "
              "a website)",
        "zh": "企业：{n} 家有据（其中中小企业 {smes} 家，{with_year} 家注明员工数年份，{web} 家有网站）",
    },
    "focus.coverage.samples": {
        "de": "Beispieldaten (fiktiv, gekennzeichnet): {companies} Unternehmen, davon {smes} KMU; {projects} Projekte",
        "en": "Sample data (fictitious, flagged): {companies} companies, {smes} of them SMEs; {projects} projects",
        "zh": "示例数据（虚构，已标注）：{companies} 家企业，其中中小企业 {smes} 家；{projects} 个项目",
    },
    "focus.coverage.samples_off": {
        "de": "Beispieldaten ausgeblendet (Nur belegte Daten).", "en": "Sample data hidden (documented data only).",
        "zh": "示例数据已隐藏（仅显示有据数据）。",
    },
    "focus.coverage.notes": {"de": "Qualitätshinweise", "en": "Quality notes", "zh": "质量说明"},
    "focus.gaps": {"de": "Was fehlt", "en": "What is missing", "zh": "缺少的数据"},
    "focus.gap.no_official_structure": {
        "de": "keine amtliche Wirtschaftsstruktur: das Ranking stützt sich auf die erfassten Unternehmen",
        "en": "no official economic structure: the ranking rests on the companies in the data",
        "zh": "无官方经济结构：排名依据数据中的企业",
    },
    "focus.gap.official_sections_only": {
        "de": "amtliche Struktur nur nach Abschnitten (Stand {year}), nicht nach NACE-Abteilungen",
        "en": "official structure by sections only (as of {year}), not by NACE divisions",
        "zh": "官方结构仅到门类（{year}年），无大类数据",
    },
    "focus.gap.few_companies": {
        "de": "nur {n} belegte Unternehmen", "en": "only {n} documented companies", "zh": "仅有 {n} 家有据企业",
    },
    "focus.gap.no_documented_smes": {
        "de": "kein belegtes KMU (die KMU-Chancen beruhen auf {samples} Beispiel-KMU)",
        "en": "no documented SME (the SME chances rest on {samples} sample SMEs)",
        "zh": "无有据中小企业（中小企业机会基于 {samples} 家示例企业）",
    },
    "focus.gap.figures_without_year": {
        "de": "{n} Beschäftigtenzahl(en) ohne Jahr", "en": "{n} employee figure(s) without a year",
        "zh": "{n} 个员工数未注明年份",
    },
    "focus.gap.no_documented_projects": {
        "de": "kein belegtes Projekt", "en": "no documented project", "zh": "无有据项目",
    },
    "focus.gap.no_wishes": {
        "de": "keine erklärten Kooperationswünsche (Ergänzung daher 0)",
        "en": "no declared cooperation wishes (complement therefore 0)", "zh": "未申报合作意向（因此互补为 0）",
    },
    "focus.gap.no_strengths": {
        "de": "keine erklärten Stärken", "en": "no declared strengths", "zh": "未申报优势",
    },
    "focus.gap.no_population": {"de": "keine Einwohnerzahl", "en": "no population figure", "zh": "无人口数据"},
    "focus.gap.no_gdp": {"de": "kein BIP", "en": "no GDP", "zh": "无地区生产总值"},
    "focus.more": {"de": "Weiter in die Details", "en": "Into the details", "zh": "查看详情"},
    "focus.link.why": {"de": "Warum {city}? (Branchenmatrix)", "en": "Why {city}? (sector matrix)",
                       "zh": "为什么是{city}？（行业矩阵）"},
    "focus.link.profile": {"de": "Städteprofil von {city}", "en": "City profile of {city}", "zh": "{city}城市概况"},
    "focus.link.compare": {"de": "{city} und {partner} im Vergleich", "en": "{city} and {partner} side by side",
                           "zh": "{city}与{partner}对比"},
    "focus.link.projects": {"de": "Projekte von {city}", "en": "Projects of {city}", "zh": "{city}的项目"},
    "focus.link.membership": {"de": "Aufnahmeverfahren", "en": "Admission procedures", "zh": "入盟程序"},
    "focus.link.sme": {"de": "Alle KMU-Chancen", "en": "All SME opportunities", "zh": "全部中小企业机会"},
    "focus.link.matching": {"de": "Kooperationsbörse", "en": "Cooperation matching", "zh": "合作匹配"},
    "focus.link.map": {"de": "Karte der Verbindungen von {city}", "en": "Map of {city}'s ties",
                       "zh": "{city}合作关系地图"},
    "focus.link.companies": {"de": "Unternehmen von {city} (Daten)", "en": "Companies of {city} (data)",
                             "zh": "{city}的企业（数据）"},
    # The map's focus view (pages/1_map.py)
    "map.all_ties": {"de": "Alle Verbindungen der Allianz", "en": "All ties of the alliance", "zh": "联盟全部合作关系"},
    "map.focus_ties": {
        "de": "Verbindungen von {city}: {n} Städtepaar(e)", "en": "Ties of {city}: {n} city pair(s)",
        "zh": "{city}的合作关系：{n} 对城市",
    },
    "map.no_focus_ties": {
        "de": "{city} hat keine Projekte in den Daten; der Schalter zeigt alle Verbindungen.",
        "en": "{city} has no projects in the data; the switch shows all ties.",
        "zh": "数据中没有{city}的项目；打开开关可显示全部合作关系。",
    },
    "map.labels": {"de": "Städtenamen", "en": "City names", "zh": "城市名称"},
    "map.legend_projects": {
        "de": "Bögen: rot China → Deutschland, schwarz Deutschland → China, gelb gegenseitig; Breite nach Volumen. "
              "Belegte Projekte kräftig, Beispielprojekte (fiktiv) blass und dünn. Umrandeter Kreis: die Fokusstadt.",
        "en": "Arcs: red China → Germany, black Germany → China, yellow mutual; width by volume. Documented "
              "projects bold, sample projects (fictitious) pale and thin. Ringed circle: the focus city.",
        "zh": "连线：红色中国→德国，黑色德国→中国，黄色双向；宽度表示金额。"
              "有据项目为深色粗线，示例项目（虚构）为浅色细线。带环圆圈：焦点城市。",
    },
    "map.legend_cities": {
        "de": "Farbe der Städte: Mitgliedsstatus (blau Mitglied, grün Bewerber, violett Beobachter, grau kein "
              "Mitglied).",
        "en": "City colour: membership status (blue member, green applicant, purple observer, grey non-member).",
        "zh": "城市颜色：成员状态（蓝色成员、绿色申请中、紫色观察员、灰色非成员）。",
    },
    "map.click_hint": {
        "de": "Klick auf eine Stadt öffnet ihr Städteprofil.", "en": "Click a city to open its profile.",
        "zh": "点击城市可打开其城市概况。",
    },
    "map.open_profile": {"de": "Städteprofil von {city} öffnen", "en": "Open the profile of {city}",
                         "zh": "打开{city}城市概况"},
    "map.tiles_note": {
        "de": "Der Online-Hintergrund wird von basemaps.cartocdn.com geladen und braucht Internet; darunter liegen "
              "immer die mitgelieferten Ländergrenzen.",
        "en": "The online base map is loaded from basemaps.cartocdn.com and needs internet; the shipped country "
              "outlines always lie underneath.",
        "zh": "在线底图从 basemaps.cartocdn.com 加载，需要联网；下方始终显示内置国界。",
    },
    "map.tiles_checking": {
        "de": "Online-Hintergrund wird geprüft …", "en": "Checking the online base map …", "zh": "正在检查在线底图……",
    },
    "map.tiles_failed": {
        "de": "Der Online-Hintergrund ist nicht erreichbar (kein Internet?). Die Karte zeigt die mitgelieferten "
              "Ländergrenzen.",
        "en": "The online base map cannot be reached (no internet?). The map shows the shipped country outlines.",
        "zh": "无法连接在线底图（未联网？）。地图显示内置国界。",
    },
    "map.tiles_loaded": {
        "de": "Online-Hintergrund erreichbar.", "en": "Online base map reachable.", "zh": "在线底图可用。",
    },
}
