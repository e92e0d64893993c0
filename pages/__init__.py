"""Dashboard pages (Streamlit runs each file in this folder as a page; `common` holds what they share)."""
