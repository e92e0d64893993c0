"""ETL: read a member city's source files, validate them against the import contract, load DuckDB."""
