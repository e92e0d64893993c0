"""The one catalogue of UI texts in German (default), English and Chinese, locale formatting, and the
rendering of the domain's language-neutral results (reason tokens, phrases, ids) into words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

import numpy as np
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
    "db.corrupt": {
        "de": "Die Datenbank kann nicht gelesen werden: {path} ist beschädigt oder keine Datenbank dieses Dashboards. "
              "Abhilfe: die Daten neu laden (python -m etl build --source <Ordner der Daten> --db {path} --force) "
              "oder die Datei löschen; dann baut das Dashboard beim nächsten Aufruf die mitgelieferten Daten auf.",
        "en": "The database cannot be read: {path} is damaged or not a database of this dashboard. To fix it, "
              "reload the data (python -m etl build --source <data folder> --db {path} --force) or delete the file; "
              "the dashboard then builds the bundled data on its next start.",
        "zh": "无法读取数据库：{path} 已损坏或不是本仪表板的数据库。解决办法：重新加载数据"
              "（python -m etl build --source <数据文件夹> --db {path} --force）或删除该文件，"
              "仪表板下次启动时将重新建立随附数据。",
    },
    "db.cause": {"de": "Ursache: {cause}", "en": "Cause: {cause}", "zh": "原因：{cause}"},
    "db.still_building": {
        "de": "Die Datenbank wird gerade in einer anderen Sitzung aufgebaut. Bitte die Seite gleich neu laden.",
        "en": "The database is being built in another session. Please reload the page in a moment.",
        "zh": "数据库正在另一个会话中建立。请稍后刷新页面。",
    },
    "url.ignored": {
        "de": "Ein Teil des Links wurde nicht erkannt und zurückgesetzt: {names}",
        "en": "Part of the link was not recognised and was reset: {names}",
        "zh": "链接中的部分设置无法识别，已重置：{names}",
    },
    "export.about.view": {"de": "Ansicht", "en": "View", "zh": "视图"},
    "export.about.rows": {"de": "Zeilen", "en": "Rows", "zh": "行数"},
    "export.about.loaded": {
        "de": "Datenstand (letzter Ladelauf)", "en": "Data as of (last load)", "zh": "数据状态（最近一次加载）",
    },
    "export.about.exported": {"de": "Exportiert am", "en": "Exported on", "zh": "导出时间"},
    "export.about.samples": {"de": "Beispieldaten", "en": "Sample data", "zh": "示例数据"},
    "export.about.samples_note": {
        "de": "{n} fiktive Datensätze im Datenbestand; die Spalte „Beispiel“ kennzeichnet sie.",
        "en": "{n} fictitious records in the data; the column “Sample” marks them.",
        "zh": "数据中有 {n} 条虚构记录；“示例”列对其作了标注。",
    },
    "export.about.samples_excluded": {
        "de": "nicht enthalten (nur belegte Daten)", "en": "left out (documented data only)",
        "zh": "未包含（仅有来源的数据）",
    },
    "upload.drop": {"de": "Datei hierher ziehen", "en": "Drag a file here", "zh": "将文件拖到此处"},
    "upload.browse": {"de": "Datei wählen", "en": "Choose file", "zh": "选择文件"},
    "data.check_help": {
        "de": "CSV oder XLSX einer Tabelle des Importvertrags, benannt nach der Tabelle (companies_mainz.xlsx), "
              "höchstens {mb} MB. Geprüft wird gegen die hier gezeigten Daten; gespeichert wird nichts.",
        "en": "A CSV or XLSX file of one contract table, named after the table (companies_mainz.xlsx), at most "
              "{mb} MB. It is checked against the data shown here; nothing is stored.",
        "zh": "导入规范中某一数据表的 CSV 或 XLSX 文件，以表名命名（如 companies_mainz.xlsx），不超过 {mb} MB。"
              "将对照此处显示的数据进行检查，不会保存任何内容。",
    },
    "data.checking": {"de": "Die Datei wird geprüft …", "en": "Checking the file …", "zh": "正在检查文件……"},
    "export.yes": {"de": "Ja", "en": "Yes", "zh": "是"},
    "export.no": {"de": "Nein", "en": "No", "zh": "否"},
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
    "export.xlsx": {"de": "Excel (XLSX)", "en": "Excel (XLSX)", "zh": "Excel (XLSX)"},
    "overview.members_over_time": {
        "de": "Mitglieder im Zeitverlauf", "en": "Members over time", "zh": "成员数量变化",
    },
    "overview.data_status": {"de": "Datenstand", "en": "Data status", "zh": "数据状态"},
    "table.cities": {"de": "Städte", "en": "Cities", "zh": "城市"},
    "table.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业"},
    "table.projects": {"de": "Projekte", "en": "Projects", "zh": "项目"},
    "table.memberships": {"de": "Mitgliedschaftsereignisse", "en": "Membership events", "zh": "成员事件"},
    "table.city_sector_stats": {
        "de": "Amtliche Wirtschaftsstruktur", "en": "Official economic structure", "zh": "官方经济结构",
    },
    "table.quality_notes": {"de": "Qualitätshinweise", "en": "Quality notes", "zh": "数据质量说明"},
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
    "sectors.level.section": {"de": "NACE-Abschnitte", "en": "NACE sections", "zh": "NACE 门类"},
    "basis.employees": {"de": "Beschäftigte", "en": "Employees", "zh": "员工数"},
    "basis.employees_local": {
        "de": "Beschäftigte ohne Konzernzahlen", "en": "Employees without group figures", "zh": "员工数（不含集团数）",
    },
    "basis.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业数"},
    "basis.official": {"de": "Amtliche Statistik", "en": "Official statistics", "zh": "官方统计"},
    "sectors.official_caveat": {
        "de": "Amtliche Statistik: je Stadt eine veröffentlichte Struktur (Deutschland: sozialversicherungspflichtig "
              "Beschäftigte am Arbeitsort, Regionaldatenbank 13111-07-05-4; China: Bruttowertschöpfung nach drei "
              "Sektoren aus den Statistikberichten). Abschnitte und Abschnittsgruppen wie veröffentlicht (B–F, G–I); "
              "der LQ über die Allianz vergleicht nur Städte mit derselben Messgröße. {n} von {total} Städten haben "
              "eine amtliche Struktur; die übrigen fehlen in dieser Ansicht.",
        "en": "Official statistics: one published structure per city (Germany: employees subject to social "
              "insurance at the workplace, Regionaldatenbank 13111-07-05-4; China: value added by the three sectors "
              "from the statistical communiqués). Sections and groups of sections as published (B–F, G–I); the "
              "alliance-wide LQ compares only cities with the same measure. {n} of {total} cities have an official "
              "structure; the others are missing from this view.",
        "zh": "官方统计：每个城市采用一套公布的结构（德国：工作地社会保险就业人数，区域数据库 13111-07-05-4；"
              "中国：统计公报中三次产业增加值）。门类及门类组按公布口径（B–F、G–I）；联盟范围的区位商只比较"
              "同一指标的城市。{total} 个城市中有 {n} 个具有官方结构，其余城市不在此视图中。",
    },
    "sectors.local_caveat": {
        "de": "Ohne Konzernzahlen: Beschäftigte von Unternehmen, deren Zahl den ganzen Konzern zählt, bleiben "
              "außen vor (die Unternehmen selbst zählen weiter).",
        "en": "Without group figures: the employees of companies whose figure counts the whole group are left out "
              "(the companies themselves still count).",
        "zh": "不含集团数：员工数为整个集团人数的企业，其员工不计入（企业本身仍计数）。",
    },
    "sectors.no_wishes": {
        "de": "{city} hat keine Wünsche (gesuchte Branchen) erklärt: Ergänzungen können nur aus den Wünschen der "
              "Partnerstädte kommen.",
        "en": "{city} has declared no wishes (sectors sought): complements can only come from the partner cities' "
              "wishes.",
        "zh": "{city}尚未申报需求（寻求的行业）：互补只能来自伙伴城市的需求。",
    },
    "sectors.partner_formula": {
        "de": "Punkte (0–100) = {similarity} × Ähnlichkeit + {complement} × Ergänzung + {shared} × gemeinsame Stärken"
              " + {ties} × Projekte; jede Komponente 0–100 (Ergänzung und Stärken: {cap} Branchen = 100; "
              "Projekte: {ties_cap} belegte Projekte = 100).",
        "en": "Score (0–100) = {similarity} × similarity + {complement} × complement + {shared} × shared strengths"
              " + {ties} × projects; each component 0–100 (complement and strengths: {cap} sectors = 100; "
              "projects: {ties_cap} documented projects = 100).",
        "zh": "得分（0–100）= {similarity} × 相似度 + {complement} × 互补 + {shared} × 共同优势 + {ties} × 项目；"
              "各项 0–100（互补与优势：{cap} 个行业 = 100；项目：{ties_cap} 个有据项目 = 100）。",
    },
    "sectors.why": {"de": "Warum diese Partnerstadt?", "en": "Why this partner city?", "zh": "为何选择该伙伴城市？"},
    "sectors.why_partner": {"de": "Partnerstadt", "en": "Partner city", "zh": "伙伴城市"},
    "sectors.why_parts": {
        "de": "Anteil der Komponenten an {score} Punkten", "en": "Each component's share of {score} points",
        "zh": "各项在 {score} 分中的占比",
    },
    "sectors.official_vs_companies": {
        "de": "Amtliche Statistik und Unternehmensdaten im Vergleich",
        "en": "Official statistics beside the company data", "zh": "官方统计与企业数据对比",
    },
    "sectors.official_vs_companies_note": {
        "de": "Anteil und LQ (innerhalb des Landes) je veröffentlichtem Abschnitt; {n} Abweichungen.",
        "en": "Share and LQ (within the country) per published section; {n} disagreements.",
        "zh": "按公布门类的占比与区位商（国内）；{n} 处差异。",
    },
    "sectors.coverage": {
        "de": "Welche Städte amtliche Strukturdaten haben", "en": "Which cities have official structure data",
        "zh": "哪些城市有官方结构数据",
    },
    "component.similarity": {"de": "Ähnlichkeit", "en": "Similarity", "zh": "相似度"},
    "component.complement": {"de": "Ergänzung", "en": "Complement", "zh": "互补"},
    "component.shared": {"de": "Gemeinsame Stärken", "en": "Shared strengths", "zh": "共同优势"},
    "component.ties": {"de": "Belegte Projekte", "en": "Documented projects", "zh": "有据项目"},
    "col.focus_share": {"de": "Anteil {city}", "en": "Share {city}", "zh": "{city}占比"},
    "col.official_share": {"de": "Anteil amtlich", "en": "Official share", "zh": "官方占比"},
    "col.official_lq": {"de": "LQ amtlich", "en": "Official LQ", "zh": "官方区位商"},
    "col.company_share": {"de": "Anteil Unternehmen", "en": "Company share", "zh": "企业占比"},
    "col.company_lq": {"de": "LQ Unternehmen", "en": "Company LQ", "zh": "企业区位商"},
    "col.stat_measure": {"de": "Messgröße", "en": "Measure", "zh": "指标"},
    "col.year": {"de": "Jahr", "en": "Year", "zh": "年份"},
    "col.sectors_published": {"de": "Abschnitte", "en": "Sections", "zh": "门类数"},
    "stat.employees": {"de": "Beschäftigte", "en": "Employees", "zh": "就业人数"},
    "stat.value_added": {"de": "Bruttowertschöpfung", "en": "Value added", "zh": "增加值"},
    "stat.establishments": {"de": "Betriebe", "en": "Establishments", "zh": "单位数"},
    "stat.revenue": {"de": "Umsatz", "en": "Revenue", "zh": "营业收入"},
    "finding.official_not_companies": {
        "de": "amtlich stark (LQ ≥ 1,25), in den Unternehmensdaten nicht (LQ < 1)",
        "en": "officially strong (LQ ≥ 1.25), not in the company data (LQ < 1)",
        "zh": "官方数据显示优势（区位商 ≥ 1.25），企业数据未显示（区位商 < 1）",
    },
    "finding.companies_not_official": {
        "de": "in den Unternehmensdaten stark (LQ ≥ 1,25), amtlich nicht (LQ < 1)",
        "en": "strong in the company data (LQ ≥ 1.25), not officially (LQ < 1)",
        "zh": "企业数据显示优势（区位商 ≥ 1.25），官方数据未显示（区位商 < 1）",
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
    "field.city_id": {"de": "Stadt-ID", "en": "City ID", "zh": "城市编号"},
    "field.name_de": {"de": "Name (deutsch)", "en": "Name (German)", "zh": "名称（德文）"},
    "field.name_en": {"de": "Name (englisch)", "en": "Name (English)", "zh": "名称（英文）"},
    "field.country": {"de": "Land", "en": "Country", "zh": "国家"},
    "field.region": {"de": "Region", "en": "Region", "zh": "地区"},
    "field.lat": {"de": "Breitengrad", "en": "Latitude", "zh": "纬度"},
    "field.lon": {"de": "Längengrad", "en": "Longitude", "zh": "经度"},
    "field.name_zh": {"de": "Name (chinesisch)", "en": "Name (Chinese)", "zh": "名称（中文）"},
    "field.population": {"de": "Einwohner", "en": "Population", "zh": "人口"},
    "field.population_year": {"de": "Einwohner: Jahr", "en": "Population: year", "zh": "人口年份"},
    "field.population_scope": {"de": "Einwohner: Bezug", "en": "Population: scope", "zh": "人口统计范围"},
    "field.gdp": {"de": "BIP", "en": "GDP", "zh": "地区生产总值"},
    "field.gdp_currency": {"de": "BIP: Währung", "en": "GDP: currency", "zh": "生产总值币种"},
    "field.gdp_year": {"de": "BIP: Jahr", "en": "GDP: year", "zh": "生产总值年份"},
    "field.strengths": {"de": "Stärken (NACE)", "en": "Strengths (NACE)", "zh": "优势产业（NACE）"},
    "field.wishes": {"de": "Wünsche (NACE)", "en": "Wishes (NACE)", "zh": "合作需求（NACE）"},
    "field.website": {"de": "Website", "en": "Website", "zh": "网站"},
    "field.source": {"de": "Quelle", "en": "Source", "zh": "来源"},
    "field.code_system": {"de": "Klassifikation", "en": "Classification", "zh": "分类体系"},
    "field.code": {"de": "Code", "en": "Code", "zh": "代码"},
    "field.measure": {"de": "Messgröße", "en": "Measure", "zh": "指标"},
    "field.value": {"de": "Wert", "en": "Value", "zh": "数值"},
    "field.year": {"de": "Jahr", "en": "Year", "zh": "年份"},
    "field.scope": {"de": "Bezug (Grundgesamtheit)", "en": "Scope (population)", "zh": "统计口径"},
    "field.is_sample": {"de": "Beispiel", "en": "Sample", "zh": "示例"},
    "field.company_id": {"de": "Unternehmens-ID", "en": "Company ID", "zh": "企业编号"},
    "field.name": {"de": "Name", "en": "Name", "zh": "名称"},
    "field.sector": {"de": "Branche (NACE)", "en": "Sector (NACE)", "zh": "行业（NACE）"},
    "field.sector_gbt": {"de": "Branche (GB/T)", "en": "Sector (GB/T)", "zh": "行业（GB/T）"},
    "field.employees": {"de": "Beschäftigte", "en": "Employees", "zh": "员工"},
    "field.employees_year": {"de": "Beschäftigte: Jahr", "en": "Employees: year", "zh": "员工人数年份"},
    "field.employees_scope": {"de": "Beschäftigte: Bezug", "en": "Employees: scope", "zh": "员工统计范围"},
    "field.founded": {"de": "Gründungsjahr", "en": "Founded", "zh": "成立年份"},
    "field.revenue_eur_m": {"de": "Umsatz (Mio. EUR)", "en": "Revenue (EUR m)", "zh": "营业收入（百万欧元）"},
    "field.offers": {"de": "bietet", "en": "Offers", "zh": "提供"},
    "field.seeks": {"de": "sucht", "en": "Seeks", "zh": "寻求"},
    "field.offer_sectors": {"de": "bietet (NACE)", "en": "Offers (NACE)", "zh": "提供行业（NACE）"},
    "field.seek_sectors": {"de": "sucht (NACE)", "en": "Seeks (NACE)", "zh": "寻求行业（NACE）"},
    "field.project_id": {"de": "Projekt-ID", "en": "Project ID", "zh": "项目编号"},
    "field.title": {"de": "Titel", "en": "Title", "zh": "名称"},
    "field.cn_city_id": {"de": "Stadt (CN)", "en": "City (CN)", "zh": "中方城市"},
    "field.de_city_id": {"de": "Stadt (DE)", "en": "City (DE)", "zh": "德方城市"},
    "field.direction": {"de": "Richtung", "en": "Direction", "zh": "方向"},
    "field.status": {"de": "Status", "en": "Status", "zh": "状态"},
    "field.kind": {"de": "Art", "en": "Kind", "zh": "类型"},
    "field.company_ids": {"de": "Unternehmen (IDs)", "en": "Companies (IDs)", "zh": "企业（编号）"},
    "field.volume_eur_m": {"de": "Volumen (Mio. EUR)", "en": "Volume (EUR m)", "zh": "金额（百万欧元）"},
    "field.jobs": {"de": "Arbeitsplätze", "en": "Jobs", "zh": "就业岗位"},
    "field.start_date": {"de": "Beginn", "en": "Start", "zh": "开始日期"},
    "field.end_date": {"de": "Ende", "en": "End", "zh": "结束日期"},
    "field.description": {"de": "Beschreibung", "en": "Description", "zh": "描述"},
    "field.event": {"de": "Ereignis", "en": "Event", "zh": "事件"},
    "field.date": {"de": "Datum", "en": "Date", "zh": "日期"},
    "field.actor_city_id": {"de": "Stellungnehmende Stadt", "en": "Answering city", "zh": "表态城市"},
    "field.note": {"de": "Hinweis", "en": "Note", "zh": "说明"},
    "field.document": {"de": "Dokument", "en": "Document", "zh": "文件"},
    "field.subject_table": {"de": "Betrifft Tabelle", "en": "Subject table", "zh": "所涉数据表"},
    "field.subject_id": {"de": "Betrifft ID", "en": "Subject ID", "zh": "所涉编号"},
    "field.field": {"de": "Feld", "en": "Field", "zh": "字段"},
    "field.sources": {"de": "Quellen", "en": "Sources", "zh": "来源"},
    "kind.bool": {"de": "Ja/Nein", "en": "yes/no", "zh": "是/否"},
    "kind.country": {"de": "Ländercode", "en": "country code", "zh": "国家代码"},
    "kind.date": {"de": "Datum", "en": "date", "zh": "日期"},
    "kind.enum": {"de": "fester Wert", "en": "fixed value", "zh": "固定取值"},
    "kind.float": {"de": "Zahl", "en": "number", "zh": "数值"},
    "kind.gbt": {"de": "GB/T-Code", "en": "GB/T code", "zh": "GB/T 代码"},
    "kind.id": {"de": "ID", "en": "ID", "zh": "编号"},
    "kind.int": {"de": "ganze Zahl", "en": "whole number", "zh": "整数"},
    "kind.nace": {"de": "NACE-Code", "en": "NACE code", "zh": "NACE 代码"},
    "kind.nace_list": {"de": "NACE-Codes", "en": "NACE codes", "zh": "NACE 代码列表"},
    "kind.ref": {"de": "Verweis", "en": "reference", "zh": "引用"},
    "kind.ref_list": {"de": "Verweise", "en": "references", "zh": "引用列表"},
    "kind.text": {"de": "Text", "en": "text", "zh": "文本"},
    "kind.year": {"de": "Jahr", "en": "year", "zh": "年份"},
    "format.int": {
        "de": "ganze Zahl wie 1234 (in Semikolon-Dateien auch 1.234)",
        "en": "a whole number such as 1234 (in semicolon files also 1.234)",
        "zh": "整数，如 1234（分号分隔文件中也可写 1.234）",
    },
    "format.float": {
        "de": "Zahl wie 1234,5 oder 1234.5 (in Semikolon-Dateien 1.234,5)",
        "en": "a number such as 1234.5 (in semicolon files 1.234,5)",
        "zh": "数值，如 1234.5（分号分隔文件中写 1.234,5）",
    },
    "format.date": {
        "de": "Datum als JJJJ-MM-TT oder TT.MM.JJJJ",
        "en": "a date as YYYY-MM-DD or DD.MM.YYYY",
        "zh": "日期，格式 YYYY-MM-DD 或 DD.MM.YYYY",
    },
    "format.year": {"de": "Jahr wie 2016", "en": "a year such as 2016", "zh": "年份，如 2016"},
    "format.bool": {
        "de": "true oder false (auch 1/0, yes/no, ja/nein)",
        "en": "true or false (also 1/0, yes/no, ja/nein)",
        "zh": "true 或 false（也可 1/0、yes/no、ja/nein）",
    },
    "format.country": {
        "de": "ISO-3166-1-Ländercode wie DE oder CN",
        "en": "an ISO 3166-1 alpha-2 country code such as DE or CN",
        "zh": "ISO 3166-1 两位国家代码，如 DE 或 CN",
    },
    "format.nace": {
        "de": "NACE-Rev.-2-Code: Abteilung 29, Gruppe 29.1 oder Klasse 29.10",
        "en": "a NACE Rev. 2 code: division 29, group 29.1 or class 29.10",
        "zh": "NACE Rev. 2 代码：大类 29、中类 29.1 或小类 29.10",
    },
    "format.gbt": {
        "de": "GB/T-4754-2017-Code: Abteilung 36, Gruppe 367 oder Klasse 3670",
        "en": "a GB/T 4754-2017 code: division 36, group 367 or class 3670",
        "zh": "GB/T 4754-2017 代码：大类 36、中类 367 或小类 3670",
    },
    "format.nace_list": {
        "de": "NACE-Codes, getrennt durch ';', etwa 28;29.10",
        "en": "NACE Rev. 2 codes separated by ';', such as 28;29.10",
        "zh": "以“;”分隔的 NACE 代码，如 28;29.10",
    },
    "format.text": {"de": "Text", "en": "text", "zh": "文本"},
    "dict.table": {"de": "Tabelle", "en": "Table", "zh": "数据表"},
    "dict.column": {"de": "Spalte", "en": "Column", "zh": "列"},
    "dict.label": {"de": "Bedeutung", "en": "Meaning", "zh": "含义"},
    "dict.kind": {"de": "Art", "en": "Kind", "zh": "类型"},
    "dict.required": {"de": "Pflicht", "en": "Required", "zh": "必填"},
    "dict.key": {"de": "Schlüssel", "en": "Key", "zh": "主键"},
    "dict.allowed": {"de": "Erlaubte Werte / Verweis", "en": "Allowed values / reference", "zh": "允许取值/引用"},
    "dict.format": {"de": "Format", "en": "Format", "zh": "格式"},
    "history.run": {"de": "Ladelauf", "en": "Load", "zh": "加载批次"},
    "history.loaded": {"de": "Geladen", "en": "Loaded", "zh": "加载时间"},
    "history.source_dir": {"de": "Quellordner", "en": "Source folder", "zh": "源文件夹"},
    "history.file": {"de": "Datei", "en": "File", "zh": "文件"},
    "history.rows": {"de": "Zeilen", "en": "Rows", "zh": "行数"},
    "history.encoding": {"de": "Zeichensatz", "en": "Encoding", "zh": "编码"},
    "history.sha256": {"de": "SHA-256", "en": "SHA-256", "zh": "SHA-256"},
    "history.warnings": {"de": "Warnungen", "en": "Warnings", "zh": "警告"},
    "check.level": {"de": "Art", "en": "Level", "zh": "级别"},
    "check.row": {"de": "Zeile", "en": "Row", "zh": "行"},
    "check.message": {"de": "Meldung", "en": "Message", "zh": "信息"},
    "check.level.error": {"de": "Fehler", "en": "Error", "zh": "错误"},
    "check.level.warning": {"de": "Warnung", "en": "Warning", "zh": "警告"},
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
    "filter.documented_only": {
        "de": "Nur belegte Daten (ohne Beispieldaten)", "en": "Documented data only (no samples)",
        "zh": "仅显示有来源的数据（不含示例数据）",
    },
    "filter.documented_only_help": {
        "de": "Blendet die fiktiven Beispieldatensätze überall aus: Zahlen, Tabellen, Karte, Vorschläge und "
              "Downloads beruhen dann nur auf Datensätzen mit Quelle.",
        "en": "Leaves the fictitious sample records out everywhere: figures, tables, the map, suggestions and "
              "downloads then rest on records with a source only.",
        "zh": "在所有页面中排除虚构的示例记录：数字、表格、地图、合作建议和下载内容仅基于有来源的记录。",
    },
    "table.sample_mix": {
        "de": "{n} belegt · {m} Beispieldaten", "en": "{n} documented · {m} sample records",
        "zh": "{n} 条有来源 · {m} 条示例数据",
    },
    "country.CN": {"de": "China", "en": "China", "zh": "中国"},
    "country.DE": {"de": "Deutschland", "en": "Germany", "zh": "德国"},
    "nav.briefing": {"de": "Ausschussvorlage", "en": "Committee briefing", "zh": "委员会简报"},
    "briefing.committee": {"de": "Ausschuss", "en": "Committee", "zh": "委员会"},
    "briefing.committee_default": {
        "de": "Wirtschaftsausschuss", "en": "Economic Affairs Committee", "zh": "经济委员会",
    },
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
    "briefing.ready_documented": {
        "de": "Fertig: {n} Folien, nur mit belegten Daten.", "en": "Done: {n} slides, documented data only.",
        "zh": "完成：{n} 张幻灯片，仅含有来源的数据。",
    },
    "briefing.include_samples": {
        "de": "Beispieldaten in die Präsentation aufnehmen", "en": "Include sample data in the presentation",
        "zh": "在演示文稿中包含示例数据",
    },
    "briefing.include_samples_help": {
        "de": "Ohne Haken beruht die Vorlage nur auf belegten Daten; mit Haken trägt jede Folie einen Hinweis.",
        "en": "Unticked, the briefing rests on documented data only; ticked, every slide carries a notice.",
        "zh": "不勾选时，简报仅基于有来源的数据；勾选后，每张幻灯片都带有提示。",
    },
    "briefing.include_samples_off": {
        "de": "Nicht möglich, solange „Nur belegte Daten“ eingeschaltet ist.",
        "en": "Not available while “Documented data only” is on.",
        "zh": "开启“仅显示有来源的数据”时不可用。",
    },
    "briefing.sample_mark": {
        "de": "Enthält fiktive Beispieldaten (gekennzeichnet) – keine belegten Zahlen",
        "en": "Contains fictitious sample data (flagged) – not documented figures",
        "zh": "含虚构示例数据（已标注）——并非有据可查的数据",
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
    # Reasons: domain functions return (token, args); explain()/reason_text() render "reason.<token>".
    # Matching (alliance/matching.py): from the seeker's side, about one candidate company.
    "reason.seeks": {
        "de": "sucht {wanted}; bietet {offered}", "en": "seeks {wanted}; offers {offered}",
        "zh": "您寻求{wanted}；对方提供 {offered}",
    },
    "reason.seeks_back": {
        "de": "sucht umgekehrt Ihr Angebot: {wanted}", "en": "also seeks what you offer: {wanted}",
        "zh": "对方也寻求您提供的{wanted}",
    },
    "reason.both_smes": {"de": "beide KMU", "en": "both SMEs", "zh": "双方均为中小企业"},
    "reason.sme_and_large": {"de": "KMU und Großunternehmen", "en": "SME and large firm", "zh": "中小企业与大型企业"},
    "reason.city_strong": {
        "de": "{city} stark in {branche}, LQ {lq}", "en": "{city} strong in {branche}, LQ {lq}",
        "zh": "{city}在{branche}领域具有优势，区位商 {lq}",
    },
    "reason.city_projects": {
        "de": "{n} Projekt(e) zwischen den Städten", "en": "{n} project(s) between the cities",
        "zh": "两市之间已有 {n} 个项目",
    },
    "reason.words": {"de": "gemeinsame Begriffe: {words}", "en": "shared terms: {words}", "zh": "共同词语：{words}"},
    "reason.text": {
        "de": "Textähnlichkeit {similarity}", "en": "text similarity {similarity}", "zh": "文本相似度 {similarity}",
    },
    "reason.sample": {"de": "Beispieldatensatz", "en": "sample record", "zh": "示例记录"},
    # Partner cities (alliance/sectors.py): about a partner city of the focus city.
    "reason.similarity": {
        "de": "Profilähnlichkeit {cosine}", "en": "profile similarity {cosine}", "zh": "结构相似度 {cosine}",
    },
    "reason.no_profile": {
        "de": "keine Daten auf dieser Basis (Ähnlichkeit 0)", "en": "no data on this basis (similarity 0)",
        "zh": "该基础上无数据（相似度为 0）",
    },
    "reason.ties": {
        "de": "{n} belegte(s) Projekt(e): {projects}", "en": "{n} documented project(s): {projects}",
        "zh": "已有 {n} 个有据项目：{projects}",
    },
    "reason.shared": {
        "de": "gemeinsame Stärken: {sectors}", "en": "shared strengths: {sectors}", "zh": "共同优势：{sectors}",
    },
    "reason.strong_in_wishes": {
        "de": "stark in Ihren Wünschen: {sectors}", "en": "strong in what you seek: {sectors}",
        "zh": "在您寻求的领域具有优势：{sectors}",
    },
    "reason.seeks_strengths": {
        "de": "sucht Ihre Stärken: {sectors}", "en": "seeks your strengths: {sectors}",
        "zh": "寻求您的优势领域：{sectors}",
    },
    # How lists, reasons, quoted data and sample names are joined and marked.
    "sep.list": {"de": ", ", "en": ", ", "zh": "、"},
    "sep.reasons": {"de": "; ", "en": "; ", "zh": "；"},
    "sep.more": {"de": " …", "en": " …", "zh": "……"},
    "text.quote": {"de": "„{text}“", "en": "“{text}”", "zh": "“{text}”"},
    "name.sample_flag": {"de": " (Beispiel)", "en": " (sample)", "zh": "（示例）"},
    # The committee briefing (alliance/briefing/): what the deck and the handout say.
    "briefing.subtitle": {
        "de": "{date} · Chinesisch-Deutsche Industriestädteallianz – Sachstand für {city}",
        "en": "{date} · Chinese-German Industrial Cities Alliance – briefing for {city}",
        "zh": "{date} · 中德工业城市联盟——{city}情况通报",
    },
    "briefing.title.alliance": {
        "de": "Die Allianz auf einen Blick", "en": "The alliance at a glance", "zh": "联盟概览",
    },
    "briefing.title.status": {
        "de": "Mitgliedschaft von {city}", "en": "Membership of {city}", "zh": "{city}的成员资格",
    },
    "briefing.title.map": {
        "de": "Mitgliedsstädte und Partner von {city}", "en": "Member cities and the partners of {city}",
        "zh": "成员城市及{city}的伙伴城市",
    },
    "briefing.title.sectors": {
        "de": "Branchen: Überschneidungen und Ergänzungen", "en": "Sectors: overlaps and complements",
        "zh": "行业：重叠与互补",
    },
    "briefing.title.matches": {
        "de": "Kooperationsvorschläge für KMU aus {city}", "en": "Cooperation suggestions for SMEs from {city}",
        "zh": "{city}中小企业合作建议",
    },
    "briefing.title.projects": {
        "de": "Bilaterale Projekte in Zahlen", "en": "Bilateral projects in numbers", "zh": "双边项目数据",
    },
    "briefing.title.sources": {
        "de": "Datenquellen und Datenstand", "en": "Data sources and status", "zh": "数据来源与数据状态",
    },
    "briefing.members": {
        "de": "{cn} chinesische und {de} deutsche Mitgliedsstädte (Stand {date})",
        "en": "{cn} Chinese and {de} German member cities (as of {date})",
        "zh": "中方成员城市 {cn} 个，德方成员城市 {de} 个（截至 {date}）",
    },
    "briefing.founded": {
        "de": "Gegründet am {date} auf der Hannover Messe (11 chinesische, 7 bzw. 8 deutsche Städte)",
        "en": "Founded on {date} at Hannover Messe (11 Chinese, 7 or 8 German cities)",
        "zh": "{date}在汉诺威工业博览会上成立（11 个中国城市，7 或 8 个德国城市）",
    },
    "briefing.free": {
        "de": "Die Mitgliedschaft ist kostenlos; Veranstaltungen trägt die gastgebende Stadt",
        "en": "Membership is free of charge; events are paid for by the hosting city",
        "zh": "成员资格免费；活动费用由主办城市承担",
    },
    "briefing.procedure": {
        "de": "Aufnahme: Antrag an die Geschäftsführung → Rundschreiben an alle Mitglieder → Aufnahme mit "
              "Zustimmung der Mitgliedsstädte",
        "en": "Admission: application to the management → circular to all members → admission with the "
              "members' consent",
        "zh": "入盟程序：向管理层提出申请 → 秘书处向全体成员发出通函 → 经成员城市同意后接纳",
    },
    "briefing.is_member": {
        "de": "{city} ist Mitglied seit {since}.", "en": "{city} has been a member since {since}.",
        "zh": "{city}自 {since} 起为成员。",
    },
    "briefing.not_member": {
        "de": "{city} ist derzeit kein Mitglied (Status: {status}).",
        "en": "{city} is currently not a member (status: {status}).", "zh": "{city}目前不是成员（状态：{status}）。",
    },
    "briefing.next_step": {
        "de": "Nächster Verfahrensschritt: {step}", "en": "Next procedural step: {step}", "zh": "下一步程序：{step}",
    },
    "briefing.no_procedure": {
        "de": "Kein offenes Verfahren; nächster Schritt: Mitwirkung in den Plenarversammlungen und Nutzung der "
              "Unternehmensdatenbank.",
        "en": "No open procedure; next: take part in the plenaries and use the company database.",
        "zh": "无进行中的程序；下一步：参加全体大会并使用企业数据库。",
    },
    "briefing.col.shared": {"de": "Gemeinsame Stärken", "en": "Shared strengths", "zh": "共同优势"},
    "briefing.col.complements": {"de": "Ergänzungen", "en": "Complements", "zh": "互补领域"},
    "briefing.col.company_from": {"de": "Unternehmen aus {city}", "en": "Company from {city}", "zh": "{city}企业"},
    "briefing.col.partner_company": {"de": "Partner", "en": "Partner", "zh": "合作伙伴"},
    "briefing.projects_line": {
        "de": "{n} Projekte, davon {real} belegt und {sample} Beispielprojekte",
        "en": "{n} projects, {real} documented and {sample} sample projects",
        "zh": "共 {n} 个项目，其中 {real} 个有据可查，{sample} 个为示例项目",
    },
    "briefing.volume_line": {
        "de": "Volumen der belegten Projekte: {real_volume} Mio. EUR (mit Beispielprojekten {volume})",
        "en": "Volume of the documented projects: EUR {real_volume} m (with sample projects {volume})",
        "zh": "有据可查项目金额：{real_volume} 百万欧元（含示例项目 {volume}）",
    },
    "briefing.projects_documented": {
        "de": "{n} belegte Projekte (ohne Beispieldaten)", "en": "{n} documented projects (no sample data)",
        "zh": "共 {n} 个有据可查的项目（不含示例数据）",
    },
    "briefing.volume_documented": {
        "de": "Volumen: {volume} Mio. EUR", "en": "Volume: EUR {volume} m", "zh": "项目金额：{volume} 百万欧元",
    },
    "briefing.by_status": {"de": "Nach Status: {statuses}", "en": "By status: {statuses}", "zh": "按状态：{statuses}"},
    "briefing.documented": {"de": "belegt", "en": "documented", "zh": "有据可查"},
    "briefing.sample": {"de": "Beispiel", "en": "sample", "zh": "示例"},
    "briefing.source_records": {
        "de": "Städte, Mitgliedschaften, reale Unternehmen und Projekte: öffentliche Quellen, je Datensatz angegeben",
        "en": "Cities, memberships, real companies and projects: public sources, named per record",
        "zh": "城市、成员资格、真实企业和项目：公开来源，逐条注明",
    },
    "briefing.source_sectors": {
        "de": "Branchen: NACE Rev. 2 (Eurostat/Destatis), GB/T 4754-2017 mit abgeleiteter Zuordnung",
        "en": "Sectors: NACE Rev. 2 (Eurostat/Destatis), GB/T 4754-2017 with a derived crosswalk",
        "zh": "行业：NACE Rev. 2（欧盟统计局/德国联邦统计局），GB/T 4754-2017 及推导的对照关系",
    },
    "briefing.source_load": {
        "de": "Letzter Datenimport: {when}", "en": "Last data load: {when}", "zh": "最近一次数据导入：{when}",
    },
    "briefing.sample_note": {
        "de": "Hinweis: Beispieldaten (fiktiv, gekennzeichnet) fließen ein in: {tables}.",
        "en": "Note: sample data (fictitious, flagged) enter: {tables}.",
        "zh": "注意：示例数据（虚构，已标注）用于：{tables}。",
    },
    "briefing.no_samples": {
        "de": "Alle gezeigten Zahlen beruhen auf belegten Datensätzen.",
        "en": "All figures shown rest on documented records.", "zh": "所示数据均基于有据可查的记录。",
    },
    "briefing.sample_table.companies": {
        "de": "Unternehmenszahlen und Kooperationsvorschläge", "en": "company figures and cooperation suggestions",
        "zh": "企业数据和合作建议",
    },
    "briefing.sample_table.projects": {"de": "Projektzahlen", "en": "project figures", "zh": "项目数据"},
    "briefing.sample_table.memberships": {
        "de": "das Beispiel-Aufnahmeverfahren", "en": "the sample admission procedure", "zh": "示例入盟程序",
    },
    "briefing.chart.members": {"de": "Mitglieder", "en": "Members", "zh": "成员数量"},
    "briefing.chart.share": {"de": "Anteil der Beschäftigten", "en": "Share of employees", "zh": "员工占比"},
    "briefing.chart.projects": {
        "de": "Projekte je Startjahr", "en": "Projects by start year", "zh": "按开始年份划分的项目",
    },
    "briefing.legend.members": {"de": "Mitglieder", "en": "Members", "zh": "成员城市"},
    "briefing.legend.partners": {"de": "Partner", "en": "Partners", "zh": "伙伴城市"},
    "briefing.notes.members": {
        "de": "{n} Mitglieder: China {cn}, Deutschland {de}", "en": "{n} members: China {cn}, Germany {de}",
        "zh": "成员 {n} 个：中国 {cn} 个，德国 {de} 个",
    },
    "briefing.notes.partner": {"de": "{city}: {cosine}", "en": "{city}: {cosine}", "zh": "{city}：{cosine}"},
    "briefing.notes.match": {
        "de": "{company} → {partner} ({score})", "en": "{company} → {partner} ({score})",
        "zh": "{company} → {partner}（{score}）",
    },
}


def _with_topic_texts(catalogue: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The catalogue above plus the topic modules of ``alliance.texts``; a key may be defined once only."""
    from alliance.texts import topic_texts

    extra = topic_texts()
    twice = catalogue.keys() & extra.keys()
    if twice:
        raise ValueError(f"UI text keys defined twice (i18n and alliance.texts): {sorted(twice)}")
    return {**catalogue, **extra}


