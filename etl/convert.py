"""SQL expressions that turn the delivered text into typed values, one per column kind.

Each file gets its own expressions (a semicolon file reads German numbers, a comma file does not),
evaluated once per row in the staging view ``src_<table>`` as column ``<name>__v``. Validation
flags a value whose conversion is NULL; loading stores the conversion. Identifiers come from
etl/contract.py only; values are never spliced into SQL.
"""

from __future__ import annotations

from etl import contract as c

INTEGER_TEXT = r"[-+]?\d+(\.0*)?"
GERMAN_THOUSANDS = r"[-+]?\d{1,3}(\.\d{3})+"  # 1.083.498
GERMAN_INTEGER = r"[-+]?\d+(,0*)?"


def _text(ident: str) -> str:
    return f"nullif(trim({ident}), '')"


def _finite(expr: str) -> str:
    return f"(CASE WHEN isfinite({expr}) THEN {expr} END)"


def number_sql(ident: str, decimal_comma: bool) -> str:
    """A DOUBLE. In semicolon files 1.234,5 -> 1234.5 and 1.083.498 -> 1083498; elsewhere 1234.5."""
    v = _text(ident)
    if not decimal_comma:
        return _finite(f"TRY_CAST({v} AS DOUBLE)")
    german = (
        f"(CASE WHEN contains({v}, ',') THEN TRY_CAST(replace(replace({v}, '.', ''), ',', '.') AS DOUBLE) "
        f"WHEN regexp_full_match({v}, '{GERMAN_THOUSANDS}') THEN TRY_CAST(replace({v}, '.', '') AS DOUBLE) "
        f"ELSE TRY_CAST({v} AS DOUBLE) END)"
    )
    return _finite(german)


def integer_sql(ident: str, decimal_comma: bool) -> str:
    """A BIGINT; a fractional value is not silently rounded but rejected (NULL)."""
    v = _text(ident)
    if not decimal_comma:
        return f"(CASE WHEN regexp_full_match({v}, '{INTEGER_TEXT}') THEN CAST(TRY_CAST({v} AS DOUBLE) AS BIGINT) END)"
    return (
        f"(CASE WHEN regexp_full_match({v}, '{GERMAN_THOUSANDS}') THEN TRY_CAST(replace({v}, '.', '') AS BIGINT) "
        f"WHEN regexp_full_match({v}, '{GERMAN_INTEGER}') THEN CAST(TRY_CAST(replace({v}, ',', '.') AS DOUBLE) "
        f"AS BIGINT) END)"
    )


def date_sql(ident: str) -> str:
    v = _text(ident)
    return (
        f"CAST(coalesce(TRY_STRPTIME({v}, '%Y-%m-%d'), TRY_STRPTIME({v}, '%d.%m.%Y'), "
        f"TRY_STRPTIME({v}, '%Y-%m-%dT%H:%M:%S')) AS DATE)"
    )


def year_sql(ident: str) -> str:
    v = _text(ident)
    year = f"(CASE WHEN regexp_full_match({v}, '\\d{{4}}') THEN CAST({v} AS INTEGER) ELSE year({date_sql(ident)}) END)"
    return f"(CASE WHEN {year} BETWEEN 1000 AND 2200 THEN {year} END)"


def bool_sql(ident: str) -> str:
    v = f"lower({_text(ident)})"
    return (
        f"(CASE WHEN {v} IS NULL THEN false "
        f"WHEN {v} IN ('true', '1', 'yes', 'y', 'ja', 'j', 'wahr', 'x', '是') THEN true "
        f"WHEN {v} IN ('false', '0', 'no', 'n', 'nein', 'falsch', '否') THEN false END)"
    )


def value_sql(column: c.Column, decimal_comma: bool = False) -> str:
    """The typed value of ``column`` in one file (NULL where the text does not convert)."""
    ident = f'"{column.name}"'
    if column.kind == c.INT:
        return integer_sql(ident, decimal_comma)
    if column.kind == c.FLOAT:
        return number_sql(ident, decimal_comma)
    if column.kind == c.DATE:
        return date_sql(ident)
    if column.kind == c.YEAR:
        return year_sql(ident)
    if column.kind == c.BOOL:
        return bool_sql(ident)
    if column.kind == c.COUNTRY:
        return f"upper({_text(ident)})"
    if column.kind == c.TEXT:
        return ident  # verbatim
    return _text(ident)  # ids, codes, enums and lists: surrounding blanks dropped


EXPECTED = {
    c.INT: "a whole number such as 1234 (in semicolon files also 1.234)",
    c.FLOAT: "a number such as 1234.5 (in semicolon files 1.234,5)",
    c.DATE: "a date as YYYY-MM-DD or DD.MM.YYYY",
    c.YEAR: "a year such as 2016",
    c.BOOL: "true or false (also 1/0, yes/no, ja/nein)",
    c.COUNTRY: "an ISO 3166-1 alpha-2 country code such as DE or CN",
    c.NACE: "a NACE Rev. 2 code: division 29, group 29.1 or class 29.10",
    c.GBT: "a GB/T 4754-2017 code: division 36, group 367 or class 3670",
    c.NACE_LIST: "NACE Rev. 2 codes separated by ';', such as 28;29.10",
}
