"""The circular answered in the app, and what every write says."""

TEXTS: dict[str, dict[str, str]] = {
    "circular.title": {"de": "Rundschreiben beantworten", "en": "Answer the circular", "zh": "答复通函"},
    "circular.record_application": {"de": "Aufnahmeantrag erfassen", "en": "Record an application",
                                    "zh": "登记入盟申请"},
    "circular.send": {"de": "Rundschreiben versenden", "en": "Send the circular", "zh": "发送通函"},
    "circular.choose": {"de": "Stadt wählen", "en": "Choose a city", "zh": "选择城市"},
    "circular.application_done": {
        "de": "Antrag von {city} erfasst (Datenstand v{version}).",
        "en": "Application of {city} recorded (data version v{version}).",
        "zh": "已登记{city}的申请（数据版本 v{version}）。",
    },
    "circular.sent_done": {
        "de": "Rundschreiben zu {city} versendet (Datenstand v{version}).",
        "en": "Circular about {city} sent (data version v{version}).",
        "zh": "关于{city}的通函已发送（数据版本 v{version}）。",
    },
    "circular.answer_for": {"de": "Antwort erfassen für", "en": "Record the answer of", "zh": "代为录入答复的城市"},
    "circular.none_due": {
        "de": "Keine offenen Verfahren, die diese Stadt beantworten muss.",
        "en": "No open procedure this city has to answer.",
        "zh": "该城市没有需要答复的待决程序。",
    },
    "circular.question": {
        "de": "**{applicant}** möchte aufgenommen werden (Rundschreiben vom {date}). Antwort von **{member}**:",
        "en": "**{applicant}** applies for membership (circular of {date}). Answer of **{member}**:",
        "zh": "**{applicant}** 申请入盟（通函日期 {date}）。**{member}** 的答复：",
    },
    "circular.answered": {
        "de": "Bisherige Antwort: {answer}. Eine neue Antwort ersetzt sie.",
        "en": "Answer so far: {answer}. A new answer replaces it.",
        "zh": "目前的答复：{answer}。新的答复将取代它。",
    },
    "circular.answer": {"de": "Antwort", "en": "Answer", "zh": "答复"},
    "circular.note": {"de": "Anmerkung (optional)", "en": "Note (optional)", "zh": "备注（可选）"},
    "circular.record": {"de": "Antwort erfassen", "en": "Record the answer", "zh": "录入答复"},
    "circular.answer_done": {
        "de": "{answer} zu {applicant} erfasst (Datenstand v{version}); Zählung und Entscheidung sind aktualisiert.",
        "en": "{answer} on {applicant} recorded (data version v{version}); tally and decision are updated.",
        "zh": "已录入对{applicant}的{answer}（数据版本 v{version}）；计票与决定已更新。",
    },
    "circular.refused.not_asked": {
        "de": "Diese Stadt ist in keinem offenen Verfahren dieser Bewerberin gefragt, oder Sie dürfen nicht für "
              "sie antworten.",
        "en": "This city is not asked in an open procedure of this applicant, or you may not answer for it.",
        "zh": "该城市未被列入此申请城市的待决程序，或您无权代其答复。",
    },
    "circular.refused.unknown_answer": {"de": "Unbekannte Antwort.", "en": "Unknown answer.", "zh": "未知的答复。"},
    "circular.refused.note_too_long": {"de": "Die Anmerkung ist zu lang (höchstens 500 Zeichen).",
                                       "en": "The note is too long (at most 500 characters).",
                                       "zh": "备注过长（最多 500 个字符）。"},
    "circular.refused.cannot_apply": {"de": "Diese Stadt kann zurzeit keinen Antrag stellen.",
                                      "en": "This city cannot apply at the moment.", "zh": "该城市目前无法申请。"},
    "circular.refused.no_application": {"de": "Zu dieser Stadt liegt kein Antrag ohne Rundschreiben vor.",
                                        "en": "This city has no application awaiting a circular.",
                                        "zh": "该城市没有待发通函的申请。"},
    "write.building": {"de": "Neuer Datenstand wird geprüft und geladen …", "en": "Checking and loading the new "
                       "data version …", "zh": "正在校验并加载新数据版本……"},
    "write.failed": {"de": "Nicht gespeichert: {cause}", "en": "Not saved: {cause}", "zh": "未保存：{cause}"},
    "write.build_errors": {
        "de": "Datenstand v{version} hat Fehler und wurde nicht geladen; es gilt weiter der bisherige. Erster "
              "Fehler: {first}",
        "en": "Data version v{version} has errors and was not loaded; the previous one stays. First error: {first}",
        "zh": "数据版本 v{version} 有错误，未加载；继续使用原数据。第一个错误：{first}",
    },
}