CATALOGUE = _with_topic_texts(CATALOGUE)


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


# Language-neutral results in words. The domain (alliance/) returns ids, codes, numbers and reasons as
# (token, args) pairs; the functions below are the one place that turns them into German, English or Chinese.

Args = Mapping[str, Any]
Reason = tuple[str, Args]


class Phrase(NamedTuple):
    """A catalogue key with its arguments (ids, codes, numbers, nested phrases): text not yet in a language."""

    key: str
    args: Args = {}


@dataclass(frozen=True)
class Names:
    """Names of the ids that results carry, in every language: ``sectors`` maps Branche ids and NACE codes
    (any level) and ``cities`` maps city ids to {"de": ..., "en": ..., "zh": ...}."""

    sectors: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    cities: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)

    def sector(self, code: str, lang: str) -> str:
        """The sector's name in ``lang``; without one the English (German UI: German, then English) name;
        the code itself when the code is unknown."""
        entry = self.sectors.get(code) or {}
        return entry.get(lang) or entry.get("en") or entry.get("de") or str(code)

    def city(self, city_id: str, lang: str) -> str:
        """The city's name in ``lang`` (Chinese: name_zh), falling back to the German name, then the id."""
        entry = self.cities.get(city_id) or {}
        return entry.get(lang) or entry.get("de") or str(city_id)


