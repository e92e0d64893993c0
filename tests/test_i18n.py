from datetime import date, datetime

from alliance.i18n import CATALOGUE, LANGUAGES, format_date, format_number, format_year, t


def test_every_key_has_every_language():
    missing = [(key, lang) for key, texts in CATALOGUE.items() for lang in LANGUAGES if not texts.get(lang)]
    assert missing == []


def test_placeholders_agree_across_languages():
    import string

    for key, texts in CATALOGUE.items():
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in texts.items()}
        assert len({frozenset(v) for v in fields.values()}) == 1, key


def test_german_formats():
    assert format_number(1234.5, "de", 1) == "1.234,5"
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_date(date(2026, 11, 24), "de") == "24.11.2026"
    assert format_date(datetime(2026, 11, 24, 9, 5), "de", with_time=True) == "24.11.2026 09:05"
    assert format_year(2023.0) == "2023"  # a year never gets a thousands separator


def test_unknown_language_falls_back_to_german():
    assert t("kpi.companies", "fr") == "Unternehmen"


def test_missing_values_format_as_empty():
    import pandas as pd

    assert format_number(None, "de") == "" and format_number(pd.NA, "de") == "" and format_number(float("nan")) == ""
    assert format_date(pd.NaT, "de") == "" and format_date(None) == ""
    assert format_year(pd.NA) == "" and format_year(None) == ""


def test_reasons_and_phrases_render_ids_and_numbers_in_each_language():
    from alliance.i18n import Names, explain, phrase, reason_text

    names = Names(sectors={"machinery": {"de": "Maschinenbau", "en": "Machinery", "zh": "机械"},
                           "28.41": {"de": "Werkzeugmaschinen", "en": "Machine tools", "zh": "机床"}},
                  cities={"foshan": {"de": "Foshan", "en": "Foshan", "zh": "佛山市"}, "bonn": {"de": "Bonn"}})
    args = {"city": "foshan", "branche": "machinery", "lq": 2.14}
    assert reason_text("city_strong", args, "de", names) == "Foshan stark in Maschinenbau, LQ 2,1"
    assert reason_text("city_strong", args, "en", names) == "Foshan strong in Machinery, LQ 2.1"
    assert reason_text("city_strong", args, "zh", names) == "佛山市在机械领域具有优势，区位商 2.1"
    reasons = [("seeks", {"wanted": "28.41", "offered": "28.41"}), ("both_smes", {}), ("text", {"similarity": 0.34})]
    assert explain(reasons, "de", names) == (
        "sucht Werkzeugmaschinen (28.41); bietet 28.41; beide KMU; Textähnlichkeit 34 %")
    assert explain(reasons, "zh", names) == "您寻求机床 (28.41)；对方提供 28.41；双方均为中小企业；文本相似度 34%"
    assert explain([("shared", {"sectors": ["machinery", "28.41"]})], "zh", names) == "共同优势：机械、机床"
    assert explain([("words", {"words": ["Metall", "药品"]})], "de") == "gemeinsame Begriffe: „Metall“, „药品“"
    assert explain([], "de") == ""
    # a city without a Chinese name keeps its German one; an unknown id stays an id
    assert names.city("bonn", "zh") == "Bonn" and names.city("x", "en") == "x" and names.sector("99", "de") == "99"
    assert phrase("briefing.members", {"cn": 27, "de": 23, "date": date(2026, 12, 3)}, "zh") == (
        "中方成员城市 27 个，德方成员城市 23 个（截至 2026-12-03）")


def test_explain_keeps_whole_reasons_within_a_limit():
    from alliance.i18n import explain

    reasons = [("both_smes", {}), ("city_projects", {"n": 2}), ("sample", {})]
    full = explain(reasons, "de")
    assert full == "beide KMU; 2 Projekt(e) zwischen den Städten; Beispieldatensatz"
    assert explain(reasons, "de", limit=len(full)) == full
    assert explain(reasons, "de", limit=50) == "beide KMU; 2 Projekt(e) zwischen den Städten …"
    assert explain(reasons, "de", limit=3) == "beide KMU …"  # the first reason always
    # a Chinese character takes two columns: the same width holds fewer of them
    assert explain(reasons, "zh") == "双方均为中小企业；两市之间已有 2 个项目；示例记录"
    assert explain(reasons, "zh", limit=40) == "双方均为中小企业；两市之间已有 2 个项目……"


def test_value_kinds():
    from alliance.i18n import value_text

    assert value_text("company", ("Foshan Ceramics", "佛山陶瓷", True), "zh") == "佛山陶瓷（示例）"
    assert value_text("company", ("Foshan Ceramics", None, False), "zh") == "Foshan Ceramics"
    assert value_text("company", ("Foshan Ceramics", "佛山陶瓷", True), "de") == "Foshan Ceramics (Beispiel)"
    assert value_text("sectors", [], "en") == "–"
    assert value_text("project_statuses", [("agreed", 2), ("idea", 1)], "de") == "vereinbart: 2, Idee: 1"
    assert value_text("decimal2", 0.9487, "de") == "0,95" and value_text("integer", 1234.4, "de") == "1.234"


def test_names_of_countries_and_name_columns():
    import pandas as pd

    from alliance.i18n import country_name, localised

    assert [country_name(c, "zh") for c in ("CN", "DE")] == ["中国", "德国"]
    assert country_name("DE", "en") == "Germany" and country_name("FR", "de") == "FR"
    frame = pd.DataFrame({"city_de": ["Bonn", "Foshan"], "city_en": ["Bonn", "Foshan"], "city_zh": [None, "佛山市"]})
    assert localised(frame, "city", "zh").tolist() == ["Bonn", "佛山市"]
    assert localised(frame, "city", "en").tolist() == ["Bonn", "Foshan"]


def test_chinese_reasons_have_no_latin_words():
    import re

    for key, texts in CATALOGUE.items():
        if key.startswith("reason."):
            assert not re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", texts["zh"])), key
