"""The one catalogue of UI texts in German (default), English and Chinese, and locale formatting."""

from __future__ import annotations

from datetime import date, datetime

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
    "db.unreadable": {
        "de": "Die Datenbank kann nicht gelesen werden: {error}",
        "en": "The database cannot be read: {error}",
        "zh": "无法读取数据库：{error}",
    },
    "kpi.members": {"de": "Mitgliedsstädte", "en": "Member cities", "zh": "成员城市"},
    "kpi.cities": {"de": "Städte im Datenbestand", "en": "Cities in the data", "zh": "数据中的城市"},
    "kpi.companies": {"de": "Unternehmen", "en": "Companies", "zh": "企业"},
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
    "overview.sample_share": {
        "de": "Davon Beispieldatensätze (fiktiv): {n}",
        "en": "Of which sample records (fictitious): {n}",
        "zh": "其中示例记录（虚构）：{n}",
    },
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


def format_number(value: float | int, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """1.234,5 in German; 1,234.5 in English and Chinese."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_date(value: date | datetime, lang: str = DEFAULT_LANGUAGE, with_time: bool = False) -> str:
    """24.11.2026 in German, 2026-11-24 otherwise; optionally with hours and minutes."""
    pattern = "%d.%m.%Y" if lang == "de" else "%Y-%m-%d"
    if with_time and isinstance(value, datetime):
        pattern += " %H:%M"
    return value.strftime(pattern)