NO_NAMES = Names()

# How an argument is shown, by its name (arguments not listed: numbers with the locale's separators,
# lists joined, nested phrases rendered, text as it is).
ARGUMENT_KINDS: dict[str, str] = {
    "wanted": "sector_code", "offered": "code", "branche": "sector", "sectors": "sectors", "city": "city",
    "lq": "decimal1", "cosine": "decimal2", "similarity": "percent", "words": "words", "n": "integer",
    "score": "integer", "volume": "decimal1", "real_volume": "decimal1", "date": "date", "since": "date",
    "when": "datetime", "status": "status", "statuses": "project_statuses", "tables": "sample_tables",
    "company": "company", "partner": "company", "projects": "words",
    "why": "reasons", "share": "percent", "applicant": "city", "gaps": "phrases", "events": "phrases",
}


def value_text(kind: str, value: Any, lang: str = DEFAULT_LANGUAGE, names: Names = NO_NAMES) -> str:
    """One value as ``lang`` writes it, by ``kind``:

    - ``sector``/``city``: the name of the id; ``sector_code``: "name (code)"; ``code``: the code;
      ``sectors``: names joined ("–" for none);
    - ``integer``/``decimal1``/``decimal2``: 1.234,5 in German; ``percent``: a share 0..1 as "34 %" (de) / "34%";
    - ``date``/``datetime``: format_date; ``status``: a membership status; ``project_statuses``: (status, n) pairs;
    - ``sample_tables``: table names whose samples enter the figures; ``words``: quoted data words;
    - ``company``: (name, name_zh, is_sample), Chinese name in Chinese, marked when a sample;
    - ``reasons``: a list of (token, args), see explain(); ``phrases``: phrases joined like reasons;
      ``text``: as it is.
    """
    if isinstance(value, Phrase):
        return render(value, lang, names)
    if kind == "sector":
        return names.sector(value, lang)
    if kind == "sector_code":
        name = names.sector(value, lang)
        return name if name == str(value) else f"{name} ({value})"
    if kind == "sectors":
        return t("sep.list", lang).join(names.sector(c, lang) for c in value) or "–"
    if kind == "city":
        return names.city(value, lang)
    if kind == "integer":
        return format_number(value, lang, 0)
    if kind in ("decimal1", "decimal2"):
        return format_number(value, lang, int(kind[-1]))
    if kind == "percent":
        return format_number(100 * value, lang, 0) + (" %" if lang == "de" else "%")
    if kind in ("date", "datetime"):
        return format_date(value, lang, with_time=kind == "datetime")
    if kind == "status":
        return t(f"status.{value}", lang)
    if kind == "project_statuses":
        return t("sep.list", lang).join(f"{t(f'pstatus.{s}', lang)}: {format_number(n, lang)}" for s, n in value)
    if kind == "sample_tables":
        return t("sep.reasons", lang).join(t(f"briefing.sample_table.{table}", lang) for table in value)
    if kind == "words":
        return t("sep.list", lang).join(t("text.quote", lang, text=word) for word in value)
    if kind == "company":
        name, name_zh, is_sample = value
        shown = name_zh if lang == "zh" and isinstance(name_zh, str) and name_zh else name
        return shown + (t("name.sample_flag", lang) if is_sample else "")
    if kind == "reasons":
        return explain(value, lang, names)
    if kind == "phrases":
        return t("sep.reasons", lang).join(_plain(v, lang, names) for v in value)
    return _plain(value, lang, names)


