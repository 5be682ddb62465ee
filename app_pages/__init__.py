"""Streamlit pages: thin files that read widgets, call monitor/, and render."""
