"""Texts of the sector measures on the official structure."""

TEXTS: dict[str, dict[str, str]] = {
    "finding.not_published": {
        "de": "erklärt; amtlich nicht einzeln veröffentlicht",
        "en": "declared; not published separately in official statistics",
        "zh": "已申报；官方统计未单独公布",
    },
    "sectors.no_smes": {
        "de": "Für {city} sind keine KMU erfasst.",
        "en": "No SMEs of {city} are in the data.",
        "zh": "数据中没有{city}的中小企业。",
    },
    "sectors.no_chances": {
        "de": "Keine Stadt des anderen Landes ist in den Branchen der KMU aus {city} stark.",
        "en": "No city of the other country is strong in the sectors of {city}'s SMEs.",
        "zh": "另一国家没有城市在{city}中小企业所在的行业中具有优势。",
    },
    "sectors.samples_hidden": {
        "de": "{n} Beispiel-KMU sind ausgeblendet (nur belegte Daten).",
        "en": "{n} sample SMEs are hidden (documented data only).",
        "zh": "已隐藏 {n} 家示例中小企业（仅显示有据可查的数据）。",
    },
}