def _plain(value: Any, lang: str, names: Names) -> str:
    if isinstance(value, Phrase):
        return render(value, lang, names)
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | np.integer):
        return format_number(value, lang, 0)
    if isinstance(value, float | np.floating):
        return format_number(value, lang, 1)
    if isinstance(value, list | tuple | np.ndarray):
        return t("sep.list", lang).join(_plain(v, lang, names) for v in value)
    return str(value)


def phrase(key: str, args: Args | None = None, lang: str = DEFAULT_LANGUAGE, names: Names = NO_NAMES) -> str:
    """The catalogue text ``key`` in ``lang`` with ``args`` shown by ARGUMENT_KINDS (ids become names)."""
    values = {name: value_text(ARGUMENT_KINDS.get(name, ""), value, lang, names)
              for name, value in (args or {}).items()}
    return t(key, lang, **values)


def render(text: Phrase, lang: str = DEFAULT_LANGUAGE, names: Names = NO_NAMES) -> str:
    """A Phrase in ``lang``."""
    return phrase(text.key, text.args, lang, names)


def reason_text(token: str, args: Args | None = None, lang: str = DEFAULT_LANGUAGE, names: Names = NO_NAMES) -> str:
    """One reason, e.g. ``reason_text("city_strong", {"city": "foshan", "branche": "machinery", "lq": 2.1},
    "de", names)`` -> "Foshan stark in Maschinenbau, LQ 2,1" (catalogue key ``reason.<token>``)."""
    return phrase(f"reason.{token}", args, lang, names)


