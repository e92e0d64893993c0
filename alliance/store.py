"""The one object that owns the database the dashboard reads: its path, its state, the build of the
bundled data under a file lock, and the read-only connection, renewed after a rebuild.

States (``Store.status()``), decided in this order so that a file is never reported two ways:

- ``missing``: no file yet (the app builds the bundled data);
- ``building``: another session or process holds the build lock;
- ``corrupt``: the file cannot be opened, is not a database of this dashboard, or a block fails its
  checksum when every table is read once;
- ``outdated``: built by another schema version (bundled data: rebuilt; a city's own data: reported);
- ``ready``.

Two sessions arriving at a fresh server both ask for a build; the first takes the lock and builds, the
second waits for the lock, finds the file current and builds nothing.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from alliance.db import DatabaseVersion, built_from, connect, session, version_of
from etl.build import BuildResult, Progress, build
from etl.contract.paths import SEED_DIR, database_path
from etl.contract.version import SCHEMA_VERSION
from etl.lock import BuildLockTimeout, build_lock
from etl.messages import BuildFault
from etl.public import derive, derived_from, public_path, source_mark

log = logging.getLogger(__name__)

MISSING, BUILDING, CORRUPT, OUTDATED, READY = "missing", "building", "corrupt", "outdated", "ready"
BUILD_WAIT_SECONDS = 600  # a second session waits this long for another session's first build


@dataclass(frozen=True)
class Status:
    """The state of the file and, for ``corrupt``, the first line of the cause."""

    state: str
    detail: str = ""
    bundled: bool = False  # built from data/seed/ (an outdated one is rebuilt by the app)


class Store:
    """Owns one database file. Thread-safe: Streamlit sessions are threads of one process."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else database_path()
        self._guard = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._version: DatabaseVersion | None = None
        self._verified: dict[DatabaseVersion, str] = {}  # version -> "" (sound) or the cause of damage
        self._built: dict[DatabaseVersion, tuple[int | None, str | None]] = {}
        self._public_marks: dict[DatabaseVersion, tuple[int, int] | None] = {}

    def version(self) -> DatabaseVersion | None:
        """Identifies the file now on disk (a rebuild replaces it: new inode); None if there is none."""
        try:
            return version_of(self.path)
        except FileNotFoundError:
            return None

    def status(self, *, lock_held: bool = False) -> Status:
        """The file's state; ``lock_held``: the caller holds the build lock (nobody else builds)."""
        version = self.version()
        if version is None:
            return Status(MISSING if lock_held or not self._building() else BUILDING)
        damage = self._damage(version)
        if damage:
            return Status(CORRUPT, damage)
        schema, source = self._built_from(version)
        bundled = source is not None and Path(source).resolve() == SEED_DIR.resolve()
        if schema != SCHEMA_VERSION:
            return Status(OUTDATED if lock_held or not self._building() else BUILDING, bundled=bundled)
        return Status(READY, bundled=bundled)

    def ensure(self, progress: Progress | None = None, wait: float = BUILD_WAIT_SECONDS) -> BuildResult | None:
        """Build the bundled data when the file is missing or an outdated build of the bundled data.

        Takes the build lock first and looks again: if another session built meanwhile, nothing is
        built. A city's own data is never replaced here. None if nothing was built."""
        if self.status().state not in (MISSING, BUILDING, OUTDATED):
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildFault(f"cannot create the folder {self.path.parent} ({exc.strerror or exc})") from exc
        try:
            with build_lock(self.path, wait=True, timeout=wait):
                if not self._needs_build():
                    log.info("database %s was built by another session meanwhile", self.path)
                    return None
                log.info("building %s from the bundled data", self.path)
                result = build(SEED_DIR, self.path, progress or (lambda fraction, label: None), lock_held=True)
        except BuildLockTimeout:
            log.warning("gave up waiting for another build of %s after %s s", self.path, wait)
            return None
        except BuildFault as exc:  # a read-only folder or a full disk: said in one line, the old file stays
            log.error("building %s failed: %s", self.path, exc)
            raise
        if result.ok:
            log.info("built %s: %s", self.path, result.row_counts)
        else:
            log.error("the bundled data could not be built: %d errors, first: %s", len(result.errors),
                      result.errors[0].line())
        return result

    def public(self, wait: float = BUILD_WAIT_SECONDS) -> Path:
        """The public database of this (ready) file, derived once per built file (etl/public.py): what
        visitors who may not see confidential records read. Derived under the public file's build
        lock, so two sessions never derive it twice at once."""
        target = public_path(self.path)
        if self._public_current(target):
            return target
        with build_lock(target, wait=True, timeout=wait):
            if not self._public_current(target):
                derive(self.path)
        return target

    def _public_current(self, target: Path) -> bool:
        """Whether ``target`` was derived from the full file now on disk (asked once per public file)."""
        try:
            mark, public = source_mark(self.path), version_of(target)
        except FileNotFoundError:
            return False
        with self._guard:
            known = self._public_marks.get(public)
        if known is None:
            known = derived_from(target)
            with self._guard:
                self._public_marks[public] = known
        return known == mark

    def _building(self) -> bool:
        """True while another session or process holds the build lock (tried without waiting)."""
        if not self.path.parent.is_dir():
            return False
        try:
            with build_lock(self.path, wait=False):
                return False
        except BuildLockTimeout:
            return True
        except BuildFault as exc:  # no lock file can be made (read-only folder): nobody builds here
            log.warning("%s", exc)
            return False

    def _needs_build(self) -> bool:
        """Under the build lock: is there no file, or an outdated build of the bundled data?"""
        status = self.status(lock_held=True)
        return status.state == MISSING or (status.state == OUTDATED and status.bundled)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one script run on the connection to the file now on disk; reconnects once the
        file was replaced. Raises duckdb.Error or OSError if it cannot be opened."""
        version = self.version()
        if version is None:
            raise FileNotFoundError(self.path)
        with self._guard:
            if self._con is None or self._version != version:
                # The old connection is dropped, not closed: cursors of running scripts keep it alive.
                self._con, self._version = connect(self.path), version
                log.info("connected to %s (inode %s)", self.path, version.inode)
            return session(self._con)

    def _built_from(self, version: DatabaseVersion) -> tuple[int | None, str | None]:
        """Schema version and source folder of the file, read once per built file."""
        with self._guard:
            if version in self._built:
                return self._built[version]
        facts = built_from(self.path)
        with self._guard:
            self._built[version] = facts
        return facts

    def _damage(self, version: DatabaseVersion) -> str:
        """'' if the file opens as a database of ours and every table reads back, else the cause.
        Checked once per built file: each table's columns are hashed, so every block is read."""
        with self._guard:
            if version in self._verified:
                return self._verified[version]
        try:
            with connect(self.path) as con:
                tables = [r[0] for r in con.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = 'alliance'").fetchall()]
                if "schema_info" not in tables:
                    cause = "not a database of this dashboard (no schema_info table)"
                else:
                    for table in tables:  # names come from the catalogue, not from users
                        con.execute(f'SELECT count(*), sum(hash(COLUMNS(*))) FROM "{table}"').fetchall()
                    cause = ""
        except (duckdb.Error, OSError) as exc:
            cause = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            log.error("database %s cannot be read: %s", self.path, cause)
        with self._guard:
            self._verified[version] = cause
        return cause
