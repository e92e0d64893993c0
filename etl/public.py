"""The public database: the built database without what only signed-in roles may see.

Rules (README, "Sign-in and roles"):

- companies and projects marked ``confidential`` are left out, with what points at them
  (project_companies rows, quality notes about them) and the projects of a confidential company stay
  but no longer name it;
- a company's contact details (contact_person, contact_email, contact_phone: personal data) are always
  emptied; so is ``recorded_by`` of membership events (the e-mail of whoever recorded an answer);
- the mart ``city_sector_matrix`` is recomputed from what is left, so no total counts a hidden record.

Visitors who may not see confidential records read this file instead of the full one, so every page,
total, map, download, data package and deck is built from data that simply does not hold them.

The file is derived from a finished full database (``derive``): copied beside it, cut down,
checkpointed, then moved into place with ``os.replace`` as a build is. It records which full file it
was made from (``public_source``: inode and mtime), so a rebuild of the full file is noticed.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import duckdb

from etl.contract.paths import SQL_DIR

log = logging.getLogger(__name__)

CUT = (
    "DELETE FROM project_companies WHERE company_id IN (SELECT company_id FROM companies WHERE confidential) "
    "OR project_id IN (SELECT project_id FROM projects WHERE confidential)",
    "DELETE FROM quality_notes WHERE (subject_table = 'companies' AND subject_id IN "
    "(SELECT company_id FROM companies WHERE confidential)) OR (subject_table = 'projects' AND subject_id IN "
    "(SELECT project_id FROM projects WHERE confidential))",
    "DELETE FROM companies WHERE confidential",
    "DELETE FROM projects WHERE confidential",
    "UPDATE companies SET contact_person = NULL, contact_email = NULL, contact_phone = NULL "
    "WHERE contact_person IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL",
    "UPDATE memberships SET recorded_by = NULL WHERE recorded_by IS NOT NULL",
)


def public_path(full: Path) -> Path:
    """``data/alliance.duckdb`` -> ``data/alliance.public.duckdb``."""
    full = Path(full)
    return full.with_name(f"{full.stem}.public{full.suffix}")


def source_mark(full: Path) -> tuple[int, int]:
    """What identifies one built full file (a rebuild replaces it: new inode and mtime)."""
    stat = Path(full).stat()
    return stat.st_ino, stat.st_mtime_ns


def derived_from(public: Path) -> tuple[int, int] | None:
    """The mark of the full file ``public`` was derived from; None if there is none or it is unreadable."""
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute("ATTACH ? AS p (READ_ONLY)", [str(public)])
            rows = con.execute("SELECT inode, mtime_ns FROM p.public_source").fetchall()
        finally:
            con.close()
    except (duckdb.Error, OSError) as exc:
        log.info("no usable public database at %s (%s)", public, str(exc).splitlines()[0] if str(exc) else exc)
        return None
    return (int(rows[0][0]), int(rows[0][1])) if rows else None


def derive(full: Path) -> Path:
    """Write the public database of ``full`` (see the module docstring); returns its path.
    The caller holds the build lock of the public path (two derivations never write at once)."""
    full, target = Path(full), public_path(full)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        with open(full, "rb") as source, open(tmp, "wb") as copy:  # the mark of exactly the file copied
            stat = os.fstat(source.fileno())
            mark = (stat.st_ino, stat.st_mtime_ns)
            shutil.copyfileobj(source, copy)
        con = duckdb.connect(str(tmp))
        try:
            con.execute("BEGIN")
            counts = {name: con.execute(f"SELECT count(*) FILTER (WHERE confidential) FROM {name}").fetchall()[0][0]
                      for name in ("companies", "projects")}
            for statement in CUT:
                con.execute(statement)
            mart = (SQL_DIR / "marts" / "city_sector_matrix.sql").read_text(encoding="utf-8")
            con.execute(mart.replace("CREATE TABLE", "CREATE OR REPLACE TABLE", 1))
            con.execute("CREATE TABLE public_source (inode BIGINT, mtime_ns BIGINT, derived_at TIMESTAMP)")
            con.execute("INSERT INTO public_source VALUES (?, ?, now()::TIMESTAMP)", list(mark))
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            if leftover.exists():
                leftover.unlink()
    log.info("derived the public database %s from %s (left out %d confidential companies, %d projects)",
             target, full, counts["companies"], counts["projects"])
    return target
