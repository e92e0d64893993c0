"""Sign-in, roles, local mode and refused writes."""

TEXTS: dict[str, dict[str, str]] = {
    "auth.local": {
        "de": "Lokaler Modus: ein Benutzer auf diesem Rechner, ohne Anmeldung (der Server hört nur auf 127.0.0.1).",
        "en": "Local mode: one user on this machine, no sign-in (the server listens on 127.0.0.1 only).",
        "zh": "本地模式：本机单一用户，无需登录（服务器仅监听 127.0.0.1）。",
    },
    "auth.local_remote": {
        "de": "Diese Installation hat keine Anmeldung und wird von einem anderen Rechner aus geöffnet: Sie sehen "
              "nur öffentliche Daten, Änderungen sind gesperrt.",
        "en": "This installation has no sign-in and is opened from another machine: you see public data only, "
              "changes are blocked.",
        "zh": "此安装未配置登录，且从其他计算机访问：仅显示公开数据，禁止修改。",
    },
    "auth.access_broken": {
        "de": "Die Zugriffsdatei ist fehlerhaft; bis sie korrigiert ist, hat niemand eine Rolle.",
        "en": "The access file is broken; until it is fixed, nobody has a role.",
        "zh": "访问文件有误；修复之前任何人都没有角色。",
    },
    "auth.anonymous": {
        "de": "Nicht angemeldet: öffentliche Daten.",
        "en": "Not signed in: public data.",
        "zh": "未登录：公开数据。",
    },
    "auth.sign_in": {"de": "Anmelden", "en": "Sign in", "zh": "登录"},
    "auth.sign_out": {"de": "Abmelden", "en": "Sign out", "zh": "退出登录"},
    "auth.signed_in": {
        "de": "Angemeldet: {email} ({role})",
        "en": "Signed in: {email} ({role})",
        "zh": "已登录：{email}（{role}）",
    },
    "role.anonymous": {"de": "nicht angemeldet", "en": "not signed in", "zh": "未登录"},
    "role.none": {"de": "ohne Rolle", "en": "no role", "zh": "无角色"},
    "role.viewer": {"de": "Lesen", "en": "viewer", "zh": "只读"},
    "role.editor": {"de": "Stadtredaktion", "en": "city editor", "zh": "城市编辑"},
    "role.secretariat": {"de": "Sekretariat", "en": "secretariat", "zh": "秘书处"},
    "role.local": {"de": "lokaler Benutzer", "en": "local user", "zh": "本地用户"},
    "auth.write_refused_remote": {
        "de": "Änderungen sind gesperrt: Diese Installation hat keine Anmeldung und wird über das Netz geöffnet. "
              "Richten Sie die Anmeldung ein (README, „Anmeldung und Rollen“) oder arbeiten Sie am Server selbst.",
        "en": "Changes are blocked: this installation has no sign-in and is opened over the network. Set up "
              "sign-in (README, \"Sign-in and roles\") or work on the server itself.",
        "zh": "禁止修改：此安装未配置登录且通过网络访问。请配置登录（README“登录与角色”）或在服务器本机操作。",
    },
    "auth.write_sign_in": {
        "de": "Zum Ändern bitte anmelden.",
        "en": "Please sign in to make changes.",
        "zh": "请登录后再修改。",
    },
    "auth.write_no_role": {
        "de": "Ihr Konto darf hier nichts ändern; das Sekretariat vergibt Rollen.",
        "en": "Your account may not change anything here; the secretariat assigns roles.",
        "zh": "您的账户无权修改；角色由秘书处分配。",
    },
    # The contract's new columns (etl/contract): confidential records, contacts, answers recorded online.
    "field.confidential": {"de": "Vertraulich", "en": "Confidential", "zh": "保密"},
    "field.contact_person": {"de": "Ansprechperson", "en": "Contact person", "zh": "联系人"},
    "field.contact_email": {"de": "E-Mail Ansprechperson", "en": "Contact e-mail", "zh": "联系人邮箱"},
    "field.contact_phone": {"de": "Telefon Ansprechperson", "en": "Contact phone", "zh": "联系人电话"},
    "field.recorded_by": {"de": "Erfasst von", "en": "Recorded by", "zh": "录入人"},
    "field.recorded_at": {"de": "Erfasst am", "en": "Recorded at", "zh": "录入时间"},
}
