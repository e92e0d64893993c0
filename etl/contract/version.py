"""The schema version the app and the ETL agree on.

Raise it when tables, views or marts change: databases built with another version are rebuilt (bundled
data) or reported as outdated (a city's own data) by the app (alliance/store.py)."""

SCHEMA_VERSION = 9
