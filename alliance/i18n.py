"""The one catalogue of UI texts in German (default), English and Chinese, and locale formatting."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

LANGUAGES = {"de": "Deutsch", "en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "de"

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {
        "de": "Chinesisch-Deutsche Industriestädteallianz",
        "en": "Chinese-German Industrial Cities Alliance",
        "zh": "中德工业城市联盟",
    },
    "app.subtitle": {
        "de": "Analyse-Dashboard für Wirtschaftsförderungen, Sekretariat und Mitgliedsstädte",
        "en": "Analytics dashboard for economic-development offices, the secretariat and member cities",
        "zh": "面向经济促进机构、秘书处和成员城市的分析仪表板",
    },
    "language": {"de": "Sprache", "en": "Language", "zh": "语言"},
    "db.building": {
        "de": "Die Datenbank wird aus den mitgelieferten Daten aufgebaut …",
        "en": "Building the database from the bundled data …",
        "zh": "正在根据随附数据建立数据库……",
    },
    "db.build_failed": {
        "de": "Die mitgelieferten Daten konnten nicht geladen werden. Bitte die Meldungen prüfen:",
        "en": "The bundled data could not be loaded. Please check the messages:",
        "zh": "无法加载随附数据。请检查以下信息：",
    },
    "db.outdated": {
        "de": "Die Datenbank {path} stammt von einer älteren Programmversion. Bitte neu laden: "
              "python -m etl build --source <Ordner der Daten>",
        "en": "The database {path} was built by an older version. Please reload: "
              "python -m etl build --source <data folder>",
        "zh": "数据库 {path} 由旧版本生成。请重新加载：python -m etl build --source <数据文件夹>",
    },
    "db.unreadable": {
        "de": "Die Datenbank kann nicht gelesen werden: {error}",
        "en": "The database cannot be read: {error}",
        "zh": "无法读取数据库：{error}",
    },
    "kpi.documented": {"de": "davon belegt: {n}", "en": "documented: {n}", "zh": "有据可查：{n}"},
    "kpi.members": {"de": "Mitgliedsstädte", "en": "Member cities", "zh": "成员城市"},
    "kpi.cities": {"de": "Städte im Datenbestand", "en": "Cities in the data", "zh": "数据中的城市"},
    "kpi.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业"},
    "kpi.smes": {"de": "davon KMU", "en": "of which SMEs", "zh": "其中中小企业"},
    "kpi.volume": {"de": "Volumen (Mio. EUR)", "en": "Volume (EUR m)", "zh": "项目金额（百万欧元）"},
    "kpi.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "overview.by_country": {
        "de": "Städte nach Land und Mitgliedsstatus",
        "en": "Cities by country and membership status",
        "zh": "按国家和成员状态划分的城市",
    },
    "overview.last_load": {
        "de": "Letzter Datenimport: {when} · {files} Dateien · {warnings} Hinweise",
        "en": "Last data load: {when} · {files} files · {warnings} notices",
        "zh": "最近一次数据导入：{when} · {files} 个文件 · {warnings} 条提示",
    },
    "focus_city": {"de": "Fokusstadt", "en": "Focus city", "zh": "重点城市"},
    "nav.overview": {"de": "Überblick", "en": "Overview", "zh": "概览"},
    "nav.sectors": {"de": "Branchenmatrix", "en": "Sector matrix", "zh": "行业矩阵"},
    "nav.matching": {"de": "Kooperationsbörse", "en": "Cooperation matching", "zh": "合作匹配"},
    "nav.membership": {"de": "Mitgliedschaft", "en": "Membership", "zh": "成员资格"},
    "sample.badge": {
        "de": "Beispieldatensätze darunter: {n} (fiktiv, gekennzeichnet)",
        "en": "Sample records among them: {n} (fictitious, flagged)",
        "zh": "包含 {n} 条示例记录（虚构，已标注）",
    },
    "export.download": {"de": "Herunterladen", "en": "Download", "zh": "下载"},
    "export.csv": {"de": "CSV", "en": "CSV", "zh": "CSV"},
    "export.excel_csv": {
        "de": "CSV für Excel (Semikolon, Dezimalkomma)", "en": "CSV for German Excel", "zh": "德语版 Excel CSV",
    },
    "export.xlsx": {"de": "XLSX", "en": "XLSX", "zh": "XLSX"},
    "overview.members_over_time": {
        "de": "Mitglieder im Zeitverlauf", "en": "Members over time", "zh": "成员数量变化",
    },
    "overview.data_status": {"de": "Datenstand", "en": "Data status", "zh": "数据状态"},
    "table.cities": {"de": "Städte", "en": "Cities", "zh": "城市"},
    "table.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业"},
    "table.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "table.memberships": {"de": "Mitgliedschaftsereignisse", "en": "Membership events", "zh": "成员事件"},
    "col.records": {"de": "Datensätze", "en": "Records", "zh": "记录"},
    "col.samples": {"de": "davon Beispiele", "en": "of which samples", "zh": "其中示例"},
    "col.sample_share": {"de": "Beispielanteil (%)", "en": "Sample share (%)", "zh": "示例占比（%）"},
    "col.with_source": {"de": "mit Quelle", "en": "with source", "zh": "有来源"},
    "overview.sources_hint": {
        "de": "Jede Angabe nennt ihre Quelle (Spalte „source“; Städteprofile listen sie). Ladeprotokoll und "
              "Dateien mit Prüfsummen: Seite „Daten und Export“.",
        "en": "Every fact names its source (column \"source\"; city profiles list them). Load history and files "
              "with checksums: page \"Data and export\".",
        "zh": "每条信息都注明来源（“source”列；城市概况中列出）。加载记录及文件校验值见“数据与导出”页面。",
    },
    "overview.quality_notes": {
        "de": "Hinweise zur Datenqualität (strittige Angaben)",
        "en": "Data-quality notes (disputed facts)",
        "zh": "数据质量说明（有争议的信息）",
    },
    "col.date": {"de": "Datum", "en": "Date", "zh": "日期"},
    "col.members": {"de": "Mitglieder", "en": "Members", "zh": "成员"},
    "col.subject": {"de": "Betrifft", "en": "Subject", "zh": "对象"},
    "col.note": {"de": "Hinweis", "en": "Note", "zh": "说明"},
    "col.sources": {"de": "Quellen", "en": "Sources", "zh": "来源"},
    "col.city": {"de": "Stadt", "en": "City", "zh": "城市"},
    "sectors.table": {"de": "Matrix als Tabelle", "en": "Matrix as a table", "zh": "矩阵表格"},
    "sectors.level": {"de": "Ebene", "en": "Level", "zh": "层级"},
    "sectors.level.branche": {"de": "Branchen", "en": "Industry groups", "zh": "行业组"},
    "sectors.level.division": {"de": "NACE-Abteilungen", "en": "NACE divisions", "zh": "NACE 大类"},
    "sectors.measure": {"de": "Kennzahl", "en": "Measure", "zh": "指标"},
    "measure.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业数"},
    "measure.smes": {"de": "KMU", "en": "SMEs", "zh": "中小企业数"},
    "measure.employees": {"de": "Beschäftigte", "en": "Employees", "zh": "员工数"},
    "measure.lq": {"de": "Standortquotient (LQ)", "en": "Location quotient (LQ)", "zh": "区位商（LQ）"},
    "sectors.basis": {"de": "LQ-Basis", "en": "LQ basis", "zh": "区位商基础"},
    "sectors.scope": {"de": "LQ-Vergleichsraum", "en": "LQ scope", "zh": "区位商比较范围"},
    "scope.alliance": {"de": "ganze Allianz", "en": "whole alliance", "zh": "整个联盟"},
    "scope.CN": {"de": "nur China", "en": "China only", "zh": "仅中国"},
    "scope.DE": {"de": "nur Deutschland", "en": "Germany only", "zh": "仅德国"},
    "sectors.include_samples": {
        "de": "Beispieldatensätze einbeziehen", "en": "Include sample records", "zh": "包含示例记录",
    },
    "sectors.employees_caveat": {
        "de": "Beschäftigte realer Unternehmen sind die Zahl der Quelle, oft für den ganzen Konzern weltweit "
              "(Städteprofile: Stand und Bezug je Unternehmen); die LQ-Basis „Unternehmen“ hängt davon nicht ab.",
        "en": "Employees of real companies are the source's figure, often for the whole group worldwide (city "
              "profiles: year and scope per company); the LQ basis 'companies' does not depend on them.",
        "zh": "真实企业的员工数取自来源，常为整个集团的全球人数（城市概况中注明年份和范围）；"
              "以企业数为基础的区位商不受此影响。",
    },
    "sectors.lq_formula": {
        "de": "LQ(Stadt, Branche) = (E(Stadt, Branche) / E(Stadt)) / (E(Branche) / E); ≥ 1,25 gilt als stark.",
        "en": "LQ(city, sector) = (E(city, sector) / E(city)) / (E(sector) / E); ≥ 1.25 counts as strong.",
        "zh": "区位商 = （城市行业规模 / 城市总规模）/（行业总规模 / 总规模）；≥ 1.25 视为优势。",
    },
    "sectors.declared": {
        "de": "Erklärte und gemessene Stärken", "en": "Declared and measured strengths", "zh": "申报与测算的优势",
    },
    "sectors.partners": {
        "de": "Partnerstädte für {city}: Überschneidungen und Ergänzungen",
        "en": "Partner cities for {city}: overlaps and complements",
        "zh": "{city}的伙伴城市：重叠与互补",
    },
    "sectors.opportunities": {
        "de": "Chancen für KMU aus {city}", "en": "Opportunities for SMEs from {city}", "zh": "{city}中小企业的机会",
    },
    "finding.declared_not_measured": {
        "de": "erklärt, aber LQ < 1", "en": "declared, but LQ < 1", "zh": "已申报，但区位商 < 1",
    },
    "finding.measured_not_declared": {
        "de": "LQ ≥ 1,25, nicht erklärt", "en": "LQ ≥ 1.25, not declared", "zh": "区位商 ≥ 1.25，未申报",
    },
    "col.sector": {"de": "Branche", "en": "Sector", "zh": "行业"},
    "col.lq": {"de": "LQ", "en": "LQ", "zh": "区位商"},
    "col.declared_strength": {"de": "erklärte Stärke", "en": "declared strength", "zh": "申报优势"},
    "col.declared_wish": {"de": "erklärter Wunsch", "en": "declared wish", "zh": "申报需求"},
    "col.finding": {"de": "Abweichung", "en": "Disagreement", "zh": "差异"},
    "col.partner": {"de": "Partnerstadt", "en": "Partner city", "zh": "伙伴城市"},
    "col.score": {"de": "Punkte", "en": "Score", "zh": "得分"},
    "col.cosine": {"de": "Profilähnlichkeit", "en": "Profile similarity", "zh": "结构相似度"},
    "col.reason": {"de": "Begründung", "en": "Reasons", "zh": "理由"},
    "col.focus_smes": {"de": "KMU der Fokusstadt", "en": "Focus city SMEs", "zh": "重点城市中小企业"},
    "col.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业"},
    "col.smes": {"de": "KMU", "en": "SMEs", "zh": "中小企业"},
    "col.employees": {"de": "Beschäftigte", "en": "Employees", "zh": "员工"},
    "col.company": {"de": "Unternehmen", "en": "Company", "zh": "企业"},
    "col.sample": {"de": "Beispiel", "en": "Sample", "zh": "示例"},
    "matching.search": {
        "de": "Unternehmen suchen (Name in jeder Schrift)", "en": "Find a company (name in any script)",
        "zh": "搜索企业（任意文字的名称）",
    },
    "matching.mode": {"de": "Ausgangspunkt", "en": "Start from", "zh": "起点"},
    "matching.mode.company": {"de": "ein Unternehmen", "en": "a company", "zh": "一家企业"},
    "matching.mode.profile": {"de": "ein beschriebenes Profil", "en": "a described profile", "zh": "自定义需求"},
    "matching.country": {"de": "Das Unternehmen sitzt in", "en": "The company is based in", "zh": "企业所在国"},
    "matching.seeks_codes": {
        "de": "Gesuchte Branchen (NACE)", "en": "Sectors sought (NACE)", "zh": "寻求的行业（NACE）",
    },
    "matching.offers_codes": {
        "de": "Angebotene Branchen (NACE)", "en": "Sectors offered (NACE)", "zh": "提供的行业（NACE）",
    },
    "matching.seeks_text": {
        "de": "Was wird gesucht? (frei, jede Sprache)", "en": "What is sought? (free text, any language)",
        "zh": "寻求什么？（自由文本，任意语言）",
    },
    "matching.employees": {"de": "Beschäftigte", "en": "Employees", "zh": "员工人数"},
    "matching.need_codes": {
        "de": "Bitte mindestens eine gesuchte Branche wählen.", "en": "Please choose at least one sector sought.",
        "zh": "请至少选择一个寻求的行业。",
    },
    "matching.pick": {"de": "Unternehmen", "en": "Company", "zh": "企业"},
    "matching.none": {
        "de": "Kein Unternehmen gefunden.", "en": "No company found.", "zh": "未找到企业。",
    },
    "matching.results": {
        "de": "Passende Partner in {country}", "en": "Matching partners in {country}", "zh": "{country}的匹配伙伴",
    },
    "matching.cities": {"de": "Passende Partnerstädte", "en": "Matching partner cities", "zh": "匹配的伙伴城市"},
    "matching.formula": {
        "de": "Punkte (0–100) = gewichtete Summe der Teilwerte (je 0–100): Branche 35 %, Gegenseitigkeit 15 %, "
              "Text 20 %, Größe 10 %, Stadtstärke 20 %.",
        "en": "Score (0-100) = weighted sum of the parts (each 0-100): sector 35 %, reciprocity 15 %, text 20 %, "
              "size 10 %, city strength 20 %.",
        "zh": "得分（0–100）= 各分项（0–100）的加权和：行业 35%，互惠 15%，文本 20%，规模 10%，城市优势 20%。",
    },
    "col.sector_fit": {"de": "Branche", "en": "Sector", "zh": "行业"},
    "col.reciprocity": {"de": "Gegenseitigkeit", "en": "Reciprocity", "zh": "互惠"},
    "col.text": {"de": "Text", "en": "Text", "zh": "文本"},
    "col.size": {"de": "Größe", "en": "Size", "zh": "规模"},
    "col.city_context": {"de": "Stadtstärke", "en": "City strength", "zh": "城市优势"},
    "col.explanation": {"de": "Warum", "en": "Why", "zh": "原因"},
    "membership.status": {"de": "Status aller Städte", "en": "Status of every city", "zh": "各城市状态"},
    "membership.open": {
        "de": "Laufende Aufnahmeverfahren", "en": "Open admission procedures", "zh": "进行中的入盟程序",
    },
    "membership.rule": {"de": "Aufnahmeregel", "en": "Admission rule", "zh": "接纳规则"},
    "rule.all": {"de": "Zustimmung aller Mitglieder", "en": "Consent of all members", "zh": "全体成员同意"},
    "rule.majority": {"de": "Mehrheit der Mitglieder", "en": "Majority of members", "zh": "多数成员同意"},
    "rule.no_objection": {"de": "kein Einspruch", "en": "No objection", "zh": "无异议"},
    "membership.none_open": {
        "de": "Keine laufenden Verfahren.", "en": "No open procedures.", "zh": "没有进行中的程序。",
    },
    "membership.findings": {
        "de": "Auffälligkeiten im Verfahren (Ereignisse bleiben wie geliefert)",
        "en": "Procedure findings (events kept as delivered)",
        "zh": "程序异常（事件按原样保留）",
    },
    "membership.timeline": {"de": "Mitgliedschaften im Zeitverlauf", "en": "Memberships over time",
                            "zh": "成员资格时间线"},
    "nextstep.no_circular": {
        "de": "Rundschreiben des Sekretariats an alle Mitgliedsstädte (Bitte um Stellungnahme)",
        "en": "Secretariat's circular to all member cities (request for their opinion)",
        "zh": "秘书处向所有成员城市发出通函（征求意见）",
    },
    "nextstep.pending": {
        "de": "Stellungnahmen ausstehend: {n} von {members} Mitgliedsstädten",
        "en": "Responses outstanding: {n} of {members} member cities",
        "zh": "待答复：{members} 个成员城市中的 {n} 个",
    },
    "nextstep.admissible": {
        "de": "Aufnahme durch die Geschäftsführung (Zustimmung liegt vor)",
        "en": "Admission by the management (consent given)",
        "zh": "由管理层接纳（已获同意）",
    },
    "nextstep.blocked": {
        "de": "Einwände klären; ohne Einigung keine Aufnahme",
        "en": "Resolve the objections; no admission without agreement",
        "zh": "处理反对意见；未达成一致不予接纳",
    },
    "membership.at": {"de": "Stichtag", "en": "As of", "zh": "截至日期"},
    "col.since": {"de": "Mitglied seit", "en": "Member since", "zh": "入盟日期"},
    "col.applied": {"de": "Antrag", "en": "Applied", "zh": "申请"},
    "col.circular": {"de": "Rundschreiben", "en": "Circular", "zh": "通函"},
    "col.consents": {"de": "Zustimmungen", "en": "Consents", "zh": "同意"},
    "col.objections": {"de": "Einwände", "en": "Objections", "zh": "反对"},
    "membership.outstanding_list": {
        "de": "{city}: {n} Stellungnahmen ausstehend, von", "en": "{city}: {n} answers outstanding, from",
        "zh": "{city}：尚有 {n} 个成员城市未答复",
    },
    "col.outstanding": {"de": "ausstehend", "en": "Outstanding", "zh": "未答复"},
    "col.next_step": {"de": "Nächster Schritt", "en": "Next step", "zh": "下一步"},
    "col.event": {"de": "Ereignis", "en": "Event", "zh": "事件"},
    "col.file_row": {"de": "Datei, Zeile", "en": "File, row", "zh": "文件、行"},
    "event.founded": {"de": "Gründung", "en": "founded", "zh": "创始"},
    "event.applied": {"de": "Antrag", "en": "applied", "zh": "申请"},
    "event.circular_sent": {"de": "Rundschreiben", "en": "circular sent", "zh": "发出通函"},
    "event.consent": {"de": "Zustimmung", "en": "consent", "zh": "同意"},
    "event.objection": {"de": "Einwand", "en": "objection", "zh": "反对"},
    "event.admitted": {"de": "Aufnahme", "en": "admitted", "zh": "接纳"},
    "event.rejected": {"de": "Ablehnung", "en": "rejected", "zh": "拒绝"},
    "event.observer": {"de": "Beobachter", "en": "observer", "zh": "观察员"},
    "event.withdrawal_requested": {"de": "Austrittsantrag", "en": "withdrawal requested", "zh": "申请退出"},
    "event.withdrawn": {"de": "Austritt", "en": "withdrawn", "zh": "退出"},
    "finding.actor_missing": {
        "de": "Zustimmung/Einwand ohne antwortende Stadt", "en": "consent or objection without the responding city",
        "zh": "同意/反对未注明城市",
    },
    "finding.actor_not_member": {
        "de": "Zustimmung/Einwand einer Stadt, die zu dem Zeitpunkt kein Mitglied war",
        "en": "consent or objection from a city that was not a member then", "zh": "来自当时非成员城市的同意/反对",
    },
    "finding.already_member": {
        "de": "Aufnahme einer Stadt, die bereits Mitglied war", "en": "admission of a city already a member",
        "zh": "接纳已是成员的城市",
    },
    "finding.admitted_without_circular": {
        "de": "Aufnahme ohne dokumentiertes Rundschreiben an die Mitglieder",
        "en": "admission without a documented circular to the members", "zh": "接纳前无书面通函记录",
    },
    "finding.withdrawal_without_membership": {
        "de": "Austritt einer Stadt, die kein Mitglied war", "en": "withdrawal of a city that was not a member",
        "zh": "非成员城市的退出",
    },
    "nav.cities": {"de": "Städteprofile", "en": "City profiles", "zh": "城市概况"},
    "nav.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "projects.status": {"de": "Status", "en": "Status", "zh": "状态"},
    "projects.direction": {"de": "Richtung", "en": "Direction", "zh": "方向"},
    "projects.years": {"de": "Startjahr", "en": "Start year", "zh": "开始年份"},
    "projects.by": {"de": "Auswertung nach", "en": "Figures by", "zh": "统计维度"},
    "projects.by.year": {"de": "Jahr", "en": "Year", "zh": "年份"},
    "projects.by.direction": {"de": "Richtung", "en": "Direction", "zh": "方向"},
    "projects.by.status": {"de": "Status", "en": "Status", "zh": "状态"},
    "projects.by.branche": {"de": "Branche", "en": "Sector", "zh": "行业"},
    "projects.count": {"de": "Anzahl", "en": "Count", "zh": "数量"},
    "projects.volume": {"de": "Volumen (Mio. EUR)", "en": "Volume (EUR m)", "zh": "金额（百万欧元）"},
    "direction.CN_TO_DE": {"de": "China → Deutschland", "en": "China → Germany", "zh": "中国 → 德国"},
    "direction.DE_TO_CN": {"de": "Deutschland → China", "en": "Germany → China", "zh": "德国 → 中国"},
    "direction.MUTUAL": {"de": "gegenseitig", "en": "mutual", "zh": "双向"},
    "pstatus.idea": {"de": "Idee", "en": "idea", "zh": "设想"},
    "pstatus.negotiation": {"de": "Verhandlung", "en": "negotiation", "zh": "谈判中"},
    "pstatus.agreed": {"de": "vereinbart", "en": "agreed", "zh": "已签约"},
    "pstatus.implementation": {"de": "in Umsetzung", "en": "implementation", "zh": "实施中"},
    "pstatus.completed": {"de": "abgeschlossen", "en": "completed", "zh": "已完成"},
    "pstatus.cancelled": {"de": "abgebrochen", "en": "cancelled", "zh": "已取消"},
    "col.title": {"de": "Titel", "en": "Title", "zh": "名称"},
    "col.cn_city": {"de": "Stadt (CN)", "en": "City (CN)", "zh": "中方城市"},
    "col.de_city": {"de": "Stadt (DE)", "en": "City (DE)", "zh": "德方城市"},
    "col.volume": {"de": "Mio. EUR", "en": "EUR m", "zh": "百万欧元"},
    "col.jobs": {"de": "Arbeitsplätze", "en": "Jobs", "zh": "就业岗位"},
    "col.start": {"de": "Beginn", "en": "Start", "zh": "开始"},
    "col.source": {"de": "Quelle", "en": "Source", "zh": "来源"},
    "cities.named_companies": {"de": "Unternehmen der Stadt", "en": "The city's companies", "zh": "本市企业"},
    "cities.named_companies_help": {
        "de": "Reale Unternehmen zuerst, nach Beschäftigten; die Zahl nennt die Quelle, mit Stand und Bezug "
              "(Konzern, Unternehmen oder Standort). Beispieldatensätze sind fiktiv.",
        "en": "Real companies first, by employees; the figure is the source's, with its year and scope "
              "(group, company or site). Sample records are invented.",
        "zh": "真实企业在前，按员工人数排序；人数取自来源，并注明年份和范围（集团、公司或厂区）。示例记录为虚构。",
    },
    "col.as_of": {"de": "Stand", "en": "As of", "zh": "年份"},
    "col.scope": {"de": "Bezug", "en": "Scope", "zh": "范围"},
    "scope.group": {"de": "Konzern", "en": "group", "zh": "集团"},
    "scope.company": {"de": "Unternehmen", "en": "company", "zh": "公司"},
    "scope.site": {"de": "Standort", "en": "site", "zh": "厂区"},
    "table.empty": {"de": "Keine Einträge.", "en": "No entries.", "zh": "暂无记录。"},
    "cities.compare": {"de": "Vergleichen mit", "en": "Compare with", "zh": "对比城市"},
    "cities.none": {"de": "(keine)", "en": "(none)", "zh": "（无）"},
    "cities.facts": {"de": "Eckdaten", "en": "Key data", "zh": "基本数据"},
    "cities.population": {"de": "Einwohner", "en": "Population", "zh": "人口"},
    "cities.gdp": {"de": "Wirtschaftsleistung (BIP)", "en": "GDP", "zh": "地区生产总值"},
    "cities.region": {"de": "Region", "en": "Region", "zh": "省/州"},
    "cities.strengths": {"de": "Erklärte Stärken", "en": "Declared strengths", "zh": "申报优势"},
    "cities.wishes": {
        "de": "Kooperationswünsche (Branchen)", "en": "Cooperation wishes (sectors)", "zh": "合作意向（行业）",
    },
    "cities.companies": {"de": "Unternehmen nach Branche", "en": "Companies by sector", "zh": "按行业划分的企业"},
    "cities.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "cities.history": {"de": "Mitgliedschaft", "en": "Membership history", "zh": "成员历史"},
    "cities.sources": {"de": "Quellen", "en": "Sources", "zh": "来源"},
    "cities.notes": {"de": "Strittige Angaben", "en": "Disputed facts", "zh": "有争议的信息"},
    "field.characteristics": {"de": "Städteeigenschaften", "en": "City characteristics", "zh": "城市特点"},
    "field.industrial_advantages": {"de": "Industrielle Vorteile", "en": "Industrial advantages", "zh": "产业优势"},
    "field.cooperation_basis": {
        "de": "Grundlagen auswärtiger Zusammenarbeit", "en": "Foundations of foreign cooperation", "zh": "对外合作基础",
    },
    "field.cooperation_wishes": {"de": "Kooperationsvorstellungen", "en": "Cooperation wishes", "zh": "合作意向"},
    "field.projects_text": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "nav.data": {"de": "Daten und Export", "en": "Data and export", "zh": "数据与导出"},
    "data.table": {"de": "Tabelle", "en": "Table", "zh": "数据表"},
    "data.search": {"de": "Suche in allen Spalten", "en": "Search all columns", "zh": "在所有列中搜索"},
    "data.only_focus": {"de": "Nur Fokusstadt", "en": "Focus city only", "zh": "仅重点城市"},
    "data.page": {"de": "Seite", "en": "Page", "zh": "页"},
    "data.rows": {
        "de": "{shown} von {total} Zeilen (Seite {page} von {pages})",
        "en": "{shown} of {total} rows (page {page} of {pages})",
        "zh": "共 {total} 行，显示 {shown} 行（第 {page}/{pages} 页）",
    },
    "data.package": {"de": "Datenpaket (ZIP)", "en": "Data package (ZIP)", "zh": "数据包（ZIP）"},
    "data.package_help": {
        "de": "Alle Tabellen mit den gewählten Filtern, Datenwörterbuch und Ladeprotokoll – "
              "zur Weitergabe an Mitgliedsstädte.",
        "en": "All tables with the chosen filters, the data dictionary and the load history, "
              "to pass on to member cities.",
        "zh": "按所选筛选条件导出所有表格、数据字典和加载记录，供成员城市使用。",
    },
    "data.dictionary": {"de": "Datenwörterbuch (Importvertrag)", "en": "Data dictionary (import contract)",
                        "zh": "数据字典（导入规范）"},
    "data.history": {"de": "Ladeprotokoll mit Quellen", "en": "Load history with sources", "zh": "加载记录及来源"},
    "data.check": {
        "de": "Datei einer Stadt prüfen (es wird nichts gespeichert)",
        "en": "Check a city's file (nothing is saved)", "zh": "检查城市文件（不会保存任何内容）",
    },
    "data.check_ok": {
        "de": "Keine Fehler: die Datei entspricht dem Importvertrag.",
        "en": "No errors: the file meets the import contract.", "zh": "无错误：文件符合导入规范。",
    },
    "data.check_errors": {
        "de": "{n} Fehler – die Datei würde nicht geladen.", "en": "{n} errors – the file would not be loaded.",
        "zh": "{n} 个错误——该文件将不会被加载。",
    },
    "nav.map": {"de": "Karte", "en": "Map", "zh": "地图"},
    "map.measure": {"de": "Kreisgröße nach", "en": "Circle size by", "zh": "圆圈大小依据"},
    "measure.population": {"de": "Einwohner", "en": "Population", "zh": "人口"},
    "measure.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "map.layers": {"de": "Ebenen", "en": "Layers", "zh": "图层"},
    "map.cities": {"de": "Städte", "en": "Cities", "zh": "城市"},
    "map.arcs": {"de": "Projekte als Bögen", "en": "Projects as arcs", "zh": "项目连线"},
    "map.outlines": {"de": "Ländergrenzen", "en": "Country outlines", "zh": "国界"},
    "map.tiles": {
        "de": "Online-Kartenhintergrund (nur mit Internet)", "en": "Online base map (internet only)",
        "zh": "在线底图（需联网）",
    },
    "map.legend": {
        "de": "Farbe der Städte: Mitgliedsstatus (blau Mitglied, grün Bewerber, violett Beobachter, grau kein "
              "Mitglied). Bögen: rot China → Deutschland, schwarz Deutschland → China, gelb gegenseitig; "
              "Breite nach Volumen.",
        "en": "City colour: membership status (blue member, green applicant, purple observer, grey non-member). "
              "Arcs: red China → Germany, black Germany → China, yellow mutual; width by volume.",
        "zh": "城市颜色：成员状态（蓝色成员、绿色申请中、紫色观察员、灰色非成员）。连线：红色中国→德国，"
              "黑色德国→中国，黄色双向；宽度表示金额。",
    },
    "filters.all": {"de": "alle", "en": "all", "zh": "全部"},
    "filters.title": {"de": "Filter", "en": "Filters", "zh": "筛选"},
    "filters.smes_only": {"de": "nur KMU", "en": "SMEs only", "zh": "仅中小企业"},
    "country.CN": {"de": "China", "en": "China", "zh": "中国"},
    "country.DE": {"de": "Deutschland", "en": "Germany", "zh": "德国"},
    "nav.briefing": {"de": "Ausschussvorlage", "en": "Committee briefing", "zh": "委员会简报"},
    "briefing.committee": {"de": "Ausschuss", "en": "Committee", "zh": "委员会"},
    "briefing.meeting": {"de": "Sitzungstermin", "en": "Meeting date", "zh": "会议日期"},
    "briefing.partners": {
        "de": "Partnerstädte (leer: die drei bestplatzierten)", "en": "Partner cities (empty: the three best-ranked)",
        "zh": "伙伴城市（留空：排名前三）",
    },
    "briefing.sections": {"de": "Abschnitte", "en": "Sections", "zh": "章节"},
    "briefing.language": {"de": "Sprache der Vorlage", "en": "Language of the briefing", "zh": "简报语言"},
    "briefing.make": {"de": "Folien und Handout erstellen", "en": "Make slides and handout", "zh": "生成幻灯片和讲义"},
    "briefing.pptx": {"de": "Foliensatz (PPTX)", "en": "Slide deck (PPTX)", "zh": "幻灯片（PPTX）"},
    "briefing.pdf": {"de": "Handout (PDF)", "en": "Handout (PDF)", "zh": "讲义（PDF）"},
    "briefing.ready": {
        "de": "Fertig: {n} Folien. Beispieldaten sind auf den Folien gekennzeichnet.",
        "en": "Done: {n} slides. Sample data are marked on the slides.",
        "zh": "完成：{n} 张幻灯片。示例数据已在幻灯片中标注。",
    },
    "section.alliance": {"de": "Die Allianz", "en": "The alliance", "zh": "联盟概况"},
    "section.status": {"de": "Mitgliedschaft", "en": "Membership", "zh": "成员资格"},
    "section.map": {"de": "Karte", "en": "Map", "zh": "地图"},
    "section.sectors": {"de": "Branchen", "en": "Sectors", "zh": "行业"},
    "section.matches": {"de": "Kooperationsvorschläge", "en": "Cooperation suggestions", "zh": "合作建议"},
    "section.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "section.sources": {"de": "Quellen", "en": "Sources", "zh": "来源"},
    "col.country": {"de": "Land", "en": "Country", "zh": "国家"},
    "col.status": {"de": "Status", "en": "Status", "zh": "状态"},
    "col.cities": {"de": "Städte", "en": "Cities", "zh": "城市"},
    "status.member": {"de": "Mitglied", "en": "Member", "zh": "成员"},
    "status.applicant": {"de": "Bewerber", "en": "Applicant", "zh": "申请中"},
    "status.observer": {"de": "Beobachter", "en": "Observer", "zh": "观察员"},
    "status.rejected": {"de": "Abgelehnt", "en": "Rejected", "zh": "被拒绝"},
    "status.withdrawal_requested": {"de": "Austritt beantragt", "en": "Withdrawal requested", "zh": "已申请退出"},
    "status.withdrawn": {"de": "Ausgetreten", "en": "Withdrawn", "zh": "已退出"},
    "status.non_member": {"de": "Kein Mitglied", "en": "Not a member", "zh": "非成员"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` (German if the language is unknown), formatted with ``values``."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """1.234,5 in German; 1,234.5 in English and Chinese; "" for a missing value."""
    if missing(value):
        return ""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_year(value: float | int | None) -> str:
    """A year as plain digits in every language (2023, never 2.023); "" for a missing value."""
    return "" if missing(value) else str(int(value))


def format_date(value: date | datetime | None, lang: str = DEFAULT_LANGUAGE, with_time: bool = False) -> str:
    """24.11.2026 in German, 2026-11-24 otherwise; optionally with hours and minutes; "" if missing."""
    if missing(value):
        return ""
    pattern = "%d.%m.%Y" if lang == "de" else "%Y-%m-%d"
    if with_time and isinstance(value, datetime):
        pattern += " %H:%M"
    return value.strftime(pattern)
