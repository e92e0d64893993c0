"""SQL expressions that turn the delivered text into typed values, one per column kind.

Used twice with the same text: validation flags a value whose conversion yields NULL, loading
stores the conversion. Identifiers come from etl/contract.py only; values are never spliced into SQL.
The expressions expect a column ``_decimal_comma`` (true for semicolon-delimited files).
"""

from __future__ import annotations

from etl import contract as c


def _text(ident: str) -> str:
    return f"nullif(trim({ident}), '')"


def number_sql(ident: str) -> str:
    """A DOUBLE from text. In semicolon files: 1.234,5 -> 1234.5 and 1.083.498 -> 1083498."""
    v = _text(ident)
    german = (
        f"CASE WHEN contains({v}, ',') THEN TRY_CAST(replace(replace({v}, '.', ''), ',', '.') AS DOUBLE) "
        f"WHEN regexp_full_match({v}, '[-+]?\\d{{1,3}}(\\.\\d{{3}})+') THEN TRY_CAST(replace({v}, '.', '') AS DOUBLE) "
        f"ELSE TRY_CAST({v} AS DOUBLE) END"
    )
    parsed = f"(CASE WHEN _decimal_comma THEN {german} ELSE TRY_CAST({v} AS DOUBLE) END)"
    return f"(CASE WHEN isfinite({parsed}) THEN {parsed} END)"


def integer_sql(ident: str) -> str:
    n = number_sql(ident)
    return f"(CASE WHEN {n} = floor({n}) AND abs({n}) < 9e15 THEN CAST({n} AS BIGINT) END)"


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


def value_sql(column: c.Column) -> str:
    """The typed value of ``column`` (NULL where the text does not convert)."""
    ident = column.name
    if column.kind in (c.INT,):
        return integer_sql(ident)
    if column.kind == c.FLOAT:
        return number_sql(ident)
    if column.kind == c.DATE:
        return date_sql(ident)
    if column.kind == c.YEAR:
        return year_sql(ident)
    if column.kind == c.BOOL:
        return bool_sql(ident)
    if column.kind == c.COUNTRY:
        return f"upper({_text(ident)})"
    if column.kind in (c.ID, c.REF, c.ENUM, c.NACE, c.GBT):
        return _text(ident)
    if column.kind in (c.NACE_LIST, c.REF_LIST):
        return _text(ident)
    return ident  # TEXT: verbatim


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