def explain(reasons: Iterable[Reason], lang: str = DEFAULT_LANGUAGE, names: Names = NO_NAMES,
            limit: int | None = None) -> str:
    """Reasons joined into one line ("beide KMU; 1 Projekt(e) zwischen den Städten"). With ``limit``, whole
    reasons up to that display width (see display_width), then " …" (never a reason cut in the middle,
    always the first)."""
    parts = [reason_text(token, args, lang, names) for token, args in (reasons if reasons is not None else [])]
    separator = t("sep.reasons", lang)
    text = separator.join(parts)
    if limit is None or display_width(text) <= limit:
        return text
    kept = parts[:1]
    for part in parts[1:]:
        if display_width(separator.join([*kept, part])) > limit:
            break
        kept.append(part)
    return separator.join(kept) + t("sep.more", lang)


def display_width(text: str) -> int:
    """Columns ``text`` takes: a wide character (Chinese, full-width punctuation) counts 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def localised(frame: pd.DataFrame, prefix: str, lang: str) -> pd.Series:
    """The name column ``<prefix>_<lang>`` of ``frame`` (city_zh, sector_en, ...), empty cells filled from
    ``<prefix>_de`` (Chinese names fall back to the German one, as city names do)."""
    column = frame[f"{prefix}_{lang}"] if f"{prefix}_{lang}" in frame else frame[f"{prefix}_de"]
    return column.where(column.notna() & (column.astype(str) != ""), frame[f"{prefix}_de"])


def country_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """CN -> "China" / "中国"; a code without a catalogue entry stays a code."""
    return t(f"country.{code}", lang) if f"country.{code}" in CATALOGUE else code
