"""What every page shares: the sidebar, the database connection, tables with exports (pages/common/shell.py)."""
