"""The state of an installation that outlives every rebuild of the database: source data versions,
submitted uploads and the audit log, in ``<instance>/`` (``$ALLIANCE_INSTANCE``, default
``data/instance/``, not in git).

Layout:

- ``instance.sqlite``: tables ``versions``, ``submissions``, ``audit`` (SQLite in WAL mode with a busy
  timeout: two sessions writing at once wait for each other, nothing is lost);
- ``versions/v0001/``: one complete source folder per version, as ``python -m etl build --source``
  reads it; version 1 starts from the bundled data (data/seed/) the first time anything is written;
- ``files/<sha256>``: every accepted upload, by content.

Rules:

- A write that changes the data (an applied upload, an answer to the circular, a restore) makes a new
  version from the current one under the instance lock (``<instance>/sources.lock``, etl/lock.py), then
  builds it into the served database with ``etl.build.build`` (validated, atomic, as the command line
  does). A version whose build fails is recorded as failed and the served data stays as it was.
- Every write is an audit event: time (UTC, ISO 8601), user, action, and what changed (JSON).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from alliance import intake
from alliance.access import instance_dir
from etl.build import BuildResult, build
from etl.contract.paths import SEED_DIR, database_path
from etl.lock import build_lock

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    version_id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, user TEXT NOT NULL, reason TEXT NOT NULL,
    parent INTEGER, folder TEXT NOT NULL, files TEXT NOT NULL, status TEXT NOT NULL, detail TEXT
);
CREATE TABLE IF NOT EXISTS submissions (
    submission_id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, user TEXT NOT NULL, city_id TEXT NOT NULL,
    file_name TEXT NOT NULL, sha256 TEXT NOT NULL, preview TEXT NOT NULL, status TEXT NOT NULL,
    decided_by TEXT, decided_at TEXT, version_id INTEGER
);
CREATE TABLE IF NOT EXISTS audit (
    event_id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
"""
ACTIONS = ("upload_submitted", "upload_applied", "upload_refused", "version_restored", "answer_recorded",
           "application_recorded", "circular_sent")
ONLINE_MEMBERSHIPS = "memberships_online.csv"  # the membership events recorded in the app
ONLINE_COLUMNS = ("city_id", "event", "date", "actor_city_id", "note", "recorded_by", "recorded_at")
_guard = threading.Lock()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class Applied:
    """What a data-changing write did: the new version and the build's result (``ok``, messages)."""

    version_id: int
    result: BuildResult

    @property
    def ok(self) -> bool:
        return self.result.ok and self.result.written


