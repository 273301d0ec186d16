"""Streamlit pieces of the page: the only part of bodymap that imports Streamlit."""
