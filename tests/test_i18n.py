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
