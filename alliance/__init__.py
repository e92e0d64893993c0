"""The alliance's domain logic: queries, metrics, rules and exports. Never imports streamlit."""