class Instance:
    """The instance folder of one installation; safe for several threads and processes."""

    def __init__(self, folder: Path | None = None, db_path: Path | None = None, seed: Path | None = None):
        self.folder = Path(folder) if folder is not None else instance_dir()
        self.db_path = Path(db_path) if db_path is not None else database_path()
        self._seed = Path(seed) if seed is not None else None  # what version 1 starts from

    # --- storage -----------------------------------------------------------------------------------
    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.folder.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.folder / "instance.sqlite", timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA busy_timeout=30000")
            con.executescript(SCHEMA)
            con.row_factory = sqlite3.Row
            yield con
        finally:
            con.close()

    @contextmanager
    def _sources_lock(self) -> Iterator[None]:
        """One data-changing write at a time (version number, folder, build), across processes."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with _guard, build_lock(self.folder / "sources", timeout=600):
            yield

    def audit(self, user: str, action: str, detail: dict) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        with self._db() as con:
            con.execute("INSERT INTO audit (at, user, action, detail) VALUES (?, ?, ?, ?)",
                        (now(), user, action, json.dumps(detail, ensure_ascii=False, sort_keys=True)))
        log.info("audit: %s %s %s", user, action, detail)

    def audit_log(self, limit: int = 1000) -> list[dict]:
        """The newest audit events first: at, user, action, detail (dict)."""
        with self._db() as con:
            rows = con.execute("SELECT * FROM audit ORDER BY event_id DESC LIMIT ?", (limit,)).fetchall()
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    def keep_file(self, content: bytes) -> str:
        """Store an accepted upload by content; its sha256."""
        digest = sha256(content)
        target = self.folder / "files" / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{digest}.tmp-{threading.get_ident()}")
            tmp.write_bytes(content)
            tmp.replace(target)
        return digest

    def file(self, digest: str) -> bytes:
        return (self.folder / "files" / digest).read_bytes()

    # --- versions ----------------------------------------------------------------------------------
    def versions(self) -> list[dict]:
        """Every version, the newest first: version_id, created_at, user, reason, parent, files (list of
        {name, sha256}), status (built, failed), detail."""
        with self._db() as con:
            rows = con.execute("SELECT * FROM versions ORDER BY version_id DESC").fetchall()
        return [{**dict(r), "files": json.loads(r["files"])} for r in rows]

    def current(self) -> dict | None:
        """The version the served database was last built from (the newest built one)."""
        built = [v for v in self.versions() if v["status"] == "built"]
        return built[0] if built else None

    def source_folder(self) -> Path:
        """The folder the served data comes from: the current version's, or the bundled seed."""
        version = self.current()
        return Path(version["folder"]) if version else self.seed

    @property
    def seed(self) -> Path:
        """What version 1 starts from: the folder the served database was built from (etl_runs), so a
        city's upload meets the data being served; the bundled seed when that folder is gone."""
        if self._seed is not None:
            return self._seed
        try:
            con = duckdb.connect(str(self.db_path), read_only=True)
            try:
                row = con.execute("SELECT source_dir FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchall()
            finally:
                con.close()
        except duckdb.Error as exc:
            log.warning("cannot read where %s was built from (%s); starting from the bundled data", self.db_path, exc)
            return SEED_DIR
        built_from = Path(row[0][0]) if row else None
        return built_from if built_from is not None and built_from.is_dir() else SEED_DIR

    def _new_version(self, user: str, reason: str, change: Callable[[Path], None], parent_folder: Path,
                     progress: Callable[[float, str], None] | None = None) -> Applied:
        """Under the sources lock: copy ``parent_folder``, apply ``change`` to the copy, build it. Before
        the first change, version 1 records the data served until then, so it can be restored."""
        if not self.versions():
            self._record_start()
            if parent_folder == self.seed:
                parent_folder = self.source_folder()
        with self._db() as con:
            number = con.execute("SELECT coalesce(max(version_id), 0) + 1 FROM versions").fetchone()[0]
        folder = self.folder / "versions" / f"v{number:04d}"
        if folder.exists():
            shutil.rmtree(folder)  # left by a write that died before it was recorded
        shutil.copytree(parent_folder, folder, ignore=shutil.ignore_patterns(".*"))
        change(folder)
        files = [{"name": p.name, "sha256": sha256(p.read_bytes())} for p in sorted(folder.iterdir()) if p.is_file()]
        parent = self.current()
        result = build(folder, self.db_path, progress or (lambda fraction, label: None))
        status = "built" if result.ok and result.written else "failed"
        detail = "; ".join(m.line() for m in result.errors[:20])
        with self._db() as con:
            con.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (number, now(), user, reason, parent["version_id"] if parent else None, str(folder),
                         json.dumps(files), status, detail))
        log.info("version %d (%s by %s): %s", number, reason, user, status)
        return Applied(number, result)

    def _record_start(self) -> None:
        """Version 1: a copy of the folder the served database was built from, recorded as built (it is
        what is being served; nothing is rebuilt)."""
        seed = self.seed
        folder = self.folder / "versions" / "v0001"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(seed, folder, ignore=shutil.ignore_patterns(".*"))
        files = [{"name": p.name, "sha256": sha256(p.read_bytes())} for p in sorted(folder.iterdir()) if p.is_file()]
        with self._db() as con:
            con.execute("INSERT INTO versions VALUES (1, ?, ?, ?, NULL, ?, ?, 'built', '')",
                        (now(), "system", f"start: {seed.name}", str(folder), json.dumps(files)))
        log.info("version 1 records the served data from %s", seed)

    def add_file(self, user: str, name: str, content: bytes, reason: str, city_id: str | None = None,
                 table: str | None = None) -> Applied:
        """A new version with ``name`` added or replaced (an applied upload). With ``city_id`` and
        ``table`` the file replaces that city's rows of the table (alliance/intake.py)."""
        digest = self.keep_file(content)

        def change(folder: Path) -> None:
            if city_id and table:
                intake.stage_change(folder, table, city_id, name, content)
            else:
                (folder / name).write_bytes(content)

        with self._sources_lock():
            applied = self._new_version(user, reason, change, self.source_folder())
        self.audit(user, "upload_applied", {"file": name, "sha256": digest, "version": applied.version_id,
                                            "built": applied.ok})
        return applied

    def restore(self, user: str, version_id: int) -> Applied:
        """A new version with the files of ``version_id`` (an earlier one), built and served."""
        chosen = next((v for v in self.versions() if v["version_id"] == version_id), None)
        if chosen is None:
            raise KeyError(version_id)
        with self._sources_lock():
            applied = self._new_version(user, f"restore v{version_id}", lambda folder: None, Path(chosen["folder"]))
        self.audit(user, "version_restored", {"restored": version_id, "version": applied.version_id,
                                              "built": applied.ok})
        return applied

    def record_event(self, user: str, event: dict, action: str) -> Applied:
        """A new version with one membership event appended to memberships_online.csv (an answer to the
        circular, an application, a circular sent), with who recorded it and when."""
        row = {**{c: "" for c in ONLINE_COLUMNS}, **event, "recorded_by": user, "recorded_at": now()}

        def change(folder: Path) -> None:
            path = folder / ONLINE_MEMBERSHIPS
            fresh = not path.exists()
            with path.open("a", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, ONLINE_COLUMNS)
                if fresh:
                    writer.writeheader()
                writer.writerow({c: row[c] for c in ONLINE_COLUMNS})

        with self._sources_lock():
            applied = self._new_version(user, action, change, self.source_folder())
        self.audit(user, action, {**{k: v for k, v in row.items() if v and k != "recorded_by"},
                                  "version": applied.version_id, "built": applied.ok})
        return applied

    # --- submissions -------------------------------------------------------------------------------
    def submit(self, user: str, city_id: str, name: str, content: bytes, preview: dict) -> int:
        """Keep an editor's checked file for the secretariat; its submission id."""
        digest = self.keep_file(content)
        with self._db() as con:
            cursor = con.execute(
                "INSERT INTO submissions (created_at, user, city_id, file_name, sha256, preview, status) "
                "VALUES (?, ?, ?, ?, ?, ?, 'submitted')",
                (now(), user, city_id, name, digest, json.dumps(preview, ensure_ascii=False, default=str)))
            submission = cursor.lastrowid
        self.audit(user, "upload_submitted", {"submission": submission, "city": city_id, "file": name,
                                              "sha256": digest, **preview.get("counts", {})})
        return submission

    def submissions(self, status: str | None = None) -> list[dict]:
        with self._db() as con:
            rows = con.execute("SELECT * FROM submissions WHERE ? IS NULL OR status = ? ORDER BY submission_id",
                               (status, status)).fetchall()
        return [{**dict(r), "preview": json.loads(r["preview"])} for r in rows]

    def apply(self, user: str, submission_id: int) -> Applied:
        """Apply a submitted file: a new version with it, built; the submission is marked applied (or
        failed, when the build finds errors, and the served data stays)."""
        chosen = next((s for s in self.submissions("submitted") if s["submission_id"] == submission_id), None)
        if chosen is None:
            raise KeyError(submission_id)
        content, table = self.file(chosen["sha256"]), chosen["preview"].get("table")
        with tempfile.TemporaryDirectory(prefix="alliance-apply-") as tmp:  # asked again, not only at preview
            kept = Path(tmp) / chosen["file_name"]
            kept.write_bytes(content)
            refused = intake.refused_rows(kept, table, chosen["city_id"]) if table else []
        if refused:
            self.refuse(user, submission_id, "rows of another city")
            raise intake.RowsRefused(refused)
        applied = self.add_file(user, chosen["file_name"], content, f"submission {submission_id} ({chosen['city_id']})",
                                chosen["city_id"], table)
        with self._db() as con:
            con.execute("UPDATE submissions SET status = ?, decided_by = ?, decided_at = ?, version_id = ? "
                        "WHERE submission_id = ?", ("applied" if applied.ok else "failed", user, now(),
                                                    applied.version_id, submission_id))
        return applied

    def refuse(self, user: str, submission_id: int, note: str = "") -> None:
        """The secretariat sends a submission back; it stays in the list, marked refused."""
        with self._db() as con:
            changed = con.execute("UPDATE submissions SET status = 'refused', decided_by = ?, decided_at = ? "
                                  "WHERE submission_id = ? AND status = 'submitted'",
                                  (user, now(), submission_id)).rowcount
        if not changed:
            raise KeyError(submission_id)
        self.audit(user, "upload_refused", {"submission": submission_id, "note": note})
