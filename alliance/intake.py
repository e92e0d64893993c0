"""A city's own data loaded through the browser: what an upload would change, checked as the build
will check it, and the one way it changes a source folder.

An upload is one table's rows of one city (``companies``, ``projects``, ``city_sector_stats`` or that
city's own row of ``cities``). It *replaces* that city's rows of the table:

- in a source folder it becomes ``<table>_<city_id><suffix>`` (an earlier upload of the same city and
  table, whatever its suffix, goes), and the city's rows are taken out of the table's other CSV files
  (the bundled ``companies.csv``, say), so a changed company keeps its id (``stage_change``);
- a row of another city is refused: a Mainz editor cannot add or change a Foshan row; a project is the
  city's when the city is one of its two partners (``refused_rows``);
- the preview builds the folder as it would be into a scratch database, exactly as applying it will
  (etl/build.py: the same messages, file, row and column), and compares the city's rows of the table
  with the served database: new, changed, removed and unchanged keys (``preview``).

Nothing here writes to the served database or the instance; alliance/instance.py keeps the versions.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from alliance.data import MAX_UPLOAD_BYTES, UPLOAD_SUFFIXES
from etl import contract as c
from etl import sources
from etl.build import build
from etl.limits import UPLOAD_LIMITS, Guard, LimitExceeded, Limits
from etl.messages import UsageError

log = logging.getLogger(__name__)

# The tables a city uploads, and the columns that say whose a row is (any of them: the city's).
CITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "cities": ("city_id",),
    "companies": ("city_id",),
    "projects": ("cn_city_id", "de_city_id"),
    "city_sector_stats": ("city_id",),
}
# What identifies a row when old and new are compared.
KEYS: dict[str, tuple[str, ...]] = {
    "cities": ("city_id",),
    "companies": ("company_id",),
    "projects": ("project_id",),
    "city_sector_stats": ("city_id", "code_system", "code", "measure", "year", "scope"),
}
EXAMPLES = 5  # keys shown per kind of change
MAX_REFUSED = 50  # refused rows listed


@dataclass
class Finding:
    """One message about the upload: level (error/warning), row, column and a text (from the ETL, in
    English, as the command line prints it) or a token for the catalogue (``intake.refused.*``)."""

    level: str
    row: int
    column: str
    text: str = ""
    token: str = ""
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Preview:
    city_id: str
    table: str | None
    target: str  # the file name in the source folder
    findings: list[Finding]
    counts: dict[str, int] = field(default_factory=dict)  # new, changed, removed, unchanged
    examples: dict[str, list[str]] = field(default_factory=dict)  # new, changed: keys from the upload

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def ok(self) -> bool:
        """No error and no refused row: the upload may be submitted."""
        return not self.errors

    def summary(self) -> dict:
        """What a submission keeps of its preview (JSON)."""
        return {"table": self.table, "target": self.target, "counts": self.counts, "examples": self.examples,
                "warnings": sum(f.level == "warning" for f in self.findings)}


def target_name(table: str, city_id: str, original: str) -> str:
    """``companies_mainz.xlsx`` for a Mainz companies upload, whatever the file was called."""
    suffix = Path(original.replace("\\", "/")).suffix.lower()
    return f"{table}_{re.sub(r'[^a-z0-9_-]+', '_', city_id.lower())}{suffix}"


def _first_checks(table: str, name: str, content: bytes) -> list[Finding]:
    if len(content) > MAX_UPLOAD_BYTES:
        return [Finding("error", 0, "", token="too_large", values={"mb": str(MAX_UPLOAD_BYTES // 2**20)})]
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return [Finding("error", 0, "", token="file_type")]
    if not content:
        return [Finding("error", 0, "", token="empty")]
    if table not in CITY_COLUMNS:
        return [Finding("error", 0, "", token="not_uploadable", values={"table": table})]
    return []


def refused_rows(path: Path, table: str, city_id: str, limits: Limits | None = UPLOAD_LIMITS) -> list[Finding]:
    """The rows of ``path`` that are not ``city_id``'s (see the module docstring), one finding each
    (at most MAX_REFUSED, then one that counts the rest). Read as the ETL reads (spreadsheet rows)."""
    con = duckdb.connect(":memory:")
    try:
        file = sources.SourceFile(path=path, table=c.TABLES_BY_NAME[table])
        messages = sources.read_all(con, [file], Guard(limits))
        if any(m.level == "error" for m in messages) or not file.staging:
            return []  # the build's messages say what is wrong with the file
        owners = [name for name in CITY_COLUMNS[table] if name in file.columns]
        if not owners:
            return []  # a missing required column is the build's error
        cells = ", ".join(f"trim(coalesce({sources.quote_ident(file.columns[o])}, ''))" for o in owners)
        mine = " OR ".join(f"lower(trim(coalesce({sources.quote_ident(file.columns[o])}, ''))) = $city"
                           for o in owners)
        rows = con.execute(
            f"SELECT {sources.row_number_sql(file)} AS r, list_value({cells}) FROM {file.staging} "
            f"WHERE NOT ({mine}) ORDER BY r",
            {"city": city_id.lower()}).fetchall()
    finally:
        con.close()
    found = [Finding("error", row, "/".join(owners), token="other_city",
                     values={"cities": ", ".join(v for v in values if v) or "–"}) for row, values in rows[:MAX_REFUSED]]
    if len(rows) > MAX_REFUSED:
        found.append(Finding("error", 0, "/".join(owners), token="more_refused",
                             values={"n": str(len(rows) - MAX_REFUSED)}))
    return found


def _city_rows_out(path: Path, table: str, city_id: str) -> bool:
    """Takes ``city_id``'s rows out of one CSV file of ``table`` (same encoding and delimiter); True when
    any went. A workbook is left as it is: its rows of the city then meet the upload as duplicates,
    which the build reports."""
    if path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        return False
    encoding = sources.detect_encoding(path)
    text = path.read_bytes().decode(encoding)
    lines = text.splitlines(keepends=True)
    if not lines:
        return False
    delimiter = sources.detect_delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return False
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    owners = [names.index(o) for o in CITY_COLUMNS[table] if o in names]
    if not owners:
        return False
    kept, dropped = [header], 0
    for row in reader:
        if any(i < len(row) and row[i].strip().lower() == city_id.lower() for i in owners):
            dropped += 1
        else:
            kept.append(row)
    if dropped:
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if "\r\n" in lines[0] else "\n").writerows(kept)
        path.write_bytes(out.getvalue().encode("utf-8-sig" if encoding == "utf-8-sig" else encoding))
        log.info("took %d row(s) of %s out of %s", dropped, city_id, path.name)
    return dropped > 0


def stage_change(folder: Path, table: str, city_id: str, target: str, content: bytes) -> list[str]:
    """Puts an upload into a copy of a source folder (see the module docstring); the names of the files
    it changed or removed."""
    stem = Path(target).stem.lower()
    changed = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or sources.table_for(path.name) is not c.TABLES_BY_NAME[table]:
            continue
        if path.stem.lower() == stem:
            path.unlink()
            changed.append(path.name)
        elif _city_rows_out(path, table, city_id):
            changed.append(path.name)
    (folder / target).write_bytes(content)
    return sorted({*changed, target})


def _diff(served: Path, candidate: Path, table: str, city_id: str, upload_file: str) -> tuple[dict, dict]:
    """New, changed, removed and unchanged keys of ``city_id``'s rows of ``table``, served vs candidate
    (a row is changed when any contract column differs); ``removed_samples``: removed sample records
    (a city's own data replaces the invented ones)."""
    keys = KEYS[table]
    con = duckdb.connect(":memory:")
    try:
        # ATTACH takes no parameters; both paths are ours (the served file and a scratch file).
        con.execute(f"ATTACH {_literal(served)} AS served (READ_ONLY)")
        con.execute(f"ATTACH {_literal(candidate)} AS candidate (READ_ONLY)")
        contract_columns = c.TABLES_BY_NAME[table].column_names
        present = {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'served' AND table_name = $t",
            {"t": table}).fetchall()}
        compared = [name for name in contract_columns if name in present]
        mine = " OR ".join(f'"{o}" = $city' for o in CITY_COLUMNS[table])
        key = "concat_ws(' · ', " + ", ".join(f'CAST("{k}" AS VARCHAR)' for k in keys) + ")"
        sample = '"is_sample"' if "is_sample" in present else "false"
        row = "md5(CAST(row(" + ", ".join(f'"{n}"' for n in compared) + ") AS VARCHAR))"
        sql = f"""
            WITH old AS (SELECT {key} AS k, {row} AS h, {sample} AS s FROM served.{table} WHERE {mine}),
                 new AS (SELECT {key} AS k, {row} AS h, source_file = $file AS uploaded
                         FROM candidate.{table} WHERE {mine})
            SELECT CASE WHEN old.k IS NULL THEN 'new' WHEN new.k IS NULL THEN 'removed'
                        WHEN old.h IS DISTINCT FROM new.h THEN 'changed' ELSE 'unchanged' END AS kind,
                   coalesce(new.k, old.k) AS k, coalesce(old.s, false) AS s
            FROM old FULL JOIN new ON old.k = new.k
            ORDER BY kind, k"""
        rows = con.execute(sql, {"city": city_id, "file": upload_file}).fetchall()
    finally:
        con.close()
    counts = {kind: 0 for kind in ("new", "changed", "removed", "unchanged", "removed_samples")}
    examples: dict[str, list[str]] = {"new": [], "changed": []}
    for kind, k, was_sample in rows:
        counts[kind] += 1
        counts["removed_samples"] += kind == "removed" and was_sample
        if kind in examples and len(examples[kind]) < EXAMPLES:
            examples[kind].append(k)
    return counts, examples


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def preview(served_db: Path, source_folder: Path, city_id: str, table: str, name: str, content: bytes, *,
            limits: Limits | None = UPLOAD_LIMITS) -> Preview:
    """What applying an upload of ``table`` rows for ``city_id`` would do (see the module docstring);
    ``name`` is the uploaded file's name (only its suffix counts). Builds the candidate folder in a
    scratch directory; nothing else is written. No exception leaves it for a bad file."""
    findings = _first_checks(table, name, content)
    target = target_name(table, city_id, name)
    if findings:
        return Preview(city_id, table, target, findings)
    with tempfile.TemporaryDirectory(prefix="alliance-intake-") as tmp:
        folder = Path(tmp) / "source"
        shutil.copytree(source_folder, folder, ignore=shutil.ignore_patterns(".*"))
        try:
            kept = Path(tmp) / target
            kept.write_bytes(content)
            findings += refused_rows(kept, table, city_id, limits)
            stage_change(folder, table, city_id, target, content)
            result = build(folder, Path(tmp) / "candidate.duckdb", limits=limits)
        except LimitExceeded as exc:
            limit = Finding("error", exc.row, exc.column, f"{exc.text} ({exc.limit_text})")
            return Preview(city_id, table, target, [limit])
        except UsageError as exc:
            return Preview(city_id, table, target, [Finding("error", 0, "", str(exc))])
        for message in sorted(result.messages, key=lambda m: m.sort_key()):
            if message.file == target:
                findings.append(Finding(message.level, message.row, message.column, message.text))
            elif message.level == "error":  # the upload breaks a reference elsewhere (a project to a company)
                findings.append(Finding("error", 0, "", token="breaks_other",
                                        values={"file": message.file, "row": str(message.row), "text": message.text}))
        if not result.ok or not result.written:
            return Preview(city_id, table, target, findings)
        counts, examples = _diff(served_db, Path(tmp) / "candidate.duckdb", table, city_id, target)
    findings.sort(key=lambda f: (f.level != "error", f.row))
    return Preview(city_id, table, target, findings, counts, examples)


class RowsRefused(ValueError):
    """An upload holds rows of another city (asked again when it is applied)."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(f"{len(findings)} row(s) of another city")
