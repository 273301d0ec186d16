"""The interface's words: every message in the catalog template, every template message translated, placeholders kept.

A language is offered only when its dataset texts and its interface words are complete (bodymap.i18n); the pages
in Spanish are checked in tests/test_app_spanish.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import get_args

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bodymap import i18n
from bodymap.data import ENGLISH, Dataset, Source
from bodymap.i18n import LOCALE_DIR, TEMPLATE, _, ngettext, offered_languages, speaking, untranslated, use_language
from bodymap.wording import STUDY_TYPE_WORDS

SPANISH = "es"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
PACKAGE = LOCALE_DIR.parent


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    with speaking(ENGLISH):  # a test that switches the language leaves English behind it
        yield


def _template_ids() -> set[str]:
    with TEMPLATE.open("rb") as handle:
        return {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(handle)} - {""}


def test_the_template_holds_every_message_the_code_marks() -> None:
    """Run scripts/translations when this fails: a new _() or N_() must reach the translators' catalogs."""
    method_map = [("**.py", "python")]
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(str(PACKAGE), method_map)
    }
    assert found == _template_ids()


def test_spanish_has_a_reviewed_translation_of_every_message() -> None:
    assert untranslated(SPANISH) == ()


def test_each_spanish_message_keeps_the_placeholders_of_its_english() -> None:
    with (LOCALE_DIR / SPANISH / "LC_MESSAGES" / "bodymap.po").open("rb") as handle:
        catalog = read_po(handle)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        spanish = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(english[-1]))
        if "{ordinal}" in wanted:  # a Spanish ordinal is written with the rank's number
            wanted = (wanted - {"{ordinal}"}) | {"{rank}"}
        wrong += [f"{english[0]!r}: {text!r}" for text in spanish if set(PLACEHOLDER.findall(text)) != wanted]
    assert wrong == []


def test_spanish_and_english_are_offered(dataset: Dataset) -> None:
    assert offered_languages(dataset) == (ENGLISH, SPANISH)


def test_a_message_is_said_in_the_language_of_the_run() -> None:
    assert _("Side effects") == "Side effects"
    use_language(SPANISH)
    assert _("Side effects") != "Side effects" and _("Side effects")
    assert _("a message no catalog has") == "a message no catalog has"  # English, never an empty string


def test_plurals_follow_each_languages_rule() -> None:
    forms = ("{count} area chosen.", "{count} areas chosen.")
    assert [ngettext(*forms, n).format(count=n) for n in (1, 2)] == ["1 area chosen.", "2 areas chosen."]
    use_language(SPANISH)
    one, two = (ngettext(*forms, n).format(count=n) for n in (1, 2))
    assert one.startswith("1 ") and two.startswith("2 ") and one != two.replace("2", "1")


def test_every_kind_of_source_has_its_words() -> None:
    assert set(STUDY_TYPE_WORDS) == set(get_args(Source.model_fields["study_type"].annotation))


def test_each_language_s_catalog_is_read_from_its_own_file_when_first_needed() -> None:
    """The catalogs are cached; cleared here, so the reading itself runs inside this test (docs/mutation.md)."""
    for cached in (i18n._catalog, i18n._translations, untranslated):
        cached.cache_clear()
    assert untranslated(SPANISH) == ()
    with speaking(SPANISH):
        assert _("Side effects") != "Side effects"
    assert set(untranslated("fr")) == _template_ids()  # no catalog: every message still to translate
