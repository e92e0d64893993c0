"""Every validation rule of the import contract, each with a small bad file."""

import contextlib
import io
from pathlib import Path

import pytest

from etl.__main__ import main
from etl.build import check
from tests.factory import valid_tables, write_csv, write_source


def cli_check(source: Path) -> tuple[int, list[str]]:
    """`python -m etl check --source DIR` in-process: its exit code and its message lines."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", "--source", str(source)])
    lines = [line for line in stderr.getvalue().splitlines() if line.startswith(("ERROR", "WARNING"))]
    return code, lines


def run(tmp_path: Path, tables: dict) -> list[str]:
    """All message lines; asserts the exit code that goes with them (1 with errors, else 0)."""
    code, lines = cli_check(write_source(tmp_path / "src", tables))
    assert code == (1 if any(line.startswith("ERROR") for line in lines) else 0)
    return lines


def errors(tmp_path: Path, tables: dict) -> list[str]:
    return [line for line in run(tmp_path, tables) if line.startswith("ERROR")]


def test_valid_source_has_no_errors(tmp_path):
    assert errors(tmp_path, valid_tables()) == []


def test_missing_required_column_names_row_1(tmp_path):
    tables = valid_tables()
    index = tables["cities"]["header"].index("region")
    tables["cities"]["header"].pop(index)
    for row in tables["cities"]["rows"]:
        row.pop(index)
    assert errors(tmp_path, tables) == ["ERROR: cities.csv, row 1, column region: required column is missing "
                                        "from the header"]


def test_required_value_empty(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"][1][1] = "  "
    assert errors(tmp_path, tables) == ["ERROR: companies.csv, row 3, column name: required value is empty"]


def test_header_matching_ignores_case_and_blanks(tmp_path):
    tables = valid_tables()
    tables["cities"]["header"] = [f"  {h.upper()} " for h in tables["cities"]["header"]]
    assert errors(tmp_path, tables) == []


def test_duplicate_column_is_an_error(tmp_path):
    tables = valid_tables()
    tables["quality_notes"]["header"][2] = "Note"
    lines = errors(tmp_path, tables)
    assert lines == ["ERROR: quality_notes.csv, row 1, column note: column appears twice (columns 3 and 4); each "
                     "column must appear once"]


def test_unknown_column_is_a_warning_not_dropped_silently(tmp_path):
    tables = valid_tables()
    tables["cities"]["header"].append("mayor")
    for row in tables["cities"]["rows"]:
        row.append("someone")
    lines = run(tmp_path, tables)
    assert "WARNING: cities.csv, row 1, column mayor: unknown column, not part of the cities contract; kept in the " \
           "file but not loaded" in lines
    assert not [line for line in lines if line.startswith("ERROR")]


@pytest.mark.parametrize(
    ("table", "row", "col", "value", "expected"),
    [
        ("cities", 0, "lat", "abc", "'abc' is not a number"),
        ("cities", 0, "population", "1.5", "'1.5' is not a whole number"),
        ("companies", 0, "employees", "viele", "'viele' is not a whole number"),
        ("companies", 0, "founded", "im Jahr 90", "'im Jahr 90' is not a year"),
        ("companies", 0, "employees_year", "Stand 2024", "'Stand 2024' is not a year"),
        ("companies", 0, "employees_scope", "Konzern", "'Konzern' is not allowed; expected one of group, company"),
        ("companies", 0, "is_sample", "vielleicht", "'vielleicht' is not true or false"),
        ("projects", 0, "start_date", "2021/03/01", "'2021/03/01' is not a date as YYYY-MM-DD or DD.MM.YYYY"),
        ("projects", 0, "direction", "CN->DE", "'CN->DE' is not allowed; expected one of CN_TO_DE, DE_TO_CN, MUTUAL"),
        ("projects", 0, "status", "done", "'done' is not allowed; expected one of idea, negotiation"),
        ("memberships", 0, "event", "joined", "'joined' is not allowed; expected one of founded"),
        ("cities", 0, "country", "CHN", "'CHN' is not an ISO 3166-1 alpha-2 country code"),
        ("companies", 0, "sector", "29.99", "unknown NACE Rev. 2 code '29.99'"),
        ("companies", 1, "sector_gbt", "9999", "unknown GB/T 4754-2017 code '9999'"),
        ("companies", 0, "seek_sectors", "46;4x", "unknown NACE Rev. 2 code '4x'"),
        ("cities", 0, "strengths", "27;C", "unknown NACE Rev. 2 code 'C'"),
        ("companies", 0, "city_id", "atlantis", "'atlantis' is not a city_id of table cities"),
        ("projects", 0, "company_ids", "c1;c9", "'c9' is not a company_id of table companies"),
        ("memberships", 3, "actor_city_id", "paris", "'paris' is not a city_id of table cities"),
        ("companies", 0, "employees", "-3", "'-3' is negative"),
        ("cities", 0, "lat", "123", "'123' is not a latitude"),
        ("cities", 0, "lon", "-200", "'-200' is not a longitude"),
        ("projects", 0, "end_date", "2020-01-01", "end date '2020-01-01' lies before the start date"),
        ("projects", 0, "volume_eur_m", "-1", "'-1' is negative"),
    ],
)
def test_bad_value_names_file_row_column(tmp_path, table, row, col, value, expected):
    tables = valid_tables()
    tables[table]["rows"][row][tables[table]["header"].index(col)] = value
    lines = errors(tmp_path, tables)
    prefix = f"ERROR: {table}.csv, row {row + 2}, column {col}: "
    assert [line for line in lines if line.startswith(prefix) and expected in line], lines
    assert len(lines) == 1, lines


def test_gbt_code_in_nace_column_gets_a_hint(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"][0][4] = "3670"
    (line,) = errors(tmp_path, tables)
    assert "put it in column sector_gbt" in line


def test_decimal_comma_in_a_code_gets_a_hint(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"][0][4] = "28,41"
    (line,) = errors(tmp_path, tables)
    assert line.endswith("(codes take a point: 28.41; save the column as text)")


def test_company_without_any_sector(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"][0][4] = ""
    assert errors(tmp_path, tables) == ["ERROR: companies.csv, row 2, column sector: no sector: fill sector or "
                                        "sector_gbt"]


def test_project_cities_must_be_in_their_country(tmp_path):
    tables = valid_tables()
    tables["projects"]["rows"][0][2] = "koeln"  # cn_city_id
    (line,) = errors(tmp_path, tables)
    assert line.startswith("ERROR: projects.csv, row 2, column cn_city_id: city koeln (DE) is not in CN")


def test_duplicate_id_in_two_files_names_both(tmp_path):
    source = write_source(tmp_path / "src")
    header = valid_tables()["companies"]["header"]
    row = valid_tables()["companies"]["rows"][1]
    write_csv(source / "companies_foshan.csv", header, [["c9", *row[1:]], row])
    lines = [m.line() for m in check(source).errors]
    assert lines == ["ERROR: companies_foshan.csv, row 3, column company_id: duplicate company_id 'c2': already in "
                     "companies.csv, row 3; ids must be unique"]


def test_all_errors_reported_in_one_run(tmp_path):
    tables = valid_tables()
    tables["cities"]["rows"][0][6] = "x"
    tables["companies"]["rows"][1][6] = "y"
    tables["projects"]["rows"][0][5] = "z"
    assert len(errors(tmp_path, tables)) == 3


def test_many_bad_rows_are_capped_with_a_count(tmp_path):
    tables = valid_tables()
    template = tables["companies"]["rows"][0]
    tables["companies"]["rows"] = [[f"x{i}", *template[1:6], "many", *template[7:]] for i in range(50)]
    tables["projects"]["rows"] = []
    lines = errors(tmp_path, tables)
    assert len(lines) == 21
    assert lines[-1] == "ERROR: companies.csv, column employees: ... and 30 more rows with the same problem in " \
                        "this column"


def test_cities_must_have_a_row(tmp_path):
    tables = {"cities": {"header": valid_tables()["cities"]["header"], "rows": []}}
    assert "ERROR: cities.csv: table cities has no rows; at least one city is required" in errors(tmp_path, tables)


def test_no_cities_file_is_an_error(tmp_path):
    tables = valid_tables()
    del tables["cities"]
    tables = {"memberships": {"header": tables["memberships"]["header"], "rows": []}}
    assert "ERROR: src: no file for table cities" in errors(tmp_path, tables)[0]


def test_other_tables_may_be_empty_or_absent(tmp_path):
    tables = {"cities": valid_tables()["cities"]}
    assert errors(tmp_path, tables) == []


def test_swapped_coordinates_are_a_warning(tmp_path):
    tables = valid_tables()
    tables["cities"]["rows"][1][6:8] = ["8.2801", "49.9819"]
    lines = run(tmp_path, tables)
    assert "WARNING: cities.csv, row 3, column lat: coordinates 8.2801, 49.9819 (DE) lie outside the country's " \
           "territory (swapped lat/lon?)" in lines
    assert not [line for line in lines if line.startswith("ERROR")]


def test_file_matching_no_table_is_a_warning(tmp_path):
    source = write_source(tmp_path / "src")
    (source / "notes.txt").write_text("hello", encoding="utf-8")
    result = check(source)
    assert result.ok
    assert [m.line() for m in result.warnings if m.file == "notes.txt"] == [
        "WARNING: notes.txt: file name matches no table (cities, companies, projects, memberships, "
        "city_sector_stats, quality_notes); file ignored"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["mainz", "consent", "2017-02-01", "koeln", "", "", "false"],
         "consent or objection from a city that was not a member on that date"),
        (["koeln", "withdrawn", "2018-01-01", "", "", "", "false"], "withdrawal of a city that was not a member"),
        (["koeln", "admitted", "2018-01-01", "", "", "", "false"],
         "admission without a documented circular to the members before it"),
    ],
)
def test_procedure_breaks_are_warnings_and_kept(tmp_path, row, expected):
    tables = valid_tables()
    tables["memberships"]["rows"].append(row)
    result = check(write_source(tmp_path / "src", tables))
    assert result.ok
    assert [m.line() for m in result.warnings] == [f"WARNING: memberships.csv, row 7, column event: {expected}"]
    assert result.row_counts["memberships"] == 6


def test_quality_note_about_unknown_city_is_a_warning(tmp_path):
    tables = valid_tables()
    tables["quality_notes"]["rows"].append(["cities", "atlantis", "", "gibt es nicht", ""])
    lines = run(tmp_path, tables)
    assert "WARNING: quality_notes.csv, row 3, column subject_id: 'atlantis' is not a city_id of table cities" in lines


def test_hostile_text_is_data(tmp_path):
    tables = valid_tables()
    tables["companies"]["rows"][0][1] = "=HYPERLINK(\"http://x\");DROP TABLE cities;--<script>alert(1)</script>"
    assert errors(tmp_path, tables) == []


STATS_HEADER = ["city_id", "code_system", "code", "measure", "value", "year", "scope", "source"]


def with_stats(rows: list[list[str]]) -> dict:
    tables = valid_tables()
    tables["city_sector_stats"] = {"header": list(STATS_HEADER), "rows": rows}
    return tables


def stat(city: str, system: str, code: str, value: str = "10", measure: str = "employees", year: str = "2020",
         scope: str = "SvB am Arbeitsort, 30.06.") -> list[str]:
    return [city, system, code, measure, value, year, scope, "https://example.org/stat"]


def test_official_structure_codes_are_read_by_their_system(tmp_path):
    good = [stat("mainz", "NACE", c) for c in ("TOTAL", "C", "B-F", "B+D+E", "29")] + [
        stat("foshan", "GBT", c, measure="value_added") for c in ("TOTAL", "SECONDARY", "E", "39")]
    assert errors(tmp_path / "good", with_stats(good)) == []
    bad = [stat("mainz", "NACE", "PRIMARY"), stat("mainz", "NACE", "F-B"), stat("mainz", "NACE", "21.20"),
           stat("foshan", "GBT", "U"), stat("mainz", "NACE", "C", value="-5", year="2019")]
    assert errors(tmp_path / "bad", with_stats(bad)) == [
        "ERROR: city_sector_stats.csv, row 2, column code: 'PRIMARY' is not a NACE code here; expected TOTAL, a "
        "NACE Rev. 2 section letter (A-U), a range of sections (B-F), sections joined by + (B+D+E) or a two-digit "
        "division (e.g. 29)",
        "ERROR: city_sector_stats.csv, row 3, column code: 'F-B' is not a NACE code here; expected TOTAL, a NACE "
        "Rev. 2 section letter (A-U), a range of sections (B-F), sections joined by + (B+D+E) or a two-digit "
        "division (e.g. 29)",
        "ERROR: city_sector_stats.csv, row 4, column code: '21.20' is not a NACE code here; expected TOTAL, a NACE "
        "Rev. 2 section letter (A-U), a range of sections (B-F), sections joined by + (B+D+E) or a two-digit "
        "division (e.g. 29)",
        "ERROR: city_sector_stats.csv, row 5, column code: 'U' is not a GBT code here; expected TOTAL, "
        "PRIMARY/SECONDARY/TERTIARY (三次产业), a GB/T 4754-2017 section letter (A-T) or a two-digit division "
        "(e.g. 39)",
        "ERROR: city_sector_stats.csv, row 6, column value: '-5' is negative; expected 0 or more",
    ]


def test_official_structure_has_one_value_per_city_code_measure_year_and_scope(tmp_path):
    rows = [stat("mainz", "NACE", "C", "10"), stat("mainz", "NACE", "C", "12"),
            stat("mainz", "NACE", "C", "12", year="2021"), stat("mainz", "NACE", "C", "12", scope="Erwerbstätige")]
    assert errors(tmp_path, with_stats(rows)) == [
        "ERROR: city_sector_stats.csv, row 3, column code: a second value for the same city, code, measure, year "
        "and scope; the first is in city_sector_stats.csv, row 2"]


def test_official_structure_names_unknown_cities_and_measures(tmp_path):
    rows = [stat("atlantis", "NACE", "C"), stat("mainz", "NACE", "C", measure="jobs"),
            stat("mainz", "WZ", "C", year="2019")]
    found = errors(tmp_path, with_stats(rows))
    assert "ERROR: city_sector_stats.csv, row 2, column city_id: 'atlantis' is not a city_id of table cities" in found
    assert any(line.startswith("ERROR: city_sector_stats.csv, row 3, column measure: 'jobs' is not allowed")
               for line in found)
    assert any(line.startswith("ERROR: city_sector_stats.csv, row 4, column code_system: 'WZ' is not allowed")
               for line in found)
