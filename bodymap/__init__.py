"""bodymap: an interactive, cited body-map reference for trigger point dry needling.

Layers, each depending only on the one before: ``data`` (load and validate the CSV dataset), ``lookup`` (the
questions the app answers, pure Python) and ``ui`` (Streamlit pieces). ``app.py`` and ``__main__`` are thin entries.
"""
