"""The interface's own words in the reader's language, from gettext catalogs (Babel).

The dataset carries its texts in every language beside the English (``<column>_es``, :mod:`bodymap.data`); the words
of the interface (headings, buttons, captions) are in ``bodymap/locale/<code>/LC_MESSAGES/bodymap.po``, extracted
from the code with ``scripts/translations`` (``pybabel extract``). A catalog is read with Babel when first needed, so
no compiled ``.mo`` file can fall out of step with its ``.po``.

Other languages are complete or absent: :func:`interface_complete` is true only when every message has its
translation, and the app offers a language only then (with a complete dataset), so a page never mixes English into
another language's safety text.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bodymap.data import ENGLISH, Dataset

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "bodymap"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

# The language of the run in progress: each Streamlit session's script runs in its own thread and context, and a
# command-line call sets it once.
_language: ContextVar[str] = ContextVar("bodymap_language", default=ENGLISH)


def use_language(code: str) -> None:
    """Speak ``code`` from now on in this run (a session's script run, or a command)."""
    _language.set(code)


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Speak ``code`` inside the block, then the language before it again (a command, a test)."""
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


def current_language() -> str:
    return _language.get()


def _catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _catalog(code: str) -> Catalog:
    with _catalog_path(code).open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


@cache
def _translations(code: str) -> gettext.NullTranslations:
    """The language's messages, compiled in memory; English, the language of the code, needs none."""
    if code == ENGLISH or not _catalog_path(code).is_file():
        return gettext.NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, _catalog(code))  # fuzzy (unreviewed) translations are left out
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined (a table of labels); it is translated where shown, by _()."""
    return message


def _(message: str) -> str:
    """``message`` in the current language (``_("Side effects")``); placeholders are filled after: ``.format()``."""
    return _translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or the plural in the current language, by that language's plural rule."""
    return _translations(_language.get()).ngettext(singular, plural, count)


@cache
def untranslated(code: str) -> tuple[str, ...]:
    """The messages of the template that language ``code`` has no reviewed translation for (all, if no catalog)."""
    with TEMPLATE.open("rb") as handle:
        wanted = [message.id for message in read_po(handle) if message.id]
    if code == ENGLISH:
        return ()
    if not _catalog_path(code).is_file():
        return tuple(_singular(message_id) for message_id in wanted)
    catalog = _catalog(code)
    missing = []
    for message_id in wanted:
        message = catalog.get(message_id)
        strings = message.string if message else None
        texts = strings if isinstance(strings, tuple) else (strings,)
        if message is None or message.fuzzy or not all(texts):
            missing.append(_singular(message_id))
    return tuple(missing)


def _singular(message_id: str | Sequence[str]) -> str:
    """A message named by its English singular (a plural message's id is the pair)."""
    return message_id if isinstance(message_id, str) else str(message_id[0])


def interface_complete(code: str) -> bool:
    """Every interface message has its translation in ``code``: the language can be offered."""
    return not untranslated(code)


def offered_languages(dataset: Dataset) -> tuple[str, ...]:
    """English, then every language whose dataset texts (checked by the loader) and interface words are complete."""
    others = [
        code
        for code, language in dataset.languages.items()
        if code != ENGLISH and language.status == "complete" and interface_complete(code)
    ]
    return (ENGLISH, *others)
