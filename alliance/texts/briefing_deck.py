"""Texts of the council-ready deck (alliance/briefing/): slide messages, speaker notes in sentences,
source lines, the parts of the Beschlussvorlage and the template upload on the briefing page."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # The parts of a Beschlussvorlage, shown above each slide's title.
    "briefing.part.facts": {"de": "Sachstand", "en": "Facts", "zh": "现状"},
    "briefing.part.assessment": {"de": "Bewertung", "en": "Assessment", "zh": "评估"},
    "briefing.part.recommendation": {"de": "Empfehlung", "en": "Recommendation", "zh": "建议"},
    "briefing.part.annex": {"de": "Anhang", "en": "Annex", "zh": "附录"},
    "briefing.slide_number": {"de": "{n} / {total}", "en": "{n} / {total}", "zh": "{n} / {total}"},
    "briefing.city": {"de": "{city}", "en": "{city}", "zh": "{city}"},
    "briefing.number1": {"de": "{value}", "en": "{value}", "zh": "{value}"},
    "briefing.cover_parts": {
        "de": "Beschlussvorlage: Sachstand – Bewertung – Empfehlung",
        "en": "Committee paper: facts – assessment – recommendation", "zh": "决议草案：现状 — 评估 — 建议",
    },
    "briefing.note.cover": {
        "de": "Diese Vorlage fasst zusammen, wo {city} in der Allianz steht, was die Daten zeigen und welche "
              "nächsten Schritte empfohlen werden (Stand {date}).",
        "en": "This paper sums up where {city} stands in the alliance, what the data show and which next steps "
              "are recommended (as of {date}).",
        "zh": "本草案概述{city}在联盟中的现状、数据所显示的情况以及建议的下一步（截至 {date}）。",
    },
    # Sachstand
    "briefing.msg.alliance": {
        "de": "Die Allianz zählt {n} Mitgliedsstädte: {cn} in China, {de} in Deutschland",
        "en": "The alliance has {n} member cities: {cn} in China, {de} in Germany",
        "zh": "联盟共有 {n} 个成员城市：中国 {cn} 个，德国 {de} 个",
    },
    "briefing.note.alliance": {
        "de": "Am {date} hat die Allianz {n} Mitgliedsstädte, {cn} in China und {de} in Deutschland.",
        "en": "On {date} the alliance has {n} member cities, {cn} in China and {de} in Germany.",
        "zh": "截至 {date}，联盟共有 {n} 个成员城市，其中中国 {cn} 个，德国 {de} 个。",
    },
    "briefing.note.founded": {
        "de": "Sie wurde am {date} auf der Hannover Messe gegründet; die Mitgliedschaft ist kostenlos.",
        "en": "It was founded on {date} at Hannover Messe; membership is free of charge.",
        "zh": "联盟于 {date} 在汉诺威工业博览会上成立；成员资格免费。",
    },
    "briefing.msg.member": {
        "de": "{city} ist seit {since} Mitglied der Allianz", "en": "{city} has been a member since {since}",
        "zh": "{city}自 {since} 起为联盟成员",
    },
    "briefing.msg.not_member": {
        "de": "{city} ist derzeit kein Mitglied der Allianz (Status: {status})",
        "en": "{city} is currently not a member of the alliance (status: {status})",
        "zh": "{city}目前不是联盟成员（状态：{status}）",
    },
    "briefing.note.history": {
        "de": "Die Mitgliedschaft von {city} ist mit diesen Ereignissen belegt – {events}.",
        "en": "The membership of {city} is documented by these events – {events}.",
        "zh": "{city}的成员资格有以下记录——{events}。",
    },
    "briefing.event": {"de": "{date}: {event}", "en": "{date}: {event}", "zh": "{date}：{event}"},
    "briefing.no_smes": {
        "de": "Für {city} ist kein KMU belegt: vorgeschlagen werden seine belegten Unternehmen; eine Merkliste der "
              "Kooperationsbörse ersetzt diese Auswahl.",
        "en": "No SME of {city} is documented: its documented companies are proposed; a shortlist from the "
              "cooperation exchange replaces this choice.",
        "zh": "{city}没有有据可查的中小企业：推荐其有据企业；合作平台的收藏清单可替代此选择。",
    },
    "briefing.msg.focus_projects": {
        "de": "{city} hat {n} belegte(s) Projekt(e) mit {cities}",
        "en": "{city} has {n} documented project(s) with {cities}", "zh": "{city}与{cities}有 {n} 个有据项目",
    },
    "briefing.msg.focus_projects_samples": {
        "de": "{city} hat {n} Projekt(e) mit {cities}, davon {real} belegt",
        "en": "{city} has {n} project(s) with {cities}, {real} of them documented",
        "zh": "{city}与{cities}有 {n} 个项目，其中 {real} 个有据可查",
    },
    "briefing.msg.no_focus_projects": {
        "de": "Für {city} ist noch kein bilaterales Projekt belegt",
        "en": "No bilateral project of {city} is documented yet", "zh": "{city}尚无有据可查的双边项目",
    },
    "briefing.no_focus_projects_hint": {
        "de": "Projekte werden mit Quelle in der Projekttabelle erfasst (Datenseite: Datei einer Stadt prüfen).",
        "en": "Projects are recorded with a source in the projects table (data page: check a city's file).",
        "zh": "项目须附来源录入项目表（数据页面：检查城市文件）。",
    },
    "briefing.more_projects": {
        "de": "… und {n} weitere (Seite Projekte)", "en": "… and {n} more (projects page)",
        "zh": "……另有 {n} 个（项目页面）",
    },
    "briefing.note.focus_project": {
        "de": "Projekt „{title}“ mit {city}: {status}.", "en": "Project “{title}” with {city}: {status}.",
        "zh": "与{city}的项目“{title}”：{status}。",
    },
    "briefing.msg.projects": {
        "de": "Die Allianz hat {n} belegte Projekte mit {volume} Mio. EUR bekanntem Volumen",
        "en": "The alliance has {n} documented projects with a known volume of EUR {volume} m",
        "zh": "联盟共有 {n} 个有据项目，已知金额 {volume} 百万欧元",
    },
    "briefing.note.projects": {
        "de": "Belegt sind {n} bilaterale Projekte; ihr bekanntes Volumen beträgt {volume} Millionen Euro.",
        "en": "{n} bilateral projects are documented; their known volume is EUR {volume} million.",
        "zh": "有据可查的双边项目共 {n} 个，已知金额为 {volume} 百万欧元。",
    },
    "briefing.note.projects_samples": {
        "de": "Die Grafik enthält zusätzlich {sample} fiktive Beispielprojekte, grau dargestellt.",
        "en": "The chart also holds {sample} fictitious sample projects, shown in grey.",
        "zh": "图中另含 {sample} 个虚构示例项目，以灰色显示。",
    },
    "briefing.msg.map": {
        "de": "{city} und die vorgeschlagenen Partnerstädte {cities}",
        "en": "{city} and the proposed partner cities {cities}", "zh": "{city}及建议的伙伴城市{cities}",
    },
    "briefing.note.map": {
        "de": "Die Karte zeigt alle Mitgliedsstädte; hervorgehoben sind {city} und {cities}.",
        "en": "The map shows all member cities; {city} and {cities} are highlighted.",
        "zh": "地图显示所有成员城市，突出显示{city}和{cities}。",
    },
    # Bewertung
    "briefing.msg.profile": {
        "de": "{city} ist am stärksten in {branche}: {share} der erfassten Beschäftigten",
        "en": "{city} is strongest in {branche}: {share} of the recorded employees",
        "zh": "{city}最强的行业是{branche}：占已记录员工的 {share}",
    },
    "briefing.msg.profile_official": {
        "de": "In {city} entfallen {share} {measure} auf {branche}; am ähnlichsten ist {other} (Ähnlichkeit "
              "{cosine})",
        "en": "{share} of {city}'s {measure} is in {branche}; {other} is the most similar (similarity {cosine})",
        "zh": "{city}{share}的{measure}来自{branche}；结构最相似的是{other}（相似度 {cosine}）",
    },
    "briefing.msg.profile_official_alone": {
        "de": "In {city} entfallen {share} {measure} auf {branche} ({year})",
        "en": "{share} of {city}'s {measure} is in {branche} ({year})",
        "zh": "{city}{share}的{measure}来自{branche}（{year} 年）",
    },
    "briefing.note.profile_official": {
        "de": "Die Grafik zeigt die Struktur, auf der die Rangfolge beruht: den Anteil an der amtlichen Gesamtzahl "
              "der Stadt in Land- und Forstwirtschaft, produzierendem Gewerbe und Dienstleistungen. Deutsche Städte "
              "zählen Beschäftigte, chinesische Städte Bruttowertschöpfung; verglichen werden Anteile, keine Größen.",
        "en": "The chart shows the structure the ranking rests on: each city's share of its official total in "
              "agriculture, industry and services. German cities count employees, Chinese cities value added; "
              "shares are compared, not sizes.",
        "zh": "图中显示排名所依据的结构：各城市农业、工业和服务业在其官方总量中的占比。德国城市统计就业人数，"
              "中国城市统计增加值；比较的是占比而非规模。",
    },
    "briefing.profile_missing": {
        "de": "Ohne amtliche Struktur und daher nicht in der Grafik: {cities}.",
        "en": "Without an official structure and so not in the chart: {cities}.",
        "zh": "缺少官方结构、因此未列入图中：{cities}。",
    },
    "briefing.source.official": {
        "de": "Quelle: Regionaldatenbank Deutschland (Beschäftigte am Arbeitsort); statistische Kommuniqués der "
              "chinesischen Städte (Wertschöpfung nach drei Sektoren)",
        "en": "Source: Regionaldatenbank Deutschland (employees at workplace); statistical communiqués of the "
              "Chinese cities (value added by three sectors)",
        "zh": "来源：德国区域数据库（工作地就业人数）；中国各城市统计公报（三次产业增加值）",
    },
    "briefing.chart.share_official": {
        "de": "Anteil an Beschäftigten bzw. Wertschöpfung", "en": "Share of employees or value added",
        "zh": "就业人数或增加值占比",
    },
    "briefing.msg.no_profile": {
        "de": "Für {city} liegen keine Beschäftigtenzahlen nach Branchen vor",
        "en": "No employee figures by sector are recorded for {city}", "zh": "{city}没有按行业划分的员工数据",
    },
    "briefing.note.profile": {
        "de": "Die Anteile beruhen auf den Beschäftigten der erfassten Unternehmen, nicht auf der amtlichen "
              "Statistik; große Konzerne mit konzernweiten Zahlen wiegen schwer.",
        "en": "The shares rest on the employees of the recorded companies, not on official statistics; large "
              "groups with group-wide figures weigh heavily.",
        "zh": "占比基于已记录企业的员工人数，而非官方统计；采用集团口径的大型企业权重较大。",
    },
    "briefing.msg.partners": {
        "de": "{other} passt am besten zu {city}: {score} von 100 Punkten",
        "en": "{other} fits {city} best: {score} of 100 points",
        "zh": "与{city}最匹配的是{other}：100 分中得 {score} 分",
    },
    "briefing.msg.no_partners": {
        "de": "Für {city} lässt sich aus den Daten keine Partnerstadt ableiten",
        "en": "The data suggest no partner city for {city}", "zh": "根据现有数据无法为{city}推荐伙伴城市",
    },
    "briefing.col.components": {
        "de": "Ähnlichkeit · Ergänzung · Gemeinsam · Projekte", "en": "Similarity · complement · shared · projects",
        "zh": "相似 · 互补 · 共同 · 项目",
    },
    "briefing.components": {
        "de": "{similarity_pts} · {complement_pts} · {shared_pts} · {ties_pts}",
        "en": "{similarity_pts} · {complement_pts} · {shared_pts} · {ties_pts}",
        "zh": "{similarity_pts} · {complement_pts} · {shared_pts} · {ties_pts}",
    },
    "briefing.weak_match": {
        "de": "Einschränkung: schon die beste Übereinstimmung erreicht nur {score} von 100 Punkten; die Daten "
              "tragen eine Vorauswahl, keine Entscheidung.",
        "en": "Limit: even the best match reaches only {score} of 100 points; the data support a shortlist, "
              "not a decision.",
        "zh": "局限：最佳匹配也仅得 {score} 分（满分 100）；数据仅可用于初筛，不能作为决定依据。",
    },
    "briefing.note.partner": {
        "de": "{city} erreicht {score} von 100 Punkten, weil: {why}.",
        "en": "{city} scores {score} of 100 points because of: {why}.",
        "zh": "{city}得分 {score}（满分 100），原因：{why}。",
    },
    "briefing.note.score": {
        "de": "Der Wert setzt sich aus Profilähnlichkeit, Ergänzung, gemeinsamen Stärken und belegten Projekten "
              "zusammen, jeweils auf einer Skala von 0 bis 100.",
        "en": "The score combines profile similarity, complement, shared strengths and documented projects, each "
              "on a scale from 0 to 100.",
        "zh": "得分由结构相似度、互补性、共同优势和有据项目组成，各项均为 0 至 100 分。",
    },
    "briefing.msg.coverage_official": {
        "de": "Die Bewertung für {city} stützt sich auf die amtliche Statistik und {n} belegte Unternehmen",
        "en": "The assessment for {city} rests on official statistics and {n} documented companies",
        "zh": "对{city}的评估基于官方统计和 {n} 家有据企业",
    },
    "briefing.msg.coverage_companies": {
        "de": "Für {city} fehlt die amtliche Wirtschaftsstruktur; die Bewertung stützt sich auf {n} belegte "
              "Unternehmen",
        "en": "Official economic structure is missing for {city}; the assessment rests on {n} documented companies",
        "zh": "{city}缺少官方经济结构数据；评估基于 {n} 家有据企业",
    },
    "briefing.measure_of.employees": {"de": "der Beschäftigten", "en": "employees", "zh": "就业人数"},
    "briefing.measure_of.establishments": {"de": "der Betriebe", "en": "establishments", "zh": "单位数"},
    "briefing.measure_of.value_added": {"de": "der Bruttowertschöpfung", "en": "value added", "zh": "增加值"},
    "briefing.measure_of.revenue": {"de": "des Umsatzes", "en": "revenue", "zh": "营业收入"},
    "briefing.measure.employees": {"de": "Beschäftigte", "en": "employees", "zh": "就业人数"},
    "briefing.measure.establishments": {"de": "Betriebe", "en": "establishments", "zh": "单位数"},
    "briefing.measure.value_added": {"de": "Bruttowertschöpfung", "en": "value added", "zh": "增加值"},
    "briefing.measure.revenue": {"de": "Umsatz", "en": "revenue", "zh": "营业收入"},
    "briefing.cover.official": {
        "de": "Amtliche Struktur: {measure} nach Wirtschaftsabschnitten, {year} ({scope}).",
        "en": "Official structure: {measure} by NACE section, {year} ({scope}).",
        "zh": "官方结构：按经济门类划分的{measure}，{year} 年（{scope}）。",
    },
    "briefing.cover.no_official": {
        "de": "Für {city} ist keine amtliche Wirtschaftsstruktur erfasst.",
        "en": "No official economic structure is recorded for {city}.", "zh": "未记录{city}的官方经济结构。",
    },
    "briefing.cover.companies": {
        "de": "{n} belegte Unternehmen, davon {with_year} mit Jahr der Beschäftigtenzahl.",
        "en": "{n} documented companies, {with_year} of them with the year of their employee figure.",
        "zh": "有据企业 {n} 家，其中 {with_year} 家注明员工人数的年份。",
    },
    "briefing.cover.samples_out": {
        "de": "{n} fiktive Beispielunternehmen sind in dieser Vorlage nicht enthalten.",
        "en": "{n} fictitious sample companies are left out of this paper.", "zh": "本草案未包含 {n} 家虚构示例企业。",
    },
    "briefing.cover.samples_in": {
        "de": "{n} fiktive Beispielunternehmen sind enthalten und gekennzeichnet.",
        "en": "{n} fictitious sample companies are included and flagged.", "zh": "包含 {n} 家虚构示例企业，已标注。",
    },
    "briefing.cover.quality_notes": {
        "de": "{n} Qualitätshinweis(e) zu dieser Stadt, ihren Unternehmen und Projekten (Seite Überblick).",
        "en": "{n} quality note(s) about this city, its companies and projects (overview page).",
        "zh": "关于该城市及其企业和项目的质量说明 {n} 条（概览页面）。",
    },
    "briefing.cover.official_basis": {
        "de": "Die Partnerstädte sind auf der amtlichen Struktur verglichen; chinesische Städte veröffentlichen "
              "nur drei Sektoren (Bruttowertschöpfung), der Vergleich ist daher grob.",
        "en": "Partner cities are compared on the official structure; Chinese cities publish three sectors only "
              "(value added), so the comparison is coarse.",
        "zh": "伙伴城市按官方结构比较；中国城市仅公布三次产业（增加值），因此比较较为粗略。",
    },
    "briefing.cover.no_overlaps": {
        "de": "KMU-Chancen lassen sich nicht bewerten: für {city} ist kein KMU erfasst.",
        "en": "SME opportunities cannot be assessed: no SME of {city} is in the data.",
        "zh": "无法评估中小企业机会：数据中没有{city}的中小企业。",
    },
    "briefing.cover.gaps": {"de": "Es fehlen: {gaps}.", "en": "Missing: {gaps}.", "zh": "缺少：{gaps}。"},
    "briefing.ranking_basis": {
        "de": "Grundlage: {basis} ({level}); Punkte 0–100 aus Ähnlichkeit, Ergänzung, gemeinsamen Stärken und "
              "belegten Projekten.",
        "en": "Basis: {basis} ({level}); score 0–100 from similarity, complement, shared strengths and documented "
              "projects.",
        "zh": "依据：{basis}（{level}）；0–100 分，由相似度、互补性、共同优势和有据项目构成。",
    },
    "briefing.msg.overlaps": {
        "de": "KMU aus {city} treffen in {n} Branchen auf starke Partnerstädte, zuerst in {branche}",
        "en": "SMEs from {city} meet strong partner cities in {n} sectors, first in {branche}",
        "zh": "{city}中小企业在 {n} 个行业与优势伙伴城市对接，首先是{branche}",
    },
    "briefing.overlaps_help": {
        "de": "Branchen, in denen {city} KMU hat und Städte des anderen Landes stark sind (erklärte Stärke oder "
              "LQ ≥ 1,25).",
        "en": "Sectors in which {city} has SMEs and cities of the other country are strong (declared strength or "
              "LQ ≥ 1.25).",
        "zh": "{city}拥有中小企业、且另一国城市具有优势（申报优势或区位商 ≥ 1.25）的行业。",
    },
    "briefing.note.overlap": {
        "de": "In {branche} hat {city} {n} KMU; stark sind dort {cities}.",
        "en": "In {branche}, {city} has {n} SMEs; {cities} are strong there.",
        "zh": "在{branche}领域，{city}有 {n} 家中小企业；{cities}在该领域具有优势。",
    },
    "briefing.col.smes": {"de": "KMU aus {city}", "en": "SMEs from {city}", "zh": "{city}中小企业"},
    "briefing.col.strong_cities": {"de": "Starke Partnerstädte", "en": "Strong partner cities", "zh": "优势伙伴城市"},
    "briefing.col.best_lq": {"de": "LQ bis", "en": "LQ up to", "zh": "最高区位商"},
    "briefing.city_list": {"de": "{cities}", "en": "{cities}", "zh": "{cities}"},
    "briefing.source.overlaps": {
        "de": "Quelle: KMU der erfassten Unternehmen nach Branche; Stärken laut Städteprofil oder LQ (Seite "
              "Branchenmatrix)",
        "en": "Source: SMEs among the recorded companies by sector; strengths as declared or by LQ (sector matrix "
              "page)",
        "zh": "来源：已记录企业中按行业的中小企业；优势依城市申报或区位商（行业矩阵页面）",
    },
    "section.smes": {"de": "KMU-Chancen", "en": "SME opportunities", "zh": "中小企业机会"},
    "briefing.no_contacts_hint": {
        "de": "Eine Merkliste der Kooperationsbörse (Seite Kooperationsbörse) liefert Kontaktvorschläge.",
        "en": "A shortlist from the cooperation exchange (cooperation matching page) gives contact proposals.",
        "zh": "合作平台的收藏清单（合作匹配页面）可提供联系建议。",
    },
    "briefing.note.contact_alone": {
        "de": "Für {company} fand der Abgleich noch keinen Partner.",
        "en": "The matching found no partner for {company} yet.", "zh": "匹配尚未为{company}找到合作伙伴。",
    },
    # Empfehlung
    "briefing.msg.approach": {
        "de": "Empfehlung: Gespräche mit {cities} aufnehmen", "en": "Recommendation: open talks with {cities}",
        "zh": "建议：与{cities}开展对话",
    },
    "briefing.decision": {
        "de": "Beschlussvorschlag: Die Wirtschaftsförderung wird beauftragt, mit {cities} Kontakt aufzunehmen und "
              "dem Ausschuss über das Ergebnis zu berichten.",
        "en": "Proposed decision: the economic development office is asked to contact {cities} and report back "
              "to the committee.",
        "zh": "决议建议：委托经济促进部门与{cities}联系，并向委员会汇报结果。",
    },
    "briefing.col.next_step": {"de": "Nächster Schritt", "en": "Next step", "zh": "下一步"},
    "briefing.step.build_on": {
        "de": "auf dem belegten Projekt aufbauen: {projects}", "en": "build on the documented project: {projects}",
        "zh": "在有据项目基础上深化：{projects}",
    },
    "briefing.step.complement": {
        "de": "Angebot und Nachfrage zusammenbringen in: {sectors}", "en": "bring supply and demand together in: "
        "{sectors}", "zh": "在以下领域对接供需：{sectors}",
    },
    "briefing.step.shared": {
        "de": "Fachaustausch zu gemeinsamen Stärken: {sectors}", "en": "expert exchange on shared strengths: {sectors}",
        "zh": "就共同优势开展专业交流：{sectors}",
    },
    "briefing.step.introduce": {
        "de": "Kennenlernen bei der nächsten Plenarversammlung", "en": "meet at the next plenary",
        "zh": "在下次全体大会上建立联系",
    },
    "briefing.note.step": {
        "de": "Mit {city} empfehlen wir: {step}.", "en": "With {city} we recommend: {step}.",
        "zh": "建议与{city}：{step}。",
    },
    "briefing.msg.contacts": {
        "de": "{n} Kontaktvorschläge für Unternehmen aus {city}",
        "en": "{n} contact proposals for companies from {city}",
        "zh": "为{city}企业提供 {n} 条联系建议",
    },
    "briefing.msg.contacts_shortlist": {
        "de": "{n} Kontaktvorschläge aus der Merkliste für {city}", "en": "{n} contact proposals from the shortlist "
        "for {city}", "zh": "{city}收藏清单中的 {n} 条联系建议",
    },
    "briefing.msg.no_contacts": {
        "de": "Für {city} liegt noch kein Kontaktvorschlag vor", "en": "There is no contact proposal for {city} yet",
        "zh": "{city}暂无联系建议",
    },
    "briefing.col.figure": {"de": "Beschäftigte (Jahr, Umfang)", "en": "Employees (year, scope)",
    "zh": "员工（年份、口径）"},
    "briefing.company_in": {"de": "{partner} ({city})", "en": "{partner} ({city})", "zh": "{partner}（{city}）"},
    "briefing.col.website": {"de": "Website", "en": "Website", "zh": "网站"},
    "briefing.figure": {"de": "{n} ({year}, {scope})", "en": "{n} ({year}, {scope})", "zh": "{n}（{year}，{scope}）"},
    "briefing.scope.group": {"de": "Konzern", "en": "group", "zh": "集团"},
    "briefing.scope.company": {"de": "Unternehmen", "en": "company", "zh": "公司"},
    "briefing.scope.site": {"de": "Standort", "en": "site", "zh": "本地"},
    "briefing.company_note": {"de": "Hinweis zu {company}: {note}", "en": "Note on {company}: {note}",
                              "zh": "关于{company}的说明：{note}"},
    "briefing.note.contact": {
        "de": "{company} passt zu {partner}, weil: {why}.", "en": "{company} fits {partner} because of: {why}.",
        "zh": "{company}与{partner}匹配，原因：{why}。",
    },
    "briefing.msg.answers_due": {
        "de": "{city} muss {n} Aufnahmeverfahren beantworten", "en": "{city} has {n} admission procedure(s) to answer",
        "zh": "{city}需答复 {n} 项入盟程序",
    },
    "briefing.msg.no_answers_due": {
        "de": "Kein offenes Aufnahmeverfahren wartet auf eine Antwort von {city}",
        "en": "No open admission procedure awaits an answer from {city}", "zh": "没有待{city}答复的入盟程序",
    },
    "briefing.no_answers_hint": {
        "de": "Neue Anträge kündigt das Sekretariat per Rundschreiben an (Seite Mitgliedschaft).",
        "en": "The secretariat announces new applications by circular (membership page).",
        "zh": "秘书处通过通函通知新的申请（成员资格页面）。",
    },
    "briefing.answer_hint": {
        "de": "Empfehlung: Stellungnahme (Zustimmung oder Einwand) an das Sekretariat senden.",
        "en": "Recommendation: send an answer (consent or objection) to the secretariat.",
        "zh": "建议：向秘书处提交意见（同意或反对）。",
    },
    "briefing.col.applicant": {"de": "Antragsteller", "en": "Applicant", "zh": "申请城市"},
    "briefing.col.circular": {"de": "Rundschreiben", "en": "Circular", "zh": "通函日期"},
    "briefing.col.answered": {"de": "Geantwortet", "en": "Answered", "zh": "已答复"},
    "briefing.answered": {"de": "{n} von {members}", "en": "{n} of {members}", "zh": "{members} 个中的 {n} 个"},
    "briefing.note.answer": {
        "de": "Das Aufnahmeverfahren von {applicant} wartet auf die Stellungnahme von {city}.",
        "en": "The admission procedure of {applicant} awaits the answer of {city}.",
        "zh": "{applicant}的入盟程序正在等待{city}的答复。",
    },
    # Source lines
    "briefing.source.memberships": {
        "de": "Quelle: Mitgliedschaftsereignisse der Allianz (Gründungspapier, Plenarberichte, Mitgliederlisten), "
              "Stand {date}",
        "en": "Source: the alliance's membership events (founding paper, plenary reports, member lists), as of {date}",
        "zh": "来源：联盟成员资格记录（成立文件、全体大会报道、成员名单），截至 {date}",
    },
    "briefing.source.projects": {
        "de": "Quelle: Projekttabelle der Allianz, je Projekt mit öffentlicher Quelle",
        "en": "Source: the alliance's projects table, each project with a public source",
        "zh": "来源：联盟项目表，每个项目均附公开来源",
    },
    "briefing.source.map": {
        "de": "Quelle: Koordinaten GeoNames; Ländergrenzen Natural Earth; Mitgliedschaft laut Allianz",
        "en": "Source: coordinates GeoNames; borders Natural Earth; membership as documented by the alliance",
        "zh": "来源：坐标 GeoNames；国界 Natural Earth；成员资格依联盟记录",
    },
    "briefing.source.sectors": {
        "de": "Quelle: Beschäftigte der erfassten Unternehmen nach Branche (NACE Rev. 2), je Unternehmen belegt",
        "en": "Source: employees of the recorded companies by sector (NACE Rev. 2), each company sourced",
        "zh": "来源：已记录企业按行业（NACE Rev. 2）的员工人数，每家企业均附来源",
    },
    "briefing.source.ranking": {
        "de": "Quelle: Partnerstadt-Rangliste (Seite Branchenmatrix): Profile, erklärte Stärken und Wünsche, "
              "belegte Projekte",
        "en": "Source: partner-city ranking (sector matrix page): profiles, declared strengths and wishes, "
              "documented projects",
        "zh": "来源：伙伴城市排名（行业矩阵页面）：结构、申报的优势与需求、有据项目",
    },
    "briefing.source.coverage": {
        "de": "Quelle: Regionaldatenbank Deutschland / statistische Kommuniqués; Unternehmensdaten der Allianz; "
              "Qualitätshinweise",
        "en": "Source: Regionaldatenbank Deutschland / statistical communiqués; the alliance's company data; "
              "quality notes",
        "zh": "来源：德国区域数据库／统计公报；联盟企业数据；质量说明",
    },
    "briefing.source.contacts": {
        "de": "Quelle: Unternehmensangaben laut Quelle je Datensatz; Abgleich der Kooperationsbörse",
        "en": "Source: company facts as sourced per record; matching of the cooperation exchange",
        "zh": "来源：企业信息依每条记录的来源；合作平台匹配结果",
    },
    "briefing.source.sources": {
        "de": "Quelle: Ladeprotokoll der Datenbank (etl_runs); Forschungsnotizen in data/RESEARCH*.md",
        "en": "Source: the database's load log (etl_runs); research notes in data/RESEARCH*.md",
        "zh": "来源：数据库导入记录（etl_runs）；data/RESEARCH*.md 中的研究说明",
    },
    # Sections on the page
    "section.focus_projects": {"de": "Projekte der Fokusstadt", "en": "Focus city's projects", "zh": "重点城市项目"},
    "section.coverage": {"de": "Datenlage", "en": "Data coverage", "zh": "数据覆盖"},
    "section.partners": {"de": "Empfohlene Partnerstädte", "en": "Recommended partner cities", "zh": "建议伙伴城市"},
    "section.procedures": {"de": "Offene Verfahren", "en": "Open procedures", "zh": "待处理程序"},
    # The slide template on the page
    "briefing.template": {
        "de": "Folienvorlage der Stadt (optional, .pptx oder .potx)", "en": "The city's slide template (optional, "
        ".pptx or .potx)", "zh": "城市幻灯片模板（可选，.pptx 或 .potx）",
    },
    "briefing.template_help": {
        "de": "Folienmaster, Layouts und Farben der Vorlage werden übernommen; höchstens {mb} MB.",
        "en": "The template's slide masters, layouts and colours are used; at most {mb} MB.",
        "zh": "将使用模板的母版、版式和配色；最大 {mb} MB。",
    },
    "briefing.template_in_use": {
        "de": "Vorlage: {name} (Master „{master}“)", "en": "Template: {name} (master “{master}”)",
        "zh": "模板：{name}（母版“{master}”）",
    },
    "briefing.template_error.too_large": {
        "de": "Die Vorlage ist größer als {mb} MB und wird nicht verwendet.",
        "en": "The template is larger than {mb} MB and is not used.", "zh": "模板超过 {mb} MB，未使用。",
    },
    "briefing.template_error.not_pptx": {
        "de": "Die Datei ist keine PowerPoint-Vorlage (.pptx oder .potx) und wird nicht verwendet.",
        "en": "The file is not a PowerPoint template (.pptx or .potx) and is not used.",
        "zh": "该文件不是 PowerPoint 模板（.pptx 或 .potx），未使用。",
    },
    "briefing.template_error.corrupt": {
        "de": "Die Vorlage ist beschädigt oder unvollständig und wird nicht verwendet.",
        "en": "The template is damaged or incomplete and is not used.", "zh": "模板已损坏或不完整，未使用。",
    },
    "briefing.template_error.no_layout": {
        "de": "Die Vorlage hat kein Folienlayout mit Titel und wird nicht verwendet.",
        "en": "The template has no slide layout with a title and is not used.",
        "zh": "模板中没有带标题的版式，未使用。",
    },
    "briefing.template_error.unreadable": {
        "de": "Die eingestellte Vorlage (ALLIANCE_DECK_TEMPLATE) kann nicht gelesen werden und wird nicht verwendet.",
        "en": "The configured template (ALLIANCE_DECK_TEMPLATE) cannot be read and is not used.",
        "zh": "无法读取配置的模板（ALLIANCE_DECK_TEMPLATE），未使用。",
    },
    "briefing.template_error.unusable": {
        "de": "Auf den Folienmastern der Vorlage lassen sich keine Folien anlegen; die Vorlage wird nicht verwendet.",
        "en": "No slides can be made on the template's slide masters; the template is not used.",
        "zh": "无法在模板母版上生成幻灯片，未使用该模板。",
    },
    "briefing.template_fallback": {
        "de": "Die Folien werden im Standardlayout erstellt.", "en": "The slides are made in the standard layout.",
        "zh": "幻灯片将使用标准版式生成。",
    },
    "briefing.shortlist_in_use": {
        "de": "Kontaktvorschläge: {n} Unternehmen aus der Merkliste der Kooperationsbörse.",
        "en": "Contact proposals: {n} companies from the cooperation exchange's shortlist.",
        "zh": "联系建议：合作平台收藏清单中的 {n} 家企业。",
    },
    "briefing.shortlist_empty": {
        "de": "Keine Merkliste: vorgeschlagen werden die KMU der Fokusstadt mit den besten Treffern.",
        "en": "No shortlist: the focus city's SMEs with the best matches are proposed.",
        "zh": "无收藏清单：推荐重点城市匹配度最高的中小企业。",
    },
    "briefing.shortlist_label": {"de": "Merkliste", "en": "Shortlist", "zh": "收藏清单"},
}
