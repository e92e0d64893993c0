"""Who may do what: the access file and the viewer of one page run.

The access file (``<instance>/access.toml``, or ``$ALLIANCE_ACCESS``) maps signed-in users to roles:

```toml
secretariat = ["sekretariat@isa-staedte.example"]   # every city's data, applies uploads, runs the circular
viewers = ["@mainz.de"]                                # signed-in readers
[editors]                                              # city editors, per city_id
mainz = ["wirtschaft@mainz.de"]
foshan = ["@foshan.gov.cn"]
```

An entry is an e-mail address (matched exactly, case-insensitively) or a domain ``@domain`` (every
address of it). A user matched several times gets all of it: secretariat over editor over viewer, an
editor the union of the cities. A signed-in user the file does not name has no role (``none``) and
reads what an anonymous visitor reads.

Roles and rights:

- ``anonymous`` / ``none`` / ``viewer``: read the public data (no confidential record, no contact);
- ``editor``: as a viewer, plus upload their cities' data and answer the circular for their cities;
- ``secretariat``: every record, applies and restores source versions, records applications and
  circulars, reads the audit log;
- ``local``: the one user of an app without sign-in, on this machine: everything the secretariat may.
  The same app reached from another address without sign-in reads the public data and writes nothing.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from etl.contract.paths import PROJECT_ROOT

log = logging.getLogger(__name__)

ANONYMOUS, NONE, VIEWER, EDITOR, SECRETARIAT, LOCAL = "anonymous", "none", "viewer", "editor", "secretariat", "local"
ROLES = (ANONYMOUS, NONE, VIEWER, EDITOR, SECRETARIAT, LOCAL)
LOCAL_USER = "local"


def instance_dir() -> Path:
    """Where the state that outlives a rebuild lives (source versions, submissions, audit log, access
    file): ``$ALLIANCE_INSTANCE``, default ``data/instance/``."""
    env = os.environ.get("ALLIANCE_INSTANCE")
    return Path(env) if env else PROJECT_ROOT / "data" / "instance"


def access_file() -> Path:
    env = os.environ.get("ALLIANCE_ACCESS")
    return Path(env) if env else instance_dir() / "access.toml"


class AccessFileError(ValueError):
    """The access file cannot be read; nobody gets a role from it until it is fixed."""


@dataclass(frozen=True)
class Viewer:
    """The person behind one page run. ``remote``: local mode reached from another address."""

    role: str
    email: str | None = None
    cities: tuple[str, ...] = ()
    remote: bool = False

    @property
    def signed_in(self) -> bool:
        return self.email is not None and self.role != LOCAL

    @property
    def sees_confidential(self) -> bool:
        """Reads the full database (confidential records, contacts); everyone else the public one."""
        return self.role == SECRETARIAT or (self.role == LOCAL and not self.remote)

    @property
    def may_write(self) -> bool:
        return self.role in (EDITOR, SECRETARIAT) or (self.role == LOCAL and not self.remote)

    @property
    def is_secretariat(self) -> bool:
        return self.role == SECRETARIAT or (self.role == LOCAL and not self.remote)

    def may_edit(self, city_id: str) -> bool:
        """May upload rows of ``city_id`` and answer the circular in its name."""
        return self.is_secretariat or (self.role == EDITOR and city_id in self.cities)

    @property
    def name(self) -> str:
        """Who is written into the audit log and the membership events."""
        return self.email or (LOCAL_USER if self.role == LOCAL else ANONYMOUS)


@dataclass(frozen=True)
class AccessRules:
    secretariat: frozenset[str] = frozenset()
    viewers: frozenset[str] = frozenset()
    editors: dict[str, frozenset[str]] = field(default_factory=dict)  # entry -> city_ids

    def viewer(self, email: str) -> Viewer:
        """The role of a signed-in ``email`` (see the module docstring)."""
        address = email.strip().lower()
        keys = {address, "@" + address.rpartition("@")[2]} if "@" in address else {address}
        if keys & self.secretariat:
            return Viewer(SECRETARIAT, address)
        cities = sorted({c for key in keys for c in self.editors.get(key, ())})
        if cities:
            return Viewer(EDITOR, address, tuple(cities))
        if keys & self.viewers:
            return Viewer(VIEWER, address)
        return Viewer(NONE, address)


def _entries(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise AccessFileError(f"{where}: expected a list of e-mail addresses or @domains")
    return frozenset(v.strip().lower() for v in value)


def parse(text: str) -> AccessRules:
    """The rules of an access file's text; raises AccessFileError naming what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AccessFileError(f"not valid TOML: {exc}") from exc
    unknown = set(data) - {"secretariat", "viewers", "editors"}
    if unknown:
        raise AccessFileError(f"unknown keys {sorted(unknown)}; expected secretariat, viewers, [editors]")
    editors: dict[str, set[str]] = {}
    table = data.get("editors", {})
    if not isinstance(table, dict):
        raise AccessFileError("editors: expected a table [editors] of city_id = [addresses]")
    for city_id, entries in table.items():
        for entry in _entries(entries, f"editors.{city_id}"):
            editors.setdefault(entry, set()).add(city_id)
    return AccessRules(_entries(data.get("secretariat", []), "secretariat"),
                       _entries(data.get("viewers", []), "viewers"), {k: frozenset(v) for k, v in editors.items()})


def load(path: Path | None = None) -> AccessRules:
    """The access file's rules; no file: nobody has a role. Raises AccessFileError if it is broken."""
    path = path or access_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("no access file at %s: signed-in users get no role", path)
        return AccessRules()
    except OSError as exc:
        raise AccessFileError(f"{path}: {exc.strerror or exc}") from exc
    return parse(text)
